import { randomUUID } from 'node:crypto';
import type { ParsedProgressFilter } from '../../../shared/progress/model';
import { readHistorySessions, type HistorySessionRow } from './history-rows';
import { parseInterviewConfig, InterviewConfigSchema, type InterviewConfig } from '../../../shared/config/interview-config';
import { AppError } from '../../../shared/ipc/result';
import type { Question, SessionDetail, SessionOrigin, SessionStatus, SessionSummary } from '../../../shared/session/model';
import { describeIssues } from '../../../shared/util/issues';
import type { CatalogQuestion } from '../questions';
import { pickQuestions } from '../questions';
import type { IntegrityService } from '../integrity';
import type { Db } from '../store';
import { ImportProvenanceSchema, type QuestionLine, type SessionPart, type SessionSnapshot } from '../../../shared/session/snapshot';
import { restoredId, type RestoreRefs } from '../snapshot/refs';

interface SessionRow {
  id: string;
  status: SessionStatus;
  config_json: string;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  active_ms: number;
  segment_started_at: string | null;
  last_seen_at: string | null;
  interrupted: 0 | 1;
  origin: SessionOrigin;
  import_json: string | null;
  event_count: number;
}

const SELECT_SUMMARY = `
  SELECT s.*, (SELECT COUNT(*) FROM telemetry_events e WHERE e.session_id = s.id) AS event_count
  FROM sessions s`;

export interface SessionServiceOptions {
  now?: () => Date;
  newId?: () => string;
  /** Where the session's integrity signals come from (shown with its details). */
  integrity?: Pick<IntegrityService, 'list'>;
}

/**
 * Sessions and their lifecycle: pending → in_progress → completed | abandoned.
 * Time in the room is kept as closed sittings (`active_ms`) plus the open one
 * (`segment_started_at`); `last_seen_at` is refreshed by the room's heartbeat so that a
 * sitting cut short by a crash still counts up to the last moment the app was alive.
 */
export class SessionService {
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly integrity: Pick<IntegrityService, 'list'> | undefined;
  private readonly statusListeners = new Set<(summary: SessionSummary) => void>();

  constructor(
    private readonly db: Db,
    private readonly catalog: CatalogQuestion[],
    options: SessionServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
    this.integrity = options.integrity;
  }

