import type { ReviewCode } from '../ipc/contract-review';
import { CodePlayback, orderChanges, type CodeChangeRecord, type PlaybackOptions, type TextChange } from '../playback';

/** Builds the session's code playback from `review:load`'s code data (parsing each stored change list). */
export function playbackFromReview(code: ReviewCode, options?: PlaybackOptions): CodePlayback {
  const { seq, tMs, file, changesJson } = code.changes;
  const changes: CodeChangeRecord[] = new Array(seq.length);
  for (let i = 0; i < seq.length; i++) {
    const name = code.files[file[i]!];
    if (name === undefined) throw new Error(`change ${seq[i]} names file #${file[i]}, which the review data does not list`);
    changes[i] = { seq: seq[i]!, tMs: tMs[i]!, file: name, changes: JSON.parse(changesJson[i]!) as TextChange[] };
  }
  return CodePlayback.build(code.snapshots, changes, options);
}

export interface CodePaneState {
  /** The file's exact text at the moment; null when the file did not exist yet. */
  text: string | null;
  /** 1-based line numbers (in `text`) touched by the changes of the last `windowMs`, ascending. */
  changedLines: number[];
  /** The file's last change at or before the moment. */
  lastChange: { seq: number; tMs: number } | null;
}

/**
 * What the code pane shows at session moment `tMs`: the file's text (exactly `playback.textAt`) and
 * the lines changed in `(tMs - windowMs, tMs]`, found by replaying that window's changes on offsets
 * alone (no text is copied) while carrying the changed ranges along (later edits move, grow or swallow
 * earlier ones).
 * A deletion marks the line it happened on.
 */
export function codePaneAt(playback: CodePlayback, file: string, tMs: number, windowMs: number): CodePaneState {
  const recent = windowMs > 0 ? playback.changesNear(file, tMs, windowMs).filter((c) => c.tMs > tMs - windowMs) : [];
  // Only the length before the window is needed: the window's changes are replayed on offsets alone.
  const before = recent.length > 0 ? (playback.textAfterSeq(file, recent[0]!.seq - 1) ?? '').length : 0;
  const text = playback.textAt(file, tMs);
  if (text === null) return { text, changedLines: [], lastChange: null };
  const last = recent.at(-1) ?? lastChangeOf(playback, file, tMs);
  const lastChange = last ? { seq: last.seq, tMs: last.tMs } : null;
  if (recent.length === 0) return { text, changedLines: [], lastChange };

  let length = before;
  let marks: Array<[number, number]> = [];
  for (const record of recent) {
    let ordered: readonly TextChange[];
    try {
      ordered = orderChanges(length, record.changes);
    } catch {
      // The change did not apply when recorded either (playback skips it): nothing to mark.
      continue;
    }
    // Apply order is by descending offset, so each change's pre-edit offsets are still valid here.
    for (const c of ordered) {
      const delta = c.text.length - c.rangeLength;
      const end = c.rangeOffset + c.rangeLength;
      const next: Array<[number, number]> = [];
      for (const [s, e] of marks) {
        if (e < c.rangeOffset) next.push([s, e]);
        else if (s > end) next.push([s + delta, e + delta]);
        else next.push([Math.min(s, c.rangeOffset), Math.max(e + delta, c.rangeOffset + c.text.length)]);
      }
      next.push([c.rangeOffset, c.rangeOffset + c.text.length]);
      marks = next;
      length += delta;
    }
  }
  // A snapshot inside the window replaced the text: the replayed ranges no longer describe it.
  if (length !== text.length) return { text, changedLines: [], lastChange };
  return { text, changedLines: linesOf(text, marks), lastChange };
}

/** The file's last change at or before tMs, looking back over doubling windows (never a scan of the whole session). */
function lastChangeOf(playback: CodePlayback, file: string, tMs: number): CodeChangeRecord | null {
  const first = playback.firstMoment(file);
  if (first === null || first > tMs) return null;
  for (let window = 1000; ; window *= 2) {
    const found = playback.changesNear(file, tMs, window);
    if (found.length > 0) return found.at(-1)!;
    if (tMs - window <= first) return null;
  }
}

/** The 1-based lines that the offset ranges touch (an empty range marks the line it sits on). */
function linesOf(text: string, ranges: ReadonlyArray<[number, number]>): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const lines = new Set<number>();
  for (const [s, e] of ranges) {
    const first = lineOf(s);
    // A range ending right after a newline does not touch the next line.
    const lastOffset = e > s && text[e - 1] === '\n' ? e - 1 : e;
    const lastLine = lineOf(Math.max(s, lastOffset));
    for (let l = first; l <= lastLine; l++) lines.add(l);
  }
  return [...lines].sort((a, b) => a - b);
}
