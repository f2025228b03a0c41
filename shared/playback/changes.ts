/**
 * One editor change, with Monaco's `IModelContentChange` semantics: `rangeOffset` and `rangeLength`
 * are UTF-16 code-unit offsets into the text *before* the edit. The several changes of one edit
 * (multi-cursor typing, a multi-range replace) all refer to that same pre-edit text and do not overlap.
 */
export interface TextChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * Checks one edit's changes against a pre-edit text of `length` code units and returns them in the
 * order they are applied: by descending start, then descending end, ties in the order given. That is
 * the order Monaco itself applies (and reports) them in, so for Monaco's own change lists the order is
 * unchanged; applying them one by one in that order, each at its pre-edit offsets, is exactly what the
 * editor did. Two changes may touch (an insert at the start of a replaced range) but not overlap.
 *
 * Throws an Error naming the change and the problem when a change is malformed, out of bounds, or
 * overlaps another.
 */
export function orderChanges(length: number, changes: readonly TextChange[]): readonly TextChange[] {
  if (!Array.isArray(changes)) throw new Error('changes must be an array');
  let descending = true;
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i] as Partial<TextChange> | null | undefined;
    if (c === null || typeof c !== 'object') throw new Error(`change ${i} is not an object`);
    if (!isCount(c.rangeOffset)) throw new Error(`change ${i}: rangeOffset must be a non-negative integer, got ${String(c.rangeOffset)}`);
    if (!isCount(c.rangeLength)) throw new Error(`change ${i}: rangeLength must be a non-negative integer, got ${String(c.rangeLength)}`);
    if (typeof c.text !== 'string') throw new Error(`change ${i}: text must be a string`);
    const end = c.rangeOffset + c.rangeLength;
    if (end > length) {
      throw new RangeError(`change ${i}: range [${c.rangeOffset}, ${end}) is out of bounds for a text of length ${length}`);
    }
    if (i > 0) {
      const p = changes[i - 1]!;
      if (p.rangeOffset < c.rangeOffset || (p.rangeOffset === c.rangeOffset && p.rangeOffset + p.rangeLength < end)) descending = false;
    }
  }
  if (changes.length < 2) return changes;
  const ordered = descending
    ? changes
    : changes
        .map((change, index) => ({ change, index }))
        .sort(
          (a, b) =>
            b.change.rangeOffset - a.change.rangeOffset ||
            b.change.rangeOffset + b.change.rangeLength - (a.change.rangeOffset + a.change.rangeLength) ||
            a.index - b.index,
        )
        .map((x) => x.change);
  for (let k = 1; k < ordered.length; k++) {
    const later = ordered[k]!;
    const earlier = ordered[k - 1]!;
    if (later.rangeOffset + later.rangeLength > earlier.rangeOffset) {
      throw new Error(
        `changes overlap: [${later.rangeOffset}, ${later.rangeOffset + later.rangeLength}) and ` +
          `[${earlier.rangeOffset}, ${earlier.rangeOffset + earlier.rangeLength}) of the same edit`,
      );
    }
  }
  return ordered;
}

/** The code-unit length of the text after applying changes (already checked) to a text of `length`. */
export function lengthAfter(length: number, changes: readonly TextChange[]): number {
  let n = length;
  for (const c of changes) n += c.text.length - c.rangeLength;
  return n;
}

/** Applies changes already put in apply order by `orderChanges`. */
export function applyOrdered(text: string, ordered: readonly TextChange[]): string {
  if (ordered.length === 0) return text;
  if (ordered.length === 1) {
    const c = ordered[0]!;
    return text.slice(0, c.rangeOffset) + c.text + text.slice(c.rangeOffset + c.rangeLength);
  }
  // One left-to-right sweep over the pre-edit text (the apply order reversed): same result as
  // applying them one by one, in a single copy of the text.
  const parts: string[] = [];
  let cursor = 0;
  for (let k = ordered.length - 1; k >= 0; k--) {
    const c = ordered[k]!;
    parts.push(text.slice(cursor, c.rangeOffset), c.text);
    cursor = c.rangeOffset + c.rangeLength;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}

/**
 * The text after one edit. `changes` refer to `text` as it was before the edit (see `TextChange`).
 * Throws an Error when a change is malformed, out of bounds for `text`, or overlaps another.
 */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  return applyOrdered(text, orderChanges(text.length, changes));
}

/**
 * A text being edited as a list of pieces (slices of the starting text and inserted texts), so that
 * replaying many edits costs a walk over a short list per change plus one join at the end, instead of
 * copying the whole text on every change. The list is joined back into one piece when it grows long.
 */
export class PieceText {
  private pieces: string[];

  constructor(
    text: string,
    private readonly maxPieces = 256,
  ) {
    this.pieces = text ? [text] : [];
  }

  /** Applies one edit whose changes are already in apply order (`orderChanges`) and checked. */
  apply(ordered: readonly TextChange[]): void {
    for (const c of ordered) this.replace(c.rangeOffset, c.rangeLength, c.text);
    if (this.pieces.length > this.maxPieces) this.pieces = [this.pieces.join('')];
  }

  toString(): string {
    if (this.pieces.length > 1) this.pieces = [this.pieces.join('')];
    return this.pieces[0] ?? '';
  }

  private replace(offset: number, length: number, text: string): void {
    const pieces = this.pieces;
    const n = pieces.length;
    let i = 0;
    let start = 0; // offset of pieces[i]
    while (i < n && start + pieces[i]!.length <= offset) start += pieces[i++]!.length;
    const end = offset + length;
    let j = i;
    let startJ = start;
    while (j < n && startJ + pieces[j]!.length < end) startJ += pieces[j++]!.length;
    const left = i < n ? pieces[i]!.slice(0, offset - start) : '';
    const right = j < n ? pieces[j]!.slice(end - startJ) : '';
    const replacement: string[] = [];
    if (left) replacement.push(left);
    if (text) replacement.push(text);
    if (right) replacement.push(right);
    pieces.splice(i, j < n ? j - i + 1 : n - i, ...replacement);
  }
}
