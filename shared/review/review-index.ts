import type { Annotation } from '../ipc/contract-annotations';
import type { ReviewData } from '../ipc/contract-review';
import { lowerBound, sortOrder, upperBound } from './search';
import { VideoClock, primaryRecording } from './video-clock';

export const REVIEW_TRACKS = ['edits', 'runs', 'tests', 'turns', 'controls', 'integrity', 'annotations'] as const;
export type ReviewTrack = (typeof REVIEW_TRACKS)[number];

/** One event of one track: `index` points into that track's array of the review data (for edits, its columns). */
export interface TrackEventRef {
  track: ReviewTrack;
  index: number;
  tMs: number;
}

export interface IdleStretch {
  startMs: number;
  endMs: number;
}

export interface EditDensity {
  /** Bucket `i` covers `[fromMs + i * bucketMs, fromMs + (i + 1) * bucketMs)`. */
  bucketMs: number;
  counts: Uint32Array;
  /** Characters changed (each edit's `diffChars`) per bucket. */
  chars: Float64Array;
  maxCount: number;
  maxChars: number;
}

/** Gaps shorter than this are never "idle"; keeping only longer ones keeps the list small. */
export const MIN_IDLE_MS = 1000;

/**
 * Speech has no end time in the data; a turn is taken to last as long as it takes to say it (about
 * 150 words a minute), at least a second and at most a minute, so "skip idle" never cuts into an answer.
 */
export function speakingMs(text: string): number {
  const words = text.trim() ? text.trim().split(/\s+/).length : 0;
  return Math.min(60_000, Math.max(1000, words * 400));
}

/** One track's moments in ascending order, with the way back to the data's own order. */
class TrackTimes {
  readonly times: Float64Array;
  private readonly order: Uint32Array | null;

  constructor(raw: ArrayLike<number>) {
    this.order = sortOrder(raw);
    this.times = new Float64Array(raw.length);
    for (let k = 0; k < raw.length; k++) this.times[k] = raw[this.order ? this.order[k]! : k]!;
  }

  get length(): number {
    return this.times.length;
  }

  /** The data index of the k-th event in time order. */
  original(k: number): number {
    return this.order ? this.order[k]! : k;
  }
}

/**
 * The review screen's index over one session's `review:load` data, built once: every track's moments in
 * time order, so that "what is at t", "next/previous event", idle stretches and edit density are binary
 * searches, never scans. All times are session milliseconds (the telemetry clock); use `videoClock` to go
 * to and from the player's time.
 */
export class ReviewIndex {
  /** The end of the timeline: the last moment anything happened (or the recording ends). */
  readonly endMs: number;
  /** The clock of the recording the player shows, or null when the session has no playable recording. */
  readonly videoClock: VideoClock | null;
  private readonly tracks: Record<ReviewTrack, TrackTimes>;
  private readonly editCharsPrefix: Float64Array;
  /** Gaps of at least MIN_IDLE_MS with no edit, run, turn or control, ascending. */
  private readonly gapStarts: Float64Array;
  private readonly gapEnds: Float64Array;

  private constructor(
    private readonly data: ReviewData,
    annotations: readonly Annotation[],
  ) {
    const { edits, runs, tests, turns, controls, integrity } = data.tracks;
    const recording = primaryRecording(data.recordings);
    this.videoClock = recording ? new VideoClock(recording) : null;
    this.tracks = {
      edits: new TrackTimes(edits.tMs),
      runs: new TrackTimes(runs.map((r) => r.tMs)),
      tests: new TrackTimes(tests.map((t) => t.tMs)),
      turns: new TrackTimes(turns.map((t) => t.tMs)),
      controls: new TrackTimes(controls.map((c) => c.tMs)),
      integrity: new TrackTimes(integrity.map((s) => s.tMs)),
      annotations: annotationTimes(annotations),
    };
    const editTrack = this.tracks.edits;
    this.editCharsPrefix = new Float64Array(editTrack.length + 1);
    for (let k = 0; k < editTrack.length; k++)
      this.editCharsPrefix[k + 1] = this.editCharsPrefix[k]! + edits.diffChars[editTrack.original(k)]!;

    let end = 0;
    for (const name of REVIEW_TRACKS) {
      const t = this.tracks[name].times;
      if (t.length > 0) end = Math.max(end, t[t.length - 1]!);
    }
    for (const r of runs) end = Math.max(end, r.tMs + (r.durationMs ?? 0));
    for (const t of turns) end = Math.max(end, t.tMs + speakingMs(t.text));
    if (recording && this.videoClock && recording.durationMs !== null)
      end = Math.max(end, this.videoClock.sessionTimeAt(recording.durationMs));
    if (end === 0) end = data.session.activeMs;
    this.endMs = end;

    const gaps = idleGaps(editTrack.times, this.activityIntervals(), this.endMs);
    this.gapStarts = gaps.starts;
    this.gapEnds = gaps.ends;
  }

