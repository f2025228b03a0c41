import { applyOrdered, lengthAfter, orderChanges, PieceText, type TextChange } from './changes';
import { lowerBound, upperBound } from '../util/binary-search';

/** One stored editor edit of one file: the changes of a single Monaco content change event. */
export interface CodeChangeRecord {
  /** Position in the session's recorded order (the `code_changes` row): strictly increasing. */
  seq: number;
  /** Milliseconds from session start (the store's `t_ms`). */
  tMs: number;
  file: string;
  changes: TextChange[];
  /** SHA-256 hex of the whole file text after this edit, from the canonical `code_edit` event. */
  afterHash?: string;
}

/** A file's full text after every change of the session with `seq <= afterSeq`. */
export interface CodeSnapshotRecord {
  /** 0 = before any change of the session. */
  afterSeq: number;
  tMs: number;
  file: string;
  text: string;
}

export interface PlaybackOptions {
  /**
   * A checkpoint (the file's full text, kept in memory) every this many changes of a file, so a query
   * replays at most this many changes from the nearest checkpoint or snapshot. Default 64.
   */
  checkpointEvery?: number;
  /** Compute every checkpoint during `build` rather than on first use. Default false. */
  eager?: boolean;
  /**
   * Upper bound on the code units held in computed checkpoints, over all files. When the plan would
   * exceed it, checkpoints are spaced further apart (doubling) until it fits. Default 32 Mi.
   */
  maxCheckpointChars?: number;
}

/** A place where the recorded changes and the recorded hashes (or snapshots) disagree. */
export interface PlaybackMismatch {
  /** The change's seq; for a snapshot, its `afterSeq`. */
  seq: number;
  file: string;
  tMs: number;
  /** The recorded hash: the event's afterHash, or the snapshot's own hash. */
  expected: string;
  /** The hash of the text rebuilt from the changes. */
  actual: string;
  kind: 'change' | 'snapshot';
  reason: string;
}

export const PLAYBACK_DEFAULTS = { checkpointEvery: 64, maxCheckpointChars: 32 * 1024 * 1024 } as const;

const CHANGE = 0;
const SNAPSHOT = 1;

interface Step {
  kind: typeof CHANGE | typeof SNAPSHOT;
  /** seq for a change, afterSeq for a snapshot. */
  key: number;
  change?: CodeChangeRecord;
  snapshot?: CodeSnapshotRecord;
  /** A change's changes in apply order, or null when they do not apply (`error` says why). */
  ordered?: readonly TextChange[] | null;
  error?: string;
}

/** One file's history: its changes and snapshots in recorded order, with in-memory checkpoints. */
class FileHistory {
  readonly steps: Step[] = [];
  /** Effective moment of each step (non-decreasing); see `CodePlayback`. */
  times: Float64Array = new Float64Array(0);
  keys: Float64Array = new Float64Array(0);
  /** Text length after each step (for planning checkpoints without building any text). */
  lengths: Float64Array = new Float64Array(0);
  /** Steps after which the full text is kept: every snapshot, and the planned computed checkpoints. */
  cpSteps: number[] = [];
  /** The text after each of `cpSteps`; a computed checkpoint stays undefined until first needed. */
  cpTexts: Array<string | undefined> = [];
  /** Index into `cpSteps` before which every checkpoint's text is known (see `warm`). */
  warmedTo = 0;
  private cacheIndex = -1;
  private cacheText = '';

  constructor(readonly file: string) {}

  /**
   * The text of checkpoint `c`, computed on first use by replaying from the nearest known checkpoint
   * before it (every checkpoint passed on the way is kept too). A snapshot is always known, so the
   * replay never crosses one.
   */
  checkpointText(c: number): string {
    const known = this.cpTexts[c];
    if (known !== undefined) return known;
    let j = c - 1;
    while (j >= 0 && this.cpTexts[j] === undefined) j--;
    let text = j >= 0 ? this.cpTexts[j]! : '';
    for (let m = j + 1; m <= c; m++) {
      text = this.replay(text, m > 0 ? this.cpSteps[m - 1]! + 1 : 0, this.cpSteps[m]!);
      this.cpTexts[m] = text;
    }
    return text;
  }

