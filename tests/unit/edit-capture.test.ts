import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../electron/services';
import { sha256Hex } from '../../electron/services/code/code-service';
import { AppError, type Result } from '../../shared/ipc/result';
import { applyChanges, orderChanges, type TextChange } from '../../shared/playback';
import { CODE_LIMITS } from '../../shared/playback/record';
import type { TelemetryEvent } from '../../shared/telemetry';
import {
  EDIT_BATCH_LIMITS,
  EditCapture,
  SNAPSHOT_EVERY_EDITS,
  SNAPSHOT_EVERY_MS,
  type RawEdit,
} from '../../renderer/src/room/edit-capture';
import type { EditorFile } from '../../renderer/src/room/files';
import { FileMirror, localMirror, type TextMirror } from '../../renderer/src/room/mirror';
import { tempDataDir } from '../support/paths';
import { makeServices, validConfig } from '../support/services';
import { rng } from '../support/random';

type SendFn = ConstructorParameters<typeof EditCapture>[1];
type RecordInput = Parameters<SendFn>[0];

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const sha = sha256Hex;

const opened: AppServices[] = [];
const dirs: string[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const s of opened.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup() {
  const dataDir = tempDataDir('ir-capture-');
  dirs.push(dataDir);
  const services = makeServices({ dataDir });
  opened.push(services);
  const { id } = services.sessions.create(validConfig());
  return { services, id };
}

const editorFile = (name: string, language: string): EditorFile => ({ name, language, runLanguage: null, label: name, initialText: '' });
const PY = editorFile('solution.py', 'python');
const NOTES = editorFile('notes.md', 'markdown');

interface Call {
  input: RecordInput;
  ok: boolean;
  /** How many edits had been captured when the call was made. */
  captured: number;
}

/**
 * What the room's IPC call does with the real store: `code:record` answers a Result envelope, an
 * AppError becomes `{ ok: false }`. Every call is logged; `fail(call)` makes a call fail first.
 */
function storeSender(
  services: AppServices,
  fail: (call: number) => 'reject' | 'error' | false = () => false,
  captured: () => number = () => 0,
) {
  const calls: Call[] = [];
  const send: SendFn = (input) => {
    const call = calls.length + 1;
    const failure = fail(call);
    calls.push({ input, ok: failure === false, captured: captured() });
    if (failure === 'reject') return Promise.reject(new Error('IPC channel closed'));
    if (failure === 'error') return Promise.resolve({ ok: false, error: { code: 'internal', message: 'database is locked' } });
    try {
      return Promise.resolve({ ok: true, value: services.code.record(input) });
    } catch (err) {
      if (err instanceof AppError) return Promise.resolve({ ok: false, error: { code: err.code, message: err.message } });
      throw err;
    }
  };
  return { send, calls };
}

/** A deterministic PRNG (mulberry32). */
function prng(seed: number) {
  const next = rng(seed);
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}
type Rng = ReturnType<typeof prng>;

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
/** Moves an offset off the middle of a surrogate pair, as Monaco never splits one. */
const snap = (text: string, offset: number) =>
  offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset)) ? offset - 1 : offset;

const ASTRAL = ['😀', '👩‍💻', '𝔘', '🎉', '🧪', '𠜎'];
const TYPED = 'abcdefghijklmnopqrstuvwxyz    ()[]{}:;.,=+-_\'"\n\t0123456789';
const WORDS = ['def ', 'return ', 'for i in range(n):', 'if x:', 'print(', ')', 'self.', ' # note', 'lambda', 'é', 'ß', '中文', '\r\n'];

function chunk(rng: Rng, maxLines: number): string {
  const lines = 1 + rng.int(maxLines);
  const out: string[] = [];
  for (let l = 0; l < lines; l++) {
    let line = ' '.repeat(rng.int(3) * 4);
    const words = 1 + rng.int(6);
    for (let w = 0; w < words; w++) line += rng.next() < 0.1 ? rng.pick(ASTRAL) : rng.pick(WORDS);
    out.push(line);
  }
  return out.join('\n');
}

/** About 1 MiB of pasted code, with emoji, in UTF-16 code units. */
function megabytePaste(rng: Rng): string {
  const parts: string[] = [];
  let n = 0;
  while (n < 1024 * 1024) {
    const line = `${rng.pick(WORDS)}value_${n} = compute(${rng.int(1000)}) ${rng.next() < 0.2 ? rng.pick(ASTRAL) : ''}\n`;
    parts.push(line);
    n += line.length;
  }
  return parts.join('');
}

/** The changes that undo `changes` (Monaco semantics, relative to `before`) on the text after them. */
function inverse(before: string, changes: readonly TextChange[]): TextChange[] {
  const ascending = [...orderChanges(before.length, changes)].reverse();
  let delta = 0;
  const out: TextChange[] = [];
  for (const c of ascending) {
    out.push({
      rangeOffset: c.rangeOffset + delta,
      rangeLength: c.text.length,
      text: before.slice(c.rangeOffset, c.rangeOffset + c.rangeLength),
    });
    delta += c.text.length - c.rangeLength;
  }
  // Monaco reports the changes of one edit by descending offset.
  return out.reverse();
}

