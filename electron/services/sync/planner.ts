import { TELEMETRY_LIMITS } from '../../../shared/telemetry';
import type { InterviewConfig } from '../../../shared/config/interview-config';
import type { SessionSummary } from '../../../shared/session/model';
import { outgoingConfig, outgoingEventRedactor } from '../../../shared/sync/outgoing';
import type { ConsentStore, RecordingService } from '../recording';
import type { SessionService } from '../sessions';
import type { StoredEvent, TelemetryService } from '../telemetry';
import type { ItemPayload, SyncOutbox } from './outbox';
import type { SessionCreateBody } from './remote-api';
import { serverOrigin } from './server-address';

/** A batch is sized as if the server's id were this long (its longest), so it fits whatever id the server gives. */
const SERVER_ID_PLACEHOLDER = 'x'.repeat(128);
const BATCH_OVERHEAD = Buffer.byteLength(JSON.stringify({ interviewSessionId: SERVER_ID_PLACEHOLDER, events: [] }));
/** While the interview goes on, a batch waits this long for more events before it is sent. */
export const LIVE_BATCH_DELAY_MS = 3000;
/** How many stored events are read at a time while catching up. */
const READ_PAGE = 1000;

export interface PlannerDeps {
  outbox: SyncOutbox;
  sessions: SessionService;
  consent: ConsentStore;
  telemetry: TelemetryService;
  recording: RecordingService;
  /** The configured server's URL, or null when none is. */
  serverUrl: () => string | null;
}

export type Eligibility = { ok: true; session: SessionSummary; config: InterviewConfig; origin: string } | { ok: false; reason: string };

/**
 * Decides what each session still has to send and writes it into the outbox (docs/remote-api.md, "How
 * the app sends"). Every step reads the session through its owning services and writes the items together
 * with the session's cursors in one transaction, so running it again plans nothing twice, and a crash
 * between a local change and its planning loses nothing: the change is in the session's own tables, and
 * the next planning step (at the latest at start-up) finds it beyond the cursor. New telemetry is planned
 * inside the very transaction that stores it.
 */
export class SyncPlanner {
  private readonly configs = new Map<string, InterviewConfig>();

  constructor(private readonly deps: PlannerDeps) {}

  /** Whether the session may be sent to the configured server now, and if not, why (in words for the library). */
  eligibility(sessionId: string): Eligibility {
    const url = this.deps.serverUrl();
    const origin = url ? serverOrigin(url) : null;
    if (!url || !origin) return { ok: false, reason: 'No team server is set up.' };
    const consent = this.deps.consent.syncConsent(sessionId);
    if (!consent) return { ok: false, reason: 'Not sent: nobody agreed to send this interview to the team server.' };
    if (consent.decision === 'declined') return { ok: false, reason: 'Not sent: the candidate declined to send it to the team server.' };
    if (consent.basis === 'consent_step' && consent.server) {
      const agreedTo = serverOrigin(consent.server);
      if (agreedTo !== origin)
        return { ok: false, reason: `Not sent: the candidate agreed to send it to ${agreedTo ?? consent.server}, not to ${origin}.` };
    }
    const detail = this.deps.sessions.get(sessionId);
    if (detail.status === 'pending') return { ok: false, reason: 'Not started yet: it is sent once the interview begins.' };
    this.configs.set(sessionId, detail.config);
    const { config: _config, questions: _questions, integritySignals: _signals, ...session } = detail;
    return { ok: true, session, config: detail.config, origin };
  }

  /** Plans everything the session needs that is not planned yet. Returns why nothing is sent, when it is not. */
  plan(sessionId: string): string | null {
    const { outbox } = this.deps;
    return outbox.transaction(() => {
      let row = outbox.session(sessionId);
      if (!row) {
        const eligible = this.eligibility(sessionId);
        if (!eligible.ok) return eligible.reason;
        outbox.begin(sessionId, eligible.origin, createBody(eligible.session, eligible.config));
        row = outbox.session(sessionId)!;
      }
      const summary = this.deps.sessions.get(sessionId);
      this.configs.set(sessionId, summary.config);
      const live = summary.status === 'in_progress';
      this.planEvents(sessionId, this.catchUp(sessionId, row.eventsQueuedSeq), live);
      const completedAt = completedAtOf(summary);
      if (summary.status !== row.toldStatus || completedAt !== row.toldCompletedAt) {
        outbox.enqueue(sessionId, { kind: 'patch', status: summary.status, completedAt });
        outbox.told(sessionId, summary.status, completedAt);
      }
      this.planRecordings(sessionId);
      if (!live) outbox.untriedDueNow(sessionId);
      return null;
    });
  }

  /**
   * Plans every session that may need it: those with a yes to sync, and those already being sent (late
   * events, a status change, a recording that became final). One session's failure does not stop the rest.
   */
  planAll(): void {
    const granted = this.deps.serverUrl()
      ? this.deps.consent
          .syncDecisions()
          .filter((d) => d.decision === 'granted')
          .map((d) => d.sessionId)
      : [];
    const ids = new Set([...granted, ...this.deps.outbox.sessions().map((s) => s.sessionId)]);
    for (const id of ids) {
      try {
        this.plan(id);
      } catch (err) {
        console.error(`Planning team sync for session ${id} failed`, err);
      }
    }
  }