  /** The text after step `i` (0 <= i < steps.length). */
  textAfter(i: number): string {
    const c = upperBound(this.cpSteps, i) - 1;
    const checkpointEnd = c >= 0 ? this.cpSteps[c]! : -1;
    // Scrubbing forward from the last answer is cheaper than starting at the checkpoint again (and
    // needs no checkpoint text, which may not be computed yet).
    const fromCache = this.cacheIndex >= 0 && this.cacheIndex >= checkpointEnd && this.cacheIndex <= i;
    const base = fromCache ? this.cacheText : c >= 0 ? this.checkpointText(c) : '';
    const text = this.replay(base, (fromCache ? this.cacheIndex : checkpointEnd) + 1, i);
    this.cacheIndex = i;
    this.cacheText = text;
    return text;
  }

  /** Applies the change steps `from..to` (no snapshot in between) to `base`. */
  replay(base: string, from: number, to: number): string {
    if (from > to) return base;
    if (to - from < 4) {
      let text = base;
      for (let k = from; k <= to; k++) {
        const ordered = this.steps[k]!.ordered;
        if (ordered) text = applyOrdered(text, ordered);
      }
      return text;
    }
    const pieces = new PieceText(base);
    for (let k = from; k <= to; k++) {
      const ordered = this.steps[k]!.ordered;
      if (ordered) pieces.apply(ordered);
    }
    return pieces.toString();
  }
}

/**
 * Code playback: the exact text of any file of a session at any moment, rebuilt from the session's
 * snapshots and changes.
 *
 * Order and time. Changes are replayed in `seq` order; a snapshot with `afterSeq` S takes effect right
 * after change S and replaces the file's text (so a snapshot also repairs anything lost before it;
 * `verify` reports such disagreements). Moments are `tMs` made non-decreasing along that order: an item
 * whose `tMs` is earlier than an item recorded before it counts at the earlier item's moment. With the
 * room's monotonic clock this never happens; it only makes out-of-order clocks answer consistently.
 *
 * Exactness. `textAt(file, t)` is the file's text after its last change or snapshot at or before `t`:
 * its SHA-256 is the afterHash of that change. A change that does not apply to the text rebuilt so far
 * (out of bounds, overlapping: only possible if the store was altered) is skipped and reported by
 * `verify`.
 *
 * Speed. `build` makes one linear pass and keeps a full-text checkpoint every `checkpointEvery` changes
 * of each file, so a query replays a bounded number of changes from the nearest checkpoint or snapshot.
 */
export class CodePlayback {
  private readonly histories = new Map<string, FileHistory>();
  /** All changes in seq order, with their effective moments. */
  private readonly allChanges: CodeChangeRecord[] = [];
  private allTimes: Float64Array = new Float64Array(0);
  private snapshotTotal = 0;

  private constructor() {}