  /** A new pending session; `questionIds` (bank ids) replace the questions the config would pick, in that order. */
  create(input: unknown, options: { questionIds?: readonly string[] } = {}): SessionDetail {
    const parsed = parseInterviewConfig(input);
    if (!parsed.ok) throw new AppError('invalid_input', `Invalid interview config: ${describeIssues(parsed.issues)}`, parsed.issues);
    const config = parsed.config;
    const id = this.newId();
    const at = this.now().toISOString();
    const questions = options.questionIds ? this.bankQuestions(options.questionIds) : pickQuestions(this.catalog, config, id);
    const insertSession = this.db.prepare(`INSERT INTO sessions (id, status, config_json, created_at) VALUES (?, 'pending', ?, ?)`);
    const insertQuestion = this.db.prepare(
      `INSERT INTO questions (id, session_id, ordinal, source_id, question_json) VALUES (?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      insertSession.run(id, JSON.stringify(config), at);
      questions.forEach((q, ordinal) => {
        const { id: sourceId, ...rest } = q;
        insertQuestion.run(this.newId(), id, ordinal, sourceId, JSON.stringify(rest));
      });
    })();
    return this.get(id);
  }

  private bankQuestions(ids: readonly string[]): CatalogQuestion[] {
    return ids.map((questionId) => {
      const q = this.catalog.find((c) => c.id === questionId);
      if (!q) throw new AppError('not_found', `The question bank has no question "${questionId}".`);
      return q;
    });
  }

  list(): SessionSummary[] {
    const rows = this.db.prepare(`${SELECT_SUMMARY} ORDER BY s.created_at DESC, s.rowid DESC`).all() as SessionRow[];
    return rows.map((row) => this.toSummary(row));
  }

  /** The sessions a progress filter selects, in time order, with what the figures need of their config. */
  historyRows(filter: ParsedProgressFilter, sessionId?: string): HistorySessionRow[] {
    return readHistorySessions(this.db, filter, sessionId);
  }

  get(id: string): SessionDetail {
    const row = this.row(id);
    const questions = this.db
      .prepare(`SELECT id, ordinal, source_id, question_json FROM questions WHERE session_id = ? ORDER BY ordinal`)
      .all(id) as Array<{ id: string; ordinal: number; source_id: string | null; question_json: string }>;
    return {
      ...this.toSummary(row),
      config: readConfig(row),
      questions: questions.map((q): Question => ({ id: q.id, ordinal: q.ordinal, sourceId: q.source_id, ...JSON.parse(q.question_json) })),
      integritySignals: this.integrity?.list(id) ?? [],
    };
  }

  /** Opens a sitting: starts a pending session, or resumes one that was interrupted. */
  start(id: string): SessionDetail {
    const row = this.row(id);
    if (row.status === 'completed' || row.status === 'abandoned') {
      throw new AppError('conflict', `This session is ${row.status.replace('_', ' ')} and cannot be started again.`);
    }
    const at = this.now().toISOString();
    if (row.status === 'in_progress' && row.segment_started_at && !row.interrupted) {
      // Already open (e.g. the room was reloaded): keep the sitting, just mark it alive.
      this.db.prepare(`UPDATE sessions SET last_seen_at = ? WHERE id = ?`).run(at, id);
    } else {
      this.db
        .prepare(
          `UPDATE sessions SET status = 'in_progress', started_at = COALESCE(started_at, ?),
             segment_started_at = ?, last_seen_at = ?, interrupted = 0 WHERE id = ?`,
        )
        .run(at, at, at, id);
    }
    const detail = this.get(id);
    if (row.status !== detail.status) this.announce(detail);
    return detail;
  }

  /** Called after a session starts, completes or is abandoned (team sync follows); returns the unsubscribe function. */
  onStatusChange(listener: (summary: SessionSummary) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private announce(summary: SessionSummary): void {
    for (const listener of this.statusListeners) {
      try {
        listener(summary);
      } catch (err) {
        // The change is stored; a listener's failure is its own to recover from.
        console.error('A session status listener failed', err);
      }
    }
  }

  heartbeat(id: string): { activeMs: number } {
    const row = this.row(id);
    if (row.status !== 'in_progress' || !row.segment_started_at || row.interrupted) {
      throw new AppError('conflict', 'This session is not open in the interview room.');
    }
    this.db.prepare(`UPDATE sessions SET last_seen_at = ? WHERE id = ?`).run(this.now().toISOString(), id);
    return { activeMs: this.toSummary(this.row(id)).activeMs };
  }

  complete(id: string): SessionSummary {
    return this.finish(id, 'completed');
  }

  abandon(id: string): SessionSummary {
    return this.finish(id, 'abandoned');
  }

  /** This service's part of the session snapshot: the session row, its config and its questions. */
  snapshot(id: string): Pick<SessionSnapshot, 'session' | 'config' | 'questions'> {
    const row = this.row(id);
    const questions = this.db
      .prepare(`SELECT id, ordinal, source_id, question_json, asked_at FROM questions WHERE session_id = ? ORDER BY ordinal`)
      .all(id) as Array<{ id: string; ordinal: number; source_id: string | null; question_json: string; asked_at: string | null }>;
    return {
      session: {
        id: row.id,
        status: row.status,
        createdAt: row.created_at,
        startedAt: row.started_at,
        endedAt: row.ended_at,
        activeMs: row.active_ms,
        segmentStartedAt: row.segment_started_at,
        lastSeenAt: row.last_seen_at,
        interrupted: row.interrupted === 1,
        origin: row.origin,
        importedFrom: readProvenance(row),
      },
      config: readConfig(row),
      questions: questions.map((q): QuestionLine => ({
        id: q.id,
        ordinal: q.ordinal,
        sourceId: q.source_id,
        question: JSON.parse(q.question_json) as Record<string, unknown>,
        askedAt: q.asked_at,
      })),
    };
  }

  /** Inserts the session row and its questions (inside the caller's transaction), under `refs.sessionId`. */
  restore(part: { session: SessionPart; config: InterviewConfig; questions: Iterable<QuestionLine> }, refs: RestoreRefs): void {
    const s = part.session;
    this.db
      .prepare(
        `INSERT INTO sessions (id, status, config_json, created_at, started_at, ended_at, active_ms, segment_started_at, last_seen_at,
           interrupted, origin, import_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        refs.sessionId,
        s.status,
        JSON.stringify(part.config),
        s.createdAt,
        s.startedAt,
        s.endedAt,
        s.activeMs,
        s.segmentStartedAt,
        s.lastSeenAt,
        s.interrupted ? 1 : 0,
        s.origin,
        s.importedFrom ? JSON.stringify(s.importedFrom) : null,
      );
    const insert = this.db.prepare(
      `INSERT INTO questions (id, session_id, ordinal, source_id, question_json, asked_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    for (const q of part.questions) {
      const id = restoredId(refs, q.id);
      refs.questionIds.set(q.id, id);
      insert.run(id, refs.sessionId, q.ordinal, q.sourceId, JSON.stringify(q.question), q.askedAt);
    }
  }

  /** Whether a session with this id is here, and whose it is (for a refusal that names it). */
  existing(id: string): { candidateName: string } | null {
    const row = this.db.prepare(`SELECT config_json FROM sessions WHERE id = ?`).get(id) as { config_json: string } | undefined;
    if (!row) return null;
    return { candidateName: readConfig({ id, config_json: row.config_json }).candidateName };
  }

  /**
   * Run once when the app starts: a session whose sitting was still open belonged to an app that
   * quit or crashed. Its time is counted up to the last heartbeat and it is flagged as interrupted,
   * so the library can offer to resume it or mark it abandoned.
   */
  markInterrupted(): number {
    const rows = this.db
      .prepare(`SELECT id, segment_started_at, last_seen_at FROM sessions WHERE status = 'in_progress' AND segment_started_at IS NOT NULL`)
      .all() as Array<Pick<SessionRow, 'id' | 'segment_started_at' | 'last_seen_at'>>;
    const close = this.db.prepare(`UPDATE sessions SET active_ms = active_ms + ?, segment_started_at = NULL, interrupted = 1 WHERE id = ?`);
    this.db.transaction(() => {
      for (const r of rows) close.run(elapsed(r.segment_started_at!, r.last_seen_at ?? r.segment_started_at!), r.id);
    })();
    return rows.length;
  }

  private finish(id: string, status: 'completed' | 'abandoned'): SessionSummary {
    const row = this.row(id);
    if (row.status === 'completed' || row.status === 'abandoned') {
      throw new AppError('conflict', `This session is already ${row.status}.`);
    }
    const at = this.now().toISOString();
    const open = row.segment_started_at && !row.interrupted ? elapsed(row.segment_started_at, at) : 0;
    this.db
      .prepare(
        `UPDATE sessions SET status = ?, ended_at = ?, active_ms = active_ms + ?, segment_started_at = NULL,
           last_seen_at = ?, interrupted = 0 WHERE id = ?`,
      )
      .run(status, at, open, at, id);
    const summary = this.toSummary(this.row(id));
    this.announce(summary);
    return summary;
  }

  private row(id: string): SessionRow {
    const row = this.db.prepare(`${SELECT_SUMMARY} WHERE s.id = ?`).get(id) as SessionRow | undefined;
    if (!row) throw new AppError('not_found', `No session with id "${id}".`);
    return row;
  }

  private toSummary(row: SessionRow): SessionSummary {
    const config = readConfig(row);
    const open = row.segment_started_at && !row.interrupted ? elapsed(row.segment_started_at, this.now().toISOString()) : 0;
    return {
      id: row.id,
      status: row.status,
      interrupted: row.interrupted === 1,
      candidateName: config.candidateName,
      jobTitle: config.jobTitle,
      company: config.company,
      interviewType: config.interviewType,
      difficulty: config.difficulty,
      mode: config.mode,
      durationMinutes: config.durationMinutes,
      createdAt: row.created_at,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      activeMs: row.active_ms + open,
      eventCount: row.event_count,
      origin: row.origin,
    };
  }
}

function elapsed(fromIso: string, toIso: string): number {
  return Math.max(0, Math.round(Date.parse(toIso) - Date.parse(fromIso)));
}

function readProvenance(row: Pick<SessionRow, 'id' | 'import_json'>) {
  if (row.import_json === null) return null;
  const parsed = ImportProvenanceSchema.safeParse(JSON.parse(row.import_json));
  if (!parsed.success) throw new AppError('internal', `The import record of session ${row.id} is damaged.`);
  return parsed.data;
}

/** The stored snapshot is validated on the way out too: a damaged row is reported, not rendered as garbage. */
function readConfig(row: Pick<SessionRow, 'id' | 'config_json'>): InterviewConfig {
  const parsed = InterviewConfigSchema.safeParse(JSON.parse(row.config_json));
  if (!parsed.success) throw new AppError('internal', `The stored config of session ${row.id} is damaged.`);
  return parsed.data;
}
