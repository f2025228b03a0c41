import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import type { RedactionCounts } from '../../../shared/redaction';
import { outgoingEventRedactor, redactionDelta } from '../../../shared/sync/outgoing';
import type { ConsentStore, RecordingService } from '../recording';
import type { SessionService } from '../sessions';
import type { TelemetryService } from '../telemetry';
import type { OutboxItem, SyncOutbox } from './outbox';
import { uploadProblem, type SyncPlanner } from './planner';
import { RemoteApi, RemoteError, type RemoteServer } from './remote-api';
import { DEFAULT_BACKOFF, verdictFor, type BackoffOptions } from './retry-policy';
import { tusUpload } from './tus-upload';

/** Whether the network is there: main asks the OS; the CLI and tests inject their own. */
export interface Connectivity {
  online(): boolean;
  /** Returns the unsubscribe function. */
  onChange(listener: (online: boolean) => void): () => void;
}

export const ALWAYS_ONLINE: Connectivity = { online: () => true, onChange: () => () => undefined };

/** The server to send to right now, or why there is none. */
export type ServerResolution =
  | { ok: true; url: string; origin: string; token: string }
  | { ok: false; state: 'not_configured' | 'no_token'; reason: string; origin: string | null };

export interface RunOutcome {
  /** Items finished in this run. */
  sent: number;
  /** Items left parked, and left waiting, when the run ended. */
  failed: number;
  pending: number;
  /** Why the run ended before the queue was empty (a closed gate, the timeout), or null. */
  stoppedBecause: string | null;
}

export interface SyncEngineDeps {
  outbox: SyncOutbox;
  planner: SyncPlanner;
  sessions: SessionService;
  consent: ConsentStore;
  telemetry: TelemetryService;
  recording: RecordingService;
  server: () => ServerResolution;
  connectivity: Connectivity;
  now: () => Date;
  /** Something about a session's sync changed (progress, an item done or failed); `null`: the queue as a whole. */
  onChange: (sessionId: string | null) => void;
  userAgent: string;
  backoff?: BackoffOptions;
  random?: () => number;
  /** Sessions sent side by side. */
  concurrency?: number;
  /** Records what redaction replaced in what was sent (docs/redaction.md, the audit): counts only. */
  audit?: (sessionId: string, byField: Map<string, RedactionCounts>) => void;
}

/** Engines of this process that have not been closed: a lease of a closed one is free to take. */
const LIVE_OWNERS = new Set<string>();

const LEASE_MS = 30_000;
const LEASE_RENEW_MS = 10_000;
/** While running on its own, the engine looks for work it was not told of (another process's) this often. */
const SCAN_MS = 60_000;
const PROGRESS_EVERY_MS = 250;

/**
 * Sends the outbox to the team's server (docs/remote-api.md, "How the app sends"). One item per session at a
 * time, in the session's order; a few sessions side by side. Each attempt is counted and leased before it
 * is sent and settled after, each in its own transaction, so a crash at any point leaves the item to be
 * sent again with the same idempotency key, and the server gives the same answer without a second effect.
 */
export class SyncEngine {
  private readonly owner = `${process.pid}@${hostname()}#${randomUUID().slice(0, 8)}`;
  private readonly backoff: BackoffOptions;
  private readonly concurrency: number;
  private readonly inFlight = new Map<number, { sessionId: string; abort: AbortController; done: Promise<void> }>();
  private readonly tusByOrigin = new Map<string, boolean>();
  private readonly redactors = new Map<string, ReturnType<typeof outgoingEventRedactor>>();
  private wakeUp: (() => void) | null = null;
  private auto: Promise<void> | null = null;
  private stopping = false;
  private offSignals: Array<() => void> = [];
  /** Set by `close`: the database is going away, so nothing more is written. */
  private closed = false;

  constructor(private readonly deps: SyncEngineDeps) {
    this.backoff = deps.backoff ?? DEFAULT_BACKOFF;
    this.concurrency = deps.concurrency ?? 2;
    LIVE_OWNERS.add(this.owner);
  }

  /**
   * Stops at once, without another write: for when the database closes right after (the app has already
   * awaited `stop`; tests and the CLI may not have). Leases this engine held are free to take from now on.
   */
  close(): void {
    this.closed = true;
    this.stopping = true;
    LIVE_OWNERS.delete(this.owner);
    for (const off of this.offSignals.splice(0)) off();
    this.abortAll();
    this.nudge();
  }

  get running(): boolean {
    return this.auto !== null;
  }