/** Several non-overlapping ranges of `text` (they may touch), each replaced by `text`, like multi-cursor typing. */
function multiCursor(rng: Rng, text: string): TextChange[] {
  const cuts = new Set<number>();
  const count = 2 + rng.int(5);
  for (let k = 0; k < count * 2; k++) cuts.add(snap(text, rng.int(text.length + 1)));
  const sorted = [...cuts].sort((a, b) => a - b);
  const typed = rng.next() < 0.3 ? rng.pick(ASTRAL) : rng.pick(['x', '\n', 'foo', '', '  ', '()']);
  const changes: TextChange[] = [];
  for (let k = 0; k + 1 < sorted.length; k += 2) {
    const start = sorted[k]!;
    // A cursor, or a short selection.
    const end = rng.next() < 0.5 ? start : snap(text, Math.min(start + 1 + rng.int(8), sorted[k + 1]!));
    if (end === start && typed === '') continue;
    changes.push({ rangeOffset: start, rangeLength: end - start, text: typed });
  }
  if (changes.length === 0) changes.push({ rangeOffset: 0, rangeLength: 0, text: 'y' });
  // Monaco's order (descending), or any order: both mean the same pre-edit ranges.
  return rng.next() < 0.7 ? changes.reverse() : changes.sort(() => rng.next() - 0.5);
}

interface Expected {
  file: string;
  changes: TextChange[];
  beforeHash: string;
  afterHash: string;
}

interface Snapshot {
  /** Index of the captured edit the snapshot was taken right after. */
  index: number;
  file: string;
  text: string;
}

/**
 * The editor: keeps each file's reference text with applyChanges (as Monaco's model would), offers
 * undo/redo, and hands every edit to the capture right after applying it, as the room does.
 */
class Editor {
  readonly texts = new Map<string, string>();
  readonly expected: Expected[] = [];
  readonly snapshots: Snapshot[] = [];
  private readonly undo = new Map<string, TextChange[][]>();
  private readonly redo = new Map<string, TextChange[][]>();
  private readonly cursors = new Map<string, number>();

  constructor(
    private readonly capture: EditCapture,
    private readonly files: EditorFile[],
    initial: Record<string, string>,
  ) {
    for (const [name, text] of Object.entries(initial)) this.texts.set(name, text);
  }

  text(file: string): string {
    return this.texts.get(file)!;
  }

  /** Applies one edit and captures it; `history` says how it affects the undo and redo stacks. */
  edit(file: EditorFile, changes: TextChange[], history: 'new' | 'undo' | 'redo' = 'new'): void {
    const before = this.text(file.name);
    const after = applyChanges(before, changes);
    const inv = inverse(before, changes);
    this.texts.set(file.name, after);
    const undo = this.undo.get(file.name) ?? [];
    const redo = this.redo.get(file.name) ?? [];
    if (history === 'undo') redo.push(inv);
    else {
      undo.push(inv);
      if (history === 'new') redo.length = 0;
    }
    this.undo.set(file.name, undo);
    this.redo.set(file.name, redo);
    const index = this.expected.length;
    this.expected.push({ file: file.name, changes, beforeHash: sha(before), afterHash: sha(after) });
    const last = changes[0]!;
    this.cursors.set(file.name, snap(after, Math.min(after.length, last.rangeOffset + last.text.length)));
    const raw: RawEdit = {
      file,
      changes,
      ts: new Date(T0 + index + 1).toISOString(),
      offsetMs: index + 1,
      ...(index % 3 === 0 ? { cursor: { line: 1 + (index % 40), column: 1 + (index % 17) } } : {}),
    };
    this.capture.capture(raw, () => {
      const text = this.text(file.name);
      this.snapshots.push({ index, file: file.name, text });
      return text;
    });
  }

  undoLast(file: EditorFile): boolean {
    const changes = this.undo.get(file.name)?.pop();
    if (!changes) return false;
    this.edit(file, changes, 'undo');
    return true;
  }

  redoLast(file: EditorFile): boolean {
    const changes = this.redo.get(file.name)?.pop();
    if (!changes) return false;
    this.edit(file, changes, 'redo');
    return true;
  }

  /** One random edit of a random kind; `history` allows undo and redo among them. */
  random(rng: Rng, file: EditorFile = rng.next() < 0.7 ? this.files[0]! : this.files[1]!, history = true): void {
    const text = this.text(file.name);
    const cursor = Math.min(this.cursors.get(file.name) ?? 0, text.length);
    const range = (maxLength: number) => {
      const start = snap(text, rng.int(text.length + 1));
      const end = snap(text, Math.min(text.length, start + 1 + rng.int(maxLength)));
      return { rangeOffset: start, rangeLength: Math.max(0, end - start) };
    };
    const kind = rng.next() * (history ? 1 : 0.85);
    if (kind < 0.4) {
      // Fast typing at the cursor.
      this.edit(file, [{ rangeOffset: cursor, rangeLength: 0, text: rng.pick([...TYPED]) }]);
    } else if (kind < 0.47 && cursor > 0) {
      // Backspace, a whole surrogate pair at once.
      const start = isLow(text.charCodeAt(cursor - 1)) && cursor > 1 && isHigh(text.charCodeAt(cursor - 2)) ? cursor - 2 : cursor - 1;
      this.edit(file, [{ rangeOffset: start, rangeLength: cursor - start, text: '' }]);
    } else if (kind < 0.55) {
      this.edit(file, [{ ...range(0), rangeLength: 0, text: chunk(rng, 5) }]);
    } else if (kind < 0.62 && text.length > 0) {
      this.edit(file, [{ ...range(80), text: '' }]);
    } else if (kind < 0.7) {
      this.edit(file, [{ ...range(40), text: chunk(rng, 3) }]);
    } else if (kind < 0.75) {
      this.edit(file, [{ rangeOffset: cursor, rangeLength: 0, text: rng.pick(ASTRAL) }]);
    } else if (kind < 0.85) {
      this.edit(file, multiCursor(rng, text));
    } else if (kind < 0.93) {
      if (!this.undoLast(file)) this.edit(file, [{ rangeOffset: 0, rangeLength: 0, text: '#' }]);
    } else if (!this.redoLast(file)) {
      this.edit(file, [{ rangeOffset: text.length, rangeLength: 0, text: '\n' }]);
    }
  }
}

