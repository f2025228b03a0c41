import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  TELEMETRY_LIMITS,
  parseTelemetryRequest,
  redactEvent,
  validateTelemetryBatch,
  type BatchAccepted,
  type BatchError,
  type RedactionSummary,
  type TelemetryEvent,
} from '../../shared/telemetry';
import { utf8Length } from '../../shared/util/bytes';
import { FIXTURES_DIR } from '../support/paths';

const SID = 'session-1';
const HASH = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const TS = '2026-01-31T09:15:00.000Z';

type Raw = Record<string, unknown>;
const turn = (extra: Raw = {}): Raw => ({ type: 'turn', ts: TS, sessionId: SID, role: 'candidate', text: 'hello', ...extra });
const run = (extra: Raw = {}): Raw => ({ type: 'run', ts: TS, sessionId: SID, status: 'success', ...extra });
const edit = (extra: Raw = {}): Raw => ({ type: 'code_edit', ts: TS, sessionId: SID, diffChars: 3, ...extra });
const control = (extra: Raw = {}): Raw => ({ type: 'control', ts: TS, sessionId: SID, action: 'hint', ...extra });
const batchOf = (events: unknown[], interviewSessionId = SID) => ({ interviewSessionId, events });

function accept(input: unknown): BatchAccepted {
  const v = validateTelemetryBatch(input);
  if (!v.ok) throw new Error(`expected the batch to be accepted, got ${JSON.stringify(v.errors)}`);
  return v;
}

function reject(input: unknown): BatchError[] {
  const v = validateTelemetryBatch(input);
  if (v.ok) throw new Error(`expected the batch to be rejected; it was accepted with ${v.accepted} events`);
  expect(v).not.toHaveProperty('batch');
  expect(v).not.toHaveProperty('local');
  expect(v.errors.length).toBeGreaterThan(0);
  return v.errors;
}

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES_DIR, 'telemetry', name), 'utf8'));
const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

describe('utf8Length', () => {
  it.each(['', 'abc', 'é', '日本語', '😀', 'a😀é日', '\u{10FFFF}', '\ud800', 'x\udc00y', 'é'.repeat(2048)])(
    'agrees with Buffer.byteLength for %j',
    (s) => {
      expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
    },
  );

  it('counts 1, 2, 3 and 4 bytes per character', () => {
    expect(utf8Length('a')).toBe(1);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
  });
});

describe('validateTelemetryBatch: accepted batches', () => {
  it('accepts one event of each type and returns it normalised', () => {
    const events = [edit(), run(), turn(), control()];
    const v = accept(batchOf(events));
    expect(v.accepted).toBe(4);
    expect(v.dropped).toEqual([]);
    expect(v.redactions).toEqual({ total: 0, byKind: {} });
    expect(v.local).toEqual(batchOf(events));
    expect(v.batch).toEqual(batchOf(events));
  });

  it('accepts an empty batch', () => {
    const v = accept(batchOf([]));
    expect(v.accepted).toBe(0);
    expect(v.batch.events).toEqual([]);
  });

  it('keeps every optional field the schema defines', () => {
    const full = [
      edit({ source: 'client', file: 'main.py', language: 'python', beforeHash: HASH, afterHash: HASH, cursor: { line: 0, column: 0 } }),
      run({ source: 'server', status: 'error', durationMs: 12.5, outputHash: HASH, stdoutPreview: '', stderrPreview: 'boom' }),
      turn({ source: 'ai', role: 'twin', tokens: 0, latencyMs: 0, functionCalls: [{ name: 'lookup', args: { q: 1 } }, { name: 'noop' }] }),
      control({ action: 'end', params: { reason: 'time', nested: { a: [1, 2] } } }),
    ];
    expect(accept(batchOf(full)).local.events).toEqual(full);
  });

  it('does not change the input', () => {
    const input = batchOf([
      turn({ text: 'mail me: a@example.com' }),
      run({ stdoutPreview: 'x'.repeat(5000), outputHash: HASH.toUpperCase() }),
    ]);
    const copy = structuredClone(input);
    accept(input);
    expect(input).toEqual(copy);
  });

  it('keeps the order of events', () => {
    const events = Array.from({ length: 10 }, (_, i) =>
      turn({ text: `turn ${i}`, ts: `2026-01-31T09:15:${String(59 - i).padStart(2, '0')}Z` }),
    );
    expect(accept(batchOf(events)).local.events.map((e) => (e as { text: string }).text)).toEqual(events.map((e) => e.text));
  });
});

