import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import type { Db } from '../../electron/services/store';
import { POINTERS, RENUMBERED_KEYS, SKIPPED_COLUMNS, SKIPPED_TABLES, SNAPSHOT_ORDER } from '../../electron/services/snapshot/coverage';
import { makeRecording, requireFfmpeg, setupMedia } from '../support/media';
import { tempDataDir } from '../support/paths';
import { makeServices, validConfig } from '../support/services';

/**
 * The session snapshot covers every table and column of a session, or says why not. The tables are found
 * in the live schema (a table is a session's when it has `session_id`, or points at a table that is), so a
 * migration that adds one is checked without anyone remembering to list it here.
 */

const opened: AppServices[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});
const open = () => {
  const s = makeServices({ dataDir: tempDataDir('ir-snapshot-') });
  opened.push(s);
  return s;
};

let mp4 = '';
setupMedia(() => {
  requireFfmpeg();
  mp4 = makeRecording(tempDataDir('ir-snapshot-media-'), 'r.mp4', { seconds: 2 });
});

interface SessionTable {
  name: string;
  columns: string[];
  /** SQL selecting the table's rows of one session (one `?` for its id). */
  where: string;
}

/** Every table holding a session's rows, from the schema itself. */
function sessionTables(db: Db): SessionTable[] {
  const names = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
  const columns = new Map(names.map((n) => [n, (db.pragma(`table_info(${n})`) as Array<{ name: string }>).map((c) => c.name)]));
  const found = new Map<string, string>([['sessions', 'id = ?']]);
  for (const n of names) if (n !== 'sessions' && columns.get(n)!.includes('session_id')) found.set(n, 'session_id = ?');
  // Tables that belong to a session through another table (a recording's pauses), until nothing new is found.
  for (let grew = true; grew;) {
    grew = false;
    for (const n of names) {
      if (found.has(n)) continue;
      const fks = db.pragma(`foreign_key_list(${n})`) as Array<{ table: string; from: string; to: string }>;
      const parent = fks.find((fk) => found.has(fk.table) && fk.table !== 'sessions');
      if (parent) {
        found.set(n, `${parent.from} IN (SELECT ${parent.to} FROM ${parent.table} WHERE ${found.get(parent.table)})`);
        grew = true;
      }
    }
  }
  return [...found].map(([name, where]) => ({ name, columns: columns.get(name)!, where }));
}

/**
 * A table's rows of one session in the snapshot's order, each reduced to what must survive a restore:
 * renumbered ids as their rank, pointers to them as the rank they point at, skipped columns left out.
 */
function canonicalRows(db: Db, sessionId: string, tables: SessionTable[]): Record<string, unknown[]> {
  const rowsOf = new Map<string, Array<Record<string, unknown>>>();
  for (const t of tables) {
    const order = SNAPSHOT_ORDER[t.name] ?? 'rowid';
    rowsOf.set(
      t.name,
      db.prepare(`SELECT * FROM ${t.name} WHERE ${t.where} ORDER BY ${order}`).all(sessionId) as Array<Record<string, unknown>>,
    );
  }
  const rank = (key: string) => {
    const [table, column] = key.split('.') as [string, string];
    return new Map((rowsOf.get(table) ?? []).map((r, i) => [r[column], i]));
  };
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    if (SKIPPED_TABLES[t.name]) continue;
    out[t.name] = rowsOf.get(t.name)!.map((row) => {
      const canon: Record<string, unknown> = {};
      for (const c of t.columns) {
        const key = `${t.name}.${c}`;
        if (SKIPPED_COLUMNS[key]) continue;
        const value = row[c];
        if (RENUMBERED_KEYS[key]) canon[c] = rank(key).get(value);
        else if (POINTERS[key])
          canon[c] =
            value === null ? null : value === 0 && key === 'code_snapshots.after_seq' ? 'before any' : rank(POINTERS[key]).get(value);
        else canon[c] = value;
      }
      return canon;
    });
  }
  return out;
}

