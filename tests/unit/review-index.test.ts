import { describe, expect, it } from 'vitest';
import type { ReviewData } from '../../shared/ipc/contract-review';
import { applyChanges, CodePlayback } from '../../shared/playback';
import {
  MIN_IDLE_MS,
  REVIEW_TRACKS,
  ReviewIndex,
  VideoClock,
  codePaneAt,
  playbackFromReview,
  speakingMs,
  type ReviewTrack,
} from '../../shared/review';
import { rng } from '../support/random';
import { syntheticSession, toReviewData } from './review-fixture';

const session = syntheticSession(7, { edits: 48_000, others: 2_000, minutes: 60 });
const data = toReviewData(session);
const index = ReviewIndex.build(data);
const random = rng(99);
const randomTimes = (n: number) => Array.from({ length: n }, () => Math.round(random() * (session.endMs + 20_000)) - 10_000);

/** Each track's moments in the data's own order, for naive scans. */
function rawTimes(d: ReviewData, track: ReviewTrack): number[] {
  switch (track) {
    case 'edits':
      return d.tracks.edits.tMs;
    case 'annotations':
      return d.annotations.map((a) => a.tMs ?? -Infinity);
    default:
      return d.tracks[track].map((e) => e.tMs);
  }
}

function naiveAtOrBefore(times: number[], t: number): number {
  let best = -1;
  for (let i = 0; i < times.length; i++) if (times[i]! <= t && (best < 0 || times[i]! >= times[best]!)) best = i;
  return best;
}