describe('validateTelemetryBatch: rejected whole, with index, field and reason', () => {
  it('rejects the whole batch when one event of many is bad', () => {
    const errors = reject(batchOf([turn(), turn(), edit({ diffChars: -1 }), control()]));
    expect(errors).toEqual([{ index: 2, field: 'diffChars', reason: 'must not be negative' }]);
  });

  it('lists every bad event, and none of the good ones', () => {
    const errors = reject(
      batchOf([turn(), turn({ role: 'boss' }), control(), run({ status: undefined }), edit({ cursor: { line: 1.5, column: 0 } })]),
    );
    expect(errors).toEqual([
      { index: 1, field: 'role', reason: 'must be one of: candidate, interviewer, twin' },
      { index: 3, field: 'status', reason: 'is required' },
      { index: 4, field: 'cursor.line', reason: 'must be a whole number' },
    ]);
  });

  it('reports an unknown event type on the type field', () => {
    expect(reject(batchOf([turn(), { type: 'keystroke', ts: TS, sessionId: SID }]))).toEqual([
      { index: 1, field: 'type', reason: 'must be one of: code_edit, run, turn, control' },
    ]);
  });

  it('reports a missing event type as required', () => {
    expect(reject(batchOf([{ ts: TS, sessionId: SID, text: 'no type' }]))).toEqual([{ index: 0, field: 'type', reason: 'is required' }]);
  });

  it('reports an unknown field by its own path', () => {
    expect(reject(batchOf([control({ colour: 'red' })]))).toEqual([{ index: 0, field: 'colour', reason: 'unknown field' }]);
    expect(reject(batchOf([edit({ cursor: { line: 1, column: 2, row: 3 } })]))).toEqual([
      { index: 0, field: 'cursor.row', reason: 'unknown field' },
    ]);
    expect(reject(batchOf([turn({ functionCalls: [{ name: 'f', argz: {} }] })]))).toEqual([
      { index: 0, field: 'functionCalls[0].argz', reason: 'unknown field' },
    ]);
  });

  it('rejects a field that belongs to another event type', () => {
    expect(reject(batchOf([run({ text: 'not a turn' })]))).toEqual([{ index: 0, field: 'text', reason: 'unknown field' }]);
  });

  it('reports missing required fields as "is required"', () => {
    const errors = reject(
      batchOf([{ type: 'turn' }, { type: 'code_edit', ts: TS, sessionId: SID }, { type: 'control', ts: TS, sessionId: SID }]),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        { index: 0, field: 'ts', reason: 'is required' },
        { index: 0, field: 'sessionId', reason: 'is required' },
        { index: 0, field: 'role', reason: 'is required' },
        { index: 0, field: 'text', reason: 'is required' },
        { index: 1, field: 'diffChars', reason: 'is required' },
        { index: 2, field: 'action', reason: 'is required' },
      ]),
    );
    expect(errors).toHaveLength(6);
  });

  it.each([
    [edit({ diffChars: -3 }), 'diffChars', 'must not be negative'],
    [edit({ diffChars: 2.5 }), 'diffChars', 'must be a whole number'],
    [edit({ diffChars: '3' }), 'diffChars', 'must be a number'],
    [run({ durationMs: -1 }), 'durationMs', 'must not be negative'],
    [turn({ tokens: -1 }), 'tokens', 'must not be negative'],
    [turn({ latencyMs: -0.5 }), 'latencyMs', 'must not be negative'],
    [turn({ text: 42 }), 'text', 'must be a string'],
    [turn({ source: 'browser' }), 'source', 'must be one of: client, server, ai'],
    [control({ action: 'skip' }), 'action', 'must be one of: ask_followup, hint, pace_up, pace_down, topic_shift, end'],
    [turn({ sessionId: '' }), 'sessionId', 'must not be empty'],
  ])('rejects %j on %s', (event, field, reason) => {
    expect(reject(batchOf([event]))).toEqual([{ index: 0, field, reason }]);
  });

  it.each([42, null, 'event', []])('rejects the event %j', (event) => {
    const errors = reject(batchOf([turn(), event]));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.index).toBe(1);
  });

  it('rejects the invalid-batch fixture and names each bad event', () => {
    const errors = reject(fixture('invalid-batch.json'));
    expect(errors).toHaveLength(5);
    expect(errors.map((e) => [e.index, e.field])).toEqual([
      [1, 'sessionId'],
      [2, 'ts'],
      [3, 'type'],
      [4, 'colour'],
      [5, 'diffChars'],
    ]);
    expect(errors.find((e) => e.index === 0)).toBeUndefined();
    for (const e of errors) expect(e.reason).not.toBe('');
    expect(errors[4]?.reason).toBe('must not be negative');
    expect(errors[3]?.reason).toBe('unknown field');
  });
});

