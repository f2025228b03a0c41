import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/ipc/result';
import type { SessionSyncStatus, SyncConnectionCheck, SyncItemView, SyncStatus } from '../../../shared/sync/model';
import type { TeamSyncSettings } from '../../../shared/settings/team-sync';
import type { AppEvents } from '../events';
import type { SecretStore } from '../secrets';
import type { ConsentStore, RecordingService } from '../recording';
import type { SessionService } from '../sessions';
import type { SettingsService } from '../settings';
import type { Db } from '../store';
import type { TelemetryService } from '../telemetry';
import { SyncOutbox, type OutboxItem } from './outbox';
import { SyncPlanner, uploadProblem } from './planner';
import { API_PATHS, RemoteApi, RemoteError } from './remote-api';
import type { BackoffOptions } from './retry-policy';
import { serverOrigin, serverProblem } from './server-address';
import { ALWAYS_ONLINE, SyncEngine, type Connectivity, type RunOutcome, type ServerResolution, type SyncEngineDeps } from './sync-engine';
import { TeamToken } from './team-token';

export const REMOTE_URL_ENV = 'INTERVIEW_RECORDER_REMOTE_URL';
export const REMOTE_TOKEN_ENV = 'INTERVIEW_RECORDER_REMOTE_TOKEN';

export interface SyncServiceDeps {
  db: Db;
  settings: SettingsService;
  secrets: SecretStore;
  sessions: SessionService;
  consent: ConsentStore;
  telemetry: TelemetryService;
  recording: RecordingService;
  events: AppEvents;
  now: () => Date;
  appVersion: string;
  /** A server and token given for this process only (the CLI's environment), in place of the settings'. */
  override?: { url: string | null; token: string | null };
  connectivity?: Connectivity;
  backoff?: BackoffOptions;
  random?: () => number;
  concurrency?: number;
  audit?: SyncEngineDeps['audit'];
}

const NO_CONSENT = 'Not sent: nobody agreed to send this interview to the team server.';
const EMIT_EVERY_MS = 200;

/**
 * Team sync as the app, the CLI and the harness use it (docs/remote-api.md): the settings and the token,
 * the planner that fills the outbox, the engine that empties it, and the status every screen shows.
 */
export class SyncService {
  readonly outbox: SyncOutbox;
  readonly planner: SyncPlanner;
  readonly engine: SyncEngine;
  readonly token: TeamToken;
  private manualRun: Promise<RunOutcome> | null = null;
  private emitTimer: NodeJS.Timeout | null = null;
  private readonly pendingEmits = new Set<string | null>();
  private readonly connectivity: Connectivity;
  /** Whether the app has started sending (main, the harness); auto-sync switched on then starts the engine. */
  private started = false;

  constructor(private readonly deps: SyncServiceDeps) {
    this.outbox = new SyncOutbox(deps.db, deps.now);
    this.token = new TeamToken(deps.secrets);
    this.connectivity = deps.connectivity ?? ALWAYS_ONLINE;
    this.planner = new SyncPlanner({
      outbox: this.outbox,
      sessions: deps.sessions,
      consent: deps.consent,
      telemetry: deps.telemetry,
      recording: deps.recording,
      serverUrl: () => this.serverUrl(),
    });
    this.engine = new SyncEngine({
      outbox: this.outbox,
      planner: this.planner,
      sessions: deps.sessions,
      consent: deps.consent,
      telemetry: deps.telemetry,
      recording: deps.recording,
      server: () => this.resolveServer(),
      connectivity: this.connectivity,
      now: deps.now,
      onChange: (sessionId) => this.changed(sessionId),
      userAgent: `InterviewRecorder/${deps.appVersion}`,
      backoff: deps.backoff,
      random: deps.random,
      concurrency: deps.concurrency,
      audit: deps.audit,
    });
    // New telemetry is queued inside the transaction that stores it (see SyncPlanner).
    deps.telemetry.onStored((sessionId, stored) => this.planner.eventsStored(sessionId, stored));
    deps.sessions.onStatusChange((session) => this.replan(session.id));
    deps.recording.onChange((recording) => {
      if (uploadProblem(recording) === null) this.replan(recording.sessionId);
    });
    let previous = deps.settings.section('teamSync');
    deps.settings.onChange((all) => {
      const next = all.teamSync;
      if (next.serverUrl !== previous.serverUrl) {
        this.planner.planAll();
        this.engine.nudge();
      }
      if (next.autoSync !== previous.autoSync && this.started) {
        if (next.autoSync) this.engine.start();
        else void this.engine.stop();
      }
      previous = next;
      this.changed(null);
    });
  }