describe('ReviewIndex on a 60-minute session with 50,000 events', () => {
  it('has the events it was given', () => {
    const total = REVIEW_TRACKS.reduce((n, t) => n + index.count(t), 0);
    expect(total).toBe(50_000);
    expect(index.endMs).toBeGreaterThan(59 * 60_000);
  });

  it('finds the event at or before a moment on every track, as a scan does', () => {
    for (const t of randomTimes(300)) {
      for (const track of REVIEW_TRACKS) {
        const times = rawTimes(data, track);
        const got = index.atOrBefore(track, t);
        const want = naiveAtOrBefore(times, t);
        // Several events can share a moment: any of them is the same answer in time.
        expect(got === -1 ? null : times[got]).toBe(want === -1 ? null : times[want]);
      }
    }
  });

  it('steps to the next and previous event across tracks, as a scan does', () => {
    const all = REVIEW_TRACKS.flatMap((track) => rawTimes(data, track).map((tMs) => ({ track, tMs }))).filter((e) =>
      Number.isFinite(e.tMs),
    );
    for (const t of randomTimes(100)) {
      let next: number | null = null;
      let prev: number | null = null;
      for (const e of all) {
        if (e.tMs > t && (next === null || e.tMs < next)) next = e.tMs;
        if (e.tMs < t - 500 && (prev === null || e.tMs > prev)) prev = e.tMs;
      }
      const gotNext = index.nextEvent(t);
      const gotPrev = index.previousEvent(t, REVIEW_TRACKS, 500);
      expect(gotNext?.tMs ?? null).toBe(next);
      expect(gotPrev?.tMs ?? null).toBe(prev);
      if (gotNext) expect(rawTimes(data, gotNext.track)[gotNext.index]).toBe(gotNext.tMs);
    }
    // Limited to some tracks, only those are considered.
    const turnsOnly = index.nextEvent(0, ['turns'])!;
    expect(turnsOnly.track).toBe('turns');
    expect(turnsOnly.tMs).toBe(Math.min(...data.tracks.turns.map((x) => x.tMs).filter((x) => x > 0)));
  });

  it('finds idle stretches exactly where a scan over all activity finds gaps', () => {
    const spans: Array<[number, number]> = [
      ...data.tracks.edits.tMs.map((t): [number, number] => [t, t]),
      ...data.tracks.runs.map((r): [number, number] => [r.tMs, r.tMs + (r.durationMs ?? 0)]),
      ...data.tracks.turns.map((x): [number, number] => [x.tMs, x.tMs + speakingMs(x.text)]),
      ...data.tracks.controls.map((c): [number, number] => [c.tMs, c.tMs]),
    ];
    const busy = (t: number) => spans.some(([s, e]) => s <= t && t <= e);
    const minIdle = 5_000;
    const stretches = index.idleStretches(minIdle);
    expect(stretches.length).toBeGreaterThan(5);
    for (const s of stretches.slice(0, 40)) {
      expect(s.endMs - s.startMs).toBeGreaterThanOrEqual(minIdle);
      // Nothing happens strictly inside, and something happens at its end (or the session ends).
      expect(spans.some(([a, b]) => a < s.endMs && b > s.startMs)).toBe(false);
      expect(busy(s.endMs) || s.endMs === index.endMs).toBe(true);
    }
    for (const t of randomTimes(300)) {
      const got = index.idleStretchAt(t, minIdle);
      const inOne = stretches.find((s) => s.startMs <= t && t < s.endMs) ?? null;
      expect(got).toEqual(inOne);
    }
    expect(index.idleStretches(10)).toEqual(index.idleStretches(MIN_IDLE_MS));
  });

  it('buckets edit density as a scan counts it, at any zoom', () => {
    for (const [from, to, buckets] of [
      [0, index.endMs, 800],
      [600_000, 660_000, 300],
      [1_234_567, 1_240_000, 7],
    ] as const) {
      const d = index.editDensity(from, to, buckets);
      const counts = new Array<number>(buckets).fill(0);
      const chars = new Array<number>(buckets).fill(0);
      data.tracks.edits.tMs.forEach((t, i) => {
        if (t < from || t >= to) return;
        const b = Math.min(buckets - 1, Math.floor((t - from) / ((to - from) / buckets)));
        counts[b]!++;
        chars[b]! += data.tracks.edits.diffChars[i]!;
      });
      expect(Array.from(d.counts).reduce((a, b) => a + b, 0)).toBe(counts.reduce((a, b) => a + b, 0));
      expect(Array.from(d.counts)).toEqual(counts);
      expect(Array.from(d.chars)).toEqual(chars);
      expect(d.maxCount).toBe(Math.max(...counts));
    }
  });

  it('shows the console of the last run started, running until it ends', () => {
    for (const t of randomTimes(200)) {
      const got = index.runAt(t);
      const want = naiveAtOrBefore(
        data.tracks.runs.map((r) => r.tMs),
        t,
      );
      if (want < 0) expect(got).toBeNull();
      else {
        const run = data.tracks.runs[got!.index]!;
        expect(run.tMs).toBe(data.tracks.runs[want]!.tMs);
        expect(got!.running).toBe(t < run.tMs + run.durationMs!);
      }
    }
  });

  it('gives the exact code text at random moments, and marks lines changed in the last seconds', () => {
    const playback = playbackFromReview(data.code);
    const times = randomTimes(60).sort((a, b) => a - b);
    const texts = new Map(session.files.map((f) => [f, null as string | null]));
    let next = 0;
    for (const t of times) {
      while (next < session.edits.length && session.edits[next]!.tMs <= t) {
        const e = session.edits[next++]!;
        texts.set(e.file, applyChanges(texts.get(e.file) ?? '', e.changes));
      }
      for (const file of session.files) {
        const pane = codePaneAt(playback, file, t, 3000);
        expect(pane.text).toBe(texts.get(file));
        const recent = session.edits.filter((e) => e.file === file && e.tMs > t - 3000 && e.tMs <= t);
        if (recent.length === 0) expect(pane.changedLines).toEqual([]);
        else {
          expect(pane.changedLines.length).toBeGreaterThan(0);
          expect(pane.lastChange!.tMs).toBe(recent.at(-1)!.tMs);
          const lines = pane.text!.split('\n').length;
          for (const l of pane.changedLines) expect(l >= 1 && l <= lines).toBe(true);
        }
      }
    }
  });
});

