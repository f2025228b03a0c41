import { DEFAULT_PERSONA } from '../../shared/config/interview-config';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi, type Transport } from '../../shared/ipc/api';
import {
  CHANNEL_PREFIX,
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  wireName,
  type EventChannel,
  type InvokeChannel,
} from '../../shared/ipc/channels';
import { eventContract, invokeContract } from '../../shared/ipc/contract';
import { dispatch, isInvokeChannel, type Handlers } from '../../shared/ipc/dispatch';
import { AppError, errorToResult, fail, ok, type Result } from '../../shared/ipc/result';
import type { SessionDetail, SessionSummary, TelemetryStats } from '../../shared/session/model';
import { createHandlers, type AppServices } from '../../electron/services';
import { tempDataDir } from '../support/paths';
import { makeServices, validConfig } from '../support/services';
import { latestVersion } from '../../electron/services/store';

const opened: AppServices[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function services(): AppServices {
  const dataDir = tempDataDir('ir-ipc-');
  dirs.push(dataDir);
  const s = makeServices({ dataDir });
  opened.push(s);
  return s;
}

/** The real handlers, each wrapped to count its calls. */
function countingHandlers(base: Handlers) {
  const calls: Partial<Record<InvokeChannel, number>> = {};
  const wrapped = Object.fromEntries(
    Object.entries(base).map(([channel, fn]) => [
      channel,
      (input: unknown) => {
        calls[channel as InvokeChannel] = (calls[channel as InvokeChannel] ?? 0) + 1;
        return (fn as (input: unknown) => unknown)(input);
      },
    ]),
  ) as Handlers;
  const total = () => Object.values(calls).reduce((a, b) => a + (b ?? 0), 0);
  return { handlers: wrapped, calls, total };
}

function expectFailure(result: Result<unknown>, code: string) {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.error.code).toBe(code);
  return result.error;
}