describe('validateTelemetryBatch: the envelope', () => {
  it.each([
    [{ events: [] }, 'interviewSessionId', 'is required'],
    [{ interviewSessionId: SID }, 'events', 'is required'],
    [{ interviewSessionId: '  ', events: [] }, 'interviewSessionId', 'must not start or end with whitespace'],
    [{ interviewSessionId: 7, events: [] }, 'interviewSessionId', 'must be a string'],
    [{ interviewSessionId: SID, events: {} }, 'events', 'must be an array of events'],
    [{ interviewSessionId: 'x'.repeat(129), events: [] }, 'interviewSessionId', undefined],
  ])('rejects %j on %s', (input, field, reason) => {
    const errors = reject(input);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ index: null, field });
    if (reason) expect(errors[0]?.reason).toBe(reason);
  });

  it('accepts a session id of 128 characters', () => {
    const id = 's'.repeat(128);
    expect(accept(batchOf([turn({ sessionId: id })], id)).accepted).toBe(1);
  });

  it.each([null, 'batch', 42, [], undefined])('rejects the body %j', (input) => {
    expect(reject(input)[0]).toMatchObject({ index: null, field: '' });
  });

  it('rejects an unknown batch-level field', () => {
    expect(reject({ ...batchOf([turn()]), meta: {} })).toEqual([{ index: null, field: 'meta', reason: 'unknown field' }]);
  });
});

describe('validateTelemetryBatch: at most 200 events', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => control({ params: { i } }));

  it('accepts exactly 200 events', () => {
    expect(TELEMETRY_LIMITS.maxEventsPerBatch).toBe(200);
    const v = accept(batchOf(many(200)));
    expect(v.accepted).toBe(200);
    expect(v.batch.events).toHaveLength(200);
  });

  it('rejects 201 events as a whole, on the events field', () => {
    const errors = reject(batchOf(many(201)));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ index: null, field: 'events' });
    expect(errors[0]?.reason).toContain('201');
    expect(errors[0]?.reason).toContain('200');
  });

  it('rejects the too-many-events fixture', () => {
    const input = fixture('too-many-events.json') as { events: unknown[] };
    expect(input.events).toHaveLength(201);
    expect(reject(input)).toEqual([expect.objectContaining({ index: null, field: 'events' })]);
  });
});

