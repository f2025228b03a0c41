import { CorpusStore } from '../../electron/services/corpus/corpus-store';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers, type AppServices } from '../../electron/services';
import { dispatch } from '../../shared/ipc/dispatch';
import { makeServices, validConfig } from '../support/services';
import type { Connectivity } from '../../electron/services/sync';
import { expectAppError } from '../support/assertions';
import { startContractServer, type ContractServer, type Endpoint, type Fault } from '../support/contract-server';
import { appendEvents, expectExactlyOnce, FAST_BACKOFF, recordSession, servicesForServer } from '../support/sync';

const servers: ContractServer[] = [];
const opened: AppServices[] = [];

afterEach(async () => {
  for (const s of opened.splice(0)) s.close();
  for (const s of servers.splice(0)) await s.close();
});

async function setup(options: { tus?: boolean } = {}) {
  const server = await startContractServer(options);
  servers.push(server);
  const services = servicesForServer(server);
  opened.push(services);
  return { server, services };
}

describe('team sync, exactly once', () => {
  it('sends a session, its telemetry in batches, its recording and its updates, redacted, with the token', async () => {
    const { server, services } = await setup();
    const id = await recordSession(services, { events: 450, recordingBytes: 3 * 1024 * 1024 + 17 });
    const outcome = await services.sync.runUntilIdle(60_000);
    expect(outcome).toMatchObject({ failed: 0, pending: 0, stoppedBecause: null });
    expectExactlyOnce(server, services, id);
    const [remote] = server.sessionOf(id);
    // Created when the interview started, completed by an update.
    expect(remote!.body).toMatchObject({ clientSessionId: id, candidateName: 'John Doe', status: 'in_progress', completedAt: null });
    expect(remote!.patches).toContainEqual({ status: 'completed', completedAt: services.sessions.get(id).endedAt });
    const config = remote!.body.config as Record<string, string>;
    expect(config.candidateEmail).toBe('[EMAIL]');
    expect(config.candidatePhone).toBe('[PHONE]');
    expect(config.resumeText).toBe('[CANDIDATE] — five years of React. Reach me at [EMAIL] or [PHONE].');
    const text = JSON.stringify(server.telemetry.get(remote!.id)!.events);
    expect(text).not.toMatch(/John|Doe|john\.doe@example\.com|555 010/);
    expect(text).toContain('[NAME]');
    // What redaction replaced is audited for 'sync', by field and kind, with counts and never a value.
    const audit = new CorpusStore(services.db, () => new Date()).auditOf(id).filter((a) => a.purpose === 'sync');
    expect(audit).toContainEqual(expect.objectContaining({ field: 'config.resumeText', kind: 'CANDIDATE', count: 1 }));
    expect(audit).toContainEqual(expect.objectContaining({ field: 'config.resumeText', kind: 'EMAIL', count: 1 }));
    const sentNames = (text.match(/\[NAME\]/g) ?? []).length;
    const auditedNames = audit.filter((a) => a.field.startsWith('telemetry.') && a.kind === 'NAME').reduce((n, a) => n + a.count, 0);
    expect(auditedNames).toBe(sentNames);
    expect(JSON.stringify(audit)).not.toMatch(/John|Doe|example\.com/);
    // 450 events: three batches (200, 200, 50), every request with an idempotency key.
    const batches = server.log.filter((l) => l.endpoint === 'telemetry' && l.status === 200);
    expect(batches).toHaveLength(4);
    const effects = server.log.filter((l) => l.method !== 'OPTIONS');
    expect(effects.every((l) => l.idempotencyKey !== null)).toBe(true);
    expect(new Set(effects.map((l) => l.idempotencyKey)).size).toBe(effects.length);
    const status = services.sync.status();
    expect(status.sessions.find((s) => s.sessionId === id)).toMatchObject({
      state: 'synced',
      eventsSent: 450,
      eventsTotal: 450,
      serverId: remote!.id,
    });
  });
});