  /** The app's start (main, the harness): sends on its own while auto-sync is on. */
  start(): void {
    this.started = true;
    if (this.settings().autoSync) this.engine.start();
  }

  /** The app's quit: requests in flight are abandoned and their items stay queued. */
  async stop(): Promise<void> {
    this.started = false;
    await Promise.allSettled([this.engine.stop(), this.manualRun]);
  }

  /** The database is about to close. */
  close(): void {
    this.started = false;
    if (this.emitTimer) clearTimeout(this.emitTimer);
    this.engine.close();
  }

  settings(): TeamSyncSettings {
    return this.deps.settings.section('teamSync');
  }

  serverUrl(): string | null {
    const url = this.deps.override?.url ?? this.settings().serverUrl;
    return url ? url.replace(/\/+$/, '') : null;
  }

  resolveServer(): ServerResolution {
    const url = this.serverUrl();
    if (!url) return { ok: false, state: 'not_configured', reason: 'No team server is set up (Settings → Team sync).', origin: null };
    const problem = serverProblem(url);
    const origin = serverOrigin(url);
    if (problem || !origin) return { ok: false, state: 'not_configured', reason: `The team server's address ${problem}.`, origin };
    if (this.deps.override?.token) return { ok: true, url, origin, token: this.deps.override.token };
    const token = this.token.forServer(url);
    if (token.value === null) return { ok: false, state: 'no_token', reason: token.message, origin };
    return { ok: true, url, origin, token: token.value };
  }

  /** Plans a session again and wakes the engine (a status change, a finished recording). */
  private replan(sessionId: string): void {
    try {
      this.planner.plan(sessionId);
    } catch (err) {
      console.error(`Planning team sync for session ${sessionId} failed`, err);
    }
    this.engine.nudge();
    this.changed(sessionId);
  }

  configure(patch: { serverUrl?: string; autoSync?: boolean }): SyncStatus {
    const next: Partial<TeamSyncSettings> = {};
    if (patch.serverUrl !== undefined) {
      const url = patch.serverUrl.trim().replace(/\/+$/, '');
      const problem = url ? serverProblem(url) : null;
      if (problem) throw new AppError('invalid_input', `The server address ${problem}.`, [{ field: 'serverUrl', message: problem }]);
      next.serverUrl = url;
    }
    if (patch.autoSync !== undefined) next.autoSync = patch.autoSync;
    if (Object.keys(next).length > 0) this.deps.settings.update({ teamSync: next });
    return this.status();
  }

  setToken(token: string | null): SyncStatus {
    if (token === null) this.token.clear();
    else {
      const url = this.serverUrl();
      if (!url) throw new AppError('conflict', 'Set the server address first: the token is kept for that server only.');
      this.token.save(token, url);
    }
    this.planner.planAll();
    this.engine.nudge();
    this.changed(null);
    return this.status();
  }