describe('validateTelemetryBatch: sessionId must match interviewSessionId', () => {
  it('rejects an event for another session and says which ids differ', () => {
    const errors = reject(batchOf([turn(), turn({ sessionId: 'session-2' })]));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ index: 1, field: 'sessionId' });
    expect(errors[0]?.reason).toContain('session-2');
    expect(errors[0]?.reason).toContain(SID);
  });

  it('compares ids exactly (case matters)', () => {
    expect(reject(batchOf([turn({ sessionId: SID.toUpperCase() })]))[0]).toMatchObject({ index: 0, field: 'sessionId' });
  });

  it('reports every event that belongs to another session', () => {
    const errors = reject(batchOf([turn({ sessionId: 'a' }), turn(), control({ sessionId: 'b' })]));
    expect(errors.map((e) => [e.index, e.field])).toEqual([
      [0, 'sessionId'],
      [2, 'sessionId'],
    ]);
  });
});

describe('validateTelemetryBatch: ts', () => {
  it.each([
    ['2026-01-31T09:15:00Z', '2026-01-31T09:15:00.000Z'],
    ['2026-01-31T09:15:00.000Z', '2026-01-31T09:15:00.000Z'],
    ['2026-01-31T09:15:00.5Z', '2026-01-31T09:15:00.500Z'],
    ['2026-01-31T09:15:00.123456Z', '2026-01-31T09:15:00.123Z'],
    ['2026-01-31T09:15Z', '2026-01-31T09:15:00.000Z'],
    ['2026-01-31T10:15:00+01:00', '2026-01-31T09:15:00.000Z'],
    ['2026-01-31T04:15:00-05:00', '2026-01-31T09:15:00.000Z'],
    ['2026-01-31T14:45:00+05:30', '2026-01-31T09:15:00.000Z'],
    ['2026-01-01T00:30:00+01:00', '2025-12-31T23:30:00.000Z'],
    ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
  ])('accepts %s and normalises it to %s', (ts, normalised) => {
    const v = accept(batchOf([turn({ ts })]));
    expect(v.local.events[0]?.ts).toBe(normalised);
    expect(v.batch.events[0]?.ts).toBe(normalised);
  });

  it.each(['2026-01-31T09:15:00', '2026-01-31T09:15:00.000', '2026-01-31 09:15:00', '2026-01-31'])(
    'rejects %s, which has no time zone',
    (ts) => {
      expect(reject(batchOf([turn({ ts })]))).toEqual([
        { index: 0, field: 'ts', reason: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-01-31T09:15:00.000Z' },
      ]);
    },
  );

  it.each([
    '2026-02-30T10:00:00Z',
    '2025-02-29T10:00:00Z',
    '2026-04-31T10:00:00Z',
    '2026-13-01T10:00:00Z',
    '2026-00-10T10:00:00Z',
    '2026-01-00T10:00:00Z',
    '2026-01-31T24:00:00Z',
    '2026-01-31T23:60:00Z',
    '2026-01-31T23:59:60Z',
  ])('rejects the impossible date-time %s', (ts) => {
    expect(reject(batchOf([turn({ ts })]))).toEqual([{ index: 0, field: 'ts', reason: 'is not a real date and time' }]);
  });

  it.each(['yesterday', '', '31/01/2026 09:15 UTC', 'Sat, 31 Jan 2026 09:15:00 GMT', '2026-01-31T09:15:00+0100', '2026-01-31T09:15:00 Z'])(
    'rejects %j with exactly one reason',
    (ts) => {
      const errors = reject(batchOf([turn({ ts })]));
      expect(errors).toEqual([{ index: 0, field: 'ts', reason: expect.stringContaining('ISO 8601') }]);
    },
  );

  it.each([1769850900000, null])('rejects a ts that is not a string: %j', (ts) => {
    expect(reject(batchOf([turn({ ts })]))).toEqual([{ index: 0, field: 'ts', reason: 'must be an ISO 8601 date-time string' }]);
  });
});

describe('validateTelemetryBatch: hashes', () => {
  it('accepts 64-hex SHA-256 digests and lowercases them', () => {
    const upper = HASH.toUpperCase();
    const v = accept(batchOf([edit({ beforeHash: upper, afterHash: HASH }), run({ outputHash: upper })]));
    expect(v.local.events[0]).toMatchObject({ beforeHash: HASH, afterHash: HASH });
    expect(v.local.events[1]).toMatchObject({ outputHash: HASH });
    expect(v.batch.events[1]).toMatchObject({ outputHash: HASH });
  });

  it.each([
    ['63 hex characters', HASH.slice(1)],
    ['65 hex characters', `${HASH}0`],
    ['a non-hex character', `g${HASH.slice(1)}`],
    ['a sha256: prefix', `sha256:${HASH}`],
    ['surrounding space', ` ${HASH}`],
    ['an MD5 digest', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['an empty string', ''],
  ])('rejects a hash with %s', (_what, hash) => {
    expect(reject(batchOf([run({ outputHash: hash })]))).toEqual([
      { index: 0, field: 'outputHash', reason: 'must be a SHA-256 hex digest (64 hex characters)' },
    ]);
    expect(reject(batchOf([edit({ afterHash: hash })]))[0]).toMatchObject({ index: 0, field: 'afterHash' });
  });
});

describe('validateTelemetryBatch: previews over 4,096 bytes', () => {
  const limit = TELEMETRY_LIMITS.maxPreviewBytes;

  it.each([
    ['4096 ASCII characters', 'a'.repeat(4096)],
    ['2048 × "é" (4096 bytes)', 'é'.repeat(2048)],
    ['1024 × "😀" (4096 bytes)', '😀'.repeat(1024)],
    ['an empty string', ''],
  ])('keeps a preview of %s', (_what, preview) => {
    expect(limit).toBe(4096);
    const v = accept(batchOf([run({ outputHash: HASH, stdoutPreview: preview, stderrPreview: preview })]));
    expect(v.dropped).toEqual([]);
    expect(v.local.events[0]).toMatchObject({ stdoutPreview: preview, stderrPreview: preview, outputHash: HASH });
    expect(v.batch.events[0]).toMatchObject({ stdoutPreview: preview, stderrPreview: preview, outputHash: HASH });
  });

  it.each([
    ['4097 ASCII characters', 'a'.repeat(4097), 4097],
    ['2049 × "é" (4098 bytes, only 2049 characters)', 'é'.repeat(2049), 4098],
    ['4095 ASCII characters and one "é" (4097 bytes)', `${'a'.repeat(4095)}é`, 4097],
    ['1366 × "€" (4098 bytes)', '€'.repeat(1366), 4098],
  ])('drops a stdoutPreview of %s, keeps outputHash and reports the drop', (_what, preview, bytes) => {
    const v = accept(batchOf([turn(), run({ outputHash: HASH.toUpperCase(), stdoutPreview: preview, stderrPreview: 'fine' })]));
    expect(v.accepted).toBe(2);
    for (const form of [v.local, v.batch]) {
      const event = form.events[1]!;
      expect(event).not.toHaveProperty('stdoutPreview');
      expect(event).toMatchObject({ type: 'run', outputHash: HASH, stderrPreview: 'fine', status: 'success' });
    }
    expect(v.dropped).toEqual([
      {
        index: 1,
        type: 'run',
        field: 'stdoutPreview',
        bytes,
        limit: 4096,
        reason: `preview of ${bytes} bytes is over the 4096-byte limit; dropped, outputHash kept`,
      },
    ]);
  });

  it('drops both previews of one event, each reported on its own', () => {
    const v = accept(batchOf([run({ outputHash: HASH, stdoutPreview: 'o'.repeat(5000), stderrPreview: 'e'.repeat(4097) })]));
    expect(v.local.events[0]).not.toHaveProperty('stdoutPreview');
    expect(v.local.events[0]).not.toHaveProperty('stderrPreview');
    expect(v.dropped.map((d) => [d.index, d.field, d.bytes])).toEqual([
      [0, 'stdoutPreview', 5000],
      [0, 'stderrPreview', 4097],
    ]);
  });

  it('reports drops by the index of each event in the batch', () => {
    const big = 'x'.repeat(4097);
    const v = accept(batchOf([run({ stderrPreview: big }), turn(), run(), run({ stdoutPreview: big })]));
    expect(v.dropped.map((d) => [d.index, d.field])).toEqual([
      [0, 'stderrPreview'],
      [3, 'stdoutPreview'],
    ]);
  });

  it('does not drop long text from turns; only run previews have a size limit', () => {
    const text = 't'.repeat(10_000);
    const v = accept(batchOf([turn({ text })]));
    expect(v.dropped).toEqual([]);
    expect((v.local.events[0] as { text: string }).text).toBe(text);
  });

  it('drops the preview of the oversized-preview fixture and keeps its hash', () => {
    const v = accept(fixture('oversized-preview.json'));
    expect(v.dropped).toHaveLength(1);
    expect(v.dropped[0]).toMatchObject({ index: 0, field: 'stdoutPreview', limit: 4096 });
    expect(v.dropped[0]!.bytes).toBeGreaterThan(4096);
    expect(v.local.events[0]).not.toHaveProperty('stdoutPreview');
    expect(v.local.events[0]).toHaveProperty('outputHash', expect.stringMatching(/^[0-9a-f]{64}$/));
  });
});

describe('validateTelemetryBatch: at most 256 KB of JSON', () => {
  const limit = TELEMETRY_LIMITS.maxBatchBytes;

  /** A one-turn batch whose normalised JSON is exactly `bytes` long, padded with `unit` (1 or 2 bytes). */
  function batchOfBytes(bytes: number, unit: 'a' | 'é' = 'a') {
    const empty = accept(batchOf([turn({ text: '' })]));
    const overhead = jsonBytes(empty.local);
    const per = utf8Length(unit);
    const padding = bytes - overhead;
    expect(padding % per).toBe(0);
    const input = batchOf([turn({ text: unit.repeat(padding / per) })]);
    return input;
  }

  it('accepts a batch of exactly 256 KB', () => {
    expect(limit).toBe(262_144);
    const v = accept(batchOfBytes(limit));
    expect(jsonBytes(v.local)).toBe(limit);
    expect(jsonBytes(v.batch)).toBe(limit);
  });

  it('rejects a batch one byte over 256 KB as a whole, on the events field', () => {
    const errors = reject(batchOfBytes(limit + 1));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ index: null, field: 'events' });
    expect(errors[0]?.reason).toContain(String(limit + 1));
    expect(errors[0]?.reason).toContain(String(limit));
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(accept(batchOfBytes(limit, 'é')).accepted).toBe(1);
    expect(reject(batchOfBytes(limit + 2, 'é'))[0]).toMatchObject({ index: null, field: 'events' });
  });

  it('measures the batch after dropping oversized previews', () => {
    // 70 runs with 4,097-byte previews are about 290 KB; without them, a few KB.
    const events = Array.from({ length: 70 }, () => run({ outputHash: HASH, stdoutPreview: 'p'.repeat(4097) }));
    const input = batchOf(events);
    expect(jsonBytes(input)).toBeGreaterThan(limit);
    const v = accept(input);
    expect(v.dropped).toHaveLength(70);
    expect(jsonBytes(v.local)).toBeLessThan(limit);
  });

  it('rejects a batch that is still over 256 KB after dropping previews', () => {
    // 200 runs with 1,400-byte previews: every preview is under the limit, so nothing is dropped.
    const events = Array.from({ length: 200 }, () => run({ outputHash: HASH, stdoutPreview: 'p'.repeat(1400) }));
    expect(reject(batchOf(events))).toEqual([expect.objectContaining({ index: null, field: 'events' })]);
  });
});