describe('team sync under faults', () => {
  const faults: Array<[string, Endpoint, Fault]> = [
    ['a 500 on the create call', 'create', { kind: 'status', status: 500 }],
    ['a 503 with Retry-After on a batch', 'telemetry', { kind: 'status', status: 503, retryAfter: 1 }],
    ['a 429 with Retry-After on the update', 'patch', { kind: 'status', status: 429, retryAfter: 1 }],
    ['a 408 on the upload', 'upload', { kind: 'status', status: 408 }],
    ['the answer to the create call lost after it took effect', 'create', { kind: 'drop_after_effect' }],
    ['the answer to a batch lost after it took effect', 'telemetry', { kind: 'drop_after_effect' }],
    ['the answer to the upload lost after it took effect', 'upload', { kind: 'drop_after_effect' }],
    ['the answer to an update lost after it took effect', 'patch', { kind: 'drop_after_effect' }],
    ['the connection reset in the middle of the upload', 'upload', { kind: 'reset_after', bytes: 1024 * 1024 }],
  ];
  for (const [name, on, fault] of faults) {
    it(`sends everything exactly once after ${name}`, async () => {
      const { server, services } = await setup();
      const id = await recordSession(services, { events: 450, recordingBytes: 3 * 1024 * 1024 });
      server.inject(on, fault);
      const outcome = await services.sync.runUntilIdle(60_000);
      expect(server.pendingFaults(), 'the fault was met').toBe(0);
      expect(outcome).toMatchObject({ failed: 0, pending: 0, stoppedBecause: null });
      expectExactlyOnce(server, services, id);
      // The retry carried the failed attempt's idempotency key.
      const failed = server.log.find((l) => l.fault !== null)!;
      expect(server.log.filter((l) => l.idempotencyKey === failed.idempotencyKey).length).toBeGreaterThan(1);
    });
  }

  it('sends two sessions exactly once with every kind of fault at once', async () => {
    const { server, services } = await setup();
    const a = await recordSession(services, { events: 620, recordingBytes: 2 * 1024 * 1024 });
    const b = await recordSession(services, { events: 230, recordingBytes: 3 * 1024 * 1024 });
    server.inject('create', { kind: 'drop_after_effect' });
    server.inject('create', { kind: 'status', status: 502 });
    server.inject('telemetry', { kind: 'status', status: 500 }, 2);
    server.inject('telemetry', { kind: 'drop_after_effect' }, 2);
    server.inject('telemetry', { kind: 'status', status: 429, retryAfter: 1 });
    server.inject('upload', { kind: 'reset_after', bytes: 512 * 1024 });
    server.inject('upload', { kind: 'drop_after_effect' });
    server.inject('upload', { kind: 'status', status: 503, retryAfter: 1 });
    server.inject('patch', { kind: 'drop_after_effect' });
    server.inject('patch', { kind: 'status', status: 500 });
    const outcome = await services.sync.runUntilIdle(120_000);
    expect(server.pendingFaults()).toBe(0);
    expect(outcome).toMatchObject({ failed: 0, pending: 0, stoppedBecause: null });
    expectExactlyOnce(server, services, a);
    expectExactlyOnce(server, services, b);
  });
});

