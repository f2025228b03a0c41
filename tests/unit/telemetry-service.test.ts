import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { TelemetryStatsSchema } from '../../shared/session/model';
import { TELEMETRY_LIMITS, type TelemetryEvent } from '../../shared/telemetry';
import type { AppServices } from '../../electron/services';
import { tempDataDir } from '../support/paths';
import { makeServices, validConfig } from '../support/services';
import { expectAppError, manualClock as clockFrom } from '../support/assertions';

const T0 = '2026-03-01T10:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

const opened: AppServices[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(clock = clockFrom(T0)) {
  const dataDir = tempDataDir('ir-telemetry-');
  dirs.push(dataDir);
  const services = makeServices({ dataDir, now: clock.now });
  opened.push(services);
  const { id } = services.sessions.create(validConfig());
  return { services, id, clock, db: services.db, telemetry: services.telemetry };
}

const HASH = 'AB'.repeat(32);
const EMAIL_TEXT = 'You can reach me at jamie.chen@example.com or +1 415 555 0100.';

const codeEdit = (sessionId: string, ms: number) => ({
  type: 'code_edit',
  ts: at(ms),
  sessionId,
  diffChars: 3,
  afterHash: HASH,
  cursor: { line: 1, column: 2 },
});
const run = (sessionId: string, ms: number, extra: Record<string, unknown> = {}) => ({
  type: 'run',
  ts: at(ms),
  sessionId,
  status: 'error',
  durationMs: 12.5,
  outputHash: HASH,
  ...extra,
});
const turn = (sessionId: string, ms: number, text = EMAIL_TEXT) => ({ type: 'turn', ts: at(ms), sessionId, role: 'candidate', text });
const control = (sessionId: string, ms: number) => ({ type: 'control', ts: at(ms), sessionId, action: 'hint', params: { level: 1 } });

const count = (services: AppServices, table: string) =>
  (services.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('TelemetryService.append', () => {
  it('stores a valid batch and reports it, with stats by type', () => {
    const { services, id, telemetry } = setup();
    const big = 'x'.repeat(TELEMETRY_LIMITS.maxPreviewBytes + 1);
    const result = telemetry.append({
      interviewSessionId: id,
      events: [
        codeEdit(id, 1000),
        run(id, 2000, { stdoutPreview: big, stderrPreview: 'Traceback' }),
        turn(id, 3000),
        control(id, 4000),
        codeEdit(id, 5000),
      ],
    });
    expect(result).toEqual({
      accepted: 5,
      dropped: [
        {
          index: 1,
          type: 'run',
          field: 'stdoutPreview',
          bytes: TELEMETRY_LIMITS.maxPreviewBytes + 1,
          limit: TELEMETRY_LIMITS.maxPreviewBytes,
          reason: expect.stringContaining('over the 4096-byte limit'),
        },
      ],
      redactions: { total: 2, byKind: { EMAIL: 1, PHONE: 1 } },
    });
    expect(result).not.toHaveProperty('batch');
    expect(result).not.toHaveProperty('local');
    const stats = telemetry.stats(id);
    expect(TelemetryStatsSchema.parse(stats)).toEqual(stats);
    expect(stats).toEqual({
      sessionId: id,
      total: 5,
      byType: { code_edit: 2, run: 1, turn: 1, control: 1 },
      drops: 1,
      firstTs: at(1000),
      lastTs: at(5000),
    });
    expect(count(services, 'telemetry_events')).toBe(5);
    expect(services.sessions.get(id).eventCount).toBe(5);
  });

  it('keeps the local, normalised form in the store: UTC ts, lowercase hashes, original text, oversized preview removed', () => {
    const { db, id, telemetry, clock } = setup();
    clock.advance(9_000);
    telemetry.append({
      interviewSessionId: id,
      events: [
        { ...codeEdit(id, 0), ts: '2026-03-01T11:00:01.5+01:00' },
        run(id, 2000, { stdoutPreview: 'y'.repeat(5000), stderrPreview: 'ok' }),
        turn(id, 3000),
      ],
    });
    const rows = db.prepare(`SELECT session_id, type, ts, event_json, received_at FROM telemetry_events ORDER BY seq`).all() as Array<{
      session_id: string;
      type: string;
      ts: string;
      event_json: string;
      received_at: string;
    }>;
    expect(rows.map((r) => [r.session_id, r.type, r.ts, r.received_at])).toEqual([
      [id, 'code_edit', '2026-03-01T10:00:01.500Z', at(9_000)],
      [id, 'run', at(2000), at(9_000)],
      [id, 'turn', at(3000), at(9_000)],
    ]);
    const stored = rows.map((r) => JSON.parse(r.event_json) as Record<string, unknown>);
    expect(stored[0]).toEqual({
      type: 'code_edit',
      ts: '2026-03-01T10:00:01.500Z',
      sessionId: id,
      diffChars: 3,
      afterHash: HASH.toLowerCase(),
      cursor: { line: 1, column: 2 },
    });
    expect(stored[1]).toEqual({
      type: 'run',
      ts: at(2000),
      sessionId: id,
      status: 'error',
      durationMs: 12.5,
      outputHash: HASH.toLowerCase(),
      stderrPreview: 'ok',
    });
    expect(stored[2]).toMatchObject({ text: EMAIL_TEXT });
  });

  it('is atomic: one bad event stores nothing and the error lists events[i].field for each problem', () => {
    const { id, telemetry, services } = setup();
    telemetry.append({ interviewSessionId: id, events: [control(id, 0)] });
    const { ts: _ts, ...noTs } = codeEdit(id, 1000);
    const err = expectAppError(
      () =>
        telemetry.append({
          interviewSessionId: id,
          events: [codeEdit(id, 500), noTs, turn(id, 2000), { ...codeEdit(id, 3000), diffChars: -1 }, { ...control(id, 4000), extra: 1 }],
        }),
      'invalid_input',
    );
    expect(err.issues).toEqual([
      { field: 'events[1].ts', message: 'is required' },
      { field: 'events[3].diffChars', message: 'must not be negative' },
      { field: 'events[4].extra', message: 'unknown field' },
    ]);
    expect(err.message).toBe(
      'Telemetry batch rejected: events[1].ts: is required; events[3].diffChars: must not be negative; events[4].extra: unknown field',
    );
    expect(count(services, 'telemetry_events')).toBe(1);
    expect(count(services, 'telemetry_drops')).toBe(0);
    expect(telemetry.stats(id).total).toBe(1);
  });

  it('rejects events of another session, unknown types and bad timestamps with their index', () => {
    const { id, telemetry, services } = setup();
    const err = expectAppError(
      () =>
        telemetry.append({
          interviewSessionId: id,
          events: [
            control('someone-else', 0),
            { ...control(id, 0), type: 'keystroke' },
            { ...control(id, 0), ts: '2026-03-01 10:00:00' },
            { ...control(id, 0), ts: '2026-02-30T10:00:00Z' },
          ],
        }),
      'invalid_input',
    );
    expect(err.issues?.map((i) => i.field)).toEqual(['events[0].sessionId', 'events[1].type', 'events[2].ts', 'events[3].ts']);
    expect(err.issues?.[0]?.message).toContain('does not match');
    expect(count(services, 'telemetry_events')).toBe(0);
  });

  it('rejects a broken envelope with batch-level fields', () => {
    const { id, telemetry } = setup();
    expect(expectAppError(() => telemetry.append({ interviewSessionId: id, events: 'nope' }), 'invalid_input').issues).toEqual([
      { field: 'events', message: 'must be an array of events' },
    ]);
    expect(expectAppError(() => telemetry.append({ events: [] }), 'invalid_input').issues).toEqual([
      { field: 'interviewSessionId', message: 'is required' },
    ]);
    expect(expectAppError(() => telemetry.append({ interviewSessionId: id, events: [], more: 1 }), 'invalid_input').issues).toEqual([
      { field: 'more', message: 'unknown field' },
    ]);
    expectAppError(() => telemetry.append(null), 'invalid_input');
    const tooMany = Array.from({ length: TELEMETRY_LIMITS.maxEventsPerBatch + 1 }, (_, i) => control(id, i));
    expect(expectAppError(() => telemetry.append({ interviewSessionId: id, events: tooMany }), 'invalid_input').issues).toEqual([
      { field: 'events', message: expect.stringContaining('at most 200') },
    ]);
  });

  it('accepts an empty batch and a batch of exactly the maximum size', () => {
    const { id, telemetry } = setup();
    expect(telemetry.append({ interviewSessionId: id, events: [] })).toEqual({
      accepted: 0,
      dropped: [],
      redactions: { total: 0, byKind: {} },
    });
    const full = Array.from({ length: TELEMETRY_LIMITS.maxEventsPerBatch }, (_, i) => control(id, i));
    expect(telemetry.append({ interviewSessionId: id, events: full }).accepted).toBe(200);
    expect(telemetry.stats(id).total).toBe(200);
  });

  it('writes each dropped preview to telemetry_drops with the seq of its stored event', () => {
    const { db, id, telemetry, clock } = setup();
    telemetry.append({ interviewSessionId: id, events: [control(id, 0), control(id, 1)] });
    clock.advance(1_000);
    const big = 'é'.repeat(3000); // 6,000 UTF-8 bytes in 3,000 characters
    const result = telemetry.append({
      interviewSessionId: id,
      events: [
        codeEdit(id, 100),
        run(id, 200, { stdoutPreview: big, stderrPreview: big }),
        run(id, 300, { stdoutPreview: 'fine' }),
        run(id, 400, { stderrPreview: big }),
      ],
    });
    expect(result.dropped.map((d) => [d.index, d.field, d.bytes])).toEqual([
      [1, 'stdoutPreview', 6000],
      [1, 'stderrPreview', 6000],
      [3, 'stderrPreview', 6000],
    ]);
    const rows = db
      .prepare(
        `SELECT d.session_id, d.event_seq, d.event_index, d.event_type, d.field, d.bytes, d.limit_bytes, d.reason, d.at, e.ts AS event_ts
         FROM telemetry_drops d JOIN telemetry_events e ON e.seq = d.event_seq ORDER BY d.id`,
      )
      .all() as Array<Record<string, unknown>>;
    const seqOf = (ms: number) => (db.prepare(`SELECT seq FROM telemetry_events WHERE ts = ?`).get(at(ms)) as { seq: number }).seq;
    expect(seqOf(200)).toBe(4);
    expect(rows).toEqual([
      {
        session_id: id,
        event_seq: seqOf(200),
        event_index: 1,
        event_type: 'run',
        field: 'stdoutPreview',
        bytes: 6000,
        limit_bytes: 4096,
        reason: expect.stringContaining('6000 bytes'),
        at: at(1_000),
        event_ts: at(200),
      },
      {
        session_id: id,
        event_seq: seqOf(200),
        event_index: 1,
        event_type: 'run',
        field: 'stderrPreview',
        bytes: 6000,
        limit_bytes: 4096,
        reason: expect.any(String),
        at: at(1_000),
        event_ts: at(200),
      },
      {
        session_id: id,
        event_seq: seqOf(400),
        event_index: 3,
        event_type: 'run',
        field: 'stderrPreview',
        bytes: 6000,
        limit_bytes: 4096,
        reason: expect.any(String),
        at: at(1_000),
        event_ts: at(400),
      },
    ]);
    expect(telemetry.drops(id)).toEqual([
      expect.objectContaining({
        eventSeq: seqOf(200),
        eventIndex: 1,
        eventType: 'run',
        field: 'stdoutPreview',
        bytes: 6000,
        limitBytes: 4096,
      }),
      expect.objectContaining({ eventSeq: seqOf(200), eventIndex: 1, field: 'stderrPreview' }),
      expect.objectContaining({ eventSeq: seqOf(400), eventIndex: 3, field: 'stderrPreview' }),
    ]);
    expect(telemetry.stats(id).drops).toBe(3);
    // The event kept its outputHash and the preview that fitted.
    const kept = [...telemetry.events(id, { redacted: false })].filter((e) => e.type === 'run');
    expect(kept).toEqual([
      expect.not.objectContaining({ stdoutPreview: expect.anything(), stderrPreview: expect.anything() }),
      expect.objectContaining({ stdoutPreview: 'fine' }),
      expect.not.objectContaining({ stderrPreview: expect.anything() }),
    ]);
    for (const e of kept) expect(e).toMatchObject({ outputHash: HASH.toLowerCase() });
  });

  it('stores offsetsMs as t_ms (rounded), and derives t_ms from ts and the session start otherwise', () => {
    const { db, id, telemetry, services, clock } = setup();
    // Not started yet: the clock counts from creation.
    telemetry.append({ interviewSessionId: id, events: [control(id, 2_000)] });
    clock.advance(5_000);
    services.sessions.start(id);
    telemetry.append({ interviewSessionId: id, events: [control(id, 8_000), control(id, 4_000)] });
    telemetry.append(
      { interviewSessionId: id, events: [control(id, 9_000), control(id, 9_500), control(id, 9_900)] },
      { offsetsMs: [3_999.6, 4_250.2, 0] },
    );
    const tms = (db.prepare(`SELECT t_ms FROM telemetry_events ORDER BY seq`).all() as Array<{ t_ms: number }>).map((r) => r.t_ms);
    expect(tms).toEqual([2_000, 3_000, -1_000, 4_000, 4_250, 0]);
  });

  it('rejects offsetsMs whose length differs from the events, storing nothing', () => {
    const { id, telemetry, services } = setup();
    for (const offsetsMs of [[1], [1, 2, 3], []]) {
      const err = expectAppError(
        () => telemetry.append({ interviewSessionId: id, events: [control(id, 0), control(id, 1)] }, { offsetsMs }),
        'invalid_input',
      );
      expect(err.message).toBe(`offsetsMs has ${offsetsMs.length} entries for 2 events`);
    }
    expect(count(services, 'telemetry_events')).toBe(0);
  });

  it('answers not_found for a session that does not exist, storing nothing', () => {
    const { telemetry, services } = setup();
    const err = expectAppError(() => telemetry.append({ interviewSessionId: 'ghost', events: [control('ghost', 0)] }), 'not_found');
    expect(err.message).toContain('"ghost"');
    expect(count(services, 'telemetry_events')).toBe(0);
    expectAppError(() => telemetry.init('ghost'), 'not_found');
    expectAppError(() => telemetry.events('ghost'), 'not_found');
    expectAppError(() => telemetry.stats('ghost'), 'not_found');
  });
});

describe('TelemetryService.init and stats', () => {
  it('init gives zeroed stats for a session with no telemetry yet', () => {
    const { id, telemetry } = setup();
    expect(telemetry.init(id)).toEqual({
      sessionId: id,
      total: 0,
      byType: { code_edit: 0, run: 0, turn: 0, control: 0 },
      drops: 0,
      firstTs: null,
      lastTs: null,
    });
  });

  it('keeps the stats of different sessions apart', () => {
    const { id, telemetry, services } = setup();
    const other = services.sessions.create(validConfig()).id;
    telemetry.append({ interviewSessionId: id, events: [control(id, 0), turn(id, 1)] });
    telemetry.append({ interviewSessionId: other, events: [run(other, 5, { stdoutPreview: 'z'.repeat(5000) })] });
    expect(telemetry.stats(id)).toMatchObject({ total: 2, byType: { code_edit: 0, run: 0, turn: 1, control: 1 }, drops: 0 });
    expect(telemetry.stats(other)).toMatchObject({
      total: 1,
      byType: { code_edit: 0, run: 1, turn: 0, control: 0 },
      drops: 1,
      firstTs: at(5),
      lastTs: at(5),
    });
    expect(telemetry.init(id).total).toBe(2);
  });
});

describe('TelemetryService.events', () => {
  it('returns events in stored order (not ts order), redacted by default', () => {
    const { id, telemetry } = setup();
    const secret = 'token=abcdef0123456789abcdef and mail ops@example.org from 10.0.0.12';
    telemetry.append({ interviewSessionId: id, events: [turn(id, 5_000), control(id, 6_000)] });
    telemetry.append({
      interviewSessionId: id,
      events: [codeEdit(id, 1_000), run(id, 2_000, { stdoutPreview: secret, stderrPreview: 'jamie@example.com' })],
    });

    const redacted = [...telemetry.events(id)];
    expect(redacted.map((e) => [e.type, e.ts])).toEqual([
      ['turn', at(5_000)],
      ['control', at(6_000)],
      ['code_edit', at(1_000)],
      ['run', at(2_000)],
    ]);
    const redactedTurn = redacted[0] as Extract<TelemetryEvent, { type: 'turn' }>;
    expect(redactedTurn.text).toBe('You can reach me at [EMAIL] or [PHONE].');
    const redactedRun = redacted[3] as Extract<TelemetryEvent, { type: 'run' }>;
    expect(redactedRun.stdoutPreview).toBe('token=[API_KEY] and mail [EMAIL] from [IP_ADDRESS]');
    expect(redactedRun.stderrPreview).toBe('[EMAIL]');
    expect(redacted[1]).toEqual(control(id, 6_000));
    expect([...telemetry.events(id, { redacted: true })]).toEqual(redacted);
    expect(JSON.stringify(redacted)).not.toMatch(/example\.(com|org)|415 555|10\.0\.0\.12|abcdef0123456789/);

    const originals = [...telemetry.events(id, { redacted: false })];
    expect((originals[0] as Extract<TelemetryEvent, { type: 'turn' }>).text).toBe(EMAIL_TEXT);
    expect(originals[3]).toMatchObject({ stdoutPreview: secret, stderrPreview: 'jamie@example.com' });
    expect(originals.map((e) => e.ts)).toEqual(redacted.map((e) => e.ts));
  });

  it('reading does not change what is stored', () => {
    const { db, id, telemetry } = setup();
    telemetry.append({ interviewSessionId: id, events: [turn(id, 0)] });
    const before = db.prepare(`SELECT * FROM telemetry_events`).all();
    expect([...telemetry.events(id)]).toHaveLength(1);
    expect(db.prepare(`SELECT * FROM telemetry_events`).all()).toEqual(before);
  });

  it('yields nothing for a session without events, and only that session’s events', () => {
    const { id, telemetry, services } = setup();
    const other = services.sessions.create(validConfig()).id;
    expect([...telemetry.events(id)]).toEqual([]);
    telemetry.append({ interviewSessionId: other, events: [control(other, 0)] });
    expect([...telemetry.events(id)]).toEqual([]);
    expect([...telemetry.events(other)]).toEqual([control(other, 0)]);
  });
});
