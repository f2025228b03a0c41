import { randomUUID } from 'node:crypto';
import type { Db } from '../store';
import type { SessionCreateBody } from './remote-api';

/**
 * The sync engine's own tables (migration 0100): per session, where it goes and how far it has been
 * queued; the outbox, one row per remote effect with its idempotency key; and the queue's pause. Nothing
 * here reads another service's tables: the planner hands in what the owning services say.
 */

export const ITEM_KINDS = ['create', 'telemetry_init', 'telemetry_batch', 'upload', 'patch'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export type ItemState = 'pending' | 'done' | 'parked';

export type ItemPayload =
  | { kind: 'create'; body: SessionCreateBody }
  | { kind: 'telemetry_init' }
  /** Events of the session with firstSeq ≤ seq ≤ lastSeq, in stored order; `bytes`: the batch's JSON with the longest server id. */
  | { kind: 'telemetry_batch'; firstSeq: number; lastSeq: number; count: number; bytes: number }
  /** `ordinal`: the session's first recording is `<id>.mp4`, the second `<id>-2.mp4`, … */
  | { kind: 'upload'; recordingId: string; ordinal: number }
  | { kind: 'patch'; status: string; completedAt: string | null }
  /** `{ videoUrl }` with the URL the upload item `uploadItem` was answered with. */
  | { kind: 'patch'; videoFromItem: number };

export interface OutboxItem {
  id: number;
  sessionId: string;
  position: number;
  kind: ItemKind;
  idempotencyKey: string;
  payload: ItemPayload;
  state: ItemState;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  leaseOwner: string | null;
  leaseUntil: string | null;
  bytesSent: number;
  bytesTotal: number;
  resumeUrl: string | null;
  result: Record<string, unknown> | null;
  createdAt: string;
  doneAt: string | null;
}

export interface SyncSessionRow {
  sessionId: string;
  serverOrigin: string;
  serverId: string | null;
  videoUrl: string | null;
  eventsQueuedSeq: number;
  eventsQueued: number;
  toldStatus: string;
  toldCompletedAt: string | null;
}

interface ItemRow {
  id: number;
  session_id: string;
  position: number;
  kind: ItemKind;
  idempotency_key: string;
  payload_json: string;
  state: ItemState;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  bytes_sent: number;
  bytes_total: number;
  resume_url: string | null;
  result_json: string | null;
  created_at: string;
  done_at: string | null;
}

const toItem = (r: ItemRow): OutboxItem => ({
  id: r.id,
  sessionId: r.session_id,
  position: r.position,
  kind: r.kind,
  idempotencyKey: r.idempotency_key,
  payload: JSON.parse(r.payload_json) as ItemPayload,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  leaseOwner: r.lease_owner,
  leaseUntil: r.lease_until,
  bytesSent: r.bytes_sent,
  bytesTotal: r.bytes_total,
  resumeUrl: r.resume_url,
  result: r.result_json ? (JSON.parse(r.result_json) as Record<string, unknown>) : null,
  createdAt: r.created_at,
  doneAt: r.done_at,
});

export interface SessionQueueCounts {
  sessionId: string;
  pending: number;
  parked: number;
  done: number;
  eventsSent: number;
  uploadBytesSent: number;
  uploadBytesTotal: number;
}

export class SyncOutbox {
  constructor(
    readonly db: Db,
    private readonly now: () => Date,
    private readonly newKey: () => string = randomUUID,
  ) {}

  /** Runs `fn` in one IMMEDIATE transaction (a savepoint inside the caller's): plan and cursor commit together. */
  transaction<T>(fn: () => T): T {
    return this.db.inTransaction ? this.db.transaction(fn)() : this.db.transaction(fn).immediate();
  }

  session(sessionId: string): SyncSessionRow | null {
    const r = this.db.prepare(`SELECT * FROM sync_sessions WHERE session_id = ?`).get(sessionId) as
      | {
          session_id: string;
          server_origin: string;
          server_id: string | null;
          video_url: string | null;
          events_queued_seq: number;
          events_queued: number;
          told_status: string;
          told_completed_at: string | null;
        }
      | undefined;
    return r
      ? {
          sessionId: r.session_id,
          serverOrigin: r.server_origin,
          serverId: r.server_id,
          videoUrl: r.video_url,
          eventsQueuedSeq: r.events_queued_seq,
          eventsQueued: r.events_queued,
          toldStatus: r.told_status,
          toldCompletedAt: r.told_completed_at,
        }
      : null;
  }

  sessions(): SyncSessionRow[] {
    const ids = this.db.prepare(`SELECT session_id FROM sync_sessions ORDER BY created_at`).pluck().all() as string[];
    return ids.map((id) => this.session(id)!);
  }

  /** Starts a session's sync: its row, the create call and the telemetry init, in the caller's transaction. */
  begin(sessionId: string, origin: string, body: SessionCreateBody): void {
    const at = this.now().toISOString();
    this.db
      .prepare(
        `INSERT INTO sync_sessions (session_id, server_origin, told_status, told_completed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(sessionId, origin, body.status, body.completedAt, at, at);
    this.enqueue(sessionId, { kind: 'create', body });
    this.enqueue(sessionId, { kind: 'telemetry_init' });
  }

  enqueue(sessionId: string, payload: ItemPayload, options: { delayMs?: number; bytesTotal?: number } = {}): number {
    const at = this.now();
    const position =
      (this.db.prepare(`SELECT MAX(position) FROM sync_outbox WHERE session_id = ?`).pluck().get(sessionId) as number | null) ?? -1;
    return Number(
      this.db
        .prepare(
          `INSERT INTO sync_outbox (session_id, position, kind, idempotency_key, payload_json, next_attempt_at, bytes_total, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          sessionId,
          position + 1,
          payload.kind,
          this.newKey(),
          JSON.stringify(payload),
          new Date(at.getTime() + (options.delayMs ?? 0)).toISOString(),
          options.bytesTotal ?? 0,
          at.toISOString(),
        ).lastInsertRowid,
    );
  }

  /**
   * The session's last telemetry batch while it has never been tried (no attempt, no lease): new events
   * may still join it. Once an attempt started its content is fixed, so a retry sends exactly the same.
   */
  openBatch(sessionId: string): (OutboxItem & { payload: Extract<ItemPayload, { kind: 'telemetry_batch' }> }) | null {
    const row = this.db
      .prepare(
        `SELECT * FROM sync_outbox WHERE session_id = ? AND state = 'pending' AND attempts = 0 AND lease_owner IS NULL
           AND kind = 'telemetry_batch' AND position = (SELECT MAX(position) FROM sync_outbox WHERE session_id = ?)`,
      )
      .get(sessionId, sessionId) as ItemRow | undefined;
    return row ? (toItem(row) as OutboxItem & { payload: Extract<ItemPayload, { kind: 'telemetry_batch' }> }) : null;
  }

  /** Grows an open batch (see `openBatch`); refuses (false) when an attempt has started since. */
  extendBatch(itemId: number, payload: Extract<ItemPayload, { kind: 'telemetry_batch' }>): boolean {
    return (
      this.db
        .prepare(`UPDATE sync_outbox SET payload_json = ? WHERE id = ? AND attempts = 0 AND lease_owner IS NULL AND state = 'pending'`)
        .run(JSON.stringify(payload), itemId).changes === 1
    );
  }

  /** Moves the session's telemetry cursor: events up to `seq` are in batches, `count` more of them. */
  eventsQueued(sessionId: string, seq: number, count: number): void {
    this.db
      .prepare(
        `UPDATE sync_sessions SET events_queued_seq = ?, events_queued = events_queued + ?, updated_at = ? WHERE session_id = ? AND events_queued_seq < ?`,
      )
      .run(seq, count, this.now().toISOString(), sessionId, seq);
  }

  told(sessionId: string, status: string, completedAt: string | null): void {
    this.db
      .prepare(`UPDATE sync_sessions SET told_status = ?, told_completed_at = ?, updated_at = ? WHERE session_id = ?`)
      .run(status, completedAt, this.now().toISOString(), sessionId);
  }

  /** The recordings already queued for upload, by recording id. */
  queuedUploads(sessionId: string): Set<string> {
    const payloads = this.db
      .prepare(`SELECT payload_json FROM sync_outbox WHERE session_id = ? AND kind = 'upload'`)
      .pluck()
      .all(sessionId) as string[];
    return new Set(payloads.map((p) => (JSON.parse(p) as { recordingId: string }).recordingId));
  }

  item(id: number): OutboxItem | null {
    const row = this.db.prepare(`SELECT * FROM sync_outbox WHERE id = ?`).get(id) as ItemRow | undefined;
    return row ? toItem(row) : null;
  }

  items(sessionId: string): OutboxItem[] {
    return (this.db.prepare(`SELECT * FROM sync_outbox WHERE session_id = ? ORDER BY position`).all(sessionId) as ItemRow[]).map(toItem);
  }

  /** Every session's first unfinished item (pending or parked), for sessions synced to `origin`. */
  heads(origin: string): OutboxItem[] {
    return (
      this.db
        .prepare(
          `SELECT o.* FROM sync_outbox o JOIN sync_sessions s ON s.session_id = o.session_id
           WHERE s.server_origin = ? AND o.state != 'done'
             AND o.position = (SELECT MIN(position) FROM sync_outbox WHERE session_id = o.session_id AND state != 'done')
           ORDER BY o.next_attempt_at, o.id`,
        )
        .all(origin) as ItemRow[]
    ).map(toItem);
  }

  /** Unfinished items beyond each session's head, to show what is queued. */
  unfinished(): OutboxItem[] {
    return (this.db.prepare(`SELECT * FROM sync_outbox WHERE state != 'done' ORDER BY session_id, position`).all() as ItemRow[]).map(
      toItem,
    );
  }

  /**
   * Takes an item for one attempt: counts the attempt and leases it to `owner` until `until`, unless
   * someone else holds a live lease (`takeOver` names a lease whose holder is known to be gone).
   */
  claim(id: number, owner: string, until: Date, takeOver: string | null): boolean {
    const at = this.now().toISOString();
    return (
      this.db
        .prepare(
          `UPDATE sync_outbox SET attempts = attempts + 1, lease_owner = ?, lease_until = ?
           WHERE id = ? AND state = 'pending' AND next_attempt_at <= ?
             AND (lease_owner IS NULL OR lease_until < ? OR lease_owner = ? OR lease_owner IS ?)`,
        )
        .run(owner, until.toISOString(), id, at, at, owner, takeOver).changes === 1
    );
  }

  renewLease(id: number, owner: string, until: Date): void {
    this.db.prepare(`UPDATE sync_outbox SET lease_until = ? WHERE id = ? AND lease_owner = ?`).run(until.toISOString(), id, owner);
  }

  /** The item is done; `result` is what the server answered (kept for later items and for history). */
  complete(id: number, result: Record<string, unknown> | null): void {
    this.db
      .prepare(
        `UPDATE sync_outbox SET state = 'done', done_at = ?, lease_owner = NULL, lease_until = NULL, last_error = NULL, result_json = ?,
           bytes_sent = bytes_total WHERE id = ?`,
      )
      .run(this.now().toISOString(), result ? JSON.stringify(result) : null, id);
  }

  retryLater(id: number, delayMs: number, error: string | null): void {
    this.db
      .prepare(`UPDATE sync_outbox SET next_attempt_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ?`)
      .run(new Date(this.now().getTime() + delayMs).toISOString(), error, id);
  }

  /** Held until someone retries it by hand; the session's later items wait behind it. */
  park(id: number, error: string): void {
    this.db
      .prepare(`UPDATE sync_outbox SET state = 'parked', last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ?`)
      .run(error, id);
  }

  /** Puts a session's parked items back in the queue, due now. Returns how many. */
  unpark(sessionId: string): number {
    return this.db
      .prepare(`UPDATE sync_outbox SET state = 'pending', next_attempt_at = ? WHERE session_id = ? AND state = 'parked'`)
      .run(this.now().toISOString(), sessionId).changes;
  }

  /** Items waiting on a backoff become due now (Sync now, or the network coming back). */
  dueNow(): void {
    this.db
      .prepare(`UPDATE sync_outbox SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at > ?`)
      .run(this.now().toISOString(), this.now().toISOString());
  }

  /** The session's items that were never tried, and wait only for more events to join them, go now (the interview ended). */
  untriedDueNow(sessionId: string): void {
    this.db
      .prepare(
        `UPDATE sync_outbox SET next_attempt_at = ? WHERE session_id = ? AND state = 'pending' AND attempts = 0 AND next_attempt_at > ?`,
      )
      .run(this.now().toISOString(), sessionId, this.now().toISOString());
  }

  progress(id: number, sent: number, total: number): void {
    this.db.prepare(`UPDATE sync_outbox SET bytes_sent = ?, bytes_total = ? WHERE id = ?`).run(sent, total, id);
  }

  resumeAt(id: number, url: string): void {
    this.db.prepare(`UPDATE sync_outbox SET resume_url = ? WHERE id = ?`).run(url, id);
  }

  setServerId(sessionId: string, serverId: string): void {
    this.db
      .prepare(`UPDATE sync_sessions SET server_id = ?, updated_at = ? WHERE session_id = ?`)
      .run(serverId, this.now().toISOString(), sessionId);
  }

  setVideoUrl(sessionId: string, url: string): void {
    this.db
      .prepare(`UPDATE sync_sessions SET video_url = ?, updated_at = ? WHERE session_id = ?`)
      .run(url, this.now().toISOString(), sessionId);
  }

  counts(): Map<string, SessionQueueCounts> {
    const rows = this.db
      .prepare(
        `SELECT session_id AS sessionId,
           SUM(state = 'pending') AS pending, SUM(state = 'parked') AS parked, SUM(state = 'done') AS done,
           SUM(CASE WHEN kind = 'telemetry_batch' AND state = 'done' THEN json_extract(payload_json, '$.count') ELSE 0 END) AS eventsSent,
           SUM(CASE WHEN kind = 'upload' THEN bytes_sent ELSE 0 END) AS uploadBytesSent,
           SUM(CASE WHEN kind = 'upload' THEN bytes_total ELSE 0 END) AS uploadBytesTotal
         FROM sync_outbox GROUP BY session_id`,
      )
      .all() as SessionQueueCounts[];
    return new Map(rows.map((r) => [r.sessionId, r]));
  }

  pause(): { reason: string; tokenFingerprint: string | null; at: string } | null {
    const r = this.db.prepare(`SELECT paused_reason, paused_token, paused_at FROM sync_queue WHERE id = 1`).get() as
      { paused_reason: string | null; paused_token: string | null; paused_at: string | null } | undefined;
    return r?.paused_reason ? { reason: r.paused_reason, tokenFingerprint: r.paused_token, at: r.paused_at! } : null;
  }

  pauseForToken(reason: string, tokenFingerprint: string): void {
    this.db
      .prepare(`UPDATE sync_queue SET paused_reason = ?, paused_token = ?, paused_at = ? WHERE id = 1`)
      .run(reason, tokenFingerprint, this.now().toISOString());
  }

  clearPause(): void {
    this.db.prepare(`UPDATE sync_queue SET paused_reason = NULL, paused_token = NULL, paused_at = NULL WHERE id = 1`).run();
  }
}