  /** Items being sent by this process now. */
  inFlightItems(): Set<number> {
    return new Set(this.inFlight.keys());
  }

  /** Sends on its own until `stop`: whenever something is due and the gate is open. */
  start(): void {
    if (this.auto) return;
    this.stopping = false;
    this.offSignals.push(
      this.deps.connectivity.onChange((online) => {
        if (online) this.deps.outbox.dueNow();
        else this.abortAll();
        this.deps.onChange(null);
        this.nudge();
      }),
    );
    const run = async (): Promise<void> => {
      // A failure of the loop itself (the database busy past its timeout, say) must not end sending for good.
      while (!this.stopping && !this.closed) {
        try {
          await this.loop({ untilIdle: false, deadline: null });
        } catch (err) {
          console.error('Team sync stopped on an error; it starts again in a few seconds', err);
          await this.sleep(5000, null);
        }
      }
    };
    this.auto = run();
  }

  /** Stops sending: requests in flight are abandoned (their items stay queued, sent again next time). */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const off of this.offSignals.splice(0)) off();
    this.abortAll();
    this.nudge();
    await this.auto;
    this.auto = null;
  }

  /** Something may have become due: look now rather than at the next timer. */
  nudge(): void {
    const wake = this.wakeUp;
    this.wakeUp = null;
    wake?.();
  }

  /**
   * Sends until nothing more can be sent now: every item done or parked, or the gate closed (no server,
   * no token, offline, the token refused), or `timeoutMs` passed. Items waiting on a backoff are waited for.
   */
  async runUntilIdle(timeoutMs: number | null = null): Promise<RunOutcome> {
    if (this.auto) throw new Error('the engine is already running on its own');
    this.stopping = false;
    return this.loop({ untilIdle: true, deadline: timeoutMs === null ? null : Date.now() + timeoutMs });
  }

  /** Whether the queue may send now, and if not why (in the words the panel shows). */
  gate():
    | { open: true; server: Extract<ServerResolution, { ok: true }> }
    | { open: false; state: 'not_configured' | 'no_token' | 'paused' | 'offline'; reason: string } {
    const server = this.deps.server();
    if (!server.ok) return { open: false, state: server.state, reason: server.reason };
    const pause = this.deps.outbox.pause();
    if (pause) {
      if (pause.tokenFingerprint === fingerprint(server.token))
        return { open: false, state: 'paused', reason: `Paused: ${pause.reason} Enter a new token in Settings → Team sync.` };
      // Another token was given since: the pause was for the old one.
      this.deps.outbox.clearPause();
    }
    if (!this.deps.connectivity.online())
      return { open: false, state: 'offline', reason: 'Offline: sending resumes when the network is back.' };
    return { open: true, server };
  }

  private async loop({ untilIdle, deadline }: { untilIdle: boolean; deadline: number | null }): Promise<RunOutcome> {
    let sent = 0;
    let stoppedBecause: string | null = null;
    let lastScan = 0;
    const finished: Array<Promise<void>> = [];
    for (;;) {
      if (this.stopping || this.closed) {
        stoppedBecause = 'stopped';
        break;
      }
      if (deadline !== null && Date.now() >= deadline) {
        stoppedBecause = 'the time given ran out';
        break;
      }
      if (Date.now() - lastScan >= SCAN_MS) {
        lastScan = Date.now();
        this.deps.planner.planAll();
      }
      const gate = this.gate();
      if (!gate.open) {
        if (untilIdle && this.inFlight.size === 0) {
          stoppedBecause = gate.reason;
          break;
        }
        await this.sleep(this.inFlight.size > 0 ? 1000 : SCAN_MS, deadline);
        continue;
      }
      const now = this.deps.now();
      const heads = this.deps.outbox.heads(gate.server.origin);
      let earliest: number | null = null;
      let waiting = 0;
      for (const item of heads) {
        if (item.state !== 'pending') continue;
        if (this.inFlight.has(item.id) || [...this.inFlight.values()].some((f) => f.sessionId === item.sessionId)) {
          waiting++;
          continue;
        }
        const due = Date.parse(item.nextAttemptAt);
        const leaseLive = item.leaseOwner !== null && item.leaseOwner !== this.owner && Date.parse(item.leaseUntil ?? '') > now.getTime();
        if (due > now.getTime() || (leaseLive && !ownerIsGone(item.leaseOwner!))) {
          waiting++;
          const at = leaseLive ? Math.min(due, Date.parse(item.leaseUntil!)) : due;
          earliest = earliest === null ? at : Math.min(earliest, Math.max(at, now.getTime()));
          continue;
        }
        if (this.inFlight.size >= this.concurrency) {
          waiting++;
          continue;
        }
        const takeOver = leaseLive ? item.leaseOwner : null;
        if (!this.deps.outbox.claim(item.id, this.owner, new Date(now.getTime() + LEASE_MS), takeOver)) continue;
        const abort = new AbortController();
        const done = this.attempt({ ...item, attempts: item.attempts + 1 }, gate.server, abort.signal).then((ok) => {
          if (ok) sent++;
          this.inFlight.delete(item.id);
          this.nudge();
        });
        this.inFlight.set(item.id, { sessionId: item.sessionId, abort, done });
        finished.push(done);
        this.deps.onChange(item.sessionId);
      }
      if (this.inFlight.size === 0 && waiting === 0) {
        if (untilIdle) break;
        await this.sleep(SCAN_MS, deadline);
        continue;
      }
      const wait = this.inFlight.size > 0 ? SCAN_MS : earliest === null ? SCAN_MS : Math.max(10, earliest - Date.now());
      await this.sleep(Math.min(wait, SCAN_MS), deadline);
    }
    this.abortAll();
    await Promise.allSettled(finished);
    if (this.closed) return { sent, failed: 0, pending: 0, stoppedBecause };
    const left = this.deps.outbox.unfinished();
    return {
      sent,
      failed: left.filter((i) => i.state === 'parked').length,
      pending: left.filter((i) => i.state === 'pending').length,
      stoppedBecause,
    };
  }

  private sleep(ms: number, deadline: number | null): Promise<void> {
    const wait = deadline === null ? ms : Math.max(0, Math.min(ms, deadline - Date.now()));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = null;
        resolve();
      }, wait);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private abortAll(): void {
    for (const flight of this.inFlight.values()) flight.abort.abort();
  }

  /** One attempt at one item; true when it is done. Never throws: every outcome is written to the item. */
  private async attempt(item: OutboxItem, server: Extract<ServerResolution, { ok: true }>, signal: AbortSignal): Promise<boolean> {
    const { outbox } = this.deps;
    const renew = setInterval(() => {
      if (!this.closed) outbox.renewLease(item.id, this.owner, new Date(this.deps.now().getTime() + LEASE_MS));
    }, LEASE_RENEW_MS);
    try {
      const result = await this.send(item, { baseUrl: server.url, token: server.token }, signal);
      if (this.closed) return false;
      outbox.transaction(() => {
        outbox.complete(item.id, result);
        if (item.payload.kind === 'create') outbox.setServerId(item.sessionId, String(result.id));
        if (item.payload.kind === 'upload' && item.payload.ordinal === 1) outbox.setVideoUrl(item.sessionId, String(result.url));
      });
      return true;
    } catch (err) {
      if (this.closed) return false;
      if (signal.aborted) {
        // Stopped (quit, offline): not a failure; the item goes again when sending resumes.
        outbox.retryLater(item.id, 0, item.lastError);
        return false;
      }
      const verdict = verdictFor(err, item.attempts, this.backoff, this.deps.random);
      if (verdict.action === 'retry') outbox.retryLater(item.id, verdict.delayMs, verdict.message);
      else if (verdict.action === 'park') outbox.park(item.id, verdict.message);
      else {
        outbox.transaction(() => {
          outbox.retryLater(item.id, 0, verdict.message);
          outbox.pauseForToken(`the team server refused the token (${verdict.message}).`, fingerprint(server.token));
        });
        this.deps.onChange(null);
      }
      return false;
    } finally {
      clearInterval(renew);
      if (!this.closed) this.deps.onChange(item.sessionId);
    }
  }

  private async send(item: OutboxItem, server: RemoteServer, signal: AbortSignal): Promise<Record<string, unknown>> {
    const api = new RemoteApi(server, this.deps.userAgent);
    const options = { idempotencyKey: item.idempotencyKey, signal };
    const payload = item.payload;
    const consent = this.deps.consent.syncConsent(item.sessionId);
    if (consent?.decision !== 'granted')
      throw new RemoteError('refused', 'not sent: the consent to send this interview to the team server was withdrawn');
    if (payload.kind === 'create') {
      const created = await api.createSession(payload.body, options);
      this.deps.audit?.(item.sessionId, redactionDelta(this.deps.sessions.get(item.sessionId).config, payload.body.config, 'config'));
      return created;
    }
    const serverId = this.deps.outbox.session(item.sessionId)?.serverId;
    if (!serverId) throw new RemoteError('refused', 'the server has not made this session yet (the create call is not done)');
    switch (payload.kind) {
      case 'telemetry_init':
        await api.telemetry({ interviewSessionId: serverId }, options);
        return {};
      case 'telemetry_batch': {
        const stored = this.deps.telemetry.storedBetween(item.sessionId, payload.firstSeq, payload.lastSeq);
        if (stored.length !== payload.count)
          throw new RemoteError('refused', `the batch should hold ${payload.count} stored events and ${stored.length} were found`);
        const redact = this.redactorFor(item.sessionId);
        const events = stored.map((e) => redact(e.event, serverId));
        await api.telemetry({ interviewSessionId: serverId, events }, options);
        const byField = new Map<string, RedactionCounts>();
        stored.forEach((e, i) => redactionDelta(e.event, events[i], `telemetry.${e.event.type}`, byField));
        this.deps.audit?.(item.sessionId, byField);
        return { events: stored.length };
      }
      case 'upload':
        return await this.upload(item, payload, serverId, server, api, signal);
      case 'patch': {
        if ('videoFromItem' in payload) {
          const url = this.deps.outbox.item(payload.videoFromItem)?.result?.url;
          if (typeof url !== 'string') throw new RemoteError('refused', 'the upload it names has no URL');
          await api.patchSession(serverId, { videoUrl: url }, options);
        } else {
          await api.patchSession(serverId, { status: payload.status, completedAt: payload.completedAt }, options);
        }
        return {};
      }
    }
  }

  /** A session's config never changes once made, so its redactor is made once per engine. */
  private redactorFor(sessionId: string): ReturnType<typeof outgoingEventRedactor> {
    let redact = this.redactors.get(sessionId);
    if (!redact) {
      redact = outgoingEventRedactor(this.deps.sessions.get(sessionId).config);
      this.redactors.set(sessionId, redact);
    }
    return redact;
  }

  private async upload(
    item: OutboxItem,
    payload: Extract<OutboxItem['payload'], { kind: 'upload' }>,
    serverId: string,
    server: RemoteServer,
    api: RemoteApi,
    signal: AbortSignal,
  ): Promise<Record<string, unknown>> {
    let recording;
    try {
      recording = this.deps.recording.get(payload.recordingId);
    } catch {
      throw new RemoteError('refused', 'the recording is no longer in the library');
    }
    const problem = uploadProblem(recording);
    if (problem) throw new RemoteError('refused', `the recording is ${problem}`);
    if (!existsSync(recording.path)) throw new RemoteError('refused', `the recording's file is gone (${recording.path})`);
    const fileName = `${serverId.replace(/[^A-Za-z0-9._-]/g, '_')}${payload.ordinal > 1 ? `-${payload.ordinal}` : ''}.mp4`;
    let lastReport = 0;
    const onProgress = (sent: number, total: number) => {
      const now = Date.now();
      if (this.closed) return;
      if (now - lastReport < PROGRESS_EVERY_MS && sent < total) return;
      lastReport = now;
      this.deps.outbox.progress(item.id, sent, total);
      this.deps.onChange(item.sessionId);
    };
    const origin = new URL(server.baseUrl).origin;
    let tus = this.tusByOrigin.get(origin);
    if (tus === undefined) {
      tus = (await api.tusVersions(signal)).includes('1.0.0');
      this.tusByOrigin.set(origin, tus);
    }
    const result = tus
      ? await tusUpload(server, {
          file: recording.path,
          serverSessionId: serverId,
          fileName,
          idempotencyKey: item.idempotencyKey,
          resumeUrl: item.resumeUrl,
          onUploadUrl: (url) => {
            if (!this.closed) this.deps.outbox.resumeAt(item.id, url);
          },
          onProgress,
          signal,
          userAgent: this.deps.userAgent,
        })
      : await api.uploadRecording(
          recording.path,
          { serverSessionId: serverId, fileName },
          { idempotencyKey: item.idempotencyKey, signal, onProgress },
        );
    this.deps.outbox.progress(item.id, result.bytes, result.bytes);
    return { url: result.url, bytes: result.bytes, resumable: tus };
  }
}

/** Names a token without holding it: a pause remembers which token was refused. */
export function fingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 16);
}

/** A lease held by a process of this machine that no longer runs (killed, crashed) is free to take. */
function ownerIsGone(owner: string): boolean {
  const match = /^(\d+)@(.*)#/.exec(owner);
  if (!match || match[2] !== hostname()) return false;
  const pid = Number(match[1]);
  if (pid === process.pid) return !LIVE_OWNERS.has(owner);
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