describe('validateTelemetryBatch: redaction', () => {
  it('redacts turn text in the outgoing batch and keeps the original in local', () => {
    const text = 'Reach me at jane.doe@example.com or +1 415 555 2671.';
    const v = accept(batchOf([turn({ text })]));
    expect(v.batch.events[0]).toMatchObject({ text: 'Reach me at [EMAIL] or [PHONE].' });
    expect(v.local.events[0]).toMatchObject({ text });
    expect(v.redactions).toEqual({ total: 2, byKind: { EMAIL: 1, PHONE: 1 } });
  });

  it('redacts both previews in the outgoing batch and keeps them in local', () => {
    const stdout = 'connecting to postgres://app:pw@10.1.2.3/db';
    const stderr = 'auth failed for token sk-abcdefghijklmnopqrstuvwxyz0123';
    const v = accept(batchOf([run({ outputHash: HASH, stdoutPreview: stdout, stderrPreview: stderr })]));
    expect(v.batch.events[0]).toMatchObject({
      stdoutPreview: 'connecting to postgres://[URL_CREDENTIALS]@[IP_ADDRESS]/db',
      stderrPreview: 'auth failed for token [API_KEY]',
      outputHash: HASH,
    });
    expect(v.local.events[0]).toMatchObject({ stdoutPreview: stdout, stderrPreview: stderr });
    expect(v.redactions).toEqual({ total: 3, byKind: { URL_CREDENTIALS: 1, IP_ADDRESS: 1, API_KEY: 1 } });
  });

  it('adds redaction counts up over the whole batch', () => {
    const v = accept(
      batchOf([
        turn({ text: 'a@example.com' }),
        turn({ role: 'interviewer', text: 'b@example.com and c@example.com' }),
        run({ stderrPreview: 'card 4111 1111 1111 1111' }),
        control(),
      ]),
    );
    expect(v.redactions).toEqual({ total: 4, byKind: { EMAIL: 3, CREDIT_CARD: 1 } });
  });

  it('leaves code edits and control events as they are', () => {
    const events = [edit({ file: 'jane@example.com.py' }), control({ params: { note: 'mail jane@example.com' } })];
    const v = accept(batchOf(events));
    expect(v.batch.events).toEqual(events);
    expect(v.redactions).toEqual({ total: 0, byKind: {} });
  });

  it('never redacts the local form, even when nothing is dropped', () => {
    const input = batchOf([turn({ text: 'AKIAIOSFODNN7EXAMPLE' })]);
    const v = accept(input);
    expect(v.local).toEqual(input);
    expect(v.batch).not.toEqual(input);
  });
});

