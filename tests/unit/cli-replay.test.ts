import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, USAGE } from '../../electron/cli/run';
import { dataPaths } from '../../electron/services/paths';
import type { EditInput } from '../../electron/services/code';
import { applyChanges, type TextChange } from '../../shared/playback';
import { tempDataDir } from '../support/paths';
import { makeServices, validConfig } from '../support/services';
import { runCliCaptured } from '../support/cli';

const T0 = '2026-03-01T10:00:00.000Z';
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A data directory with one session whose code was recorded, and the CLI pointed at it. */
function workspace() {
  const dataDir = tempDataDir('ir-replay-');
  dirs.push(dataDir);
  const env = { INTERVIEW_RECORDER_DATA_DIR: dataDir };
  const run = (argv: string[]): Run => runCliCaptured(argv, { env });
  const withServices = <T>(fn: (s: ReturnType<typeof makeServices>) => T): T => {
    const s = makeServices({ dataDir });
    try {
      return fn(s);
    } finally {
      s.close();
    }
  };
  const raw = <T>(fn: (db: Database.Database) => T): T => {
    const db = new Database(dataPaths(dataDir).database);
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };
  return { dataDir, run, withServices, raw };
}

/**
 * main.py starts from a snapshot at 0 ms and notes.md from one at 0 ms; main.py is edited at
 * 1000/2000/3000 ms, helper.py is created by its first change at 2500 ms.
 */
function recordedSession(w: ReturnType<typeof workspace>) {
  return w.withServices((s) => {
    const id = s.sessions.create(validConfig()).id;
    const texts = new Map<string, string>([
      ['main.py', 'def solve(xs):\n    pass\n'],
      ['notes.md', '# Notes\n'],
    ]);
    const history: Array<{ file: string; tMs: number; text: string }> = [];
    const edit = (file: string, changes: TextChange[], offsetMs: number): EditInput => {
      const before = texts.get(file) ?? '';
      const after = applyChanges(before, changes);
      texts.set(file, after);
      history.push({ file, tMs: offsetMs, text: after });
      return {
        offsetMs,
        changes,
        event: {
          type: 'code_edit',
          ts: new Date(Date.parse(T0) + offsetMs).toISOString(),
          sessionId: id,
          file,
          diffChars: 1,
          beforeHash: sha(before),
          afterHash: sha(after),
        },
      };
    };
    s.code.record({
      interviewSessionId: id,
      edits: [],
      snapshots: [...texts].map(([file, text]) => ({ offsetMs: 0, file, text })),
    });
    s.code.record({
      interviewSessionId: id,
      edits: [
        edit('main.py', [{ rangeOffset: 19, rangeLength: 4, text: 'return sorted(xs)' }], 1_000),
        edit('main.py', [{ rangeOffset: 0, rangeLength: 0, text: 'import sys\n' }], 2_000),
        edit('helper.py', [{ rangeOffset: 0, rangeLength: 0, text: 'def helper():\n    return 1 😀\n' }], 2_500),
        edit('main.py', [{ rangeOffset: 0, rangeLength: 11, text: '' }], 3_000),
      ],
    });
    return { id, history };
  });
}