/** A live interview run through the real services, with every kind of row a session can have. */
async function liveSession(s: AppServices): Promise<string> {
  const { id } = s.sessions.create({ ...validConfig(), candidateEmail: 'jamie@example.com', candidatePhone: '+44 20 7946 0000' });
  s.sessions.start(id);
  s.consent.decide(id, 'granted', ['screen', 'microphone', 'code', 'conversation']);
  s.consent.decideSync(id, 'granted', 'consent_step', 'https://team.example.com');
  await s.interviewer.begin(id, 1_000);
  await s.interviewer.answer({ sessionId: id, text: 'I would use a hash map keyed by account id, O(n) time overall.', offsetMs: 20_000 });
  await s.interviewer.hint(id, 25_000);
  const edits = ['d', 'de', 'def'].map((text, i) => ({
    offsetMs: 30_000 + i * 100,
    changes: [{ rangeOffset: i, rangeLength: 0, text: text.slice(-1) }],
    event: {
      type: 'code_edit',
      ts: new Date(Date.parse('2026-03-01T10:00:30Z') + i * 100).toISOString(),
      sessionId: id,
      file: 'main.py',
      language: 'python',
      diffChars: 1,
    },
  }));
  s.code.record({ interviewSessionId: id, edits, snapshots: [{ offsetMs: 30_300, file: 'main.py', text: 'def' }] });
  s.telemetry.append(
    {
      interviewSessionId: id,
      events: [
        {
          type: 'run',
          ts: '2026-03-01T10:01:00.000Z',
          sessionId: id,
          status: 'error',
          durationMs: 20,
          stdoutPreview: 'x'.repeat(5000),
          stderrPreview: 'boom',
        },
      ],
    },
    { offsetsMs: [60_000] },
  );
  s.integrity.record(id, '2026-03-01T10:01:10.000Z', 70_000, { kind: 'paste', details: { file: 'main.py', chars: 400, lines: 12 } });
  const turn = s.interviewer.spokenTurns(id)[1]!;
  s.annotations.create({
    sessionId: id,
    turnId: turn.id,
    followUpType: 'depth',
    intent: 'probe',
    idealFollowUp: 'Why a hash map?',
    rating: 4,
    note: 'ok',
  });
  await s.interviewer.end(id, 80_000, 'candidate');
  s.sessions.complete(id);
  // No service writes these yet; they are set so that the round trip is checked for them too.
  s.db.prepare(`UPDATE questions SET asked_at = '2026-03-01T10:00:01.000Z' WHERE session_id = ?`).run(id);
  addRecordings(s, id);
  return id;
}

/** Two recordings: an MP4 with a pause, and a WebM that could not be converted (its conversion and error). */
function addRecordings(s: AppServices, id: string) {
  mkdirSync(s.paths.recordings, { recursive: true });
  const path = join(s.paths.recordings, `${id}.mp4`);
  copyFileSync(mp4, path);
  s.db
    .prepare(
      `INSERT INTO recordings (id, session_id, path, status, mime_type, bytes, last_seq, start_offset_ms, end_offset_ms, started_at, ended_at, error, conversion)
       VALUES (?, ?, ?, 'completed', 'video/mp4', 100, 3, 812.5, 9812.5, '2026-03-01T10:00:01.000Z', '2026-03-01T10:02:00.000Z', NULL, NULL)`,
    )
    .run(`rec-a-${id.slice(0, 8)}`, id, path);
  s.db.prepare(`INSERT INTO recording_pauses (recording_id, at_ms, resumed_at_ms) VALUES (?, 20000, 26000)`).run(`rec-a-${id.slice(0, 8)}`);
  const webm = join(s.paths.recordings, `${id}-2.webm`);
  writeFileSync(webm, 'webm bytes');
  s.db
    .prepare(
      `INSERT INTO recordings (id, session_id, path, status, mime_type, bytes, last_seq, start_offset_ms, end_offset_ms, started_at, ended_at, error, conversion)
       VALUES (?, ?, ?, 'recovered', 'video/webm', 10, 1, 0, 500, '2026-03-01T10:03:00.000Z', '2026-03-01T10:03:01.000Z', 'ffmpeg missing', 'kept_webm')`,
    )
    .run(`rec-b-${id.slice(0, 8)}`, id, webm);
}

/**
 * A practice session on one coding question, still open in the room: a sitting under way, the pinned
 * question, and a Test press whose code throws on empty input (a case's message and line) and is
 * quadratic (a performance case out of time).
 */
async function openSession(s: AppServices): Promise<string> {
  const { session } = s.questionBrowser.practice({
    questionId: 'coding-first-unique-char',
    candidateName: 'Sam',
    personaStyle: 'friendly',
    durationMinutes: 20,
  });
  s.sessions.start(session.id);
  await s.interviewer.begin(session.id, 500);
  const source = [
    'def first_unique_index(s):',
    '    if s == "":',
    '        raise ValueError("empty")',
    '    for i, ch in enumerate(s):',
    '        if s.count(ch) == 1:',
    '            return i',
    '    return -1',
    '',
  ].join('\n');
  const question = s.sessions.get(session.id).questions[0]!;
  const run = await s.tests.test({ interviewSessionId: session.id, questionId: question.id, language: 'python', source, offsetMs: 4_000 });
  expect(run.cases.find((c) => c.name === 'hidden 1')).toMatchObject({ status: 'error', line: 3 });
  return session.id;
}

async function importedSession(s: AppServices): Promise<string> {
  const { sessionId } = await s.transcriptImport.import({
    config: validConfig(),
    transcript: [
      { role: 'interviewer', text: 'Walk me through it.', at: '2025-01-10T10:00:00Z' },
      { role: 'candidate', text: 'Sure.', at: '2025-01-10T10:00:20Z' },
      { role: 'twin', text: 'And then?', at: '2025-01-10T10:00:40Z' },
    ],
    transcriptFile: 'old.json',
    interviewer: 'Dana Whitfield',
    consentSync: true,
  });
  return sessionId;
}