describe('team sync: what stops it, and what it waits for', () => {
  it('pauses the whole queue on a 401 until another token is stored, then goes on where it stopped', async () => {
    const { server, services } = await setup();
    const id = await recordSession(services, { events: 300 });
    server.inject('telemetry', { kind: 'status', status: 401 });
    const first = await services.sync.runUntilIdle(60_000);
    expect(first.stoppedBecause).toMatch(/refused the token/);
    expect(first.pending).toBeGreaterThan(0);
    const paused = services.sync.status();
    expect(paused.queue.state).toBe('paused');
    expect(paused.queue.message).toMatch(/Enter a new token/);
    // Running again with the same token sends nothing: the queue waits for a new one.
    const requests = server.log.length;
    const again = await services.sync.runUntilIdle(10_000);
    expect(again.stoppedBecause).toMatch(/refused the token/);
    expect(server.log.length).toBe(requests);
    // The server's admin issues a new token; the user stores it.
    (server as { token: string }).token = 'the-new-token';
    services.sync.setToken('the-new-token');
    expect(services.sync.status().queue.state).not.toBe('paused');
    const resumed = await services.sync.runUntilIdle(60_000);
    expect(resumed).toMatchObject({ failed: 0, pending: 0, stoppedBecause: null });
    expectExactlyOnce(server, services, id);
  });

  it('parks an item the server refuses with a 4xx, holds the session behind it, and sends it all after Retry', async () => {
    const { server, services } = await setup();
    const id = await recordSession(services, { events: 250, recordingBytes: 1024 * 1024 });
    const other = await recordSession(services, { events: 40, complete: false });
    server.inject('patch', { kind: 'status', status: 422, body: '{"error":"status must be one of scheduled, live, done"}' });
    const first = await services.sync.runUntilIdle(60_000);
    expect(first.failed).toBe(1);
    const status = services.sync.status();
    const failed = status.sessions.find((s) => s.sessionId === id)!;
    expect(failed).toMatchObject({ state: 'failed', retryable: true });
    expect(failed.reason).toMatch(/HTTP 422: \{"error":"status must be one of/);
    expect(status.items.find((i) => i.state === 'failed')).toMatchObject({ sessionId: id, kind: 'patch', attempts: 1 });
    // The other session went on; this one's later items (its status update) wait behind the parked one.
    expectExactlyOnce(server, services, other);
    expect(server.sessionOf(id)[0]).toMatchObject({ patches: [], status: 'in_progress' });
    expect(services.sync.retry(id).requeued).toBe(1);
    const second = await services.sync.runUntilIdle(60_000);
    expect(second).toMatchObject({ failed: 0, pending: 0 });
    expectExactlyOnce(server, services, id);
  });

  it('parks an answer that is not what the API says, with the status and the start of the body, and never crashes', async () => {
    const { server, services } = await setup();
    const id = await recordSession(services, { events: 20 });
    server.inject('create', { kind: 'status', status: 201, body: '<html><body>Scheduled maintenance until 6 pm</body></html>' });
    const first = await services.sync.runUntilIdle(30_000);
    expect(first.failed).toBe(1);
    expect(services.sync.status().sessions.find((s) => s.sessionId === id)!.lastError).toBe(
      'the server answered the create call with HTTP 201 but not with JSON: <html><body>Scheduled maintenance until 6 pm</body></html>',
    );
    server.inject('create', { kind: 'status', status: 201, body: '{"sessionId":"s-1"}' });
    services.sync.retry(id);
    await services.sync.runUntilIdle(30_000);
    expect(services.sync.status().sessions.find((s) => s.sessionId === id)!.lastError).toMatch(
      /^the server's answer to the create call \(HTTP 201\) is not as the API says: id /,
    );
    services.sync.retry(id);
    expect(await services.sync.runUntilIdle(30_000)).toMatchObject({ failed: 0, pending: 0 });
    expectExactlyOnce(server, services, id);
  });

  it('sends nothing of a session without a yes: declined, never asked, or agreed for another server', async () => {
    const { server, services } = await setup();
    const declined = await recordSession(services, { consent: 'declined' });
    const unasked = await recordSession(services, { consent: null });
    const elsewhere = await recordSession(services, { consent: null });
    services.consent.decideSync(elsewhere, 'granted', 'consent_step', 'https://other-team.example.com');
    const outcome = await services.sync.runUntilIdle(30_000);
    expect(outcome).toMatchObject({ sent: 0, failed: 0, pending: 0 });
    expect(server.sessions.size).toBe(0);
    expect(server.log).toHaveLength(0);
    const status = services.sync.status();
    const reason = (id: string) => status.sessions.find((s) => s.sessionId === id)?.reason;
    expect(reason(declined)).toMatch(/declined/);
    expect(status.sessions.find((s) => s.sessionId === unasked)).toBeUndefined();
    expect(status.unlistedReason).toMatch(/nobody agreed/);
    expect(reason(elsewhere)).toMatch(/agreed to send it to https:\/\/other-team\.example\.com/);
  });

  it('queues telemetry that arrives after the session was synced, in the transaction that stores it, and sends only that', async () => {
    const { server, services } = await setup();
    const id = await recordSession(services, { events: 210 });
    await services.sync.runUntilIdle(60_000);
    expectExactlyOnce(server, services, id);
    const before = services.sync.outbox.items(id).length;
    appendEvents(services, id, 5, 210);
    // Queued by the append itself, before anything else ran.
    const late = services.sync.outbox.items(id).slice(before);
    expect(late).toMatchObject([{ kind: 'telemetry_batch', state: 'pending', payload: { count: 5 } }]);
    expect(services.sync.status().sessions.find((s) => s.sessionId === id)).toMatchObject({
      state: 'queued',
      eventsSent: 210,
      eventsTotal: 215,
    });
    const requests = server.log.length;
    await services.sync.runUntilIdle(60_000);
    expect(server.log.slice(requests).map((l) => l.endpoint)).toEqual(['telemetry']);
    expectExactlyOnce(server, services, id);
  });
});

/** Online and offline as a test decides it (main asks the OS; the CLI assumes online). */
class TestConnectivity implements Connectivity {
  private online_ = true;
  private readonly listeners = new Set<(online: boolean) => void>();
  online(): boolean {
    return this.online_;
  }
  onChange(listener: (online: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(online: boolean): void {
    this.online_ = online;
    for (const l of this.listeners) l(online);
  }
}

async function waitFor<T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('team sync on its own, offline and online', () => {
  it('waits while offline without trying, stops a request in flight when the network goes, and resumes when it is back', async () => {
    const server = await startContractServer();
    servers.push(server);
    const network = new TestConnectivity();
    const services = servicesForServer(server, { teamSync: { backoff: FAST_BACKOFF, connectivity: network } });
    opened.push(services);
    network.set(false);
    const id = await recordSession(services, { events: 300, recordingBytes: 2 * 1024 * 1024 });
    services.sync.configure({ autoSync: true });
    services.sync.start();
    await new Promise((r) => setTimeout(r, 400));
    expect(server.log).toHaveLength(0);
    expect(services.sync.status().queue).toMatchObject({ state: 'offline', failed: 0 });
    expect(services.sync.outbox.items(id).every((i) => i.attempts === 0 && i.lastError === null)).toBe(true);

    // Back online; the upload takes effect, and the network goes before its answer arrives.
    let held = false;
    server.inject('upload', { kind: 'hold_after_effect', onHeld: () => (held = true) });
    network.set(true);
    await waitFor('the upload to be held', () => held);
    network.set(false);
    await waitFor(
      'the queue to stop',
      () => services.sync.status().queue.inFlight === 0 && services.sync.status().queue.state === 'offline',
    );
    const upload = services.sync.outbox.items(id).find((i) => i.kind === 'upload')!;
    expect(upload).toMatchObject({ state: 'pending', attempts: 1, lastError: null });
    server.release();

    network.set(true);
    await waitFor('the session to be synced', () => services.sync.status().sessions.find((s) => s.sessionId === id)?.state === 'synced');
    await services.sync.stop();
    expectExactlyOnce(server, services, id);
  });
});

describe('resumable uploads (tus)', () => {
  it('uploads with tus when the server offers it, and after a reset resumes from the offset the server has', async () => {
    const { server, services } = await setup({ tus: true });
    const id = await recordSession(services, { events: 120, recordingBytes: 6 * 1024 * 1024 });
    server.inject('tus', { kind: 'reset_after', bytes: 2 * 1024 * 1024 });
    const outcome = await services.sync.runUntilIdle(60_000);
    expect(outcome).toMatchObject({ failed: 0, pending: 0 });
    expectExactlyOnce(server, services, id);
    expect(server.uploads[0]!.via).toBe('tus');
    expect(server.tusPatchOffsets).toHaveLength(2);
    expect(server.tusPatchOffsets[0]).toBe(0);
    expect(server.tusPatchOffsets[1]).toBeGreaterThan(0);
    const upload = services.sync.outbox.items(id).find((i) => i.kind === 'upload')!;
    expect(upload.resumeUrl).toMatch(new RegExp(`^${server.url}/api/interviews/session/screen-recording/`));
    // The tus client came without its file lock library, which would make a file-size limit (SIGXFSZ) kill
    // the app instead of ending a recording cleanly with EFBIG.
    expect(process.listenerCount('SIGXFSZ')).toBe(0);
  });
});

describe('the consent step over IPC', () => {
  it('stores the separate answer for the server set up, and refuses one when no server is', async () => {
    const { server, services } = await setup();
    const handlers = createHandlers(services);
    const yes = services.sessions.create(validConfig()).id;
    const no = services.sessions.create(validConfig()).id;
    expect(await dispatch(handlers, 'recording:consent', { sessionId: yes, decision: 'declined', sync: 'granted' })).toMatchObject({
      ok: true,
    });
    expect(
      await dispatch(handlers, 'recording:consent', { sessionId: no, decision: 'granted', items: ['screen'], sync: 'declined' }),
    ).toMatchObject({
      ok: true,
    });
    expect(services.consent.syncConsent(yes)).toMatchObject({ decision: 'granted', basis: 'consent_step', server: server.url });
    expect(services.consent.syncConsent(no)).toMatchObject({ decision: 'declined', basis: 'consent_step', server: server.url });
    // Unrecorded, yet sent once the interview begins: the two answers are separate.
    services.sessions.start(yes);
    appendEvents(services, yes, 3);
    services.sessions.start(no);
    appendEvents(services, no, 3);
    await services.sync.runUntilIdle(30_000);
    expect(server.sessionOf(yes)).toHaveLength(1);
    expect(server.sessionOf(no)).toHaveLength(0);

    const alone = makeServices();
    opened.push(alone);
    const sessionId = alone.sessions.create(validConfig()).id;
    const refused = await dispatch(createHandlers(alone), 'recording:consent', {
      sessionId,
      decision: 'granted',
      items: ['screen'],
      sync: 'granted',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(alone.consent.get(sessionId)).toBeNull();
  });
});

describe('the server address and its token', () => {
  it('keeps the token for the origin it was saved for, and refuses plain http to another computer', async () => {
    const { server, services } = await setup();
    expect((await services.sync.testConnection()).ok).toBe(true);
    expect(await services.sync.testConnection({ token: 'wrong' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/refused the token \(HTTP 401\)/),
    });
    expectAppError(() => services.sync.configure({ serverUrl: 'http://interviews.example.com' }), 'invalid_input');
    services.sync.configure({ serverUrl: 'https://interviews.example.com' });
    const status = services.sync.status();
    expect(status.token).toMatchObject({
      stored: true,
      origin: server.url,
      problem: expect.stringMatching(/saved for http:\/\/127\.0\.0\.1:\d+; enter the token for https:\/\/interviews\.example\.com/),
    });
    expect(status.queue.state).toBe('no_token');
    // Back to the server it was saved for, it is used again.
    services.sync.configure({ serverUrl: `${server.url}/` });
    expect(services.sync.status().token.problem).toBeNull();
  });
});