  static build(data: ReviewData): ReviewIndex {
    return new ReviewIndex(data, data.annotations);
  }

  /** The same index with another list of annotations (after one was added, changed or deleted). */
  withAnnotations(annotations: readonly Annotation[]): ReviewIndex {
    return new ReviewIndex({ ...this.data, annotations: [...annotations] }, annotations);
  }

  /** How many events a track has. */
  count(track: ReviewTrack): number {
    return this.tracks[track].length;
  }

  /** The data index of the track's last event at or before `tMs`, or -1. */
  atOrBefore(track: ReviewTrack, tMs: number): number {
    const t = this.tracks[track];
    const k = upperBound(t.times, tMs) - 1;
    return k < 0 ? -1 : t.original(k);
  }

  /** Data indexes of the track's events with `fromMs <= t < toMs`, in time order (markers in view). */
  between(track: ReviewTrack, fromMs: number, toMs: number): number[] {
    const t = this.tracks[track];
    const out: number[] = [];
    for (let k = lowerBound(t.times, fromMs), end = lowerBound(t.times, toMs); k < end; k++) out.push(t.original(k));
    return out;
  }

  /** The first event strictly after `tMs` on any of `tracks` (for `]`); ties go to the earlier-listed track. */
  nextEvent(tMs: number, tracks: readonly ReviewTrack[] = REVIEW_TRACKS): TrackEventRef | null {
    let best: TrackEventRef | null = null;
    for (const track of tracks) {
      const t = this.tracks[track];
      const k = upperBound(t.times, tMs);
      if (k < t.length && (best === null || t.times[k]! < best.tMs)) best = { track, index: t.original(k), tMs: t.times[k]! };
    }
    return best;
  }

  /**
   * The last event strictly before `tMs - skipWithinMs` on any of `tracks` (for `[`). Pass a small
   * `skipWithinMs` (say 500) while playing, so that `[` right after an event goes to the one before it.
   */
  previousEvent(tMs: number, tracks: readonly ReviewTrack[] = REVIEW_TRACKS, skipWithinMs = 0): TrackEventRef | null {
    const limit = tMs - Math.max(0, skipWithinMs);
    let best: TrackEventRef | null = null;
    for (const track of tracks) {
      const t = this.tracks[track];
      const k = lowerBound(t.times, limit) - 1;
      if (k >= 0 && t.times[k]! > -Infinity && (best === null || t.times[k]! > best.tMs))
        best = { track, index: t.original(k), tMs: t.times[k]! };
    }
    return best;
  }

  /** Stretches of at least `minIdleMs` (never less than MIN_IDLE_MS) with no edit, run, turn or control. */
  idleStretches(minIdleMs: number): IdleStretch[] {
    const min = Math.max(MIN_IDLE_MS, minIdleMs);
    const out: IdleStretch[] = [];
    for (let i = 0; i < this.gapStarts.length; i++) {
      if (this.gapEnds[i]! - this.gapStarts[i]! >= min) out.push({ startMs: this.gapStarts[i]!, endMs: this.gapEnds[i]! });
    }
    return out;
  }

  /**
   * The idle stretch (of at least `minIdleMs`) that `tMs` lies in, start included and end excluded, or
   * null. "Skip idle" seeks to its `endMs` when playback enters one.
   */
  idleStretchAt(tMs: number, minIdleMs: number): IdleStretch | null {
    const min = Math.max(MIN_IDLE_MS, minIdleMs);
    let k = upperBound(this.gapStarts, tMs) - 1;
    // Gaps do not overlap, so only the last one starting at or before tMs can hold it.
    if (k < 0 || tMs >= this.gapEnds[k]!) return null;
    if (this.gapEnds[k]! - this.gapStarts[k]! < min) k = -1;
    return k < 0 ? null : { startMs: this.gapStarts[k]!, endMs: this.gapEnds[k]! };
  }

