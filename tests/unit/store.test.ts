import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DatabaseTooNewError,
  latestVersion,
  migrate,
  MIGRATIONS,
  openDatabase,
  type Db,
  type Migration,
} from '../../electron/services/store';
import { tempDataDir } from '../support/paths';

const TABLES = [
  'sessions',
  'questions',
  'turns',
  'telemetry_events',
  'telemetry_drops',
  'recordings',
  'annotations',
  'settings',
  'code_changes',
  'code_snapshots',
  'integrity_signals',
  'recording_consents',
  'recording_pauses',
  'interviewer_sessions',
  'interviewer_results',
  'secrets',
  'sync_consents',
  'corpus_exclusions',
  'corpus_kept_words',
  'redaction_audit',
  'sync_sessions',
  'sync_outbox',
  'sync_queue',
  'interviewer_summaries',
  'test_runs',
  'test_case_results',
  'twin_eval_runs',
  'twin_training_jobs',
];

const open: Db[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dbFile(): string {
  const dir = tempDataDir('ir-store-');
  dirs.push(dir);
  return join(dir, 'interview-recorder.sqlite');
}

function track(db: Db): Db {
  open.push(db);
  return db;
}

/** A plain connection that neither migrates nor changes pragmas, to look at a file from outside. */
function rawOpen(file: string): Db {
  return track(new Database(file));
}

const userVersion = (db: Db) => db.pragma('user_version', { simple: true }) as number;
const tableNames = (db: Db) =>
  (
    db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as Array<{
      name: string;
    }>
  ).map((r) => r.name);
function safeReadlink(path: string): string | null {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function insertSession(db: Db, id: string): void {
  db.prepare(`INSERT INTO sessions (id, status, config_json, created_at) VALUES (?, 'pending', '{}', '2026-01-01T00:00:00.000Z')`).run(id);
}

function insertEvent(db: Db, sessionId: string, ts = '2026-01-01T00:00:01.000Z'): void {
  db.prepare(
    `INSERT INTO telemetry_events (session_id, type, ts, t_ms, event_json, received_at) VALUES (?, 'control', ?, 1000, '{}', ?)`,
  ).run(sessionId, ts, ts);
}

describe('migrations registry', () => {
  it('has unique, increasing versions and a latest version above zero', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(new Set(versions).size).toBe(versions.length);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(latestVersion()).toBe(Math.max(...versions));
    expect(latestVersion()).toBeGreaterThan(0);
    expect(latestVersion([])).toBe(0);
    for (const m of MIGRATIONS) expect(m.name).toMatch(/\S/);
  });
});

describe('openDatabase on a fresh file', () => {
  it('creates the directory and brings the schema to the latest user_version', () => {
    const file = join(dbFile(), '..', 'nested', 'deeper', 'db.sqlite');
    const db = track(openDatabase(file));
    expect(existsSync(file)).toBe(true);
    expect(userVersion(db)).toBe(latestVersion());
    expect(userVersion(db)).toBe(latestVersion());
  });

  it('uses WAL, foreign keys and a busy timeout', () => {
    const db = track(openDatabase(dbFile()));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('creates every table, each of them STRICT', () => {
    const db = track(openDatabase(dbFile()));
    const list = db.pragma('table_list') as Array<{ schema: string; name: string; type: string; strict: number }>;
    const mine = list.filter((t) => t.schema === 'main' && !t.name.startsWith('sqlite_'));
    expect(mine.map((t) => t.name).sort()).toEqual([...TABLES].sort());
    for (const t of mine) {
      expect({ name: t.name, type: t.type, strict: t.strict }).toEqual({ name: t.name, type: 'table', strict: 1 });
    }
  });

  it('a STRICT table refuses a value of the wrong type', () => {
    const db = track(openDatabase(dbFile()));
    insertSession(db, 's1');
    expect(() =>
      db
        .prepare(
          `INSERT INTO telemetry_events (session_id, type, ts, t_ms, event_json, received_at) VALUES ('s1', 'run', 'x', 'not a number', '{}', 'x')`,
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('indexes telemetry_events by (session_id, ts) and by (session_id, type)', () => {
    const db = track(openDatabase(dbFile()));
    const indexes = db.pragma('index_list(telemetry_events)') as Array<{ name: string }>;
    const columns = indexes
      .filter((i) => !i.name.startsWith('sqlite_autoindex'))
      .map((i) =>
        (db.pragma(`index_info(${i.name})`) as Array<{ seqno: number; name: string }>).sort((a, b) => a.seqno - b.seqno).map((c) => c.name),
      );
    expect(columns).toEqual(
      expect.arrayContaining([
        ['session_id', 'ts'],
        ['session_id', 'type'],
      ]),
    );

    // And the planner actually uses them for the queries the app makes.
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join('\n');
    expect(plan(`SELECT * FROM telemetry_events WHERE session_id = 'a' ORDER BY ts`)).toMatch(/USING INDEX telemetry_session_ts/);
    expect(plan(`SELECT COUNT(*) FROM telemetry_events WHERE session_id = 'a' AND type = 'run'`)).toMatch(/telemetry_session_type/);
  });

  it('enforces foreign keys', () => {
    const db = track(openDatabase(dbFile()));
    expect(() => insertEvent(db, 'no-such-session')).toThrow(/FOREIGN KEY constraint failed/);
  });
});

describe('telemetry_events is append-only', () => {
  it('refuses UPDATE and DELETE but accepts INSERT', () => {
    const db = track(openDatabase(dbFile()));
    insertSession(db, 's1');
    insertEvent(db, 's1');
    insertEvent(db, 's1', '2026-01-01T00:00:02.000Z');
    expect(() => db.prepare(`UPDATE telemetry_events SET t_ms = 5 WHERE seq = 1`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`UPDATE telemetry_events SET event_json = '{"x":1}'`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM telemetry_events WHERE seq = 1`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM telemetry_events`).run()).toThrow(/append-only/);
    const rows = db.prepare(`SELECT seq, t_ms, event_json FROM telemetry_events ORDER BY seq`).all();
    expect(rows).toEqual([
      { seq: 1, t_ms: 1000, event_json: '{}' },
      { seq: 2, t_ms: 1000, event_json: '{}' },
    ]);
  });
});

describe('re-opening', () => {
  it('is idempotent: no migration runs again and data is kept', () => {
    const file = dbFile();
    const first = track(openDatabase(file));
    insertSession(first, 's1');
    insertEvent(first, 's1');
    const schemaBefore = first.prepare(`SELECT type, name, sql FROM sqlite_schema ORDER BY name`).all();
    first.close();

    for (let i = 0; i < 3; i++) {
      const again = track(openDatabase(file));
      expect(userVersion(again)).toBe(latestVersion());
      expect(again.prepare(`SELECT type, name, sql FROM sqlite_schema ORDER BY name`).all()).toEqual(schemaBefore);
      expect(again.prepare(`SELECT id FROM sessions`).all()).toEqual([{ id: 's1' }]);
      expect(again.prepare(`SELECT COUNT(*) AS n FROM telemetry_events`).get()).toEqual({ n: 1 });
      again.close();
    }
  });

  it('migrate() reports what it did', () => {
    const db = track(new Database(dbFile()));
    expect(migrate(db)).toEqual({ from: 0, to: latestVersion() });
    expect(migrate(db)).toEqual({ from: latestVersion(), to: latestVersion() });
  });

  it('runs only the migrations above the current version, in version order', () => {
    const file = dbFile();
    track(openDatabase(file)).close();
    const extra: Migration[] = [
      ...MIGRATIONS,
      // Listed out of order on purpose: the second depends on the first.
      { version: latestVersion() + 20, name: 'add-notes-index', sql: `CREATE INDEX notes_body ON notes (body);` },
      { version: latestVersion() + 10, name: 'add-notes', sql: `CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT;` },
    ];
    const db = track(openDatabase(file, { migrations: extra }));
    expect(userVersion(db)).toBe(latestVersion() + 20);
    expect(tableNames(db)).toContain('notes');
    expect(db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND name = 'notes_body'`).get()).toEqual({ name: 'notes_body' });
  });
});

describe('a database from a newer app', () => {
  it('is refused with DatabaseTooNewError and left exactly as it was', () => {
    const file = dbFile();
    const db = track(openDatabase(file));
    insertSession(db, 's1');
    insertSession(db, 's2');
    insertEvent(db, 's1');
    db.pragma(`user_version = ${latestVersion() + 10}`);
    db.close();
    const hash = sha256(file);

    let error: unknown;
    try {
      track(openDatabase(file));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DatabaseTooNewError);
    const tooNew = error as DatabaseTooNewError;
    expect(tooNew.name).toBe('DatabaseTooNewError');
    expect(tooNew.found).toBe(latestVersion() + 10);
    expect(tooNew.supported).toBe(latestVersion());
    expect(tooNew.message).toContain('newer version of Interview Recorder');
    expect(tooNew.message).toContain(`database version ${latestVersion() + 10}`);
    expect(tooNew.message).toContain(`up to ${latestVersion()}`);
    expect(tooNew.message).toContain('nothing was changed');

    expect(sha256(file)).toBe(hash);
    const raw = rawOpen(file);
    expect(userVersion(raw)).toBe(latestVersion() + 10);
    expect(raw.prepare(`SELECT id FROM sessions ORDER BY id`).all()).toEqual([{ id: 's1' }, { id: 's2' }]);
    expect(raw.prepare(`SELECT COUNT(*) AS n FROM telemetry_events`).get()).toEqual({ n: 1 });
  });

  it('does not even switch its journal mode (a rollback-journal file stays byte-identical)', () => {
    const file = dbFile();
    const raw = rawOpen(file);
    raw.exec(`CREATE TABLE future (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO future (v) VALUES ('kept');`);
    raw.pragma('user_version = 999');
    expect(raw.pragma('journal_mode', { simple: true })).toBe('delete');
    raw.close();
    const hash = sha256(file);

    expect(() => track(openDatabase(file))).toThrow(DatabaseTooNewError);
    expect(sha256(file)).toBe(hash);
    expect(existsSync(`${file}-wal`)).toBe(false);
    const after = rawOpen(file);
    expect(after.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(userVersion(after)).toBe(999);
    expect(after.prepare(`SELECT v FROM future`).all()).toEqual([{ v: 'kept' }]);
  });

  it('migrate() itself refuses it too, without touching it', () => {
    const db = track(new Database(dbFile()));
    db.exec(`CREATE TABLE future (id INTEGER PRIMARY KEY)`);
    db.pragma(`user_version = ${latestVersion() + 1}`);
    expect(() => migrate(db)).toThrow(DatabaseTooNewError);
    expect(userVersion(db)).toBe(latestVersion() + 1);
    expect(tableNames(db)).toEqual(['future']);
  });

  it('closes the connection it opened when refusing', () => {
    const file = dbFile();
    const raw = rawOpen(file);
    raw.pragma('user_version = 500');
    raw.close();
    // On Linux the process's open files are visible: none may still point at the database.
    const handlesOn = (target: string) =>
      existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').filter((fd) => safeReadlink(`/proc/self/fd/${fd}`) === target).length : 0;
    expect(handlesOn(file)).toBe(0);
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    expect(handlesOn(file)).toBe(0);
  });
});

describe('an interrupted migration', () => {
  const failing: Migration = {
    version: latestVersion() + 10,
    name: 'breaks-half-way',
    sql: `
      CREATE TABLE half_done (id INTEGER PRIMARY KEY, note TEXT) STRICT;
      INSERT INTO half_done (note) VALUES ('written before the failure');
      UPDATE sessions SET status = 'abandoned';
      ALTER TABLE sessions ADD COLUMN extra TEXT;
      THIS IS NOT SQL;
      CREATE TABLE never_reached (id INTEGER PRIMARY KEY) STRICT;
    `,
  };

  it('rolls back completely on an existing database: version, schema and data unchanged', () => {
    const file = dbFile();
    const db = track(openDatabase(file));
    insertSession(db, 's1');
    insertEvent(db, 's1');
    const schemaBefore = db.prepare(`SELECT type, name, sql FROM sqlite_schema ORDER BY name`).all();
    db.close();

    expect(() => openDatabase(file, { migrations: [...MIGRATIONS, failing] })).toThrow(/syntax error/);

    const after = track(openDatabase(file));
    expect(userVersion(after)).toBe(latestVersion());
    expect(tableNames(after)).not.toContain('half_done');
    expect(tableNames(after)).not.toContain('never_reached');
    expect(after.prepare(`SELECT type, name, sql FROM sqlite_schema ORDER BY name`).all()).toEqual(schemaBefore);
    expect(after.prepare(`SELECT id, status FROM sessions`).all()).toEqual([{ id: 's1', status: 'pending' }]);
    expect(after.prepare(`SELECT COUNT(*) AS n FROM telemetry_events`).get()).toEqual({ n: 1 });
  });

  it('on a fresh file, leaves nothing behind: not even the migrations that succeeded before it', () => {
    const file = dbFile();
    expect(() => openDatabase(file, { migrations: [...MIGRATIONS, failing] })).toThrow();
    const raw = rawOpen(file);
    expect(userVersion(raw)).toBe(0);
    expect(tableNames(raw)).toEqual([]);
    raw.close();

    // The next start with the good migrations works from scratch.
    const db = track(openDatabase(file));
    expect(userVersion(db)).toBe(latestVersion());
    expect(tableNames(db).sort()).toEqual([...TABLES].sort());
  });

  it('migrate() on an open connection rolls back and leaves the connection usable', () => {
    const db = track(openDatabase(dbFile()));
    insertSession(db, 's1');
    expect(() => migrate(db, [...MIGRATIONS, failing])).toThrow();
    expect(db.inTransaction).toBe(false);
    expect(userVersion(db)).toBe(latestVersion());
    expect(tableNames(db)).not.toContain('half_done');
    insertSession(db, 's2');
    expect(db.prepare(`SELECT id, status FROM sessions ORDER BY id`).all()).toEqual([
      { id: 's1', status: 'pending' },
      { id: 's2', status: 'pending' },
    ]);
  });
});