interface ChangeRow {
  seq: number;
  t_ms: number;
  file: string;
  changes_json: string;
}
interface SnapshotRow {
  after_seq: number;
  t_ms: number;
  file: string;
  text: string;
}

/** Everything the store must hold after the editor's session, checked against the editor's own record. */
function expectStoredExactly(services: AppServices, id: string, editor: Editor, initial: Record<string, string>, calls: Call[]) {
  const playback = services.code.load(id);
  expect(playback.verify(sha)).toEqual([]);
  for (const [file, text] of editor.texts) {
    const stored = playback.textAt(file, Number.POSITIVE_INFINITY);
    // Not toBe(): a failure should not print megabytes.
    expect(stored === text, `${file}: stored text equals the editor's`).toBe(true);
  }

  // The code_edit events: one per captured edit, in capture order, with a continuous hash chain.
  const events = [...services.telemetry.events(id, { redacted: false })].filter(
    (e): e is Extract<TelemetryEvent, { type: 'code_edit' }> => e.type === 'code_edit',
  );
  expect(events).toHaveLength(editor.expected.length);
  const lastHash = new Map(Object.entries(initial).map(([file, text]) => [file, sha(text)]));
  events.forEach((event, i) => {
    const want = editor.expected[i]!;
    expect(event.file).toBe(want.file);
    expect(event.sessionId).toBe(id);
    expect(event.diffChars).toBe(want.changes.reduce((n, c) => n + c.rangeLength + c.text.length, 0));
    expect(event.beforeHash, `edit ${i}: beforeHash`).toBe(want.beforeHash);
    expect(event.beforeHash, `edit ${i}: chained to the previous edit of ${want.file}`).toBe(lastHash.get(want.file));
    expect(event.afterHash, `edit ${i}: afterHash`).toBe(want.afterHash);
    lastHash.set(want.file, event.afterHash!);
  });
  for (const [file, text] of editor.texts) expect(lastHash.get(file)).toBe(sha(text));

  // The changes themselves, in capture order (offsets strictly increasing).
  const rows = services.db
    .prepare(`SELECT seq, t_ms, file, changes_json FROM code_changes WHERE session_id = ? ORDER BY seq`)
    .all(id) as ChangeRow[];
  expect(rows.map((r) => r.t_ms)).toEqual(editor.expected.map((_, i) => i + 1));
  rows.forEach((r, i) => {
    expect(r.file).toBe(editor.expected[i]!.file);
    expect(r.changes_json === JSON.stringify(editor.expected[i]!.changes), `edit ${i}: stored changes`).toBe(true);
  });

  // Snapshots: the starting texts, then one right after each edit that took one, with the editor's text then.
  const snapshots = services.db
    .prepare(`SELECT after_seq, t_ms, file, text FROM code_snapshots WHERE session_id = ? ORDER BY id`)
    .all(id) as SnapshotRow[];
  const starts = Object.keys(initial).length;
  expect(snapshots.slice(0, starts).map((s) => ({ afterSeq: s.after_seq, file: s.file, same: s.text === initial[s.file] }))).toEqual(
    Object.keys(initial).map((file) => ({ afterSeq: 0, file, same: true })),
  );
  const later = snapshots.slice(starts);
  expect(later).toHaveLength(editor.snapshots.length);
  later.forEach((s, j) => {
    const want = editor.snapshots[j]!;
    expect({ afterSeq: s.after_seq, tMs: s.t_ms, file: s.file }, `snapshot ${j}`).toEqual({
      afterSeq: rows[want.index]!.seq,
      tMs: want.index + 1,
      file: want.file,
    });
    expect(s.text === want.text, `snapshot ${j}: text equals the editor's after edit ${want.index}`).toBe(true);
  });

  // Every stored call respected the batch limits; a snapshot only ever rides with the last edit of its call.
  const size = (input: RecordInput, k: number) =>
    input.edits[k]!.changes.reduce((n, c) => n + c.text.length, 0) +
    (k === input.edits.length - 1 ? (input.snapshots?.[0]?.text.length ?? 0) : 0) +
    256;
  for (const { input } of calls.filter((c) => c.ok && c.input.edits.length > 0)) {
    expect(input.edits.length).toBeLessThanOrEqual(EDIT_BATCH_LIMITS.maxItems);
    if (input.edits.length > 1) {
      expect(input.edits.reduce((n, _e, k) => n + size(input, k), 0)).toBeLessThanOrEqual(EDIT_BATCH_LIMITS.maxBytes);
    }
    for (const s of input.snapshots ?? []) expect(s.offsetMs).toBe(input.edits.at(-1)!.offsetMs);
  }
}