/** Restores `id` of `from` into `to` through the snapshot, its recordings staged as a bundle stages them. */
function copyThroughSnapshot(from: AppServices, to: AppServices, id: string) {
  const snapshot = from.snapshots.take(id);
  const staging = join(to.paths.recordings, '.staging-test');
  mkdirSync(staging, { recursive: true });
  const staged = new Map<string, string>();
  for (const [name, path] of snapshot.mediaFiles) {
    const file = join(staging, `${staged.size}`);
    copyFileSync(path, file);
    staged.set(name, file);
  }
  to.snapshots.restore({ ...snapshot, mediaFiles: staged }, { asCopy: false });
}

/** What differs between two sessions' canonical rows, as `table.column` (or a table) names. */
function differences(a: Record<string, unknown[]>, b: Record<string, unknown[]>): string[] {
  const out = new Set<string>();
  for (const table of Object.keys(a)) {
    const ra = a[table]!;
    const rb = b[table] ?? [];
    if (ra.length !== rb.length) out.add(`${table} (${ra.length} rows here, ${rb.length} restored)`);
    ra.forEach((row, i) => {
      for (const [column, value] of Object.entries(row as Record<string, unknown>)) {
        if (JSON.stringify((rb[i] as Record<string, unknown> | undefined)?.[column]) !== JSON.stringify(value))
          out.add(`${table}.${column}`);
      }
    });
  }
  return [...out];
}

describe('the session snapshot', () => {
  it('covers every table and column of a session: each comes back equal, or is on the commented skip lists', async () => {
    const a = open();
    const ids = [await liveSession(a), await openSession(a), await importedSession(a)];
    const tables = sessionTables(a.db);
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['sessions', 'turns', 'telemetry_events', 'recording_pauses', 'sync_consents']),
    );

    // Every column the snapshot is responsible for holds a value in the fixtures, so a loss would show.
    const empty: string[] = [];
    for (const t of tables) {
      if (SKIPPED_TABLES[t.name]) continue;
      for (const c of t.columns) {
        if (SKIPPED_COLUMNS[`${t.name}.${c}`]) continue;
        const filled = ids.some((id) => a.db.prepare(`SELECT 1 FROM ${t.name} WHERE ${t.where} AND ${c} IS NOT NULL LIMIT 1`).get(id));
        if (!filled) empty.push(`${t.name}.${c}`);
      }
    }
    expect(empty, 'columns the fixtures never fill: fill them, or skip them with a reason in snapshot/coverage.ts').toEqual([]);

    const b = open();
    for (const id of ids) {
      copyThroughSnapshot(a, b, id);
      expect(differences(canonicalRows(a.db, id, tables), canonicalRows(b.db, id, tables)), `session ${id}`).toEqual([]);
    }
    // The open session's Test press judges Python in the sandbox, with a performance case running out of time.
  }, 60_000);

  it('finds a column or a table a migration adds and the snapshot does not carry', async () => {
    const a = open();
    const b = open();
    for (const s of [a, b]) {
      s.db.exec(`ALTER TABLE turns ADD COLUMN mood TEXT;
        CREATE TABLE session_tags (id INTEGER PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions (id), tag TEXT NOT NULL) STRICT;`);
    }
    const id = await liveSession(a);
    a.db.prepare(`UPDATE turns SET mood = 'curious' WHERE session_id = ?`).run(id);
    a.db.prepare(`INSERT INTO session_tags (session_id, tag) VALUES (?, 'backend')`).run(id);
    const tables = sessionTables(a.db);
    expect(tables.map((t) => t.name)).toContain('session_tags');
    copyThroughSnapshot(a, b, id);
    expect(differences(canonicalRows(a.db, id, tables), canonicalRows(b.db, id, tables))).toEqual([
      'turns.mood',
      'session_tags (1 rows here, 0 restored)',
      'session_tags.id',
      'session_tags.session_id',
      'session_tags.tag',
    ]);
  });

  it('is what bundles are made of: every part of a bundle equals the snapshot part', async () => {
    const a = open();
    const id = await liveSession(a);
    const snapshot = a.snapshots.take(id);
    const file = join(tempDataDir('ir-snapshot-bundle-'), 'b.irbundle');
    await a.bundles.export(id, file);
    const { unzipSync } = await import('fflate');
    const { readFileSync } = await import('node:fs');
    const parts = unzipSync(readFileSync(file));
    const json = (name: string) => JSON.parse(Buffer.from(parts[name]!).toString('utf8')) as unknown;
    const lines = (name: string) =>
      Buffer.from(parts[name]!)
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as unknown);
    expect(json('session.json')).toEqual(snapshot.session);
    expect(json('config.json')).toEqual(snapshot.config);
    expect(lines('telemetry.ndjson')).toEqual(snapshot.telemetry);
    expect(lines('turns.ndjson')).toEqual(snapshot.turns);
    expect(lines('annotations.ndjson')).toEqual(snapshot.annotations);
    expect(lines('test-runs.ndjson')).toEqual(snapshot.testRuns);
    expect(json('recordings.json')).toEqual(snapshot.recordings);
    expect(json('sync-consent.json')).toEqual(snapshot.syncConsent);
    expect(json('interviewer-state.json')).toEqual(snapshot.interviewerState);
    expect(
      Object.keys(parts)
        .filter((n) => n.startsWith('media/'))
        .sort(),
    ).toEqual([...snapshot.mediaFiles.keys()].sort());
  });
});
