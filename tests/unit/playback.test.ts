import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  applyChanges,
  CodePlayback,
  orderChanges,
  PieceText,
  type CodeChangeRecord,
  type CodeSnapshotRecord,
  type TextChange,
} from '../../shared/playback';
import { rng } from '../support/random';

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const ch = (rangeOffset: number, rangeLength: number, text: string): TextChange => ({ rangeOffset, rangeLength, text });

describe('applyChanges', () => {
  it('inserts, deletes and replaces', () => {
    expect(applyChanges('', [ch(0, 0, 'def f():')])).toBe('def f():');
    expect(applyChanges('hello world', [ch(5, 0, ',')])).toBe('hello, world');
    expect(applyChanges('hello world', [ch(11, 0, '!')])).toBe('hello world!');
    expect(applyChanges('hello world', [ch(0, 6, '')])).toBe('world');
    expect(applyChanges('hello world', [ch(6, 5, 'there\nfriend')])).toBe('hello there\nfriend');
    expect(applyChanges('hello', [ch(0, 5, '')])).toBe('');
    expect(applyChanges('same', [])).toBe('same');
  });

  it('applies the changes of one multi-cursor edit against the pre-edit text, in any order', () => {
    const before = 'a = 1\nb = 2\nc = 3';
    // Typing "x" at the end of each of three lines: Monaco reports them bottom-up.
    const typed = [ch(17, 0, 'x'), ch(11, 0, 'x'), ch(5, 0, 'x')];
    expect(applyChanges(before, typed)).toBe('a = 1x\nb = 2x\nc = 3x');
    expect(applyChanges(before, [...typed].reverse())).toBe('a = 1x\nb = 2x\nc = 3x');
    // Rename a variable everywhere at once (each range replaced, lengths differ).
    const renamed = [ch(0, 1, 'alpha'), ch(6, 1, 'beta'), ch(12, 1, 'gamma')];
    expect(applyChanges(before, renamed)).toBe('alpha = 1\nbeta = 2\ngamma = 3');
    expect(applyChanges(before, [renamed[1]!, renamed[2]!, renamed[0]!])).toBe('alpha = 1\nbeta = 2\ngamma = 3');
    // Deleting the first character of every line (a column selection + Delete).
    expect(applyChanges(before, [ch(12, 1, ''), ch(6, 1, ''), ch(0, 1, '')])).toBe(' = 1\n = 2\n = 3');
  });

  it('follows Monaco for touching changes: the order given decides inserts at the same offset', () => {
    // What Monaco reports for edits [insert A@0, insert B@0, replace [0,2) by R, insert X@7] on "hello\nworld".
    const monaco = [ch(7, 0, 'X'), ch(0, 2, 'R'), ch(0, 0, 'B'), ch(0, 0, 'A')];
    expect(applyChanges('hello\nworld', monaco)).toBe('ABRllo\nwXorld');
    // An insert at the end of a replaced range touches it without overlapping.
    expect(applyChanges('abcd', [ch(2, 0, '+'), ch(0, 2, 'xy')])).toBe('xy+cd');
  });

  it('counts offsets in UTF-16 code units: astral characters are two', () => {
    const text = 'a😀b𝄞c';
    expect(text.length).toBe(7);
    expect(applyChanges(text, [ch(1, 2, '')])).toBe('ab𝄞c');
    expect(applyChanges(text, [ch(3, 0, '🎉')])).toBe('a😀🎉b𝄞c');
    expect(applyChanges(text, [ch(4, 2, '🚀'), ch(0, 1, '🧪')])).toBe('🧪😀b🚀c');
    expect(applyChanges('', [ch(0, 0, '👩‍💻')])).toBe('👩‍💻');
  });

  it('throws a clear error for a range out of bounds, malformed changes and overlaps', () => {
    expect(() => applyChanges('abc', [ch(4, 0, 'x')])).toThrow('change 0: range [4, 4) is out of bounds for a text of length 3');
    expect(() => applyChanges('abc', [ch(1, 3, '')])).toThrow('change 0: range [1, 4) is out of bounds for a text of length 3');
    expect(() => applyChanges('abc', [ch(0, 0, 'x'), ch(2, 2, '')])).toThrow(/change 1: range \[2, 4\) is out of bounds/);
    expect(() => applyChanges('abc', [ch(-1, 0, 'x')])).toThrow('change 0: rangeOffset must be a non-negative integer, got -1');
    expect(() => applyChanges('abc', [ch(0, 1.5, 'x')])).toThrow('change 0: rangeLength must be a non-negative integer, got 1.5');
    expect(() => applyChanges('abc', [{ rangeOffset: 0, rangeLength: 0 } as TextChange])).toThrow('change 0: text must be a string');
    expect(() => applyChanges('abc', [null as unknown as TextChange])).toThrow('change 0 is not an object');
    expect(() => applyChanges('abc', {} as TextChange[])).toThrow('changes must be an array');
    expect(() => applyChanges('abcdef', [ch(0, 3, 'x'), ch(2, 2, 'y')])).toThrow('changes overlap: [0, 3) and [2, 4) of the same edit');
    expect(() => applyChanges('abcdef', [ch(1, 0, 'x'), ch(0, 3, 'y')])).toThrow(/changes overlap/);
  });

  it('orderChanges leaves a list already in Monaco order as it is', () => {
    const list = [ch(9, 1, 'a'), ch(3, 0, 'b'), ch(0, 2, 'c')];
    expect(orderChanges(10, list)).toBe(list);
    expect(orderChanges(10, [list[2]!, list[0]!, list[1]!])).toEqual(list);
  });

  it('handles a 1 MB paste', () => {
    const paste = 'x = 1  # 😀\n'.repeat(90_000);
    expect(paste.length).toBeGreaterThan(1_000_000);
    const after = applyChanges('start\nend', [ch(6, 0, paste)]);
    expect(after.length).toBe(9 + paste.length);
    expect(after.startsWith('start\nx = 1')).toBe(true);
    expect(after.endsWith('😀\nend')).toBe(true);
  });

  it('matches Monaco’s own text buffer on random multi-range edits', async () => {
    // The editor's real piece tree (monaco-editor/esm), run on Node: its reported changes, applied by us
    // to the previous text, must give exactly the text the editor ends up with.
    const modulePath = 'monaco-editor/editor/common/model/textModel.js';
    const rangePath = 'monaco-editor/editor/common/core/range.js';
    const { createTextBuffer } = (await import(/* @vite-ignore */ modulePath)) as {
      createTextBuffer: (value: string, eol: number) => { textBuffer: MonacoBuffer };
    };
    const { Range } = (await import(/* @vite-ignore */ rangePath)) as {
      Range: new (a: number, b: number, c: number, d: number) => unknown;
    };
    interface MonacoBuffer {
      getPositionAt(offset: number): { lineNumber: number; column: number };
      getLinesContent(): string[];
      applyEdits(ops: Array<{ range: unknown; text: string }>, trim: boolean, undo: boolean): { changes: TextChange[] };
    }
    const random = rng(42);
    let text = 'def solve(xs):\n    return sorted(xs)\n';
    const { textBuffer } = createTextBuffer(text, 1);
    const pieces = ['a', 'bc', '\n', '    ', '😀', 'x𝄞', 'return\n', ''];
    for (let round = 0; round < 400; round++) {
      // Up to four ranges, possibly touching or empty, none overlapping.
      const cuts = Array.from({ length: 1 + Math.floor(random() * 8) }, () => Math.floor(random() * (text.length + 1))).sort(
        (a, b) => a - b,
      );
      const ops: Array<{ range: unknown; text: string }> = [];
      for (let k = 0; k + 1 < cuts.length; k += 2) {
        const [s, e] = [cuts[k]!, random() < 0.3 ? cuts[k]! : cuts[k + 1]!];
        if (isInsideSurrogate(text, s) || isInsideSurrogate(text, e)) continue;
        const a = textBuffer.getPositionAt(s);
        const b = textBuffer.getPositionAt(e);
        ops.push({ range: new Range(a.lineNumber, a.column, b.lineNumber, b.column), text: pieces[Math.floor(random() * pieces.length)]! });
      }
      if (random() < 0.5) ops.reverse();
      const { changes } = textBuffer.applyEdits(ops, false, false);
      const plain = changes.map((c) => ({ rangeOffset: c.rangeOffset, rangeLength: c.rangeLength, text: c.text }));
      text = applyChanges(text, plain);
      expect(text).toBe(textBuffer.getLinesContent().join('\n'));
    }
  });
});