/** The snapshot indices the "every N edits of a file" policy calls for (the clock never moves). */
function dueSnapshots(expected: Expected[]): number[] {
  const counts = new Map<string, number>();
  const out: number[] = [];
  expected.forEach((e, i) => {
    const n = (counts.get(e.file) ?? 0) + 1;
    counts.set(e.file, n % SNAPSHOT_EVERY_EDITS);
    if (n === SNAPSHOT_EVERY_EDITS) out.push(i);
  });
  return out;
}

/** Real time for hashing and sending to catch up a little while typing goes on. */
const pause = () => new Promise((resolve) => setTimeout(resolve, 2));

const INITIAL = {
  'solution.py': 'def main() -> None:\n    print("Hello")\n\n\nif __name__ == "__main__":\n    main()\n',
  'notes.md': '# Notes\n\n',
};

describe('EditCapture against the real store', () => {
  it('start() stores a snapshot of each file the store has not seen, and nothing for the others', async () => {
    const { services, id } = setup();
    const { send, calls } = storeSender(services);
    const capture = new EditCapture(
      id,
      send,
      () => undefined,
      localMirror(),
      () => 0,
    );
    await capture.start(
      [
        { name: 'solution.py', text: INITIAL['solution.py'], stored: false },
        { name: 'notes.md', text: 'already stored', stored: true },
        { name: 'empty.txt', text: '', stored: false },
      ],
      1234,
    );
    expect(calls).toHaveLength(1);
    const rows = services.db
      .prepare(`SELECT after_seq, t_ms, file, text FROM code_snapshots WHERE session_id = ? ORDER BY id`)
      .all(id) as SnapshotRow[];
    expect(rows).toEqual([
      { after_seq: 0, t_ms: 1234, file: 'solution.py', text: INITIAL['solution.py'] },
      { after_seq: 0, t_ms: 1234, file: 'empty.txt', text: '' },
    ]);

    // All stored: nothing to send.
    const { send: send2, calls: calls2 } = storeSender(services);
    await new EditCapture(
      id,
      send2,
      () => undefined,
      localMirror(),
      () => 0,
    ).start([{ name: 'solution.py', text: 'x', stored: true }], 0);
    expect(calls2).toEqual([]);
    capture.dispose();
  });

  it('start() fails with a clear error when the starting code cannot be saved', async () => {
    const { services } = setup();
    const { send } = storeSender(services);
    const capture = new EditCapture(
      'no-such-session',
      send,
      () => undefined,
      localMirror(),
      () => 0,
    );
    await expect(capture.start([{ name: 'solution.py', text: 'x', stored: false }], 0)).rejects.toThrow(
      /^The starting code could not be saved: .*no-such-session/,
    );
  });

  it('stores thousands of random edits (typing, multi-cursor, undo/redo, emoji, 1 MB pastes) exactly and in order', async () => {
    const { services, id } = setup();
    const { send, calls } = storeSender(services);
    const statuses: Array<string | null> = [];
    const capture = new EditCapture(
      id,
      send,
      (s) => statuses.push(s),
      localMirror(),
      () => 0,
    );
    await capture.start(
      Object.entries(INITIAL).map(([name, text]) => ({ name, text, stored: false })),
      0,
    );
    const editor = new Editor(capture, [PY, NOTES], INITIAL);
    const rng = prng(20260301);

    for (let i = 0; i < 2500; i++) {
      editor.random(rng);
      // Let hashing and sending run while the candidate types, now and then.
      if (i % 50 === 0) await pause();
    }

    // A 1 MB paste into the solution, some typing in it, everything undone, then redone in part.
    const beforePaste = editor.text(PY.name);
    const cursor = snap(beforePaste, rng.int(beforePaste.length + 1));
    const paste = megabytePaste(rng);
    editor.edit(PY, [{ rangeOffset: cursor, rangeLength: 0, text: paste }]);
    for (let i = 0; i < 30; i++) editor.random(rng, rng.next() < 0.8 ? PY : NOTES, false);
    await pause();
    while (editor.text(PY.name) !== beforePaste) expect(editor.undoLast(PY)).toBe(true);
    for (let i = 0; i < 5; i++) editor.redoLast(PY);
    expect(editor.text(PY.name).length).toBeGreaterThan(1024 * 1024);
    // A second 1 MB paste replacing a selection across the first one, then more editing.
    const big = editor.text(PY.name);
    const from = snap(big, 1000);
    const to = snap(big, big.length - 1000);
    editor.edit(PY, [{ rangeOffset: from, rangeLength: to - from, text: paste }]);
    for (let i = 0; i < 20; i++) editor.random(rng, undefined, false);
    editor.edit(PY, [{ rangeOffset: 0, rangeLength: editor.text(PY.name).length, text: 'print("done")\n' }]);
    for (let i = 0; i < 200; i++) editor.random(rng);

    await capture.flush();
    expect(capture.pending).toBe(0);
    expect(statuses.filter((s) => s !== null)).toEqual([]);
    expect(editor.expected.length).toBeGreaterThan(2700);
    // The stream had what it claims to have.
    expect(editor.expected.some((e) => e.changes.length > 1)).toBe(true);
    // The two pastes and the redo of the first (undoing a paste may add more).
    expect(editor.expected.filter((e) => e.changes.some((c) => c.text.length >= 1024 * 1024)).length).toBeGreaterThanOrEqual(3);
    expect(editor.expected.some((e) => e.changes.some((c) => /[\uD800-\uDBFF]/.test(c.text)))).toBe(true);
    // Each 1 MB paste went in a call of its own.
    const pasteCalls = calls.filter((c) => c.input.edits.some((e) => e.changes.some((ch) => ch.text.length >= 1024 * 1024)));
    expect(pasteCalls.length).toBeGreaterThanOrEqual(3);
    expect(pasteCalls.every((c) => c.input.edits.length === 1)).toBe(true);

    expect(editor.snapshots.map((s) => s.index)).toEqual(dueSnapshots(editor.expected));
    expectStoredExactly(services, id, editor, INITIAL, calls);
    capture.dispose();
  }, 30_000);

  it('skips an edit the store refuses for good, says so, and stores the file whole with its next edit', async () => {
    const { services, id } = setup();
    const { send, calls } = storeSender(services);
    const statuses: Array<string | null> = [];
    const notices: string[] = [];
    const capture = new EditCapture(
      id,
      send,
      (s) => statuses.push(s),
      localMirror(),
      () => 0,
      (m) => notices.push(m),
    );
    await capture.start([{ name: PY.name, text: 'x = 1\n', stored: false }], 0);
    const editor = new Editor(capture, [PY], { [PY.name]: 'x = 1\n' });

    editor.edit(PY, [{ rangeOffset: 6, rangeLength: 0, text: 'y = 2\n' }]);
    // One change over the store's per-call text limit: refused as invalid input, every time.
    const huge = 'z'.repeat(CODE_LIMITS.maxTextPerCall + 1);
    editor.edit(PY, [{ rangeOffset: 0, rangeLength: 0, text: huge }]);
    editor.edit(PY, [{ rangeOffset: 0, rangeLength: huge.length, text: '' }]);
    await capture.flush();

    expect(capture.pending).toBe(0);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^One edit of solution\.py could not be saved \(Code edits rejected: .*\) and was skipped/);
    // Too large to share a batch, the huge edit was sent alone, once, and never retried.
    const withHuge = calls.filter((c) => c.input.edits.some((e) => e.changes.some((ch) => ch.text.length > CODE_LIMITS.maxTextPerCall)));
    expect(withHuge).toHaveLength(1);
    expect(services.code.stats(id).changes).toBe(2);
    expect(statuses.at(-1)).toBeNull();

    // The file's next edit carries its whole text, so the stored record ends on the editor's text.
    editor.edit(PY, [{ rangeOffset: 0, rangeLength: 0, text: '# done\n' }]);
    await capture.flush();
    expect(calls.at(-1)!.input.snapshots).toEqual([{ offsetMs: 4, file: PY.name, text: '# done\nx = 1\ny = 2\n' }]);
    expect(services.code.load(id).textAt(PY.name, Number.POSITIVE_INFINITY)).toBe(editor.text(PY.name));
    expect(notices).toHaveLength(1);
    capture.dispose();
  }, 30_000);

  it('loses and reorders nothing when sends fail for a while in the middle', async () => {
    const { services, id } = setup();
    // Call 1 stores the starting code; calls 3-6 and 9 fail, one of them by rejecting.
    const live: { editor?: Editor } = {};
    const { send, calls } = storeSender(
      services,
      (call) => (call === 4 ? 'reject' : [3, 5, 6, 9].includes(call) ? 'error' : false),
      () => live.editor?.expected.length ?? 0,
    );
    const statuses: Array<string | null> = [];
    const capture = new EditCapture(
      id,
      send,
      (s) => statuses.push(s),
      localMirror(),
      () => 0,
    );
    await capture.start(
      Object.entries(INITIAL).map(([name, text]) => ({ name, text, stored: false })),
      0,
    );
    const editor = (live.editor = new Editor(capture, [PY, NOTES], INITIAL));
    const rng = prng(99);
    // The candidate keeps typing throughout; every 150 edits the capture is flushed, which also
    // retries a failed batch at once instead of after 3 s.
    let failedWhileQueued = 0;
    for (let i = 1; i <= 900; i++) {
      editor.random(rng);
      if (i % 25 === 0) await pause();
      if (i % 150 === 0) {
        await capture.flush();
        if (capture.pending > 0) failedWhileQueued++;
      }
    }
    // Sends failed while the candidate was still typing, with edits left queued behind them.
    expect(calls.filter((c) => !c.ok && c.captured < 900)).toHaveLength(5);
    expect(failedWhileQueued).toBeGreaterThan(0);
    await capture.flush();
    expect(capture.pending).toBe(0);
    expect(calls.filter((c) => !c.ok)).toHaveLength(5);
    expect(statuses).toContain('Editor activity could not be saved yet (database is locked). It will be retried.');
    expect(statuses).toContain('Editor activity could not be saved yet (IPC channel closed). It will be retried.');
    expect(statuses.at(-1)).toBeNull();
    // A failed call is retried from the same first edit.
    calls.forEach((c, k) => {
      if (!c.ok) expect(calls[k + 1]!.input.edits[0]!.offsetMs).toBe(c.input.edits[0]!.offsetMs);
    });
    expect(editor.snapshots.map((s) => s.index)).toEqual(dueSnapshots(editor.expected));
    expectStoredExactly(services, id, editor, INITIAL, calls);
    capture.dispose();
  });

  it('stores an edit the mirror cannot hash without hashes, and reopens the mirror from the editor on the next edit', async () => {
    const { services, id } = setup();
    const { send, calls } = storeSender(services);
    const capture = new EditCapture(
      id,
      send,
      () => undefined,
      localMirror(),
      () => 0,
    );
    await capture.start([{ name: 'solution.py', text: 'x = 1\n', stored: false }], 0);
    // A file the capture was never started with: the mirror has no text for it.
    const scratch = editorFile('scratch.txt', 'plaintext');
    let text = 'hello';
    capture.capture(
      { file: scratch, changes: [{ rangeOffset: 0, rangeLength: 0, text }], ts: new Date(T0 + 1).toISOString(), offsetMs: 1 },
      () => text,
    );
    await capture.flush();
    text = 'hello world';
    capture.capture(
      { file: scratch, changes: [{ rangeOffset: 5, rangeLength: 0, text: ' world' }], ts: new Date(T0 + 2).toISOString(), offsetMs: 2 },
      () => text,
    );
    text = 'hello world!';
    capture.capture(
      { file: scratch, changes: [{ rangeOffset: 11, rangeLength: 0, text: '!' }], ts: new Date(T0 + 3).toISOString(), offsetMs: 3 },
      () => text,
    );
    await capture.flush();

    const stored = calls.slice(1).map((c) => c.input);
    const events = stored.flatMap((s) => s.edits.map((e) => e.event as Record<string, unknown>));
    expect(events[0]).not.toHaveProperty('afterHash');
    expect(events[1]).toMatchObject({ afterHash: sha('hello world') });
    expect(events[1]).not.toHaveProperty('beforeHash');
    expect(events[2]).toMatchObject({ beforeHash: sha('hello world'), afterHash: sha('hello world!') });
    expect(stored.flatMap((s) => s.snapshots ?? [])).toEqual([{ offsetMs: 2, file: 'scratch.txt', text: 'hello world' }]);
    const playback = services.code.load(id);
    expect(playback.verify(sha)).toEqual([]);
    expect(playback.textAt('scratch.txt', 2)).toBe('hello world');
    expect(playback.textAt('scratch.txt', Number.POSITIVE_INFINITY)).toBe('hello world!');
    capture.dispose();
  });

  it('keeps playback exact when the mirror fails while later edits are already in flight', async () => {
    const { services, id } = setup();
    const { send } = storeSender(services);
    // A mirror that cannot apply its second change, answering later than the editor moves on.
    const inner = localMirror();
    let applies = 0;
    const flaky: TextMirror = {
      open: (file, t) => inner.open(file, t),
      apply: (file, changes) => {
        applies++;
        if (applies === 2) return new Promise<string>((_, reject) => setTimeout(() => reject(new Error('lost track')), 50));
        return inner.apply(file, changes);
      },
      dispose: () => undefined,
    };
    const capture = new EditCapture(
      id,
      send,
      () => undefined,
      flaky,
      () => 0,
    );
    const file = editorFile('solution.py', 'python');
    await capture.start([{ name: 'solution.py', text: '', stored: false }], 0);
    let text = '';
    const type = (offset: number, ch: string, t: number) => {
      text = text.slice(0, offset) + ch + text.slice(offset);
      capture.capture(
        { file, changes: [{ rangeOffset: offset, rangeLength: 0, text: ch }], ts: new Date(T0 + t).toISOString(), offsetMs: t },
        () => text,
      );
    };
    type(0, 'a', 1);
    type(1, 'b', 2);
    type(0, 'c', 3);
    type(3, 'd', 4);
    await capture.flush();
    const playback = services.code.load(id);
    expect(playback.textAt('solution.py', 1)).toBe('a');
    expect(playback.textAt('solution.py', 2)).toBe('ab');
    expect(playback.textAt('solution.py', 3)).toBe('cab');
    expect(playback.textAt('solution.py', 4)).toBe('cabd');
    expect(playback.verify(sha)).toEqual([]);
    capture.dispose();
  });
});