function expectValue<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('channel lists, contract and handlers agree', () => {
  it('every invoke channel has a contract entry and a handler, and nothing else does', () => {
    const handlers = createHandlers(services());
    expect(Object.keys(invokeContract).sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(Object.keys(handlers).sort()).toEqual([...INVOKE_CHANNELS].sort());
    for (const channel of INVOKE_CHANNELS) {
      expect(typeof handlers[channel], channel).toBe('function');
      expect(typeof invokeContract[channel].input.safeParse, channel).toBe('function');
      expect(typeof invokeContract[channel].output.safeParse, channel).toBe('function');
      expect(channel).toMatch(/^[a-z]+:[a-z][A-Za-z]*$/);
    }
    expect(new Set(INVOKE_CHANNELS).size).toBe(INVOKE_CHANNELS.length);
  });

  it('every event channel has a payload schema', () => {
    expect(Object.keys(eventContract).sort()).toEqual([...EVENT_CHANNELS].sort());
    expect(eventContract['app:command'].safeParse({ command: 'new-interview' }).success).toBe(true);
    expect(eventContract['app:command'].safeParse({ command: 'rm -rf' }).success).toBe(false);
  });

  it('wire names carry the app prefix', () => {
    expect(CHANNEL_PREFIX).toBe('ir:');
    expect(wireName('session:list')).toBe('ir:session:list');
    expect(wireName('app:command')).toBe('ir:app:command');
  });

  it('isInvokeChannel knows only the listed names (not prototype keys, not wire names)', () => {
    for (const c of INVOKE_CHANNELS) expect(isInvokeChannel(c)).toBe(true);
    for (const c of [
      '',
      'session',
      'session:delete',
      'ir:session:list',
      'app:command',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
    ]) {
      expect(isInvokeChannel(c), c).toBe(false);
    }
  });
});

describe('dispatch', () => {
  it('answers unknown_channel for a name that is not a call, calling nothing', async () => {
    const { handlers, total } = countingHandlers(createHandlers(services()));
    for (const name of ['session:delete', 'ir:session:list', 'app:command', '__proto__', 'constructor', '']) {
      const error = expectFailure(await dispatch(handlers, name, {}), 'unknown_channel');
      expect(error.message).toBe(`No IPC call named "${name}"`);
    }
    expect(total()).toBe(0);
  });

  it('runs a valid call and wraps its value', async () => {
    const s = services();
    const { handlers, calls } = countingHandlers(createHandlers(s));
    const info = expectValue<{ name: string; version: string; databaseVersion: number; dataDir: string }>(
      await dispatch(handlers, 'app:info', undefined),
    );
    expect(info).toEqual({
      name: 'Interview Recorder',
      version: '0.0.0-test',
      dataDir: s.paths.dataDir,
      platform: process.platform,
      databaseVersion: latestVersion(),
    });
    expectValue(await dispatch(handlers, 'app:info', {}));
    const list = expectValue<SessionSummary[]>(await dispatch(handlers, 'session:list', undefined));
    expect(list).toEqual([]);
    expect(calls).toEqual({ 'app:info': 2, 'session:list': 1 });
  });

  it('refuses an invalid payload with invalid_input and field issues, never reaching the handler', async () => {
    const s = services();
    const { handlers, total } = countingHandlers(createHandlers(s));
    const { id } = s.sessions.create(validConfig());

    const create = expectFailure(
      await dispatch(handlers, 'session:create', {
        ...validConfig(),
        durationMinutes: 2,
        requiredSkills: [{ name: 'Go', importance: 'urgent' }],
        bogus: 1,
      }),
      'invalid_input',
    );
    expect(create.issues).toEqual(
      expect.arrayContaining([
        { field: 'durationMinutes', message: 'must be at least 5 minutes' },
        { field: 'requiredSkills[0].importance', message: 'must be one of: critical, high, medium, low' },
        { field: 'bogus', message: 'unknown field' },
      ]),
    );
    expect(create.message).toMatch(/^Invalid input for session:create: /);

    expect(expectFailure(await dispatch(handlers, 'session:get', {}), 'invalid_input').issues).toEqual([
      { field: 'id', message: 'is required' },
    ]);
    expect(expectFailure(await dispatch(handlers, 'session:get', { id: '   ' }), 'invalid_input').issues).toEqual([
      { field: 'id', message: 'must not start or end with whitespace' },
    ]);
    expect(expectFailure(await dispatch(handlers, 'session:start', { id, force: true }), 'invalid_input').issues).toEqual([
      { field: 'force', message: 'unknown field' },
    ]);
    expect(expectFailure(await dispatch(handlers, 'session:complete', { id: 7 }), 'invalid_input').issues).toEqual([
      { field: 'id', message: 'must be a string' },
    ]);
    expectFailure(await dispatch(handlers, 'session:abandon', undefined), 'invalid_input');
    expectFailure(await dispatch(handlers, 'session:heartbeat', 'id'), 'invalid_input');
    expect(expectFailure(await dispatch(handlers, 'app:info', { verbose: true }), 'invalid_input').issues).toEqual([
      { field: 'verbose', message: 'unknown field' },
    ]);
    expect(expectFailure(await dispatch(handlers, 'telemetry:init', { id }), 'invalid_input').issues).toEqual(
      expect.arrayContaining([{ field: 'interviewSessionId', message: 'is required' }]),
    );
    expect(
      expectFailure(await dispatch(handlers, 'telemetry:append', { interviewSessionId: id, events: [], offsetsMs: ['1'] }), 'invalid_input')
        .issues?.[0]?.field,
    ).toBe('offsetsMs[0]');
    expectFailure(
      await dispatch(handlers, 'telemetry:append', { interviewSessionId: id, events: [], offsetsMs: [Number.POSITIVE_INFINITY] }),
      'invalid_input',
    );
    expectFailure(await dispatch(handlers, 'telemetry:append', { interviewSessionId: id, events: {} }), 'invalid_input');

    expect(total()).toBe(0);
    // Nothing changed: still one pending session, no telemetry.
    expect(s.sessions.list()).toEqual([expect.objectContaining({ id, status: 'pending', eventCount: 0 })]);
  });

  it('passes the parsed input (defaults applied) to the handler', async () => {
    const seen: unknown[] = [];
    const handlers = {
      ...createHandlers(services()),
      'session:get': (input: unknown) => {
        seen.push(input);
        throw new AppError('not_found', 'no');
      },
      'session:create': (input: unknown) => {
        seen.push(input);
        throw new AppError('conflict', 'no');
      },
    } as Handlers;
    await dispatch(handlers, 'session:get', { id: 'abc' });
    const { companyPattern: _p, ...withoutDefaults } = validConfig();
    await dispatch(handlers, 'session:create', withoutDefaults);
    expect(seen[0]).toEqual({ id: 'abc' });
    expect(seen[1]).toMatchObject({ companyPattern: 'general', personas: [DEFAULT_PERSONA] });
  });

  it('maps a thrown AppError to its code, message and issues', async () => {
    const s = services();
    const real = createHandlers(s);
    const notFound = expectFailure(await dispatch(real, 'session:get', { id: 'missing' }), 'not_found');
    expect(notFound.message).toBe('No session with id "missing".');
    expect(notFound).not.toHaveProperty('issues');

    const { id } = s.sessions.create(validConfig());
    await dispatch(real, 'session:complete', { id });
    expect(expectFailure(await dispatch(real, 'session:complete', { id }), 'conflict').message).toContain('already completed');

    const withIssues = {
      ...real,
      'session:list': () => {
        throw new AppError('invalid_input', 'nope', [{ field: 'x', message: 'bad' }]);
      },
    } as Handlers;
    expect(expectFailure(await dispatch(withIssues, 'session:list', undefined), 'invalid_input')).toEqual({
      code: 'invalid_input',
      message: 'nope',
      issues: [{ field: 'x', message: 'bad' }],
    });
    const forbidden = { ...real, 'session:list': async () => Promise.reject(new AppError('forbidden', 'not you')) } as Handlers;
    expect(expectFailure(await dispatch(forbidden, 'session:list', undefined), 'forbidden').message).toBe('not you');
  });

  it('maps a plain Error (thrown or rejected) or a thrown non-Error to internal', async () => {
    const real = createHandlers(services());
    const throwing = {
      ...real,
      'session:list': () => {
        throw new Error('disk on fire');
      },
      'app:info': async () => {
        throw new TypeError('x is undefined');
      },
      'session:get': () => {
        throw 'a string';
      },
      'session:start': () => {
        throw new Error('');
      },
    } as Handlers;
    expect(expectFailure(await dispatch(throwing, 'session:list', undefined), 'internal')).toEqual({
      code: 'internal',
      message: 'disk on fire',
    });
    expect(expectFailure(await dispatch(throwing, 'app:info', undefined), 'internal').message).toBe('x is undefined');
    expect(expectFailure(await dispatch(throwing, 'session:get', { id: 'a' }), 'internal').message).toBe('a string');
    expect(expectFailure(await dispatch(throwing, 'session:start', { id: 'a' }), 'internal').message).toBe('Unexpected error');
  });

  it('answers internal when a handler returns something the contract does not allow', async () => {
    const real = createHandlers(services());
    const broken = {
      ...real,
      'session:list': () => [{ id: 'x' }],
      'app:info': async () => ({ name: 'Interview Recorder', version: 1 }),
      'session:heartbeat': () => ({ activeMs: 1.5 }),
      'session:get': () => undefined,
    } as unknown as Handlers;
    const list = expectFailure(await dispatch(broken, 'session:list', undefined), 'internal');
    expect(list.message).toMatch(/^session:list produced an invalid result: /);
    expect(list).not.toHaveProperty('issues');
    expect(expectFailure(await dispatch(broken, 'app:info', undefined), 'internal').message).toContain('version');
    expectFailure(await dispatch(broken, 'session:heartbeat', { id: 'a' }), 'internal');
    expectFailure(await dispatch(broken, 'session:get', { id: 'a' }), 'internal');
  });

  it('returns the output as the contract parsed it (unknown keys stripped)', async () => {
    const real = createHandlers(services());
    const extra = { ...real, 'session:heartbeat': () => ({ activeMs: 5, secret: 'internal detail' }) } as unknown as Handlers;
    expect(await dispatch(extra, 'session:heartbeat', { id: 'a' })).toEqual({ ok: true, value: { activeMs: 5 } });
  });
});

describe('result helpers', () => {
  it('build envelopes', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(fail('conflict', 'busy')).toEqual({ ok: false, error: { code: 'conflict', message: 'busy' } });
    expect(fail('invalid_input', 'bad', [{ field: 'a', message: 'b' }])).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'bad', issues: [{ field: 'a', message: 'b' }] },
    });
    expect(errorToResult(new AppError('not_found', 'gone'))).toEqual({ ok: false, error: { code: 'not_found', message: 'gone' } });
    expect(errorToResult(new RangeError('too far'))).toEqual({ ok: false, error: { code: 'internal', message: 'too far' } });
    expect(errorToResult(undefined)).toEqual({ ok: false, error: { code: 'internal', message: 'undefined' } });
  });
});

