import { AppError } from '../../../shared/ipc/result';
import { describeIssues } from '../../../shared/util/issues';
import type { TelemetryStats } from '../../../shared/session/model';
import {
  redactEvent,
  TelemetryEventSchema,
  validateTelemetryBatch,
  type BatchAccepted,
  type TelemetryEvent,
} from '../../../shared/telemetry';
import type { SessionSnapshot, TelemetryDropLine, TelemetryLine } from '../../../shared/session/snapshot';
import { SnapshotError, type RestoreRefs, type SnapshotRefs } from '../snapshot/refs';
import type { Db } from '../store';

export interface AppendOptions {
  /**
   * Milliseconds from session start for each event, on the session's monotonic clock, when the
   * sender has them (the app's own renderer does). Otherwise they are derived from `ts`.
   */
  offsetsMs?: number[];
}

export type AppendResult = Pick<BatchAccepted, 'accepted' | 'dropped' | 'redactions'>;

/** Events as stored, with their place in the store's order (`seq` only ever grows). */
export interface StoredEvent {
  seq: number;
  event: TelemetryEvent;
}

/**
 * Told of events inside the transaction that stores them, so work that must follow from them (team
 * sync's queue) commits with them or not at all. A listener that throws does not undo the events: it
 * must leave itself a way to catch up (sync re-plans from its own cursor).
 */
export type StoredListener = (sessionId: string, stored: StoredEvent[]) => void;

/**
 * The local telemetry store: validates batches with the shared validator, writes accepted
 * events (and the audit record of every dropped preview) in one transaction, and reads them back.
 */
export class TelemetryService {
  private readonly storedListeners = new Set<StoredListener>();

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The init form `{ interviewSessionId }`: the session's telemetry, zeroed when it has none yet. */
  init(sessionId: string): TelemetryStats {
    this.sessionClockStart(sessionId);
    return this.stats(sessionId);
  }

  append(input: unknown, options: AppendOptions = {}): AppendResult {
    const validation = validateTelemetryBatch(input);
    if (!validation.ok) {
      const issues = validation.errors.map((e) => ({
        field: e.index === null ? e.field : `events[${e.index}]${e.field ? `.${e.field}` : ''}`,
        message: e.reason,
      }));
      throw new AppError('invalid_input', `Telemetry batch rejected: ${describeIssues(issues)}`, issues);
    }
    const { accepted, dropped, redactions } = this.appendValidated(validation, options);
    return { accepted, dropped, redactions };
  }