describe('the valid-batch fixture', () => {
  it('is accepted, normalised and redacted', () => {
    const input = fixture('valid-batch.json') as { interviewSessionId: string; events: Raw[] };
    expect(input.interviewSessionId).toBe('fixture-session');
    expect(input.events.map((e) => e.type)).toEqual(['code_edit', 'run', 'turn', 'control']);

    const v = accept(input);
    expect(v.accepted).toBe(4);
    expect(v.dropped).toEqual([]);
    expect(v.batch.interviewSessionId).toBe('fixture-session');
    expect(v.local.events.map((e) => e.ts)).toEqual([
      '2026-01-31T09:15:00.000Z',
      '2026-01-31T09:15:02.500Z',
      '2026-01-31T09:15:05.123Z',
      '2026-01-31T09:15:06.000Z',
    ]);
    const [codeEdit, runEvent, turnEvent] = v.batch.events;
    expect(codeEdit).toMatchObject({ afterHash: (input.events[0]!.afterHash as string).toLowerCase() });
    expect(runEvent).toMatchObject({ outputHash: input.events[1]!.outputHash, stdoutPreview: input.events[1]!.stdoutPreview });
    expect((turnEvent as { text: string }).text).toBe('Sure, you can reach me at [EMAIL] or [PHONE] after the interview.');
    expect((v.local.events[2] as { text: string }).text).toBe(input.events[2]!.text);
    expect(v.redactions).toEqual({ total: 2, byKind: { EMAIL: 1, PHONE: 1 } });
  });
});

