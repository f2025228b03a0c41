import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PERSONA, parseInterviewConfig, type InterviewConfig } from '../../shared/config/interview-config';
import { SessionDetailSchema, SessionSummarySchema } from '../../shared/session/model';
import type { AppServices } from '../../electron/services';
import { loadCatalog, pickQuestions } from '../../electron/services/questions';
import { SessionService } from '../../electron/services/sessions';
import { openDatabase, type Db } from '../../electron/services/store';
import { RESOURCES_DIR, tempDataDir } from '../support/paths';
import { makeServices, validConfig } from '../support/services';
import { expectAppError, manualClock as clockFrom } from '../support/assertions';

const T0 = '2026-03-01T10:00:00.000Z';

const opened: Array<AppServices | Db> = [];
const dirs: string[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function services(clock = clockFrom(T0), dataDir?: string): AppServices {
  const dir = dataDir ?? tempDataDir('ir-sessions-');
  if (!dataDir) dirs.push(dir);
  const s = makeServices({ dataDir: dir, now: clock.now });
  opened.push(s);
  return s;
}

const count = (db: Db, table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

const controlEvent = (sessionId: string, ts: string) => ({ type: 'control', ts, sessionId, action: 'hint' });

describe('SessionService.create', () => {
  it('rejects an invalid config with invalid_input and field issues, storing nothing', () => {
    const s = services();
    const err = expectAppError(
      () => s.sessions.create({ ...validConfig(), jobTitle: '   ', durationMinutes: 500, mode: 'exam', surprise: true }),
      'invalid_input',
    );
    expect(err.issues).toEqual(
      expect.arrayContaining([
        { field: 'jobTitle', message: 'must not be empty' },
        { field: 'durationMinutes', message: 'must be at most 180 minutes' },
        { field: 'mode', message: 'must be one of: practice, graded' },
        { field: 'surprise', message: 'unknown field' },
      ]),
    );
    expect(err.message).toMatch(/^Invalid interview config: /);
    expect(err.message).toContain('jobTitle: must not be empty');
    expect(count(s.db, 'sessions')).toBe(0);
    expect(count(s.db, 'questions')).toBe(0);
    expect(s.sessions.list()).toEqual([]);
  });

  it('reports missing required fields as "is required"', () => {
    const s = services();
    const { candidateName: _omit, ...rest } = validConfig();
    const err = expectAppError(() => s.sessions.create(rest), 'invalid_input');
    expect(err.issues).toEqual([{ field: 'candidateName', message: 'is required' }]);
    expect(count(s.db, 'sessions')).toBe(0);
  });

  it.each([null, undefined, 'config', 42, []])('rejects a non-object config (%j)', (input) => {
    const s = services();
    const err = expectAppError(() => s.sessions.create(input), 'invalid_input');
    expect(err.issues?.length).toBeGreaterThan(0);
    expect(count(s.db, 'sessions')).toBe(0);
  });

  it('rejects duplicate skills, pointing at the second one', () => {
    const s = services();
    const config = {
      ...validConfig(),
      requiredSkills: [
        { name: 'Go', importance: 'high' },
        { name: 'go', importance: 'low' },
      ],
    };
    const err = expectAppError(() => s.sessions.create(config), 'invalid_input');
    expect(err.issues).toEqual([{ field: 'requiredSkills[1].name', message: 'duplicate skill "go"' }]);
    expect(count(s.db, 'sessions')).toBe(0);
  });

  it('stores a snapshot of the config with every default filled in', () => {
    const clock = clockFrom(T0);
    const s = services(clock);
    const minimal = {
      jobTitle: '  Staff Engineer  ',
      candidateName: 'Ada',
      interviewType: 'technical_coding',
      difficulty: 'easy',
      durationMinutes: 30,
      mode: 'graded',
      requiredSkills: [{ name: 'Rust', importance: 'medium' }],
    };
    const detail = s.sessions.create(minimal);
    expect(SessionDetailSchema.parse(detail)).toEqual(detail);
    const expected: InterviewConfig = {
      jobTitle: 'Staff Engineer',
      jobDescription: '',
      requiredSkills: [{ name: 'Rust', reason: '', importance: 'medium' }],
      company: '',
      candidateName: 'Ada',
      candidatePosition: '',
      resumeText: '',
      candidateEmail: '',
      candidatePhone: '',
      interviewType: 'technical_coding',
      companyPattern: 'general',
      difficulty: 'easy',
      durationMinutes: 30,
      mode: 'graded',
      personas: [DEFAULT_PERSONA],
    };
    expect(detail.config).toEqual(expected);
    const row = s.db
      .prepare(`SELECT status, config_json, created_at, started_at, ended_at, active_ms, interrupted FROM sessions WHERE id = ?`)
      .get(detail.id);
    expect(row).toEqual({
      status: 'pending',
      config_json: expect.any(String),
      created_at: T0,
      started_at: null,
      ended_at: null,
      active_ms: 0,
      interrupted: 0,
    });
    expect(JSON.parse((row as { config_json: string }).config_json)).toEqual(expected);
    expect(detail).toMatchObject({
      status: 'pending',
      interrupted: false,
      candidateName: 'Ada',
      jobTitle: 'Staff Engineer',
      company: '',
      interviewType: 'technical_coding',
      difficulty: 'easy',
      mode: 'graded',
      durationMinutes: 30,
      createdAt: T0,
      startedAt: null,
      endedAt: null,
      activeMs: 0,
      eventCount: 0,
    });
  });

  it('keeps the snapshot even if the caller mutates its object afterwards', () => {
    const s = services();
    const input = validConfig();
    const detail = s.sessions.create(input);
    input.jobTitle = 'Changed';
    input.requiredSkills.push({ name: 'Kafka', reason: '', importance: 'high' });
    expect(s.sessions.get(detail.id).config.jobTitle).toBe('Senior Backend Engineer');
    expect(s.sessions.get(detail.id).config.requiredSkills).toHaveLength(2);
  });

  it('gives every session its own id', () => {
    const s = services();
    const ids = new Set(Array.from({ length: 5 }, () => s.sessions.create(validConfig()).id));
    expect(ids.size).toBe(5);
  });

  it('picks questions by interview type and difficulty, in order, and stores them', () => {
    const s = services();
    const catalog = loadCatalog(RESOURCES_DIR);
    const cases: Array<[InterviewConfig['interviewType'], InterviewConfig['difficulty'], Array<[string, string]>]> = [
      ['technical_coding', 'easy', [['coding', 'easy']]],
      ['technical_coding', 'hard', [['coding', 'hard']]],
      ['system_design', 'medium', [['system_design', 'medium']]],
      ['system_design', 'hard', [['system_design', 'hard']]],
      // The bank has every difficulty in every category (nearest-difficulty fallback: questions.test.ts).
      ['system_design', 'easy', [['system_design', 'easy']]],
      ['behavioral', 'hard', [['behavioral', 'hard']]],
      [
        'mixed',
        'easy',
        [
          ['coding', 'easy'],
          ['behavioral', 'easy'],
        ],
      ],
    ];
    for (const [interviewType, difficulty, expected] of cases) {
      const detail = s.sessions.create({ ...validConfig(), interviewType, difficulty });
      expect(detail.questions.map((q) => [q.category, q.difficulty])).toEqual(expected);
      expect(detail.questions.map((q) => q.ordinal)).toEqual(expected.map((_, i) => i));
      const parsed = parseInterviewConfig({ ...validConfig(), interviewType, difficulty });
      if (!parsed.ok) throw new Error('validConfig() should be valid');
      const picked = pickQuestions(catalog, parsed.config, detail.id);
      expect(detail.questions.map((q) => q.sourceId)).toEqual(picked.map((q) => q.id));
      for (const q of detail.questions) {
        const source = catalog.find((c) => c.id === q.sourceId)!;
        expect(q).toEqual({ ...source, id: q.id, ordinal: q.ordinal, sourceId: source.id });
        expect(q.id).not.toBe(source.id);
      }
    }
    expect(count(s.db, 'questions')).toBe(8);
  });
});

describe('SessionService.get and list', () => {
  it('lists newest first (ties broken by insertion) with the event count of each session', () => {
    const clock = clockFrom(T0);
    const s = services(clock);
    const a = s.sessions.create({ ...validConfig(), candidateName: 'A' });
    clock.advance(60_000);
    const b = s.sessions.create({ ...validConfig(), candidateName: 'B' });
    const c = s.sessions.create({ ...validConfig(), candidateName: 'C' });
    clock.advance(1_000);
    s.telemetry.append({ interviewSessionId: a.id, events: [0, 1, 2].map((i) => controlEvent(a.id, `2026-03-01T10:00:0${i}.000Z`)) });
    s.telemetry.append({ interviewSessionId: c.id, events: [controlEvent(c.id, '2026-03-01T10:01:00.000Z')] });

    const list = s.sessions.list();
    expect(list.map((x) => x.candidateName)).toEqual(['C', 'B', 'A']);
    expect(list.map((x) => x.eventCount)).toEqual([1, 0, 3]);
    for (const summary of list) {
      expect(SessionSummarySchema.parse(summary)).toEqual(summary);
      expect(summary).not.toHaveProperty('config');
      expect(summary).not.toHaveProperty('questions');
    }
    expect(s.sessions.get(a.id).eventCount).toBe(3);
    expect(s.sessions.get(b.id).eventCount).toBe(0);
  });

  it('lists nothing on a new data directory', () => {
    expect(services().sessions.list()).toEqual([]);
  });

  it('reports a damaged stored config as internal instead of returning garbage', () => {
    const s = services();
    const { id } = s.sessions.create(validConfig());
    s.db.prepare(`UPDATE sessions SET config_json = '{"jobTitle": 5}' WHERE id = ?`).run(id);
    const err = expectAppError(() => s.sessions.get(id), 'internal');
    expect(err.message).toContain(id);
    expectAppError(() => s.sessions.list(), 'internal');
  });
});

describe('unknown ids', () => {
  it('every operation answers not_found, naming the id', () => {
    const s = services();
    s.sessions.create(validConfig());
    const ops: Array<(id: string) => unknown> = [
      (id) => s.sessions.get(id),
      (id) => s.sessions.start(id),
      (id) => s.sessions.heartbeat(id),
      (id) => s.sessions.complete(id),
      (id) => s.sessions.abandon(id),
    ];
    for (const op of ops) {
      const err = expectAppError(() => op('no-such-session'), 'not_found');
      expect(err.message).toContain('"no-such-session"');
    }
  });
});

describe('lifecycle', () => {
  it('pending → in_progress → completed, with timestamps from the clock', () => {
    const clock = clockFrom(T0);
    const s = services(clock);
    const { id } = s.sessions.create(validConfig());
    clock.advance(5_000);
    const started = s.sessions.start(id);
    expect(started).toMatchObject({ status: 'in_progress', startedAt: clock.iso(), endedAt: null, interrupted: false, activeMs: 0 });
    expect(started.questions).toHaveLength(1);
    clock.advance(10_000);
    expect(s.sessions.heartbeat(id)).toEqual({ activeMs: 10_000 });
    clock.advance(2_000);
    const done = s.sessions.complete(id);
    expect(done).toMatchObject({ status: 'completed', startedAt: '2026-03-01T10:00:05.000Z', endedAt: clock.iso(), activeMs: 12_000 });
    // The time stops when the session ends.
    clock.advance(3_600_000);
    expect(s.sessions.get(id).activeMs).toBe(12_000);
  });

  it('a completed session cannot be completed, abandoned, started or kept alive', () => {
    const s = services();
    const { id } = s.sessions.create(validConfig());
    s.sessions.start(id);
    s.sessions.complete(id);
    expect(expectAppError(() => s.sessions.complete(id), 'conflict').message).toContain('already completed');
    expect(expectAppError(() => s.sessions.abandon(id), 'conflict').message).toContain('already completed');
    expect(expectAppError(() => s.sessions.start(id), 'conflict').message).toContain('completed');
    expectAppError(() => s.sessions.heartbeat(id), 'conflict');
    expect(s.sessions.get(id).status).toBe('completed');
  });

  it('an abandoned session is final too', () => {
    const s = services();
    const { id } = s.sessions.create(validConfig());
    expect(s.sessions.abandon(id)).toMatchObject({ status: 'abandoned', activeMs: 0, startedAt: null });
    expectAppError(() => s.sessions.start(id), 'conflict');
    expectAppError(() => s.sessions.complete(id), 'conflict');
    expectAppError(() => s.sessions.abandon(id), 'conflict');
    expectAppError(() => s.sessions.heartbeat(id), 'conflict');
    expect(s.sessions.get(id).status).toBe('abandoned');
  });

  it('a pending session has no open sitting to keep alive', () => {
    const s = services();
    const { id } = s.sessions.create(validConfig());
    expectAppError(() => s.sessions.heartbeat(id), 'conflict');
    expect(s.sessions.get(id).status).toBe('pending');
  });

  it('a pending session can be completed directly, with no time spent', () => {
    const clock = clockFrom(T0);
    const s = services(clock);
    const { id } = s.sessions.create(validConfig());
    clock.advance(30_000);
    expect(s.sessions.complete(id)).toMatchObject({ status: 'completed', activeMs: 0, endedAt: clock.iso() });
  });

  it('starting an open session again (a reload) keeps its sitting and its start time', () => {
    const clock = clockFrom(T0);
    const s = services(clock);
    const { id } = s.sessions.create(validConfig());
    s.sessions.start(id);
    clock.advance(4_000);
    const again = s.sessions.start(id);
    expect(again).toMatchObject({ status: 'in_progress', startedAt: T0, activeMs: 4_000 });
    clock.advance(1_000);
    expect(s.sessions.heartbeat(id).activeMs).toBe(5_000);
  });

  it('abandoning an open session counts its time', () => {
    const clock = clockFrom(T0);
    const s = services(clock);
    const { id } = s.sessions.create(validConfig());
    s.sessions.start(id);
    clock.advance(7_500);
    expect(s.sessions.abandon(id)).toMatchObject({ status: 'abandoned', activeMs: 7_500, endedAt: clock.iso() });
  });
});

describe('time accounting across an interruption', () => {
  it('grows while a sitting is open, closes at the last heartbeat on markInterrupted, and resumes from the kept time', () => {
    const clock = clockFrom(T0);
    const s = services(clock);
    const { id } = s.sessions.create(validConfig());
    const other = s.sessions.create(validConfig()).id;
    const finished = s.sessions.create(validConfig()).id;
    s.sessions.start(finished);
    clock.advance(1_000);
    s.sessions.complete(finished);

    s.sessions.start(id);
    clock.advance(30_000);
    expect(s.sessions.get(id).activeMs).toBe(30_000);
    expect(s.sessions.heartbeat(id)).toEqual({ activeMs: 30_000 });
    clock.advance(20_000);
    expect(s.sessions.heartbeat(id)).toEqual({ activeMs: 50_000 });
    // The app dies 9 s after the last heartbeat and comes back an hour later.
    clock.advance(9_000);
    expect(s.sessions.get(id).activeMs).toBe(59_000);
    clock.advance(3_600_000);

    expect(s.sessions.markInterrupted()).toBe(1);
    const interrupted = s.sessions.get(id);
    expect(interrupted).toMatchObject({ status: 'in_progress', interrupted: true, activeMs: 50_000 });
    expect(s.db.prepare(`SELECT active_ms, segment_started_at, interrupted FROM sessions WHERE id = ?`).get(id)).toEqual({
      active_ms: 50_000,
      segment_started_at: null,
      interrupted: 1,
    });
    // Untouched: the pending one and the completed one.
    expect(s.sessions.get(other)).toMatchObject({ status: 'pending', interrupted: false, activeMs: 0 });
    expect(s.sessions.get(finished)).toMatchObject({ status: 'completed', interrupted: false, activeMs: 1_000 });
    expect(s.sessions.list().find((x) => x.id === id)).toMatchObject({ interrupted: true, activeMs: 50_000 });

    // While interrupted, the clock does not run and the room cannot keep it alive.
    clock.advance(60_000);
    expect(s.sessions.get(id).activeMs).toBe(50_000);
    expectAppError(() => s.sessions.heartbeat(id), 'conflict');
    // Running it again finds nothing open: no double counting.
    expect(s.sessions.markInterrupted()).toBe(0);
    expect(s.sessions.get(id).activeMs).toBe(50_000);

    // Resume: a new sitting continues from the kept time; the first start time stays.
    const resumed = s.sessions.start(id);
    expect(resumed).toMatchObject({ status: 'in_progress', interrupted: false, activeMs: 50_000, startedAt: '2026-03-01T10:00:01.000Z' });
    clock.advance(10_000);
    expect(s.sessions.heartbeat(id)).toEqual({ activeMs: 60_000 });
    clock.advance(5_000);
    expect(s.sessions.complete(id)).toMatchObject({ status: 'completed', interrupted: false, activeMs: 65_000 });
  });

  it('without any heartbeat, an interrupted sitting counts nothing', () => {
    const clock = clockFrom(T0);
    const s = services(clock);
    const { id } = s.sessions.create(validConfig());
    s.sessions.start(id);
    clock.advance(120_000);
    expect(s.sessions.markInterrupted()).toBe(1);
    expect(s.sessions.get(id)).toMatchObject({ interrupted: true, activeMs: 0 });
  });

  it('an interrupted session can be marked abandoned, keeping only the counted time', () => {
    const clock = clockFrom(T0);
    const s = services(clock);
    const { id } = s.sessions.create(validConfig());
    s.sessions.start(id);
    clock.advance(8_000);
    s.sessions.heartbeat(id);
    clock.advance(100_000);
    s.sessions.markInterrupted();
    clock.advance(100_000);
    expect(s.sessions.abandon(id)).toMatchObject({ status: 'abandoned', interrupted: false, activeMs: 8_000 });
  });

  it('survives a real restart: a new process on the same data directory finds and closes the open sitting', () => {
    const dir = tempDataDir('ir-sessions-restart-');
    dirs.push(dir);
    const clock = clockFrom(T0);
    const first = makeServices({ dataDir: dir, now: clock.now });
    const { id } = first.sessions.create(validConfig());
    first.sessions.start(id);
    clock.advance(42_000);
    first.sessions.heartbeat(id);
    clock.advance(3_000);
    // The process "crashes": the connection goes away without complete().
    first.close();

    clock.advance(86_400_000);
    const second = services(clock, dir);
    expect(second.sessions.markInterrupted()).toBe(1);
    expect(second.sessions.get(id)).toMatchObject({ status: 'in_progress', interrupted: true, activeMs: 42_000 });
    second.sessions.start(id);
    clock.advance(1_000);
    expect(second.sessions.complete(id).activeMs).toBe(43_000);
  });
});

describe('SessionService on its own', () => {
  it('uses the injected id generator for sessions and questions', () => {
    const dir = tempDataDir('ir-sessions-ids-');
    dirs.push(dir);
    const db = openDatabase(`${dir}/db.sqlite`);
    opened.push(db);
    let n = 0;
    const service = new SessionService(db, loadCatalog(RESOURCES_DIR), { now: clockFrom(T0).now, newId: () => `id-${++n}` });
    const detail = service.create({ ...validConfig(), interviewType: 'mixed' });
    expect(detail.id).toBe('id-1');
    expect(detail.questions.map((q) => q.id)).toEqual(['id-2', 'id-3']);
    expect(detail.createdAt).toBe(T0);
  });

  it('with an empty catalog, creates the session without questions', () => {
    const dir = tempDataDir('ir-sessions-empty-');
    dirs.push(dir);
    const db = openDatabase(`${dir}/db.sqlite`);
    opened.push(db);
    const service = new SessionService(db, []);
    expect(service.create(validConfig()).questions).toEqual([]);
  });
});