/** A transport that records what passes through it and can emit events. */
function memoryTransport(answer: (channel: InvokeChannel, payload: unknown) => Promise<Result<unknown>> = async () => ok(null)) {
  const invocations: Array<[InvokeChannel, unknown]> = [];
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const transport: Transport = {
    invoke(channel, payload) {
      invocations.push([channel, payload]);
      return answer(channel, payload);
    },
    subscribe(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
      return () => {
        listeners.get(channel)?.delete(listener);
      };
    },
  };
  const emit = (channel: EventChannel, payload: unknown) => {
    for (const l of listeners.get(channel) ?? []) l(payload);
  };
  const listenerCount = (channel: EventChannel) => listeners.get(channel)?.size ?? 0;
  return { transport, invocations, emit, listenerCount };
}

describe('createApi', () => {
  it('builds one function per call, grouped by domain, each forwarding to its channel', async () => {
    const { transport, invocations } = memoryTransport();
    const api = createApi(transport);
    const domains = new Set([...INVOKE_CHANNELS, ...EVENT_CHANNELS].map((c) => c.slice(0, c.indexOf(':'))));
    expect(Object.keys(api).sort()).toEqual([...domains].sort());
    expect(Object.keys(api).length).toBeGreaterThan(6);
    expect(Object.keys(api.session).sort()).toEqual(['abandon', 'complete', 'create', 'get', 'heartbeat', 'list', 'start']);
    expect(Object.keys(api.telemetry).sort()).toEqual(['append', 'init']);
    expect(Object.keys(api.app).sort()).toEqual(['info', 'onCommand']);
    expect(Object.keys(api.runner).sort()).toEqual(['onExit', 'onOutput', 'sandbox', 'start', 'stop', 'toolchains']);
    expect(Object.keys(api.code).sort()).toEqual(['latest', 'record']);

    await api.session.create(validConfig());
    await api.session.list();
    await api.session.get({ id: 'abc' });
    await api.telemetry.append({ interviewSessionId: 'abc', events: [], offsetsMs: [] });
    await api.app.info();
    expect(invocations).toEqual([
      ['session:create', validConfig()],
      ['session:list', undefined],
      ['session:get', { id: 'abc' }],
      ['telemetry:append', { interviewSessionId: 'abc', events: [], offsetsMs: [] }],
      ['app:info', undefined],
    ]);
  });

  it('returns what the transport answers, envelopes included', async () => {
    const { transport } = memoryTransport(async (channel) => (channel === 'session:list' ? ok([]) : fail('not_found', 'nope')));
    const api = createApi(transport);
    expect(await api.session.list()).toEqual({ ok: true, value: [] });
    expect(await api.session.get({ id: 'x' })).toEqual({ ok: false, error: { code: 'not_found', message: 'nope' } });
  });

  it('app.onCommand subscribes and returns an unsubscribe function', () => {
    const { transport, emit, listenerCount } = memoryTransport();
    const api = createApi(transport);
    const seen: unknown[] = [];
    const other: unknown[] = [];
    const unsubscribe = api.app.onCommand((payload) => seen.push(payload));
    api.app.onCommand((payload) => other.push(payload));
    expect(typeof unsubscribe).toBe('function');
    expect(listenerCount('app:command')).toBe(2);
    emit('app:command', { command: 'new-interview' });
    unsubscribe();
    expect(listenerCount('app:command')).toBe(1);
    emit('app:command', { command: 'open-library' });
    expect(seen).toEqual([{ command: 'new-interview' }]);
    expect(other).toEqual([{ command: 'new-interview' }, { command: 'open-library' }]);
  });

  it('refuses a listener that is not a function', () => {
    const { transport, listenerCount } = memoryTransport();
    const api = createApi(transport);
    expect(() => api.app.onCommand('alert(1)' as unknown as () => void)).toThrow(TypeError);
    expect(() => api.app.onCommand(undefined as unknown as () => void)).toThrow('app:command listener must be a function');
    expect(listenerCount('app:command')).toBe(0);
  });
});