describe('parseTelemetryRequest', () => {
  it('recognises the init form', () => {
    expect(parseTelemetryRequest({ interviewSessionId: 'abc' })).toEqual({ kind: 'init', interviewSessionId: 'abc' });
  });

  it('recognises the init fixture', () => {
    expect(parseTelemetryRequest(fixture('init.json'))).toEqual({ kind: 'init', interviewSessionId: 'fixture-session' });
  });

  it('refuses a session id with surrounding whitespace instead of silently trimming it', () => {
    expect(parseTelemetryRequest({ interviewSessionId: '  abc ' })).toEqual({
      kind: 'append',
      validation: { ok: false, errors: [{ index: null, field: 'interviewSessionId', reason: 'must not start or end with whitespace' }] },
    });
  });

  it('rejects an init form with an unknown field', () => {
    expect(parseTelemetryRequest({ interviewSessionId: 'abc', event: {} })).toEqual({
      kind: 'append',
      validation: { ok: false, errors: [{ index: null, field: 'event', reason: 'unknown field' }] },
    });
  });

  it.each([
    [{}, 'is required'],
    [{ interviewSessionId: '' }, 'must not be empty'],
    [{ interviewSessionId: 5 }, 'must be a string'],
  ])('rejects the init form %j', (input, reason) => {
    expect(parseTelemetryRequest(input)).toEqual({
      kind: 'append',
      validation: { ok: false, errors: [{ index: null, field: 'interviewSessionId', reason }] },
    });
  });

  it('treats a body with events as an append batch and validates it', () => {
    const request = parseTelemetryRequest(batchOf([turn({ text: 'x@example.com' })]));
    expect(request.kind).toBe('append');
    if (request.kind !== 'append' || !request.validation.ok) throw new Error('expected an accepted append');
    expect(request.validation.accepted).toBe(1);
    expect(request.validation.batch.events[0]).toMatchObject({ text: '[EMAIL]' });
  });

  it('treats an empty events array as an append, not an init', () => {
    const request = parseTelemetryRequest(batchOf([]));
    expect(request).toMatchObject({ kind: 'append', validation: { ok: true, accepted: 0 } });
  });

  it('passes rejections of an append batch through', () => {
    const request = parseTelemetryRequest(fixture('too-many-events.json'));
    expect(request).toMatchObject({ kind: 'append', validation: { ok: false, errors: [{ index: null, field: 'events' }] } });
  });

  it.each([null, [], 'abc', 1])('rejects the body %j', (input) => {
    const request = parseTelemetryRequest(input);
    expect(request).toMatchObject({ kind: 'append', validation: { ok: false } });
  });
});