  /**
   * Checks the address and the token with one request that changes nothing on the server: a telemetry
   * init without a session id, which a server refuses with 401/403 for a bad token and with 400 for the
   * missing id (docs/remote-api.md, "Test connection"). Also asks whether uploads can be resumed.
   */
  async testConnection(overrides: { serverUrl?: string; token?: string } = {}): Promise<SyncConnectionCheck> {
    const started = performance.now();
    const url = (overrides.serverUrl?.trim() || this.serverUrl() || '').replace(/\/+$/, '');
    const done = (ok: boolean, message: string, resumableUploads = false): SyncConnectionCheck => ({
      ok,
      message,
      resumableUploads,
      latencyMs: Math.round(performance.now() - started),
    });
    if (!url) return done(false, 'Enter the server address first.');
    const problem = serverProblem(url);
    if (problem) return done(false, `The address ${problem}.`);
    let token = overrides.token?.trim() || (url === this.serverUrl() ? this.deps.override?.token : undefined) || null;
    if (!token) {
      const stored = this.token.forServer(url);
      if (stored.value === null) return done(false, stored.message);
      token = stored.value;
    }
    const api = new RemoteApi({ baseUrl: url, token }, `InterviewRecorder/${this.deps.appVersion}`);
    try {
      const body = Buffer.from('{}');
      const answer = await api.send('POST', API_PATHS.telemetry, {
        headers: { 'Content-Type': 'application/json', 'Content-Length': body.length, 'Idempotency-Key': randomUUID() },
        body,
        timeoutMs: 15_000,
      });
      if (answer.status === 401 || answer.status === 403)
        return done(false, `The server refused the token (HTTP ${answer.status}). Check the token with your team.`);
      if (answer.status === 404) return done(false, `There is no team API at ${url} (HTTP 404 for ${API_PATHS.telemetry}).`);
      if (answer.status >= 500) return done(false, `The server is reachable but failing (HTTP ${answer.status}).`);
      if (answer.status >= 200 && answer.status < 500) {
        let resumable = false;
        try {
          resumable = (await api.tusVersions()).includes('1.0.0');
        } catch {
          // the probe is a bonus: an error here says nothing about the connection
        }
        return done(true, `Connected to ${serverOrigin(url)}; the token was accepted.`, resumable);
      }
      return done(false, `Unexpected answer: HTTP ${answer.status}.`);
    } catch (err) {
      return done(false, err instanceof RemoteError ? `Cannot reach the server: ${err.message}.` : String(err));
    }
  }

  /** Sync now: everything waiting on a backoff goes now; without auto-sync, one pass runs until idle. */
  syncNow(): SyncStatus {
    this.outbox.dueNow();
    this.planner.planAll();
    if (this.engine.running) this.engine.nudge();
    else if (!this.manualRun) {
      this.manualRun = this.engine.runUntilIdle().finally(() => {
        this.manualRun = null;
        this.changed(null);
      });
    }
    this.changed(null);
    return this.status();
  }

  /** Runs until nothing more can be sent (the CLI's `sync run --until-idle`). */
  runUntilIdle(timeoutMs: number | null): Promise<RunOutcome> {
    return this.engine.runUntilIdle(timeoutMs);
  }

  /** Puts a session's failed items back in the queue (or, without a session, every failed item and a refused token). */
  retry(sessionId?: string): { requeued: number; status: SyncStatus } {
    let requeued = 0;
    if (sessionId !== undefined) {
      if (!this.deps.sessions.existing(sessionId)) throw new AppError('not_found', `No session with id "${sessionId}".`);
      if (!this.outbox.session(sessionId)) {
        const reason = this.planner.plan(sessionId);
        if (reason) throw new AppError('conflict', reason);
      }
      requeued = this.outbox.unpark(sessionId);
    } else {
      for (const s of this.outbox.sessions()) requeued += this.outbox.unpark(s.sessionId);
      this.outbox.clearPause();
    }
    this.engine.nudge();
    this.changed(sessionId ?? null);
    return { requeued, status: this.status() };
  }