/** A mirror that answers within the same microtask run, so fake timers alone drive the capture. */
function immediateMirror(): TextMirror {
  const texts = new Map<string, string>();
  return {
    open: (file, text) => {
      texts.set(file, text);
      return Promise.resolve(sha(text));
    },
    apply: (file, changes) => {
      const text = texts.get(file);
      if (text === undefined) {
        const failed = Promise.reject(new Error(`${file} was never opened`));
        failed.catch(() => undefined); // awaited later, in order
        return failed;
      }
      const next = applyChanges(text, changes);
      texts.set(file, next);
      return Promise.resolve(sha(next));
    },
    dispose: () => undefined,
  };
}

describe('EditCapture batching with fake timers', () => {
  /** `fail(call)` makes a call fail; `hold(call)` is awaited before a call answers. */
  function timed(fail: (call: number) => boolean = () => false, hold: (call: number) => Promise<void> = () => Promise.resolve()) {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const calls: RecordInput[] = [];
    const statuses: Array<string | null> = [];
    const send: SendFn = async (input): Promise<Result<unknown>> => {
      calls.push(input);
      const call = calls.length;
      await hold(call);
      return fail(call) ? { ok: false, error: { code: 'internal', message: 'disk busy' } } : { ok: true, value: null };
    };
    let clock = 0;
    const capture = new EditCapture(
      's-1',
      send,
      (s) => statuses.push(s),
      immediateMirror(),
      () => clock,
    );
    const texts = new Map<string, string>();
    let offset = 0;
    let reads = 0;
    const type = (file: EditorFile, char = 'a') => {
      const before = texts.get(file.name) ?? '';
      const after = before + char;
      texts.set(file.name, after);
      capture.capture(
        { file, changes: [{ rangeOffset: before.length, rangeLength: 0, text: char }], ts: new Date(T0).toISOString(), offsetMs: ++offset },
        () => {
          reads++;
          return texts.get(file.name)!;
        },
      );
    };
    const files = ['a', 'b', 'c', 'd'].map((n) => editorFile(`${n}.txt`, 'plaintext'));
    return {
      capture,
      calls,
      statuses,
      type,
      files,
      texts,
      reads: () => reads,
      advanceClock: (ms: number) => (clock += ms),
      start: () =>
        capture.start(
          files.map((f) => ({ name: f.name, text: '', stored: true })),
          0,
        ),
    };
  }
  const settle = () => vi.advanceTimersByTimeAsync(0);

  it('sends edits 500 ms after the first, or at once at 200 edits; the 201st waits for the next batch', async () => {
    const t = timed();
    await t.start();
    for (let i = 0; i < 10; i++) t.type(t.files[i % 4]!);
    await vi.advanceTimersByTimeAsync(499);
    expect(t.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.calls.map((c) => c.edits.length)).toEqual([10]);

    // Four files, so no snapshot falls due within these 200 edits.
    for (let i = 0; i < 199; i++) t.type(t.files[i % 4]!);
    await settle();
    expect(t.calls).toHaveLength(1);
    t.type(t.files[3]!);
    await settle();
    expect(t.calls.map((c) => c.edits.length)).toEqual([10, 200]);
    t.type(t.files[0]!);
    await vi.advanceTimersByTimeAsync(499);
    expect(t.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.calls.map((c) => c.edits.length)).toEqual([10, 200, 1]);
    expect(t.calls.flatMap((c) => c.edits.map((e) => e.offsetMs))).toEqual(Array.from({ length: 211 }, (_, i) => i + 1));
    expect(t.calls.every((c) => c.snapshots === undefined)).toBe(true);
    expect(t.reads()).toBe(0);
  });

  it('sends at once when the change text reaches 256 KB, a larger paste alone', async () => {
    const t = timed();
    await t.start();
    t.type(t.files[0]!, 'x'.repeat(100 * 1024));
    t.type(t.files[0]!, 'y'.repeat(100 * 1024));
    await settle();
    expect(t.calls).toHaveLength(0);
    t.type(t.files[0]!, 'z'.repeat(56 * 1024)); // 256 KB plus the per-edit overhead
    await settle();
    expect(t.calls.map((c) => c.edits.length)).toEqual([2, 1]);

    t.type(t.files[1]!, 'a');
    t.type(t.files[1]!, 'p'.repeat(1024 * 1024));
    t.type(t.files[1]!, 'b');
    await settle();
    // The paste goes alone, at once; the edit after it goes with the next batch, within 500 ms.
    expect(t.calls.slice(2, 4).map((c) => c.edits.map((e) => e.changes[0]!.text.length))).toEqual([[1], [1024 * 1024]]);
    await vi.advanceTimersByTimeAsync(500);
    expect(t.calls.slice(2).map((c) => c.edits.map((e) => e.changes[0]!.text.length))).toEqual([[1], [1024 * 1024], [1]]);
  });

  it(`snapshots every ${SNAPSHOT_EVERY_EDITS} edits of a file, ending the batch and sending it at once`, async () => {
    const t = timed();
    await t.start();
    const [a] = t.files;
    for (let i = 0; i < SNAPSHOT_EVERY_EDITS - 1; i++) t.type(a!);
    await settle();
    expect(t.calls).toHaveLength(0);
    expect(t.reads()).toBe(0);
    t.type(a!);
    await settle();
    expect(t.reads()).toBe(1);
    expect(t.calls).toHaveLength(1);
    expect(t.calls[0]!.edits).toHaveLength(SNAPSHOT_EVERY_EDITS);
    expect(t.calls[0]!.snapshots).toEqual([{ offsetMs: SNAPSHOT_EVERY_EDITS, file: a!.name, text: 'a'.repeat(SNAPSHOT_EVERY_EDITS) }]);
    t.type(a!); // the next edit waits for the next batch
    await vi.advanceTimersByTimeAsync(499);
    expect(t.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.calls.map((c) => c.edits.length)).toEqual([SNAPSHOT_EVERY_EDITS, 1]);
    expect(t.calls[1]!.snapshots).toBeUndefined();
  });

  it('ends the batch at a snapshot even when edits pile up behind it during a send', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const t = timed(undefined, (call) => (call === 1 ? held : Promise.resolve()));
    await t.start();
    const [a, b] = t.files;
    t.type(b!, 'b');
    await vi.advanceTimersByTimeAsync(500);
    expect(t.calls).toHaveLength(1); // in flight
    for (let i = 0; i < SNAPSHOT_EVERY_EDITS + 5; i++) t.type(a!);
    await settle();
    expect(t.calls).toHaveLength(1);
    release();
    await settle();
    expect(t.calls.map((c) => c.edits.length)).toEqual([1, SNAPSHOT_EVERY_EDITS, 5]);
    expect(t.calls.map((c) => c.snapshots)).toEqual([
      undefined,
      [{ offsetMs: 1 + SNAPSHOT_EVERY_EDITS, file: a!.name, text: 'a'.repeat(SNAPSHOT_EVERY_EDITS) }],
      undefined,
    ]);
  });

  it(`snapshots a file edited ${SNAPSHOT_EVERY_MS / 1000} s after its last snapshot`, async () => {
    const t = timed();
    await t.start();
    const [a, b] = t.files;
    t.type(a!);
    t.advanceClock(SNAPSHOT_EVERY_MS - 1);
    t.type(a!);
    await settle();
    expect(t.reads()).toBe(0);
    t.advanceClock(1);
    t.type(b!, 'b');
    t.type(a!);
    await settle();
    expect(t.reads()).toBe(2);
    expect(t.calls.map((c) => c.snapshots)).toEqual([
      [{ offsetMs: 3, file: b!.name, text: 'b' }],
      [{ offsetMs: 4, file: a!.name, text: 'aaa' }],
    ]);
    expect(t.calls.map((c) => c.edits.length)).toEqual([3, 1]);
    // The clock starts again from each snapshot.
    t.advanceClock(SNAPSHOT_EVERY_MS - 1);
    t.type(a!);
    await vi.advanceTimersByTimeAsync(500);
    expect(t.reads()).toBe(2);
  });

  it('reports a failed send, retries it after 3 s, and clears the message once saved', async () => {
    const t = timed((call) => call === 1);
    await t.start();
    t.type(t.files[0]!);
    t.type(t.files[1]!);
    await vi.advanceTimersByTimeAsync(500);
    expect(t.calls).toHaveLength(1);
    expect(t.statuses).toEqual(['Editor activity could not be saved yet (disk busy). It will be retried.']);
    expect(t.capture.pending).toBe(2);
    t.type(t.files[2]!);
    await vi.advanceTimersByTimeAsync(2999);
    expect(t.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.calls).toHaveLength(2);
    expect(t.calls[1]!.edits.map((e) => e.offsetMs)).toEqual([1, 2, 3]);
    expect(t.statuses.at(-1)).toBeNull();
    expect(t.capture.pending).toBe(0);
  });

  it('flush() waits for pending hashes, then sends everything captured so far', async () => {
    const t = timed();
    await t.start();
    for (let i = 0; i < 5; i++) t.type(t.files[0]!);
    await t.capture.flush();
    expect(t.calls.map((c) => c.edits.length)).toEqual([5]);
    const events = t.calls[0]!.edits.map(
      (e) => e.event as { beforeHash?: string; afterHash: string; type: string; file: string; diffChars: number },
    );
    expect(events.map((e) => e.afterHash)).toEqual(['a', 'aa', 'aaa', 'aaaa', 'aaaaa'].map((s) => sha(s)));
    expect(events.map((e) => e.beforeHash)).toEqual(['', 'a', 'aa', 'aaa', 'aaaa'].map((s) => sha(s)));
    expect(events[0]).toMatchObject({
      type: 'code_edit',
      file: 'a.txt',
      language: 'plaintext',
      sessionId: 's-1',
      source: 'client',
      diffChars: 1,
    });
    t.capture.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('FileMirror and localMirror', () => {
  it('answers the SHA-256 of the text after each change, equal to node:crypto, astral and lone surrogates included', async () => {
    const mirror = new FileMirror();
    let text = 'a😀b\n';
    expect(await mirror.handle({ id: 0, type: 'open', file: 'f', text })).toBe(sha(text));
    const steps: TextChange[][] = [
      [{ rangeOffset: 1, rangeLength: 2, text: '👩‍💻' }],
      [
        { rangeOffset: 6, rangeLength: 0, text: 'x' },
        { rangeOffset: 0, rangeLength: 1, text: '中' },
      ],
      [{ rangeOffset: 1, rangeLength: 1, text: '' }], // leaves a lone low surrogate
      [{ rangeOffset: 0, rangeLength: 0, text: '\uD83D' }], // and a lone high one
    ];
    const hashes = await Promise.all(steps.map((changes, k) => mirror.handle({ id: k + 1, type: 'apply', file: 'f', changes })));
    const expected = steps.map((changes) => sha((text = applyChanges(text, changes))));
    expect(hashes).toEqual(expected);
  });

  it('rejects a change to a file it never opened, and keeps answering later requests in order', async () => {
    const mirror = localMirror();
    const first = mirror.apply('missing.py', [{ rangeOffset: 0, rangeLength: 0, text: 'x' }]);
    const opened = mirror.open('a.py', 'abc');
    const applied = mirror.apply('a.py', [{ rangeOffset: 3, rangeLength: 0, text: 'd' }]);
    const outOfRange = mirror.apply('a.py', [{ rangeOffset: 10, rangeLength: 0, text: 'e' }]);
    const after = mirror.apply('a.py', [{ rangeOffset: 0, rangeLength: 1, text: '' }]);
    await expect(first).rejects.toThrow('missing.py was never opened');
    expect(await opened).toBe(sha('abc'));
    expect(await applied).toBe(sha('abcd'));
    await expect(outOfRange).rejects.toThrow(/out of bounds/);
    // A rejected change leaves the text as it was.
    expect(await after).toBe(sha('bcd'));
    mirror.dispose();
  });
});