  static build(snapshots: CodeSnapshotRecord[], changes: CodeChangeRecord[], options: PlaybackOptions = {}): CodePlayback {
    const every = options.checkpointEvery ?? PLAYBACK_DEFAULTS.checkpointEvery;
    const budget = options.maxCheckpointChars ?? PLAYBACK_DEFAULTS.maxCheckpointChars;
    if (!Number.isSafeInteger(every) || every < 1) throw new Error(`checkpointEvery must be a positive integer, got ${String(every)}`);
    if (!(budget >= 0)) throw new Error(`maxCheckpointChars must be a non-negative number, got ${String(budget)}`);

    const playback = new CodePlayback();
    const sortedChanges = [...changes].sort((a, b) => a.seq - b.seq);
    for (let i = 0; i < sortedChanges.length; i++) {
      const c = sortedChanges[i]!;
      if (!Number.isFinite(c.seq) || !Number.isFinite(c.tMs)) throw new Error(`change ${String(c.seq)} has a non-finite seq or tMs`);
      if (i > 0 && sortedChanges[i - 1]!.seq === c.seq) throw new Error(`two changes have seq ${c.seq}`);
    }
    // Stable: snapshots with the same afterSeq keep their given order (the later one wins).
    const sortedSnapshots = [...snapshots].sort((a, b) => a.afterSeq - b.afterSeq);
    for (const s of sortedSnapshots) {
      if (!Number.isFinite(s.afterSeq) || !Number.isFinite(s.tMs))
        throw new Error(`a snapshot of ${s.file} has a non-finite afterSeq or tMs`);
    }
    playback.snapshotTotal = sortedSnapshots.length;

    // Merge into one recorded order (a snapshot after the change it follows) and make moments monotonic.
    const history = (file: string) => {
      let h = playback.histories.get(file);
      if (!h) playback.histories.set(file, (h = new FileHistory(file)));
      return h;
    };
    const stepTimes = new Map<FileHistory, number[]>();
    const push = (h: FileHistory, step: Step, t: number) => {
      h.steps.push(step);
      let times = stepTimes.get(h);
      if (!times) stepTimes.set(h, (times = []));
      times.push(t);
    };
    const allTimes: number[] = [];
    let clock = -Infinity;
    let si = 0;
    for (let ci = 0; ci <= sortedChanges.length; ci++) {
      const change = sortedChanges[ci];
      while (si < sortedSnapshots.length && (change === undefined || sortedSnapshots[si]!.afterSeq < change.seq)) {
        const s = sortedSnapshots[si++]!;
        clock = Math.max(clock, s.tMs);
        push(history(s.file), { kind: SNAPSHOT, key: s.afterSeq, snapshot: s }, clock);
      }
      if (change === undefined) break;
      clock = Math.max(clock, change.tMs);
      push(history(change.file), { kind: CHANGE, key: change.seq, change }, clock);
      playback.allChanges.push(change);
      allTimes.push(clock);
    }
    playback.allTimes = Float64Array.from(allTimes);

    // Pass 1: lengths and apply order of every change, without building any text.
    for (const h of playback.histories.values()) {
      const n = h.steps.length;
      h.times = Float64Array.from(stepTimes.get(h)!);
      h.keys = Float64Array.from(h.steps, (s) => s.key);
      h.lengths = new Float64Array(n);
      let length = 0;
      for (let k = 0; k < n; k++) {
        const step = h.steps[k]!;
        if (step.kind === SNAPSHOT) length = step.snapshot!.text.length;
        else {
          try {
            step.ordered = orderChanges(length, step.change!.changes);
            length = lengthAfter(length, step.ordered);
          } catch (err) {
            step.ordered = null;
            step.error = err instanceof Error ? err.message : String(err);
          }
        }
        h.lengths[k] = length;
      }
    }

    // Pass 2: plan checkpoints within the memory budget. Their texts are computed when first needed
    // (or ahead of time by `warm`), so opening a long session does not replay all of it first.
    let spacing = every;
    const plan = (h: FileHistory, at: number, onCheckpoint?: (k: number) => void): number => {
      let chars = 0;
      let since = 0;
      for (let k = 0; k < h.steps.length; k++) {
        if (h.steps[k]!.kind === SNAPSHOT) since = 0;
        else if (++since >= at) {
          since = 0;
          chars += h.lengths[k]!;
          onCheckpoint?.(k);
        }
      }
      return chars;
    };
    const histories = [...playback.histories.values()];
    while (spacing < Number.MAX_SAFE_INTEGER / 2 && histories.reduce((sum, h) => sum + plan(h, spacing), 0) > budget) spacing *= 2;
    for (const h of histories) {
      const computed = new Set<number>();
      plan(h, spacing, (k) => computed.add(k));
      for (let k = 0; k < h.steps.length; k++) {
        const step = h.steps[k]!;
        if (step.kind === SNAPSHOT) {
          h.cpSteps.push(k);
          h.cpTexts.push(step.snapshot!.text);
        } else if (computed.has(k)) {
          h.cpSteps.push(k);
          h.cpTexts.push(undefined);
        }
      }
    }
    if (options.eager) while (!playback.warm(Infinity));
    return playback;
  }

  /**
   * Computes checkpoint texts not yet needed, in recorded order, for about `budgetMs` (checked between
   * checkpoints); true once every checkpoint is known. The review screen calls it in idle time, so the
   * first far seek finds its checkpoint ready; answers are the same either way.
   */
  warm(budgetMs: number): boolean {
    const started = Date.now();
    for (const h of this.histories.values()) {
      while (h.warmedTo < h.cpSteps.length) {
        h.checkpointText(h.warmedTo++);
        if (Date.now() - started >= budgetMs) return h.warmedTo === h.cpSteps.length && this.allWarm();
      }
    }
    return true;
  }

  private allWarm(): boolean {
    for (const h of this.histories.values()) if (h.warmedTo < h.cpSteps.length) return false;
    return true;
  }

  /** Every file that has a change or a snapshot, by name. */
  files(): string[] {
    return [...this.histories.keys()].sort();
  }