describe('createApi over dispatch and the real services', () => {
  /** Like Electron's IPC: payloads and answers are copied, never shared. */
  function realApi(s: AppServices) {
    const handlers = createHandlers(s);
    const copy = <T>(v: T): T => (v === undefined ? v : structuredClone(v));
    return createApi({
      invoke: async (channel, payload) => copy(await dispatch(handlers, channel, copy(payload))),
      subscribe: () => () => {},
    });
  }

  it('runs a whole session through the typed API', async () => {
    const s = services();
    const api = realApi(s);
    const created = expectValue<SessionDetail>(await api.session.create(validConfig()));
    expect(created).toMatchObject({ status: 'pending', candidateName: 'Jamie Chen', jobTitle: 'Senior Backend Engineer' });
    expect(created.questions).toHaveLength(1);
    const { id } = created;

    expect(expectValue<SessionDetail>(await api.session.get({ id })).id).toBe(id);
    expect(expectValue<SessionDetail>(await api.session.start({ id })).status).toBe('in_progress');
    expect(expectValue<{ activeMs: number }>(await api.session.heartbeat({ id })).activeMs).toBeGreaterThanOrEqual(0);
    expect(expectValue<TelemetryStats>(await api.telemetry.init({ interviewSessionId: id }))).toMatchObject({ sessionId: id, total: 0 });

    const ts = new Date().toISOString();
    const appended = await api.telemetry.append({
      interviewSessionId: id,
      events: [
        { type: 'code_edit', ts, sessionId: id, diffChars: 1 },
        { type: 'turn', ts, sessionId: id, role: 'candidate', text: 'mail me: a@b.co' },
      ],
      offsetsMs: [10.4, 20.6],
    });
    expect(expectValue(appended)).toEqual({ accepted: 2, dropped: [], redactions: { total: 1, byKind: { EMAIL: 1 } } });
    expect(s.db.prepare(`SELECT t_ms FROM telemetry_events ORDER BY seq`).all()).toEqual([{ t_ms: 10 }, { t_ms: 21 }]);

    const badBatch = expectFailure(
      await api.telemetry.append({ interviewSessionId: id, events: [{ type: 'code_edit', ts, sessionId: id, diffChars: -1 }] }),
      'invalid_input',
    );
    expect(badBatch.issues).toEqual([{ field: 'events[0].diffChars', message: 'must not be negative' }]);
    expectFailure(
      await api.telemetry.append({
        interviewSessionId: id,
        events: [{ type: 'run', ts, sessionId: id, status: 'success' }],
        offsetsMs: [],
      }),
      'invalid_input',
    );

    expect(expectValue<SessionSummary>(await api.session.complete({ id })).status).toBe('completed');
    expectFailure(await api.session.abandon({ id }), 'conflict');
    const list = expectValue<SessionSummary[]>(await api.session.list());
    expect(list).toEqual([expect.objectContaining({ id, status: 'completed', eventCount: 2 })]);
    expectFailure(await api.session.get({ id: 'nope' }), 'not_found');
    expectFailure(await api.session.create({ ...validConfig(), jobTitle: '' }), 'invalid_input');
    expect(s.sessions.list()).toHaveLength(1);
  });
});
