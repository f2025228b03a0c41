import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CodePlayback, type CodeChangeRecord, type CodeSnapshotRecord, type TextChange } from '../../shared/playback';
import { rng } from '../support/random';

/**
 * Property test: a long random editing session (inserts, deletes, replaces, multi-line text, emoji and
 * other astral characters, multi-cursor edits, undo/redo-like reversals, a large paste, files created
 * mid-session, snapshots at random points) is recorded; playback at random moments must give exactly
 * what a plain step-by-step reference gave, for several checkpoint spacings, and verify must agree.
 */

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The reference: one edit applied the obvious way, highest offset first (ranges never touch here). */
function referenceApply(text: string, changes: readonly TextChange[]): string {
  let out = text;
  for (const c of [...changes].sort((a, b) => b.rangeOffset - a.rangeOffset)) {
    out = out.slice(0, c.rangeOffset) + c.text + out.slice(c.rangeOffset + c.rangeLength);
  }
  return out;
}

interface RefStep {
  t: number;
  key: number;
  text: string;
}

interface Session {
  changes: CodeChangeRecord[];
  snapshots: CodeSnapshotRecord[];
  /** Per file, the text after each change or snapshot, in recorded order. */
  reference: Map<string, RefStep[]>;
  endMs: number;
  lastSeq: number;
}

const FRAGMENTS = [
  'a',
  'x',
  'return ',
  'i += 1',
  '\n',
  '\n    ',
  '()',
  '{}',
  '😀',
  '𝄞',
  '👩‍💻',
  'é',
  '中文',
  '"s"',
  '\t',
  '# comment\n',
  ' ',
];

function generate(seed: number, edits: number): Session {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const int = (n: number) => Math.floor(random() * n);
  const texts = new Map<string, string>();
  const reference = new Map<string, RefStep[]>();
  const changes: CodeChangeRecord[] = [];
  const snapshots: CodeSnapshotRecord[] = [];
  const lastEdit = new Map<string, { before: string; changes: TextChange[] }>();
  let t = 0;
  let seq = 0;

  const remember = (file: string, key: number, text: string) => {
    if (!reference.has(file)) reference.set(file, []);
    reference.get(file)!.push({ t, key, text });
  };
  const snapshot = (file: string, text: string) => {
    snapshots.push({ afterSeq: seq, tMs: t, file, text });
    texts.set(file, text);
    remember(file, seq, text);
  };
  /** A random offset that does not split a surrogate pair. */
  const offsetIn = (text: string, from = 0): number => {
    let o = from + int(text.length - from + 1);
    const c = text.charCodeAt(o);
    if (o > 0 && c >= 0xdc00 && c <= 0xdfff) o--;
    return o;
  };
  const snippet = () => Array.from({ length: 1 + int(4) }, () => pick(FRAGMENTS)).join('');
  const range = (text: string, from: number, maxLen: number): [number, number] => {
    const start = offsetIn(text, Math.min(from, text.length));
    let end = Math.min(text.length, start + int(maxLen + 1));
    const c = text.charCodeAt(end);
    if (end > start && c >= 0xdc00 && c <= 0xdfff) end--;
    return [start, end - start];
  };

  snapshot('main.py', 'def solve(nums):\n    # TODO 😀\n    return 0\n');
  let active = 'main.py';
  for (let i = 0; i < edits; i++) {
    t += pick([0, 0, 0, 1, 3, 8, 15, 40, 120, 900]);
    const roll = random();
    if (roll < 0.01) active = pick(['main.py', 'helpers.py', 'notes.md']);
    if (!texts.has(active)) {
      // helpers.py is created from a template (a snapshot); notes.md starts empty with its first change.
      if (active === 'helpers.py') snapshot(active, 'def helper():\n    pass\n');
    }
    const before = texts.get(active) ?? '';
    let edit: TextChange[];
    const kind = random();
    const previous = lastEdit.get(active);
    if (kind < 0.08 && previous && previous.changes.length > 0) {
      // Undo-like reversal of this file's previous edit (then the next one may redo it).
      let delta = 0;
      edit = [...previous.changes]
        .sort((a, b) => a.rangeOffset - b.rangeOffset)
        .map((c) => {
          const inverse = {
            rangeOffset: c.rangeOffset + delta,
            rangeLength: c.text.length,
            text: previous.before.slice(c.rangeOffset, c.rangeOffset + c.rangeLength),
          };
          delta += c.text.length - c.rangeLength;
          return inverse;
        });
    } else if (kind < 0.2 && before.length > 20) {
      // Multi-cursor: 2–5 ranges with gaps between them, reported in a random order.
      edit = [];
      let from = 0;
      for (let k = 2 + int(4); k > 0 && from < before.length; k--) {
        const [start, len] = range(before, from, random() < 0.5 ? 0 : 6);
        edit.push({ rangeOffset: start, rangeLength: len, text: random() < 0.8 ? snippet() : '' });
        from = start + len + 1;
      }
      edit.sort(() => random() - 0.5);
    } else if (kind < 0.21) {
      edit = [{ rangeOffset: offsetIn(before), rangeLength: 0, text: 'print("pasted 😀")\n'.repeat(300 + int(3000)) }];
    } else if (kind < 0.45 || before.length > 30_000) {
      const [start, len] = range(before, 0, before.length > 30_000 ? 20_000 : 12);
      edit = [{ rangeOffset: start, rangeLength: len, text: kind < 0.33 ? '' : snippet() }];
    } else {
      edit = [{ rangeOffset: offsetIn(before), rangeLength: 0, text: random() < 0.7 ? pick(FRAGMENTS).slice(0, 2) : snippet() }];
    }
    const after = referenceApply(before, edit);
    seq += 1 + (random() < 0.05 ? int(3) : 0); // seqs need not be contiguous (other sessions interleave)
    changes.push({ seq, tMs: t, file: active, changes: edit, afterHash: sha(after) });
    texts.set(active, after);
    lastEdit.set(active, { before, changes: edit });
    remember(active, seq, after);
    if (random() < 0.04) {
      const file = pick([...texts.keys()]);
      snapshot(file, texts.get(file)!);
    }
  }
  return { changes, snapshots, reference, endMs: t, lastSeq: seq };
}