  /**
   * Stores a batch the shared validator has accepted, in one transaction (a savepoint when the caller
   * already holds one, so a caller can store more rows beside the events all or nothing). Returns the
   * `seq` of each stored event, in the batch's order.
   */
  appendValidated(validation: BatchAccepted, options: AppendOptions = {}): AppendResult & { seqs: number[] } {
    const { local, dropped } = validation;
    const offsets = options.offsetsMs;
    if (offsets && offsets.length !== local.events.length) {
      throw new AppError('invalid_input', `offsetsMs has ${offsets.length} entries for ${local.events.length} events`);
    }
    const clockStart = this.sessionClockStart(local.interviewSessionId);
    const receivedAt = this.now().toISOString();
    const insertEvent = this.db.prepare(
      `INSERT INTO telemetry_events (session_id, type, ts, t_ms, event_json, received_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const insertDrop = this.db.prepare(
      `INSERT INTO telemetry_drops (session_id, event_seq, event_index, event_type, field, bytes, limit_bytes, reason, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const seqs = this.db.transaction(() => {
      const stored = local.events.map((event, i) => {
        const tMs = offsets ? Math.round(offsets[i]!) : Math.round(Date.parse(event.ts) - clockStart);
        return Number(
          insertEvent.run(local.interviewSessionId, event.type, event.ts, tMs, JSON.stringify(event), receivedAt).lastInsertRowid,
        );
      });
      for (const d of dropped) {
        insertDrop.run(local.interviewSessionId, stored[d.index], d.index, d.type, d.field, d.bytes, d.limit, d.reason, receivedAt);
      }
      if (this.storedListeners.size > 0 && stored.length > 0) {
        const events = stored.map((seq, i) => ({ seq, event: local.events[i]! }));
        for (const listener of this.storedListeners) {
          try {
            listener(local.interviewSessionId, events);
          } catch (err) {
            console.error('A listener of stored telemetry failed; the events are stored', err);
          }
        }
      }
      return stored;
    })();
    return { accepted: validation.accepted, dropped: validation.dropped, redactions: validation.redactions, seqs };
  }

  /** Events in the order they were stored. `redacted` gives the form that may leave the machine. */
  events(sessionId: string, { redacted = true }: { redacted?: boolean } = {}): Generator<TelemetryEvent> {
    // Checked here, not inside the generator, so an unknown id fails at the call and not on first read.
    this.sessionClockStart(sessionId);
    return this.readEvents(sessionId, redacted);
  }

  /** Called with every stored batch inside its transaction (see `StoredListener`); returns the unsubscribe function. */
  onStored(listener: StoredListener): () => void {
    this.storedListeners.add(listener);
    return () => this.storedListeners.delete(listener);
  }

  /** The session's events after `afterSeq` in stored order (at most `limit`), as stored (not redacted). */
  storedAfter(sessionId: string, afterSeq: number, limit = 1000): StoredEvent[] {
    const rows = this.db
      .prepare(`SELECT seq, event_json FROM telemetry_events WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?`)
      .all(sessionId, afterSeq, limit) as Array<{ seq: number; event_json: string }>;
    return rows.map((r) => ({ seq: r.seq, event: JSON.parse(r.event_json) as TelemetryEvent }));
  }

  /** The session's events with `fromSeq` ≤ seq ≤ `toSeq`, in stored order, as stored. */
  storedBetween(sessionId: string, fromSeq: number, toSeq: number): StoredEvent[] {
    const rows = this.db
      .prepare(`SELECT seq, event_json FROM telemetry_events WHERE session_id = ? AND seq BETWEEN ? AND ? ORDER BY seq`)
      .all(sessionId, fromSeq, toSeq) as Array<{ seq: number; event_json: string }>;
    return rows.map((r) => ({ seq: r.seq, event: JSON.parse(r.event_json) as TelemetryEvent }));
  }

  private *readEvents(sessionId: string, redacted: boolean): Generator<TelemetryEvent> {
    const rows = this.db
      .prepare(`SELECT event_json FROM telemetry_events WHERE session_id = ? ORDER BY seq`)
      .iterate(sessionId) as IterableIterator<{ event_json: string }>;
    for (const row of rows) {
      const event = JSON.parse(row.event_json) as TelemetryEvent;
      yield redacted ? redactEvent(event) : event;
    }
  }

  stats(sessionId: string): TelemetryStats {
    this.sessionClockStart(sessionId);
    const byType = { code_edit: 0, run: 0, turn: 0, control: 0 };
    const rows = this.db
      .prepare(`SELECT type, COUNT(*) AS n FROM telemetry_events WHERE session_id = ? GROUP BY type`)
      .all(sessionId) as Array<{ type: keyof typeof byType; n: number }>;
    for (const r of rows) byType[r.type] = r.n;
    const span = this.db.prepare(`SELECT MIN(ts) AS first, MAX(ts) AS last FROM telemetry_events WHERE session_id = ?`).get(sessionId) as {
      first: string | null;
      last: string | null;
    };
    const drops = (this.db.prepare(`SELECT COUNT(*) AS n FROM telemetry_drops WHERE session_id = ?`).get(sessionId) as { n: number }).n;
    const total = byType.code_edit + byType.run + byType.turn + byType.control;
    return { sessionId, total, byType, drops, firstTs: span.first, lastTs: span.last };
  }

  drops(sessionId: string) {
    return this.db
      .prepare(
        `SELECT event_seq AS eventSeq, event_index AS eventIndex, event_type AS eventType, field, bytes, limit_bytes AS limitBytes, reason, at
                FROM telemetry_drops WHERE session_id = ? ORDER BY id`,
      )
      .all(sessionId);
  }

  /** This service's part of the session snapshot: every event in stored order, and the drop audit. */
  snapshot(sessionId: string, refs: SnapshotRefs): Pick<SessionSnapshot, 'telemetry' | 'telemetryDrops'> {
    const events = this.db
      .prepare(`SELECT seq, type, ts, t_ms, event_json, received_at FROM telemetry_events WHERE session_id = ? ORDER BY seq`)
      .all(sessionId) as Array<{
      seq: number;
      type: TelemetryLine['type'];
      ts: string;
      t_ms: number;
      event_json: string;
      received_at: string;
    }>;
    const telemetry = events.map((e, i): TelemetryLine => {
      refs.eventIndex.set(e.seq, i);
      return { type: e.type, ts: e.ts, tMs: e.t_ms, receivedAt: e.received_at, event: JSON.parse(e.event_json) as Record<string, unknown> };
    });
    const drops = this.db
      .prepare(
        `SELECT event_seq, event_index, event_type, field, bytes, limit_bytes, reason, at FROM telemetry_drops WHERE session_id = ? ORDER BY id`,
      )
      .all(sessionId) as Array<{
      event_seq: number | null;
      event_index: number;
      event_type: string;
      field: string;
      bytes: number;
      limit_bytes: number;
      reason: string;
      at: string;
    }>;
    const telemetryDrops = drops.map((d): TelemetryDropLine => ({
      event: d.event_seq === null ? null : (refs.eventIndex.get(d.event_seq) ?? null),
      eventIndex: d.event_index,
      eventType: d.event_type,
      field: d.field,
      bytes: d.bytes,
      limitBytes: d.limit_bytes,
      reason: d.reason,
      at: d.at,
    }));
    return { telemetry, telemetryDrops };
  }

  /**
   * Appends the snapshot's events in their order (the store stays append-only: they get this store's
   * seqs) and the drop audit, inside the caller's transaction. Each body is checked against the telemetry
   * schema and its line's type, and carries the session's id here.
   */
  restoreEvents(lines: Iterable<TelemetryLine>, refs: RestoreRefs, where = 'telemetry'): void {
    const insert = this.db.prepare(
      `INSERT INTO telemetry_events (session_id, type, ts, t_ms, event_json, received_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    for (const line of lines) {
      const at = `line ${refs.eventSeqs.length + 1} of ${where}`;
      const parsed = TelemetryEventSchema.safeParse(line.event);
      if (!parsed.success)
        throw new SnapshotError(at, `is not a valid ${line.type} event (${parsed.error.issues[0]?.message ?? 'invalid'})`);
      if (parsed.data.type !== line.type) throw new SnapshotError(at, `says ${line.type} but holds a ${parsed.data.type} event`);
      if (parsed.data.sessionId !== refs.originalId) throw new SnapshotError(at, `belongs to another session (${parsed.data.sessionId})`);
      const body = refs.sessionId === refs.originalId ? line.event : { ...line.event, sessionId: refs.sessionId };
      refs.eventSeqs.push(
        Number(insert.run(refs.sessionId, line.type, line.ts, line.tMs, JSON.stringify(body), line.receivedAt).lastInsertRowid),
      );
      refs.eventTypes.push(line.type);
    }
  }

  restoreDrops(lines: Iterable<TelemetryDropLine>, refs: RestoreRefs, where = 'telemetry drops'): void {
    const insert = this.db.prepare(
      `INSERT INTO telemetry_drops (session_id, event_seq, event_index, event_type, field, bytes, limit_bytes, reason, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let n = 0;
    for (const d of lines) {
      n++;
      if (d.event !== null && d.event >= refs.eventSeqs.length)
        throw new SnapshotError(`line ${n} of ${where}`, 'points at a telemetry event that does not exist');
      insert.run(
        refs.sessionId,
        d.event === null ? null : refs.eventSeqs[d.event]!,
        d.eventIndex,
        d.eventType,
        d.field,
        d.bytes,
        d.limitBytes,
        d.reason,
        d.at,
      );
    }
  }

  private sessionClockStart(sessionId: string): number {
    const row = this.db.prepare(`SELECT started_at, created_at FROM sessions WHERE id = ?`).get(sessionId) as
      { started_at: string | null; created_at: string } | undefined;
    if (!row) throw new AppError('not_found', `No session with id "${sessionId}".`);
    return Date.parse(row.started_at ?? row.created_at);
  }
}