describe('redactEvent', () => {
  const parse = (raw: Raw): TelemetryEvent => accept(batchOf([raw])).local.events[0]!;

  it('redacts turn text and adds to the tally', () => {
    const tally: RedactionSummary = { total: 1, byKind: { EMAIL: 1 } };
    const event = parse(turn({ text: 'me@example.com, 192.168.0.1' }));
    const out = redactEvent(event, tally);
    expect(out).toMatchObject({ text: '[EMAIL], [IP_ADDRESS]' });
    expect(tally).toEqual({ total: 3, byKind: { EMAIL: 2, IP_ADDRESS: 1 } });
    expect(event).toMatchObject({ text: 'me@example.com, 192.168.0.1' });
  });

  it('redacts run previews without a tally and leaves the event it was given unchanged', () => {
    const event = parse(run({ stdoutPreview: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', outputHash: HASH }));
    expect(redactEvent(event)).toEqual({ ...event, stdoutPreview: '[API_KEY]' });
    expect(event).toMatchObject({ stdoutPreview: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789' });
  });

  it('does not add absent previews', () => {
    const event = parse(run());
    expect(redactEvent(event)).toEqual(event);
    expect(redactEvent(event)).not.toHaveProperty('stdoutPreview');
  });

  it('returns code edits and control events unchanged', () => {
    const tally: RedactionSummary = { total: 0, byKind: {} };
    for (const raw of [edit(), control({ params: { email: 'a@example.com' } })]) {
      const event = parse(raw);
      expect(redactEvent(event, tally)).toEqual(event);
    }
    expect(tally).toEqual({ total: 0, byKind: {} });
  });
});