describe('PieceText', () => {
  it('gives the same text as applying the changes one edit at a time, across compactions', () => {
    const random = rng(7);
    let reference = 'fn main() {}\n';
    const pieces = new PieceText(reference, 8);
    for (let i = 0; i < 2_000; i++) {
      const at = Math.floor(random() * (reference.length + 1));
      const len = Math.min(reference.length - at, Math.floor(random() * 4));
      const edit = [ch(at, random() < 0.5 ? 0 : len, ['x', '', 'yz\n', '😀'][i % 4]!)];
      reference = applyChanges(reference, edit);
      pieces.apply(orderChanges(Number.MAX_SAFE_INTEGER, edit));
      if (i % 97 === 0) expect(pieces.toString()).toBe(reference);
    }
    expect(pieces.toString()).toBe(reference);
  });
});

describe('CodePlayback', () => {
  // main.py: a snapshot at the start, then three edits; util.py appears later with its first change.
  const snapshots: CodeSnapshotRecord[] = [{ afterSeq: 0, tMs: 0, file: 'main.py', text: 'print(1)\n' }];
  const texts = ['print(12)\n', 'print(12)\nprint(3)\n', 'x = 0\n'];
  const changes: CodeChangeRecord[] = [
    { seq: 1, tMs: 1_000, file: 'main.py', changes: [ch(7, 0, '2')], afterHash: sha(texts[0]!) },
    { seq: 2, tMs: 2_000, file: 'main.py', changes: [ch(10, 0, 'print(3)\n')], afterHash: sha(texts[1]!) },
    { seq: 3, tMs: 2_000, file: 'util.py', changes: [ch(0, 0, 'x = 0\n')], afterHash: sha(texts[2]!) },
    { seq: 4, tMs: 5_000, file: 'main.py', changes: [ch(0, 0, '# done\n')] },
  ];
  const playback = CodePlayback.build(snapshots, changes);

  it('lists files and counts', () => {
    expect(playback.files()).toEqual(['main.py', 'util.py']);
    expect(playback.changeCount).toBe(4);
    expect(playback.snapshotCount).toBe(1);
    expect(playback.firstMoment('util.py')).toBe(2_000);
    expect(playback.firstMoment('nope.py')).toBeNull();
  });

  it('textAt gives the text after the last change at or before the moment, null before the file existed', () => {
    expect(playback.textAt('main.py', -1)).toBeNull();
    expect(playback.textAt('main.py', 0)).toBe('print(1)\n');
    expect(playback.textAt('main.py', 999)).toBe('print(1)\n');
    expect(playback.textAt('main.py', 1_000)).toBe(texts[0]);
    expect(playback.textAt('main.py', 2_000)).toBe(texts[1]);
    expect(playback.textAt('main.py', 4_999.5)).toBe(texts[1]);
    expect(playback.textAt('main.py', Infinity)).toBe('# done\nprint(12)\nprint(3)\n');
    expect(playback.textAt('util.py', 1_999)).toBeNull();
    expect(playback.textAt('util.py', 2_000)).toBe('x = 0\n');
    expect(playback.textAt('missing.py', 10_000)).toBeNull();
    expect(() => playback.textAt('main.py', Number.NaN)).toThrow('tMs must be a number');
  });

  it('textAfterSeq counts changes by seq, snapshots with afterSeq 0 before any change', () => {
    expect(playback.textAfterSeq('main.py', 0)).toBe('print(1)\n');
    expect(playback.textAfterSeq('main.py', 1)).toBe(texts[0]);
    expect(playback.textAfterSeq('main.py', 3)).toBe(texts[1]);
    expect(playback.textAfterSeq('util.py', 2)).toBeNull();
    expect(playback.textAfterSeq('util.py', 3)).toBe('x = 0\n');
  });

  it('changesNear and lastChangeAt', () => {
    expect(playback.changesNear('main.py', 2_000, 1_000).map((c) => c.seq)).toEqual([1, 2]);
    expect(playback.changesNear('main.py', 2_000, 999).map((c) => c.seq)).toEqual([2]);
    expect(playback.changesNear('main.py', 900, 10_000)).toEqual([]);
    expect(playback.changesNear('nope', 900, 10_000)).toEqual([]);
    expect(() => playback.changesNear('main.py', 0, -1)).toThrow('windowMs must be a non-negative number');
    expect(playback.lastChangeAt(999)).toBeNull();
    expect(playback.lastChangeAt(2_000)?.seq).toBe(3);
    expect(playback.lastChangeAt(1e9)?.seq).toBe(4);
  });

  it('verify finds nothing in consistent data and reports a bad hash, a bad range and a disagreeing snapshot', () => {
    expect(playback.verify(sha)).toEqual([]);
    const bad = CodePlayback.build(
      [...snapshots, { afterSeq: 3, tMs: 2_000, file: 'util.py', text: 'x = 1\n' }],
      [
        { ...changes[0]!, changes: [ch(7, 0, '9')] },
        changes[1]!,
        changes[2]!,
        { seq: 4, tMs: 5_000, file: 'main.py', changes: [ch(500, 0, '?')], afterHash: sha('never') },
      ],
    );
    const found = bad.verify(sha);
    expect(found.map((m) => [m.kind, m.seq, m.file])).toEqual([
      ['change', 1, 'main.py'],
      ['change', 2, 'main.py'],
      ['snapshot', 3, 'util.py'],
      ['change', 4, 'main.py'],
    ]);
    expect(found[0]).toEqual({
      seq: 1,
      file: 'main.py',
      tMs: 1_000,
      expected: sha(texts[0]!),
      actual: sha('print(19)\n'),
      kind: 'change',
      reason: 'the rebuilt text does not match the afterHash',
    });
    expect(found[2]).toMatchObject({ expected: sha('x = 1\n'), actual: sha('x = 0\n') });
    expect(found[3]!.reason).toBe(
      'the change does not apply to the rebuilt text: change 0: range [500, 500) is out of bounds for a text of length 19',
    );
    // The change that does not apply is skipped: playback still answers.
    expect(bad.textAt('main.py', Infinity)).toBe('print(19)\nprint(3)\n');
  });

  it('a snapshot replaces the text from its afterSeq on', () => {
    const p = CodePlayback.build(
      [
        { afterSeq: 0, tMs: 0, file: 'a', text: 'one' },
        { afterSeq: 1, tMs: 10, file: 'a', text: 'reset' },
      ],
      [
        { seq: 1, tMs: 10, file: 'a', changes: [ch(3, 0, '!')] },
        { seq: 2, tMs: 20, file: 'a', changes: [ch(5, 0, '?')] },
      ],
    );
    expect(p.textAfterSeq('a', 0)).toBe('one');
    expect(p.textAt('a', 10)).toBe('reset');
    expect(p.textAt('a', 20)).toBe('reset?');
  });

  it('makes moments non-decreasing in recorded order', () => {
    const p = CodePlayback.build(
      [],
      [
        { seq: 1, tMs: 100, file: 'a', changes: [ch(0, 0, 'a')] },
        { seq: 2, tMs: 50, file: 'a', changes: [ch(1, 0, 'b')] },
        { seq: 3, tMs: 150, file: 'a', changes: [ch(2, 0, 'c')] },
      ],
    );
    expect(p.textAt('a', 60)).toBeNull();
    expect(p.textAt('a', 100)).toBe('ab');
    expect(p.textAt('a', 150)).toBe('abc');
  });

  it('rejects bad options and duplicate seqs', () => {
    expect(() => CodePlayback.build([], [], { checkpointEvery: 0 })).toThrow('checkpointEvery must be a positive integer, got 0');
    const c = { seq: 1, tMs: 0, file: 'a', changes: [] };
    expect(() => CodePlayback.build([], [c, { ...c }])).toThrow('two changes have seq 1');
  });
});

/** True when `offset` falls between the two halves of a surrogate pair. */
function isInsideSurrogate(text: string, offset: number): boolean {
  const c = text.charCodeAt(offset);
  return offset > 0 && c >= 0xdc00 && c <= 0xdfff && text.charCodeAt(offset - 1) >= 0xd800 && text.charCodeAt(offset - 1) <= 0xdbff;
}