describe('codePaneAt changed lines', () => {
  const build = (edits: Array<[number, number, number, string]>) =>
    CodePlayback.build(
      [],
      edits.map(([tMs, rangeOffset, rangeLength, text], i) => ({
        seq: i + 1,
        tMs,
        file: 'a.py',
        changes: [{ rangeOffset, rangeLength, text }],
      })),
    );

  it('marks the lines recent edits touched, and only those', () => {
    // "one\ntwo\nthree\n" typed at once at 1 s, then "TWO" replaces "two" at 10 s.
    const p = build([
      [1000, 0, 0, 'one\ntwo\nthree\n'],
      [10_000, 4, 3, 'TWO'],
    ]);
    expect(codePaneAt(p, 'a.py', 10_500, 3000)).toMatchObject({
      text: 'one\nTWO\nthree\n',
      changedLines: [2],
      lastChange: { seq: 2, tMs: 10_000 },
    });
    // The window has moved past the edit: nothing is highlighted, the text stays.
    expect(codePaneAt(p, 'a.py', 14_000, 3000)).toMatchObject({ text: 'one\nTWO\nthree\n', changedLines: [], lastChange: { seq: 2 } });
    expect(codePaneAt(p, 'a.py', 500, 3000)).toEqual({ text: null, changedLines: [], lastChange: null });
  });

  it('carries earlier marks along when later edits insert before them, and marks deletions', () => {
    const p = build([
      [0, 0, 0, 'a\nb\nc\nd\n'],
      [10_000, 4, 1, 'C'], // line 3 "c" → "C"
      [10_100, 0, 0, 'new\n'], // a line inserted at the top pushes "C" down to line 4
      [10_200, 4, 2, ''], // deletes "a\n" (now at offset 4): "C" is back on line 3, the deletion marks line 2
    ]);
    const pane = codePaneAt(p, 'a.py', 10_300, 3000);
    expect(pane.text).toBe('new\nb\nC\nd\n');
    expect(pane.changedLines).toEqual([1, 2, 3]);
  });
});

describe('VideoClock', () => {
  it('maps video time to session time through the start offset and pauses, and back', () => {
    const clock = new VideoClock({
      startOffsetMs: 2_000,
      pauses: [
        { atMs: 10_000, resumedAtMs: 15_000 },
        { atMs: 30_000, resumedAtMs: 31_000 },
      ],
    });
    expect(clock.sessionTimeAt(0)).toBe(2_000);
    expect(clock.sessionTimeAt(8_000)).toBe(10_000); // the last frame before the pause
    expect(clock.sessionTimeAt(8_001)).toBe(15_001);
    expect(clock.sessionTimeAt(23_000)).toBe(30_000);
    expect(clock.sessionTimeAt(23_500)).toBe(31_500);
    expect(clock.videoTimeAt(12_000)).toBe(8_000); // inside a pause: the frame it started on
    expect(clock.isPausedAt(12_000)).toBe(true);
    expect(clock.videoTimeAt(1_000)).toBe(-1_000);
    const random = rng(5);
    for (let i = 0; i < 1000; i++) {
      const v = Math.round(random() * 60_000);
      const s = clock.sessionTimeAt(v);
      if (!clock.isPausedAt(s) || s === 10_000 || s === 30_000) expect(clock.videoTimeAt(s)).toBe(v);
    }
  });

  it('shows the code after the last edit at or before the video moment (start offset applied)', () => {
    const small = syntheticSession(3, { edits: 2_000, others: 50, minutes: 5 });
    const recording = {
      id: 'r1',
      status: 'completed' as const,
      mimeType: 'video/mp4',
      bytes: 1,
      startOffsetMs: 1_250,
      pauses: [],
      durationMs: 290_000,
      startedAt: 'x',
      endedAt: null,
      error: null,
      fileExists: true,
    };
    const d = toReviewData(small, [recording]);
    const idx = ReviewIndex.build(d);
    const playback = playbackFromReview(d.code);
    for (const v of [0, 1_000, 60_000, 123_456]) {
      const t = idx.sessionTimeAtVideo(v);
      expect(t).toBe(v + 1_250);
      const last = small.edits.filter((e) => e.tMs <= t && e.file === 'solution.py').length;
      const want = small.edits
        .filter((e) => e.file === 'solution.py')
        .slice(0, last)
        .reduce((text, e) => applyChanges(text, e.changes), '');
      expect(codePaneAt(playback, 'solution.py', t, 2000).text ?? '').toBe(want);
    }
  });
});