  status(): SyncStatus {
    const settings = this.settings();
    const url = this.serverUrl();
    const origin = url ? serverOrigin(url) : null;
    const gate = this.engine.gate();
    const inFlight = this.engine.inFlightItems();
    const counts = this.outbox.counts();
    const unfinished = this.outbox.unfinished();
    const bySession = new Map<string, OutboxItem[]>();
    for (const item of unfinished) bySession.set(item.sessionId, [...(bySession.get(item.sessionId) ?? []), item]);
    const now = this.deps.now().getTime();
    const sessions: SessionSyncStatus[] = [];
    const rows = this.outbox.sessions();
    const withRow = new Set(rows.map((r) => r.sessionId));
    for (const row of rows) {
      const items = bySession.get(row.sessionId) ?? [];
      const c = counts.get(row.sessionId);
      const base = {
        sessionId: row.sessionId,
        server: row.serverOrigin,
        serverId: row.serverId,
        eventsSent: c?.eventsSent ?? 0,
        eventsTotal: this.eventsTotal(row.sessionId),
        recordingBytesSent: c?.uploadBytesSent ?? 0,
        recordingBytesTotal: c?.uploadBytesTotal ?? 0,
        uploadPercent: null as number | null,
        lastError: null as string | null,
        nextAttemptAt: null as string | null,
        retryable: false,
      };
      const parked = items.find((i) => i.state === 'parked');
      const flying = items.find((i) => inFlight.has(i.id));
      const head = items[0];
      if (parked) {
        sessions.push({
          ...base,
          state: 'failed',
          reason: `Failed: ${parked.lastError ?? 'see the sync panel'}`,
          lastError: parked.lastError,
          retryable: true,
        });
      } else if (flying) {
        const uploading = flying.kind === 'upload';
        const percent = uploading && flying.bytesTotal > 0 ? Math.min(100, Math.floor((flying.bytesSent / flying.bytesTotal) * 100)) : null;
        sessions.push({
          ...base,
          state: uploading ? 'uploading' : 'sending',
          reason: uploading ? `Uploading the recording: ${percent ?? 0} %` : 'Sending…',
          uploadPercent: uploading ? (percent ?? 0) : null,
          lastError: flying.lastError,
        });
      } else if (head) {
        const elsewhere = origin !== row.serverOrigin;
        const waitingOnRetry = head.attempts > 0 && head.lastError && Date.parse(head.nextAttemptAt) > now;
        const reason = elsewhere
          ? `Held: it goes to ${row.serverOrigin}, and the server set now is ${origin ?? 'none'}.`
          : !gate.open
            ? gate.reason
            : waitingOnRetry
              ? `Queued: trying again soon (${head.lastError})`
              : 'Queued';
        sessions.push({
          ...base,
          state: elsewhere ? 'held' : 'queued',
          reason,
          lastError: head.lastError,
          nextAttemptAt: waitingOnRetry ? head.nextAttemptAt : null,
        });
      } else {
        const notSent = this.deps.recording
          .listForSession(row.sessionId)
          .map((r) => uploadProblem(r))
          .find((p) => p !== null && p.startsWith('kept as WebM'));
        sessions.push({ ...base, state: 'synced', reason: notSent ? `Synced, but the recording was not sent: it was ${notSent}.` : null });
      }
    }
    for (const decision of this.deps.consent.syncDecisions()) {
      if (withRow.has(decision.sessionId)) continue;
      const eligible = this.planner.eligibility(decision.sessionId);
      sessions.push({
        sessionId: decision.sessionId,
        state: 'not_synced',
        reason: eligible.ok ? 'Not queued yet.' : eligible.reason,
        server: null,
        serverId: null,
        eventsSent: 0,
        eventsTotal: this.eventsTotal(decision.sessionId),
        recordingBytesSent: 0,
        recordingBytesTotal: 0,
        uploadPercent: null,
        lastError: null,
        nextAttemptAt: null,
        retryable: false,
      });
    }
    const items = this.itemViews(unfinished, inFlight, now);
    const failed = unfinished.filter((i) => i.state === 'parked').length;
    const queueState = !gate.open
      ? gate.state
      : inFlight.size > 0
        ? 'sending'
        : !settings.autoSync && !this.manualRun && !this.deps.override
          ? 'manual'
          : 'idle';
    const tokenStatus = this.token.status();
    const server = this.resolveServer();
    return {
      serverUrl: url,
      origin,
      autoSync: settings.autoSync,
      token: {
        stored: tokenStatus.stored,
        origin: tokenStatus.origin,
        canStore: this.token.canStore().available,
        problem: server.ok ? null : server.state === 'no_token' ? server.reason : null,
      },
      queue: {
        state: queueState,
        message: queueMessage(queueState, gate.open ? null : gate.reason, unfinished.length - failed, inFlight.size, failed),
        queued: unfinished.filter((i) => i.state === 'pending').length,
        inFlight: inFlight.size,
        failed,
      },
      sessions,
      items,
      unlistedReason: url ? NO_CONSENT : 'No team server is set up.',
    };
  }