  /** Told of newly stored events inside their transaction: a session already being sent queues them now. */
  eventsStored(sessionId: string, stored: StoredEvent[]): void {
    const { outbox } = this.deps;
    outbox.transaction(() => {
      const row = outbox.session(sessionId);
      if (!row) {
        // A session's first events (its opening turn) are the moment a consented session starts to go.
        if (this.deps.serverUrl()) this.plan(sessionId);
        return;
      }
      const fresh = stored.filter((e) => e.seq > row.eventsQueuedSeq);
      // Events stored out of order by another writer would leave a gap below: read from the cursor instead.
      const contiguous = fresh.length > 0 && this.deps.telemetry.storedAfter(sessionId, row.eventsQueuedSeq, 1)[0]?.seq === fresh[0]!.seq;
      const events = contiguous ? fresh : this.catchUp(sessionId, row.eventsQueuedSeq);
      const status = this.deps.sessions.get(sessionId).status;
      this.planEvents(sessionId, events, status === 'in_progress');
    });
  }

  private *catchUp(sessionId: string, afterSeq: number): Generator<StoredEvent> {
    let cursor = afterSeq;
    for (;;) {
      const page = this.deps.telemetry.storedAfter(sessionId, cursor, READ_PAGE);
      yield* page;
      if (page.length < READ_PAGE) return;
      cursor = page[page.length - 1]!.seq;
    }
  }

  /**
   * Puts events into batches of at most 200 events and 256 KB of JSON (sized with the longest server id):
   * first into the session's last batch while it has never been tried, then into new ones. While the
   * interview goes on, a new batch waits a moment for more events; after it, it goes at once.
   */
  private planEvents(sessionId: string, events: Iterable<StoredEvent>, live: boolean): void {
    const { outbox } = this.deps;
    const redact = outgoingEventRedactor(this.config(sessionId));
    type Batch = Extract<ItemPayload, { kind: 'telemetry_batch' }>;
    const open = outbox.openBatch(sessionId);
    let current: { id: number | null; payload: Batch } | null = open ? { id: open.id, payload: { ...open.payload } } : null;
    let lastSeq = 0;
    let count = 0;
    const flush = () => {
      if (!current) return;
      if (current.id === null) outbox.enqueue(sessionId, current.payload, { delayMs: live ? LIVE_BATCH_DELAY_MS : 0 });
      else outbox.extendBatch(current.id, current.payload);
    };
    for (const { seq, event } of events) {
      const size = Buffer.byteLength(JSON.stringify(redact(event, SERVER_ID_PLACEHOLDER)));
      const fits =
        current !== null &&
        current.payload.count < TELEMETRY_LIMITS.maxEventsPerBatch &&
        current.payload.bytes + 1 + size <= TELEMETRY_LIMITS.maxBatchBytes;
      if (current && fits) {
        current.payload = { ...current.payload, lastSeq: seq, count: current.payload.count + 1, bytes: current.payload.bytes + 1 + size };
      } else {
        flush();
        current = { id: null, payload: { kind: 'telemetry_batch', firstSeq: seq, lastSeq: seq, count: 1, bytes: BATCH_OVERHEAD + size } };
      }
      lastSeq = seq;
      count++;
    }
    if (count === 0) return;
    flush();
    outbox.eventsQueued(sessionId, lastSeq, count);
  }

  /**
   * Each recording goes once it is final (stopped, recovered, or failed with what it wrote), as MP4: a
   * WebM still converting waits, and one kept as WebM is not sent (the server takes MP4). The first one
   * uploaded becomes the session's `videoUrl`.
   */
  private planRecordings(sessionId: string): void {
    const { outbox } = this.deps;
    const queued = outbox.queuedUploads(sessionId);
    let ordinal = queued.size;
    for (const recording of this.deps.recording.listForSession(sessionId)) {
      if (queued.has(recording.id) || uploadProblem(recording) !== null) continue;
      ordinal++;
      const upload = outbox.enqueue(sessionId, { kind: 'upload', recordingId: recording.id, ordinal }, { bytesTotal: recording.bytes });
      if (ordinal === 1) outbox.enqueue(sessionId, { kind: 'patch', videoFromItem: upload });
    }
  }

  private config(sessionId: string): InterviewConfig {
    let config = this.configs.get(sessionId);
    if (!config) {
      config = this.deps.sessions.get(sessionId).config;
      this.configs.set(sessionId, config);
    }
    return config;
  }
}

/** Why a recording is not (yet) uploaded, or null when it goes. */
export function uploadProblem(recording: { status: string; mimeType: string; bytes: number; conversion: string | null }): string | null {
  if (recording.status === 'recording' || recording.status === 'paused') return 'still being recorded';
  if (recording.conversion === 'pending' || recording.conversion === 'converting') return 'being converted to MP4';
  if (recording.conversion === 'kept_webm' || (/webm/i.test(recording.mimeType) && recording.conversion !== 'converted'))
    return 'kept as WebM (it could not be converted); the team server takes MP4 only';
  if (recording.bytes === 0) return 'empty';
  return null;
}

function completedAtOf(session: Pick<SessionSummary, 'status' | 'endedAt'>): string | null {
  return session.status === 'completed' ? session.endedAt : null;
}

/** The create call's body: the session as the server files it, its config redacted (`outgoingConfig`). */
export function createBody(session: SessionSummary, config: InterviewConfig): SessionCreateBody {
  return {
    clientSessionId: session.id,
    candidateName: config.candidateName,
    jobTitle: config.jobTitle,
    company: config.company,
    interviewType: config.interviewType,
    status: session.status,
    startedAt: session.startedAt,
    completedAt: completedAtOf(session),
    config: outgoingConfig(config),
  };
}
