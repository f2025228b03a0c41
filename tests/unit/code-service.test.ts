import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import type { EditInput } from '../../electron/services/code';
import { latestVersion, MIGRATIONS, openDatabase } from '../../electron/services/store';
import { applyChanges, CODE_LIMITS, type TextChange } from '../../shared/playback';
import { expectAppError, manualClock } from '../support/assertions';
import { tempDataDir } from '../support/paths';
import { makeServices, validConfig } from '../support/services';

const T0 = '2026-03-01T10:00:00.000Z';
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const opened: AppServices[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup() {
  const dataDir = tempDataDir('ir-code-');
  dirs.push(dataDir);
  const services = makeServices({ dataDir, now: manualClock(T0).now });
  opened.push(services);
  const { id } = services.sessions.create(validConfig());
  return { services, id, dataDir, code: services.code };
}

const count = (services: AppServices, table: string, sessionId?: string) =>
  (
    services.db
      .prepare(`SELECT COUNT(*) AS n FROM ${table}${sessionId ? ' WHERE session_id = ?' : ''}`)
      .get(...(sessionId ? [sessionId] : [])) as {
      n: number;
    }
  ).n;

/** Tracks each file's text the way the room does, and turns changes into record inputs. */
function editor(sessionId: string) {
  const texts = new Map<string, string>();
  return {
    texts,
    set(file: string, text: string) {
      texts.set(file, text);
    },
    edit(file: string, changes: TextChange[], offsetMs: number): EditInput {
      const before = texts.get(file) ?? '';
      const after = applyChanges(before, changes);
      texts.set(file, after);
      return {
        offsetMs,
        changes,
        event: {
          type: 'code_edit',
          ts: new Date(Date.parse(T0) + offsetMs).toISOString(),
          sessionId,
          source: 'client',
          file,
          language: 'python',
          diffChars: changes.reduce((n, c) => n + c.rangeLength + c.text.length, 0),
          beforeHash: sha(before),
          afterHash: sha(after),
          cursor: { line: 1, column: 1 },
        },
      };
    },
  };
}

const ins = (rangeOffset: number, text: string): TextChange => ({ rangeOffset, rangeLength: 0, text });

describe('CodeService.record', () => {
  it('stores canonical code_edit events and the changes, linked by event seq, and loads them back', () => {
    const { services, id, code } = setup();
    const ed = editor(id);
    ed.set('main.py', 'def f():\n    pass\n');
    expect(
      code.record({ interviewSessionId: id, edits: [], snapshots: [{ offsetMs: 0, file: 'main.py', text: 'def f():\n    pass\n' }] }),
    ).toEqual({
      accepted: 0,
      dropped: [],
      redactions: { total: 0, byKind: {} },
    });
    const edits = [
      ed.edit('main.py', [{ rangeOffset: 13, rangeLength: 4, text: 'return 42' }], 1_000.4),
      ed.edit('main.py', [ins(0, '# answer\n')], 2_000),
      ed.edit('util.py', [ins(0, 'X = 1\n')], 2_500),
    ];
    expect(code.record({ interviewSessionId: id, edits })).toEqual({ accepted: 3, dropped: [], redactions: { total: 0, byKind: {} } });

    const rows = services.db
      .prepare(
        `SELECT c.seq, c.t_ms AS tMs, c.file, c.changes_json AS changes, e.type, e.t_ms AS eventTMs, json_extract(e.event_json, '$.afterHash') AS afterHash
         FROM code_changes c JOIN telemetry_events e ON e.seq = c.event_seq WHERE c.session_id = ? ORDER BY c.seq`,
      )
      .all(id) as Array<{ seq: number; tMs: number; file: string; changes: string; type: string; eventTMs: number; afterHash: string }>;
    expect(rows.map((r) => [r.tMs, r.eventTMs, r.file, r.type, JSON.parse(r.changes)])).toEqual([
      [1_000, 1_000, 'main.py', 'code_edit', edits[0]!.changes],
      [2_000, 2_000, 'main.py', 'code_edit', edits[1]!.changes],
      [2_500, 2_500, 'util.py', 'code_edit', edits[2]!.changes],
    ]);
    expect(rows.map((r) => r.afterHash)).toEqual(edits.map((e) => (e.event as { afterHash: string }).afterHash));
    expect(services.telemetry.stats(id).byType.code_edit).toBe(3);

    const playback = code.load(id);
    expect(playback.files()).toEqual(['main.py', 'util.py']);
    expect(playback.textAt('main.py', 0)).toBe('def f():\n    pass\n');
    expect(playback.textAt('main.py', 1_999)).toBe('def f():\n    return 42\n');
    expect(playback.textAt('main.py', 2_000)).toBe(ed.texts.get('main.py'));
    expect(playback.textAt('util.py', 2_499)).toBeNull();
    expect(playback.textAt('util.py', 9_999)).toBe('X = 1\n');
    expect(playback.verify(sha)).toEqual([]);
    expect(code.latest(id)).toEqual({ 'main.py': ed.texts.get('main.py'), 'util.py': 'X = 1\n' });
    expect(code.stats(id)).toEqual({
      sessionId: id,
      changes: 3,
      snapshots: 1,
      files: [
        { file: 'main.py', changes: 2, snapshots: 1, firstTMs: 0, lastTMs: 2_000 },
        { file: 'util.py', changes: 1, snapshots: 0, firstTMs: 2_500, lastTMs: 2_500 },
      ],
    });
  });

  it('keeps the order of fast typing and multi-cursor edits in the same millisecond, over many calls', () => {
    const { id, code } = setup();
    const ed = editor(id);
    let t = 0;
    for (let call = 0; call < 10; call++) {
      const edits: EditInput[] = [];
      for (let i = 0; i < 200; i++) {
        const text = ed.texts.get('a.ts') ?? '';
        if (i % 10 === 9 && text.length > 4) {
          // Three cursors typing at once, reported bottom-up.
          edits.push(ed.edit('a.ts', [ins(text.length, ';'), ins(Math.floor(text.length / 2), '|'), ins(0, '>')], t));
        } else if (i % 7 === 6) {
          edits.push(ed.edit('a.ts', [{ rangeOffset: Math.max(0, text.length - 1), rangeLength: Math.min(1, text.length), text: '' }], t));
        } else edits.push(ed.edit('a.ts', [ins(text.length, String.fromCharCode(97 + (i % 26)))], t));
        if (i % 25 === 0) t += 1; // many keystrokes share a millisecond
      }
      code.record({ interviewSessionId: id, edits });
    }
    const playback = code.load(id);
    expect(playback.changeCount).toBe(2_000);
    expect(playback.textAt('a.ts', Infinity)).toBe(ed.texts.get('a.ts'));
    expect(playback.verify(sha)).toEqual([]);
  });

  it('undo and redo are edits like any other', () => {
    const { id, code } = setup();
    const ed = editor(id);
    const typed = ed.edit('m.py', [ins(0, 'print("hi")\n')], 10);
    const undo = ed.edit('m.py', [{ rangeOffset: 0, rangeLength: 12, text: '' }], 20);
    const redo = ed.edit('m.py', [ins(0, 'print("hi")\n')], 30);
    code.record({ interviewSessionId: id, edits: [typed, undo, redo] });
    const p = code.load(id);
    expect([10, 20, 30].map((t) => p.textAt('m.py', t))).toEqual(['print("hi")\n', '', 'print("hi")\n']);
    expect(p.verify(sha)).toEqual([]);
  });

  it('stores a 1 MB paste and a 1 MB snapshot exactly', () => {
    const { id, code } = setup();
    const ed = editor(id);
    const paste = 'data = [1, 2, 3]  # ünïcödé 😀\n'.repeat(34_000);
    expect(paste.length).toBeGreaterThan(1_000_000);
    const edits = [ed.edit('big.py', [ins(0, 'start\n')], 5), ed.edit('big.py', [ins(6, paste)], 6), ed.edit('big.py', [ins(0, '#\n')], 7)];
    code.record({ interviewSessionId: id, edits, snapshots: [{ offsetMs: 7, file: 'big.py', text: ed.texts.get('big.py')! }] });
    const p = code.load(id);
    expect(p.textAt('big.py', 6)).toBe(`start\n${paste}`);
    expect(p.textAt('big.py', 7)).toBe(ed.texts.get('big.py'));
    expect(p.verify(sha)).toEqual([]);
  });

  it('snapshots: afterSeq is the session’s last change, the hash is stored, other sessions do not count', () => {
    const { services, id, code } = setup();
    const other = services.sessions.create(validConfig()).id;
    const a = editor(id);
    const b = editor(other);
    code.record({ interviewSessionId: id, edits: [], snapshots: [{ offsetMs: 0, file: 's.py', text: 'v0' }] });
    a.set('s.py', 'v0');
    code.record({ interviewSessionId: id, edits: [a.edit('s.py', [ins(2, '1')], 100), a.edit('s.py', [ins(3, '2')], 200)] });
    code.record({ interviewSessionId: other, edits: [b.edit('o.py', [ins(0, 'other')], 50)] });
    code.record({ interviewSessionId: other, edits: [], snapshots: [{ offsetMs: 60, file: 'o.py', text: 'other' }] });
    code.record({
      interviewSessionId: id,
      edits: [a.edit('s.py', [ins(4, '3')], 300)],
      snapshots: [{ offsetMs: 300, file: 's.py', text: 'v0123' }],
    });

    const seqs = (session: string) =>
      services.db.prepare(`SELECT seq FROM code_changes WHERE session_id = ? ORDER BY seq`).pluck().all(session) as number[];
    const snaps = (session: string) =>
      services.db
        .prepare(`SELECT after_seq AS afterSeq, t_ms AS tMs, file, text, sha256 FROM code_snapshots WHERE session_id = ? ORDER BY id`)
        .all(session);
    expect(snaps(id)).toEqual([
      { afterSeq: 0, tMs: 0, file: 's.py', text: 'v0', sha256: sha('v0') },
      { afterSeq: seqs(id).at(-1), tMs: 300, file: 's.py', text: 'v0123', sha256: sha('v0123') },
    ]);
    expect(snaps(other)).toEqual([{ afterSeq: seqs(other)[0], tMs: 60, file: 'o.py', text: 'other', sha256: sha('other') }]);
    const p = code.load(id);
    expect(p.textAfterSeq('s.py', 0)).toBe('v0');
    expect(p.textAt('s.py', 150)).toBe('v01');
    expect(p.verify(sha)).toEqual([]);
    expect(code.load(other).files()).toEqual(['o.py']);
  });

  it('rejects a batch with one bad item whole, reporting every problem with its field', () => {
    const { services, id, code } = setup();
    const ed = editor(id);
    const good = () => ed.edit('main.py', [ins(0, 'x')], 1);
    const cases: Array<[unknown, Array<{ field: string; message: string }>]> = [
      [
        { interviewSessionId: id, edits: [good(), { ...good(), changes: [{ rangeOffset: -1, rangeLength: 0, text: 'y' }] }, good()] },
        [{ field: 'edits[1].changes[0].rangeOffset', message: 'must not be negative' }],
      ],
      [
        { interviewSessionId: id, edits: [good(), { ...good(), changes: [{ rangeOffset: 0, rangeLength: 1.5, text: 'y' }] }] },
        [{ field: 'edits[1].changes[0].rangeLength', message: 'must be a whole number' }],
      ],
      [
        { interviewSessionId: id, edits: [{ ...good(), changes: [{ rangeOffset: 0, rangeLength: 0, text: 7 }] }] },
        [{ field: 'edits[0].changes[0].text', message: 'must be a string' }],
      ],
      [
        { interviewSessionId: id, edits: [{ ...good(), changes: [] }] },
        [{ field: 'edits[0].changes', message: 'an edit has at least one change' }],
      ],
      [{ interviewSessionId: id, edits: [{ ...good(), extra: 1 }] }, [{ field: 'edits[0].extra', message: 'unknown field' }]],
      [
        { interviewSessionId: id, edits: [{ ...good(), offsetMs: Number.NaN }] },
        [{ field: 'edits[0].offsetMs', message: 'must be a number' }],
      ],
      [
        { interviewSessionId: id, edits: [good()], snapshots: [{ offsetMs: 0, file: '', text: '' }] },
        [{ field: 'snapshots[0].file', message: 'must not be empty' }],
      ],
      [
        {
          interviewSessionId: id,
          edits: [
            good(),
            {
              ...good(),
              changes: [
                { rangeOffset: 0, rangeLength: 3, text: 'a' },
                { rangeOffset: 2, rangeLength: 0, text: 'b' },
              ],
            },
          ],
        },
        [{ field: 'edits[1].changes', message: 'changes overlap: [0, 3) and [2, 2) of the same edit' }],
      ],
      [
        {
          interviewSessionId: id,
          edits: [
            good(),
            { ...good(), event: { ...(good().event as object), diffChars: -1 } },
            { ...good(), event: { type: 'run', ts: T0, sessionId: id, status: 'success' } },
            { ...good(), event: { ...(good().event as object), file: undefined } },
            { ...good(), event: { ...(good().event as object), sessionId: 'someone-else' } },
          ],
        },
        [
          { field: 'edits[1].event.diffChars', message: 'must not be negative' },
          { field: 'edits[2].event.type', message: 'must be code_edit: only code edits are recorded with their changes' },
          { field: 'edits[3].event.file', message: 'is required: playback needs to know the file' },
          { field: 'edits[4].event.sessionId', message: `"someone-else" does not match the batch's interviewSessionId "${id}"` },
        ],
      ],
      [
        { interviewSessionId: id, edits: [good(), { offsetMs: 1, changes: [ins(0, 'z')] }] },
        [{ field: 'edits[1].event', message: 'is required' }],
      ],
      [
        { interviewSessionId: id, edits: [good(), { offsetMs: 1, event: undefined, changes: [ins(0, 'z')] }] },
        [{ field: 'edits[1].event', message: 'is required' }],
      ],
      [
        {
          interviewSessionId: id,
          edits: [
            good(),
            { ...good(), event: { type: 'run', ts: T0, sessionId: id, status: 'success' } },
            { ...good(), event: { ...(good().event as object), file: undefined } },
          ],
        },
        [
          { field: 'edits[1].event.type', message: 'must be code_edit: only code edits are recorded with their changes' },
          { field: 'edits[2].event.file', message: 'is required: playback needs to know the file' },
        ],
      ],
      [
        { interviewSessionId: id, edits: Array.from({ length: CODE_LIMITS.maxEditsPerCall + 1 }, good) },
        [{ field: 'edits', message: 'at most 200 edits per call' }],
      ],
      [{ interviewSessionId: id }, [{ field: 'edits', message: 'is required' }]],
      [{ edits: [] }, [{ field: 'interviewSessionId', message: 'is required' }]],
    ];
    for (const [input, issues] of cases) {
      const err = expectAppError(() => code.record(input), 'invalid_input');
      expect(err.issues, JSON.stringify(issues)).toEqual(issues);
      expect(err.message).toMatch(/^Code edits rejected: /);
    }
    expectAppError(() => code.record(null), 'invalid_input');
    const tooMuch = 'x'.repeat(CODE_LIMITS.maxTextPerCall / 2 + 1);
    expect(
      expectAppError(
        () =>
          code.record({
            interviewSessionId: id,
            edits: [{ ...good(), changes: [ins(0, tooMuch)] }],
            snapshots: [{ offsetMs: 1, file: 'a', text: tooMuch }],
          }),
        'invalid_input',
      ).issues,
    ).toEqual([
      {
        field: 'edits',
        message: `carries ${tooMuch.length * 2} characters of text; one call carries at most ${CODE_LIMITS.maxTextPerCall}`,
      },
    ]);
    for (const table of ['telemetry_events', 'code_changes', 'code_snapshots']) expect(count(services, table)).toBe(0);
  });

  it('is all or nothing even when the database fails half-way through', () => {
    const { services, id, code } = setup();
    const ed = editor(id);
    code.record({ interviewSessionId: id, edits: [ed.edit('a.py', [ins(0, 'kept')], 1)] });
    // The events and changes are written, then the snapshot insert fails.
    services.db.exec(`CREATE TEMP TRIGGER fail_snapshot BEFORE INSERT ON code_snapshots BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const edits = [ed.edit('a.py', [ins(4, '!')], 2), ed.edit('a.py', [ins(5, '?')], 3)];
    expect(() => code.record({ interviewSessionId: id, edits, snapshots: [{ offsetMs: 3, file: 'a.py', text: 'kept!?' }] })).toThrow(
      'disk full',
    );
    expect([count(services, 'telemetry_events'), count(services, 'code_changes'), count(services, 'code_snapshots')]).toEqual([1, 1, 0]);
    expect(services.db.inTransaction).toBe(false);
    services.db.exec(`DROP TRIGGER fail_snapshot`);
    code.record({ interviewSessionId: id, edits, snapshots: [{ offsetMs: 3, file: 'a.py', text: 'kept!?' }] });
    expect(code.load(id).textAt('a.py', 3)).toBe('kept!?');
  });

  it('an unknown session is not_found, and nothing is stored', () => {
    const { services, code } = setup();
    const ed = editor('ghost');
    expect(
      expectAppError(() => code.record({ interviewSessionId: 'ghost', edits: [ed.edit('a', [ins(0, 'x')], 1)] }), 'not_found').message,
    ).toBe('No session with id "ghost".');
    expectAppError(
      () => code.record({ interviewSessionId: 'ghost', edits: [], snapshots: [{ offsetMs: 0, file: 'a', text: '' }] }),
      'not_found',
    );
    expectAppError(() => code.load('ghost'), 'not_found');
    expectAppError(() => code.latest('ghost'), 'not_found');
    expectAppError(() => code.stats('ghost'), 'not_found');
    for (const table of ['telemetry_events', 'code_changes', 'code_snapshots']) expect(count(services, table)).toBe(0);
  });

  it('a session without code loads as an empty playback', () => {
    const { id, code } = setup();
    const p = code.load(id);
    expect(p.files()).toEqual([]);
    expect(p.verify(sha)).toEqual([]);
    expect(code.latest(id)).toEqual({});
    expect(code.stats(id)).toEqual({ sessionId: id, changes: 0, snapshots: 0, files: [] });
  });

  it('latest() starts from the latest snapshot and agrees with playback', () => {
    const { services, id, code } = setup();
    const ed = editor(id);
    ed.set('a.py', 'base\n');
    code.record({ interviewSessionId: id, edits: [], snapshots: [{ offsetMs: 0, file: 'a.py', text: 'base\n' }] });
    for (let i = 0; i < 30; i++) {
      const snap = i % 10 === 9;
      const edit = ed.edit('a.py', [ins(0, `${i}\n`)], i * 10);
      code.record({
        interviewSessionId: id,
        edits: [edit],
        snapshots: snap ? [{ offsetMs: i * 10, file: 'a.py', text: ed.texts.get('a.py')! }] : [],
      });
    }
    // A stale change before the latest snapshot would be ignored by latest(): the snapshot is the truth from then on.
    expect(code.latest(id)).toEqual({ 'a.py': ed.texts.get('a.py') });
    expect(code.latest(id)['a.py']).toBe(code.load(id).textAt('a.py', Infinity));
    expect(count(services, 'code_snapshots', id)).toBe(4);
  });
});

describe('migration 0020', () => {
  it('upgrades a version-10 database in place, keeping its data', () => {
    const dir = tempDataDir('ir-code-migrate-');
    dirs.push(dir);
    const file = join(dir, 'db.sqlite');
    const old = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 10) });
    old.prepare(`INSERT INTO sessions (id, status, config_json, created_at) VALUES ('s1', 'pending', '{}', ?)`).run(T0);
    old.close();
    const db = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
      expect(db.prepare(`SELECT id FROM sessions`).all()).toEqual([{ id: 's1' }]);
      const list = db.pragma('table_list') as Array<{ name: string; strict: number }>;
      for (const name of ['code_changes', 'code_snapshots', 'integrity_signals']) expect(list.find((t) => t.name === name)?.strict).toBe(1);
      const plan = (sql: string) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join('\n');
      expect(plan(`SELECT * FROM code_changes WHERE session_id = 's1' ORDER BY seq`)).toMatch(/code_changes_session/);
      expect(plan(`SELECT * FROM code_snapshots WHERE session_id = 's1' AND file = 'a' ORDER BY after_seq DESC LIMIT 1`)).toMatch(
        /code_snapshots_session_file/,
      );
      expect(plan(`SELECT * FROM integrity_signals WHERE session_id = 's1' ORDER BY t_ms`)).toMatch(/integrity_signals_session/);
      // Constraints: JSON and kinds are checked; code_changes must point at a real event.
      expect(() =>
        db.prepare(`INSERT INTO integrity_signals (session_id, kind, ts, t_ms, details_json) VALUES ('s1', 'copy', ?, 0, '{}')`).run(T0),
      ).toThrow(/CHECK/);
      expect(() =>
        db.prepare(`INSERT INTO integrity_signals (session_id, kind, ts, t_ms, details_json) VALUES ('s1', 'paste', ?, 0, 'nope')`).run(T0),
      ).toThrow(/CHECK/);
      db.prepare(
        `INSERT INTO integrity_signals (session_id, kind, ts, t_ms, details_json) VALUES ('s1', 'focus_lost', ?, 5, '{"durationMs":3}')`,
      ).run(T0);
      expect(() =>
        db.prepare(`INSERT INTO code_changes (session_id, event_seq, t_ms, file, changes_json) VALUES ('s1', 999, 0, 'a', '[]')`).run(),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      db.close();
    }
    // code_changes is not append-only (unlike telemetry_events): a plain connection may rewrite it.
    const raw = new Database(file);
    expect(raw.prepare(`UPDATE code_changes SET t_ms = 1`).run().changes).toBe(0);
    raw.close();
  });
});