  private eventsTotal(sessionId: string): number {
    try {
      return this.deps.telemetry.stats(sessionId).total;
    } catch {
      return 0;
    }
  }

  private itemViews(unfinished: OutboxItem[], inFlight: Set<number>, now: number): SyncItemView[] {
    const heads = new Set<number>();
    const seen = new Set<string>();
    for (const item of unfinished) {
      if (!seen.has(item.sessionId)) heads.add(item.id);
      seen.add(item.sessionId);
    }
    const names = new Map<string, string>();
    const name = (id: string) => {
      if (!names.has(id)) names.set(id, this.deps.sessions.existing(id)?.candidateName ?? id);
      return names.get(id)!;
    };
    const rank = { in_flight: 0, failed: 1, queued: 2, waiting: 3 } as const;
    return unfinished
      .map((item): SyncItemView => {
        const state = inFlight.has(item.id)
          ? 'in_flight'
          : item.state === 'parked'
            ? 'failed'
            : heads.has(item.id) && Date.parse(item.nextAttemptAt) <= now
              ? 'queued'
              : 'waiting';
        return {
          id: item.id,
          sessionId: item.sessionId,
          candidateName: name(item.sessionId),
          kind: item.kind,
          label: itemLabel(item),
          state,
          attempts: item.attempts,
          lastError: item.lastError,
          nextAttemptAt: state === 'waiting' && heads.has(item.id) ? item.nextAttemptAt : null,
          bytesSent: item.bytesSent,
          bytesTotal: item.bytesTotal,
        };
      })
      .sort((a, b) => rank[a.state] - rank[b.state] || a.id - b.id)
      .slice(0, 200);
  }

  /** Tells the windows that a session's sync (or the queue) changed, at most every 200 ms. */
  private changed(sessionId: string | null): void {
    this.pendingEmits.add(sessionId);
    if (this.emitTimer) return;
    this.emitTimer = setTimeout(() => {
      this.emitTimer = null;
      const ids = [...this.pendingEmits];
      this.pendingEmits.clear();
      for (const id of ids) this.deps.events.emit('sync:changed', { sessionId: id });
    }, EMIT_EVERY_MS);
    this.emitTimer.unref?.();
  }
}

function itemLabel(item: OutboxItem): string {
  const p = item.payload;
  switch (p.kind) {
    case 'create':
      return 'Create the session on the server';
    case 'telemetry_init':
      return 'Start its telemetry';
    case 'telemetry_batch':
      return `Telemetry batch (${p.count} event${p.count === 1 ? '' : 's'})`;
    case 'upload':
      return `Recording upload${p.ordinal > 1 ? ` ${p.ordinal}` : ''} (${formatBytes(item.bytesTotal)})`;
    case 'patch':
      return 'videoFromItem' in p ? 'Link the uploaded video' : `Update its status to ${p.status.replace('_', ' ')}`;
  }
}

function queueMessage(
  state: SyncStatus['queue']['state'],
  reason: string | null,
  queued: number,
  inFlight: number,
  failed: number,
): string {
  const tail = failed > 0 ? ` ${failed} failed item${failed === 1 ? '' : 's'} wait${failed === 1 ? 's' : ''} for Retry.` : '';
  switch (state) {
    case 'sending':
      return `Sending ${inFlight} item${inFlight === 1 ? '' : 's'}; ${Math.max(0, queued - inFlight)} more queued.${tail}`;
    case 'manual':
      return `Auto-sync is off: ${queued} item${queued === 1 ? '' : 's'} wait for Sync now.${tail}`;
    case 'idle':
      return queued > 0 ? `${queued} item${queued === 1 ? '' : 's'} queued.${tail}` : `Everything is sent.${tail}`;
    default:
      return `${reason ?? ''}${tail}`;
  }
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}