describe('interview-recorder replay --at', () => {
  it('prints the text of the file changed last at or before the moment, exactly', () => {
    const w = workspace();
    const { id, history } = recordedSession(w);
    expect(w.run(['replay', id, '--at', '1000'])).toEqual({ code: EXIT.ok, stdout: history[0]!.text, stderr: '' });
    expect(w.run(['replay', id, '--at', '2499.9']).stdout).toBe(history[1]!.text);
    expect(w.run(['replay', id, '--at', '2500']).stdout).toBe('def helper():\n    return 1 😀\n');
    expect(w.run(['replay', id, '--at', '99999']).stdout).toBe('def solve(xs):\n    return sorted(xs)\n');
    expect(w.run(['replay', id, '--at', '2999', '--file', 'main.py']).stdout).toBe(history[1]!.text);
    expect(w.run(['replay', id, '--at', '5', '--file', 'notes.md']).stdout).toBe('# Notes\n');
  });

  it('--json reports the file, the last change and the hash of the text', () => {
    const w = workspace();
    const { id, history } = recordedSession(w);
    const r = w.run(['replay', id, '--at', '2000', '--json']);
    expect(r.code).toBe(EXIT.ok);
    const report = JSON.parse(r.stdout) as { file: string; atMs: number; lastChange: { tMs: number }; sha256: string; text: string };
    expect(report).toMatchObject({ sessionId: id, file: 'main.py', atMs: 2000, lastChange: { tMs: 2000 }, text: history[1]!.text });
    expect(report.sha256).toBe(sha(history[1]!.text));
  });

  it('before any change: the only file that existed, or exit 2 listing them', () => {
    const w = workspace();
    const { id } = recordedSession(w);
    const r = w.run(['replay', id, '--at', '500']);
    expect(r).toEqual({
      code: EXIT.invalid,
      stdout: '',
      stderr: 'error: no file had changed yet at 500 ms; choose one with --file: main.py, notes.md\n',
    });
    expect(w.run(['replay', id, '--at', '500', '--file', 'main.py']).stdout).toBe('def solve(xs):\n    pass\n');

    const single = w.withServices((s) => {
      const other = s.sessions.create(validConfig()).id;
      s.code.record({ interviewSessionId: other, edits: [], snapshots: [{ offsetMs: 100, file: 'only.py', text: 'x = 1\n' }] });
      return other;
    });
    expect(w.run(['replay', single, '--at', '100']).stdout).toBe('x = 1\n');
    expect(w.run(['replay', single, '--at', '99'])).toEqual({
      code: EXIT.invalid,
      stdout: '',
      stderr: 'error: no file existed yet at 99 ms; the first appears at 100 ms\n',
    });
  });

  it('an unknown file, or one that did not exist yet, is exit 2', () => {
    const w = workspace();
    const { id } = recordedSession(w);
    expect(w.run(['replay', id, '--at', '3000', '--file', 'nope.py'])).toEqual({
      code: EXIT.invalid,
      stdout: '',
      stderr: `error: session ${id} has no file "nope.py"; its files: helper.py, main.py, notes.md\n`,
    });
    expect(w.run(['replay', id, '--at', '2000', '--file', 'helper.py'])).toEqual({
      code: EXIT.invalid,
      stdout: '',
      stderr: 'error: helper.py did not exist yet at 2000 ms; it first appears at 2500 ms\n',
    });
  });

  it('usage errors are exit 2; an unknown session is exit 1; a session without code is exit 2', () => {
    const w = workspace();
    const { id } = recordedSession(w);
    for (const argv of [
      ['replay'],
      ['replay', id],
      ['replay', id, 'extra', '--at', '1'],
      ['replay', id, '--at', '1', '--verify'],
      ['replay', id, '--at', 'soon'],
      ['replay', id, '--at', '-1'],
    ]) {
      const r = w.run(argv);
      expect(r.code, argv.join(' ')).toBe(EXIT.invalid);
      expect(r.stderr).toMatch(/^error: /);
    }
    expect(w.run(['replay', id, '--at', 'soon']).stderr).toBe(
      'error: --at must be milliseconds from the session\'s start (a number >= 0), got "soon"\n',
    );
    expect(w.run(['replay', 'ghost', '--at', '1'])).toEqual({
      code: EXIT.error,
      stdout: '',
      stderr: 'error: No session with id "ghost".\n',
    });
    const empty = w.withServices((s) => s.sessions.create(validConfig()).id);
    expect(w.run(['replay', empty, '--at', '1'])).toEqual({
      code: EXIT.invalid,
      stdout: '',
      stderr: `error: session ${empty} has no recorded code\n`,
    });
    expect(w.run(['replay', empty, '--verify'])).toEqual({
      code: EXIT.ok,
      stdout: 'OK: 0 changes in 0 files replayed, 0 mismatches\n',
      stderr: '',
    });
  });

  it('is in the usage text', () => {
    expect(USAGE).toContain('replay ID --at MS [--file NAME]');
    expect(USAGE).toContain('replay ID --verify');
  });
});