  get changeCount(): number {
    return this.allChanges.length;
  }

  get snapshotCount(): number {
    return this.snapshotTotal;
  }

  /**
   * The file's text after its last change with a moment `<= tMs` (or its last snapshot, whichever is
   * later); null if the file did not exist yet at `tMs` (or is unknown). `Infinity` gives the latest text.
   */
  textAt(file: string, tMs: number): string | null {
    if (Number.isNaN(tMs)) throw new Error('tMs must be a number');
    const h = this.histories.get(file);
    if (!h) return null;
    const i = upperBound(h.times, tMs) - 1;
    return i < 0 ? null : h.textAfter(i);
  }

  /** The file's text after every change with `seq <= seq` (and the snapshots taken after them). */
  textAfterSeq(file: string, seq: number): string | null {
    if (Number.isNaN(seq)) throw new Error('seq must be a number');
    const h = this.histories.get(file);
    if (!h) return null;
    const i = upperBound(h.keys, seq) - 1;
    return i < 0 ? null : h.textAfter(i);
  }

  /** The file's changes whose moment is in `[tMs - windowMs, tMs]`, in recorded order. */
  changesNear(file: string, tMs: number, windowMs: number): CodeChangeRecord[] {
    if (!(windowMs >= 0)) throw new Error('windowMs must be a non-negative number');
    const h = this.histories.get(file);
    if (!h) return [];
    const out: CodeChangeRecord[] = [];
    for (let k = lowerBound(h.times, tMs - windowMs), end = upperBound(h.times, tMs); k < end; k++) {
      const step = h.steps[k]!;
      if (step.kind === CHANGE) out.push(step.change!);
    }
    return out;
  }

  /** The last change of the session (any file) whose moment is `<= tMs`, or null. */
  lastChangeAt(tMs: number): CodeChangeRecord | null {
    const i = upperBound(this.allTimes, tMs) - 1;
    return i < 0 ? null : this.allChanges[i]!;
  }

  /** The moment a file first appears (its first change or snapshot), or null if unknown. */
  firstMoment(file: string): number | null {
    const h = this.histories.get(file);
    return h && h.times.length > 0 ? h.times[0]! : null;
  }

  /**
   * Replays every file from the start and checks each change that has an afterHash against the SHA-256
   * of the rebuilt text, and each snapshot against the text rebuilt just before it. Also reports changes
   * that do not apply. Returns the disagreements in recorded order; empty when everything matches.
   */
  verify(sha256Hex: (text: string) => string): PlaybackMismatch[] {
    const out: Array<PlaybackMismatch & { order: number }> = [];
    for (const h of this.histories.values()) {
      let text: string | null = null;
      h.steps.forEach((step, k) => {
        if (step.kind === SNAPSHOT) {
          const s = step.snapshot!;
          if (text !== null && text !== s.text) {
            out.push({
              order: k,
              seq: s.afterSeq,
              file: h.file,
              tMs: s.tMs,
              expected: sha256Hex(s.text),
              actual: sha256Hex(text),
              kind: 'snapshot',
              reason: 'the snapshot differs from the text rebuilt from the changes before it',
            });
          }
          text = s.text;
          return;
        }
        const c = step.change!;
        const before: string = text ?? '';
        text = step.ordered ? applyOrdered(before, step.ordered) : before;
        const expected = c.afterHash?.toLowerCase();
        if (!step.ordered) {
          out.push({
            order: k,
            seq: c.seq,
            file: h.file,
            tMs: c.tMs,
            expected: expected ?? '',
            actual: sha256Hex(text),
            kind: 'change',
            reason: `the change does not apply to the rebuilt text: ${step.error}`,
          });
          return;
        }
        if (expected === undefined) return;
        const actual = sha256Hex(text);
        if (actual !== expected) {
          out.push({
            order: k,
            seq: c.seq,
            file: h.file,
            tMs: c.tMs,
            expected,
            actual,
            kind: 'change',
            reason: 'the rebuilt text does not match the afterHash',
          });
        }
      });
    }
    // Recorded order across files: by seq, a snapshot after the change it follows.
    out.sort((a, b) => a.seq - b.seq || (a.kind === b.kind ? a.order - b.order : a.kind === 'change' ? -1 : 1));
    return out.map(({ order: _order, ...m }) => m);
  }
}