/** The reference answer: the text after the last step with a moment (or key) at or before `x`. */
function expected(steps: RefStep[] | undefined, x: number, by: 't' | 'key'): string | null {
  let found: string | null = null;
  for (const s of steps ?? []) {
    if (s[by] <= x) found = s.text;
    else break;
  }
  return found;
}

describe('code playback, property test', () => {
  const session = generate(20260301, 5_000);
  const files = [...session.reference.keys()].sort();
  const random = rng(99);
  const moments = [
    -5,
    0,
    session.endMs,
    session.endMs + 10,
    ...session.changes.filter(() => random() < 0.02).map((c) => c.tMs),
    ...Array.from({ length: 150 }, () => Math.floor(random() * (session.endMs + 20)) - 10),
  ];
  const seqs = [0, session.lastSeq, ...Array.from({ length: 150 }, () => Math.floor(random() * (session.lastSeq + 2)))];

  it('generates a session worth testing', () => {
    expect(session.changes.length).toBe(5_000);
    expect(files).toEqual(['helpers.py', 'main.py', 'notes.md']);
    expect(session.snapshots.length).toBeGreaterThan(50);
    expect(session.changes.filter((c) => c.changes.length > 1).length).toBeGreaterThan(200);
    expect(session.changes.some((c) => c.changes.some((x) => x.text.length > 10_000))).toBe(true);
  });

  for (const options of [
    {},
    { eager: true },
    { checkpointEvery: 1 },
    { checkpointEvery: 7, eager: true },
    { checkpointEvery: 100_000 },
    { maxCheckpointChars: 50_000 },
  ]) {
    it(`textAt and textAfterSeq equal the step-by-step reference (${JSON.stringify(options)})`, () => {
      const playback = CodePlayback.build(session.snapshots, session.changes, options);
      expect(playback.files()).toEqual(files);
      for (const t of moments) {
        for (const file of files) {
          const want = expected(session.reference.get(file), t, 't');
          const got = playback.textAt(file, t);
          if (got !== want) expect({ file, t, got }).toEqual({ file, t, got: want });
        }
      }
      for (const s of seqs) {
        for (const file of files) {
          const want = expected(session.reference.get(file), s, 'key');
          const got = playback.textAfterSeq(file, s);
          if (got !== want) expect({ file, s, got }).toEqual({ file, s, got: want });
        }
      }
    });
  }

  it('computes checkpoints when first needed or when warmed in slices, with the same answers in any order', () => {
    const lazy = CodePlayback.build(session.snapshots, session.changes, { checkpointEvery: 16 });
    // Far moments first, backwards: each needs checkpoints nobody computed yet.
    for (const t of [...moments].reverse()) {
      for (const file of files) {
        const want = expected(session.reference.get(file), t, 't');
        if (lazy.textAt(file, t) !== want) expect({ file, t }).toEqual({ file, t, lazy: 'differs' });
      }
    }
    const warmed = CodePlayback.build(session.snapshots, session.changes, { checkpointEvery: 16 });
    let slices = 0;
    while (!warmed.warm(0)) slices++;
    expect(slices).toBeGreaterThan(10);
    expect(warmed.warm(0)).toBe(true);
    for (const s of seqs) {
      for (const file of files) {
        const want = expected(session.reference.get(file), s, 'key');
        if (warmed.textAfterSeq(file, s) !== want) expect({ file, s }).toEqual({ file, s, warmed: 'differs' });
      }
    }
  });

  it('scrubbing forward through every change gives every intermediate text', () => {
    const playback = CodePlayback.build(session.snapshots, session.changes, { checkpointEvery: 50 });
    let mismatches = 0;
    for (const c of session.changes) {
      const text = playback.textAfterSeq(c.file, c.seq)!;
      if (sha(text) !== c.afterHash) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('is exact: the hash of textAt is the afterHash of the last change at or before the moment', () => {
    const playback = CodePlayback.build(session.snapshots, session.changes);
    for (const t of moments) {
      const last = playback.lastChangeAt(t);
      const byHand = [...session.changes].reverse().find((c) => c.tMs <= t);
      expect(last?.seq).toBe(byHand?.seq);
      if (last) expect(sha(playback.textAt(last.file, t)!)).toBe(last.afterHash);
    }
  });

  it('verify finds no mismatch in the recorded session', () => {
    expect(CodePlayback.build(session.snapshots, session.changes).verify(sha)).toEqual([]);
  });

  it('verify detects a tampered change, a lost change and a reordered pair', () => {
    const random2 = rng(5);
    // Tampered: one inserted character changed, somewhere in the middle.
    const candidates = session.changes.filter((c, i) => i > 100 && c.changes.length === 1 && c.changes[0]!.text.length > 0);
    const victim = candidates[Math.floor(random2() * candidates.length)]!;
    const tampered = session.changes.map((c) =>
      c === victim ? { ...c, changes: [{ ...c.changes[0]!, text: `${c.changes[0]!.text}Z` }] } : c,
    );
    const found = CodePlayback.build(session.snapshots, tampered).verify(sha);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatchObject({ seq: victim.seq, file: victim.file, kind: 'change', expected: victim.afterHash });

    // Lost: one change dropped; the next change of that file (or the next snapshot) disagrees.
    const lostIndex = 2_500;
    const lost = session.changes[lostIndex]!;
    const without = session.changes.filter((_, i) => i !== lostIndex);
    const afterLoss = CodePlayback.build(session.snapshots, without).verify(sha);
    expect(afterLoss.length).toBeGreaterThan(0);
    expect(afterLoss[0]!.file).toBe(lost.file);
    expect(afterLoss[0]!.seq).toBeGreaterThanOrEqual(lost.seq);

    // Reordered: two consecutive edits of one file swapped (seqs exchanged).
    const i = session.changes.findIndex(
      (c, k) => k > 1_000 && session.changes[k + 1]?.file === c.file && c.changes[0]!.text !== session.changes[k + 1]!.changes[0]!.text,
    );
    const [a, b] = [session.changes[i]!, session.changes[i + 1]!];
    const swapped = session.changes.map((c) =>
      c === a ? { ...b, seq: a.seq, afterHash: a.afterHash } : c === b ? { ...a, seq: b.seq, afterHash: b.afterHash } : c,
    );
    const reordered = CodePlayback.build(session.snapshots, swapped).verify(sha);
    expect(reordered.length).toBeGreaterThan(0);
    expect(reordered[0]!.seq).toBe(a.seq);
  }, 30_000);
});