describe('interview-recorder replay --verify', () => {
  it('exit 0 with a summary when every change matches its afterHash', () => {
    const w = workspace();
    const { id } = recordedSession(w);
    expect(w.run(['replay', id, '--verify'])).toEqual({
      code: EXIT.ok,
      stdout: 'OK: 4 changes in 3 files replayed, 0 mismatches\n',
      stderr: '',
    });
    expect(JSON.parse(w.run(['replay', id, '--verify', '--json']).stdout)).toEqual({
      ok: true,
      sessionId: id,
      files: ['helper.py', 'main.py', 'notes.md'],
      changes: 4,
      snapshots: 2,
      mismatches: [],
    });
    expect(w.run(['replay', id, '--verify', '--file', 'helper.py']).stdout).toBe('OK: 1 change in 1 file replayed, 0 mismatches\n');
  });

  it('exit 2 naming each mismatch when the stored changes were altered', () => {
    const w = workspace();
    const { id, history } = recordedSession(w);
    // code_changes is not append-only: alter the second edit of main.py behind the app's back.
    const seq = w.raw((db) => {
      const row = db
        .prepare(`SELECT seq FROM code_changes WHERE session_id = ? AND file = 'main.py' ORDER BY seq LIMIT 1 OFFSET 1`)
        .get(id) as { seq: number };
      db.prepare(`UPDATE code_changes SET changes_json = ? WHERE seq = ?`).run(
        JSON.stringify([{ rangeOffset: 0, rangeLength: 0, text: 'import os\n' }]),
        row.seq,
      );
      return row.seq;
    });
    const r = w.run(['replay', id, '--verify']);
    expect(r.code).toBe(EXIT.invalid);
    const tampered = 'import os\ndef solve(xs):\n    return sorted(xs)\n';
    expect(r.stdout).toContain(
      `mismatch: change seq ${seq} of main.py at 2000 ms: the rebuilt text does not match the afterHash\n  expected ${sha(history[1]!.text)}\n  actual   ${sha(tampered)}\n`,
    );
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('FAILED: 4 changes in 3 files replayed, 2 mismatches');

    const report = JSON.parse(w.run(['replay', id, '--verify', '--json']).stdout) as {
      ok: boolean;
      mismatches: Array<{ seq: number; file: string; kind: string }>;
    };
    expect(report.ok).toBe(false);
    // The altered change, and the next one: it deleted 11 characters that were no longer "import sys\n".
    expect(report.mismatches.map((m) => [m.seq, m.file, m.kind])).toEqual([
      [seq, 'main.py', 'change'],
      [seq + 2, 'main.py', 'change'],
    ]);
    expect(w.run(['replay', id, '--verify', '--file', 'helper.py']).code).toBe(EXIT.ok);

    // A range past the end of the text is reported, not a crash.
    w.raw((db) =>
      db.prepare(`UPDATE code_changes SET changes_json = '[{"rangeOffset":9999,"rangeLength":0,"text":"x"}]' WHERE seq = ?`).run(seq),
    );
    const broken = w.run(['replay', id, '--verify']);
    expect(broken.code).toBe(EXIT.invalid);
    expect(broken.stdout).toContain(
      'the change does not apply to the rebuilt text: change 0: range [9999, 9999) is out of bounds for a text of length 37',
    );
    expect(w.run(['replay', id, '--at', '99999', '--file', 'main.py']).code).toBe(EXIT.ok);
  });
});