  /** Edit counts and changed characters in `buckets` equal buckets over `[fromMs, toMs)` (the zoomed timeline). */
  editDensity(fromMs: number, toMs: number, buckets: number): EditDensity {
    const n = Math.max(1, Math.floor(buckets));
    const span = Math.max(1e-9, toMs - fromMs);
    const bucketMs = span / n;
    const counts = new Uint32Array(n);
    const chars = new Float64Array(n);
    const times = this.tracks.edits.times;
    let maxCount = 0;
    let maxChars = 0;
    let lo = lowerBound(times, fromMs);
    for (let i = 0; i < n; i++) {
      const hi = i === n - 1 ? lowerBound(times, toMs) : lowerBound(times, fromMs + (i + 1) * bucketMs);
      counts[i] = hi - lo;
      chars[i] = this.editCharsPrefix[hi]! - this.editCharsPrefix[lo]!;
      if (counts[i]! > maxCount) maxCount = counts[i]!;
      if (chars[i]! > maxChars) maxChars = chars[i]!;
      lo = hi;
    }
    return { bucketMs, counts, chars, maxCount, maxChars };
  }

  /** The turn being said or last said at `tMs` (the transcript scrolls to it), or -1. */
  turnAt(tMs: number): number {
    return this.atOrBefore('turns', tMs);
  }

  /**
   * The console at `tMs`: the last run started at or before it, and whether it was still running then
   * (its output appears when it ends). Null before the first run.
   */
  runAt(tMs: number): { index: number; running: boolean } | null {
    const index = this.atOrBefore('runs', tMs);
    if (index < 0) return null;
    const run = this.data.tracks.runs[index]!;
    return { index, running: run.durationMs !== null && tMs < run.tMs + run.durationMs };
  }

  /** Session time shown at the player's `videoMs` (the player's time itself when there is no recording). */
  sessionTimeAtVideo(videoMs: number): number {
    return this.videoClock ? this.videoClock.sessionTimeAt(videoMs) : videoMs;
  }

  /** The player's time for session time `tMs` (negative before the recording started). */
  videoTimeAtSession(tMs: number): number {
    return this.videoClock ? this.videoClock.videoTimeAt(tMs) : tMs;
  }

  /** Activity other than edits (which are points, kept in their own sorted array), sorted by start. */
  private activityIntervals(): { starts: Float64Array; ends: Float64Array } {
    const spans: Array<[number, number]> = [];
    for (const r of this.data.tracks.runs) spans.push([r.tMs, r.tMs + (r.durationMs ?? 0)]);
    for (const t of this.data.tracks.turns) spans.push([t.tMs, t.tMs + speakingMs(t.text)]);
    for (const c of this.data.tracks.controls) spans.push([c.tMs, c.tMs]);
    spans.sort((a, b) => a[0] - b[0]);
    return { starts: Float64Array.from(spans, (s) => s[0]), ends: Float64Array.from(spans, (s) => s[1]) };
  }
}

function annotationTimes(annotations: readonly Annotation[]): TrackTimes {
  // An annotation without a moment sorts first; the UI lists it but the timeline has no place for it.
  return new TrackTimes(annotations.map((a) => a.tMs ?? -Infinity));
}

/** Gaps of at least MIN_IDLE_MS between activity, from 0 to `endMs`: one sweep over two sorted inputs. */
function idleGaps(points: Float64Array, spans: { starts: Float64Array; ends: Float64Array }, endMs: number) {
  const starts: number[] = [];
  const ends: number[] = [];
  let busyUntil = 0;
  let i = 0;
  let j = 0;
  const note = (start: number, end: number) => {
    if (start - busyUntil >= MIN_IDLE_MS) {
      starts.push(busyUntil);
      ends.push(start);
    }
    if (end > busyUntil) busyUntil = end;
  };
  while (i < points.length || j < spans.starts.length) {
    if (j >= spans.starts.length || (i < points.length && points[i]! <= spans.starts[j]!)) {
      note(points[i]!, points[i]!);
      i++;
    } else {
      note(spans.starts[j]!, spans.ends[j]!);
      j++;
    }
  }
  note(endMs, endMs);
  return { starts: Float64Array.from(starts), ends: Float64Array.from(ends) };
}
