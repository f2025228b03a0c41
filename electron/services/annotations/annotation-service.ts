import { randomUUID } from 'node:crypto';
import { AnnotationCreateSchema, AnnotationUpdateSchema, type Annotation } from '../../../shared/ipc/contract-annotations';
import { AppError } from '../../../shared/ipc/result';
import { speakingMs } from '../../../shared/review';
import { describeIssues, issuesFromZod, type FieldIssue } from '../../../shared/util/issues';
import type { Db } from '../store';
import type { AnnotationLine, SessionSnapshot } from '../../../shared/session/snapshot';
import { restoredId, SnapshotError, type RestoreRefs, type SnapshotRefs } from '../snapshot/refs';

interface AnnotationRow {
  id: string;
  session_id: string;
  turn_id: number | null;
  t_ms: number | null;
  follow_up_type: Annotation['followUpType'];
  intent: string | null;
  ideal_follow_up: string | null;
  rating: number | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

const LABELS = ['followUpType', 'intent', 'idealFollowUp', 'rating', 'note'] as const;

export const toAnnotation = (r: AnnotationRow): Annotation => ({
  id: r.id,
  sessionId: r.session_id,
  turnId: r.turn_id,
  tMs: r.t_ms,
  followUpType: r.follow_up_type,
  intent: r.intent,
  idealFollowUp: r.ideal_follow_up,
  rating: r.rating,
  note: r.note,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Empty text is no label: stored as null, so "cleared" and "never set" read the same. */
const blankToNull = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v === '' ? null : v);

/**
 * Reviewers' annotations on a turn or a moment of a session: a follow-up type (docs/interviewer.md), the intent,
 * the follow-up that would have been ideal, a rating 1–5 and a free note. Every write is checked against
 * the session: the turn must be one of its turns and the moment must lie within it.
 */
export class AnnotationService {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
    private readonly newId: () => string = randomUUID,
  ) {}

  /** This service's part of the session snapshot: each annotation pointing at its turn's index (filled by the interviewer first). */
  snapshot(sessionId: string, refs: SnapshotRefs): Pick<SessionSnapshot, 'annotations'> {
    const rows = this.db
      .prepare(`SELECT * FROM annotations WHERE session_id = ? ORDER BY created_at, id`)
      .all(sessionId) as AnnotationRow[];
    return {
      annotations: rows.map((a): AnnotationLine => ({
        id: a.id,
        turn: a.turn_id === null ? null : (refs.turnIndex.get(a.turn_id) ?? null),
        tMs: a.t_ms,
        followUpType: a.follow_up_type,
        intent: a.intent,
        idealFollowUp: a.ideal_follow_up,
        rating: a.rating,
        note: a.note,
        createdAt: a.created_at,
        updatedAt: a.updated_at,
      })),
    };
  }

  /** Inserts annotations (after the turns they point at) inside the caller's transaction. */
  restore(lines: Iterable<AnnotationLine>, refs: RestoreRefs, where = 'annotations'): void {
    const insert = this.db.prepare(
      `INSERT INTO annotations (id, session_id, turn_id, t_ms, follow_up_type, intent, ideal_follow_up, rating, note, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let n = 0;
    for (const a of lines) {
      n++;
      if (a.turn !== null && a.turn >= refs.turnIds.length)
        throw new SnapshotError(`line ${n} of ${where}`, 'points at a turn the session does not have');
      const turnId = a.turn === null ? null : refs.turnIds[a.turn]!;
      insert.run(
        restoredId(refs, a.id),
        refs.sessionId,
        turnId,
        a.tMs,
        a.followUpType,
        a.intent,
        a.idealFollowUp,
        a.rating,
        a.note,
        a.createdAt,
        a.updatedAt,
      );
    }
  }

  /** Annotations per session, and how many give an ideal follow-up (for the corpus's "annotated only"). */
  countsBySession(): Map<string, { total: number; withIdealFollowUp: number }> {
    const rows = this.db
      .prepare(
        `SELECT session_id, COUNT(*) AS total, SUM(ideal_follow_up IS NOT NULL AND ideal_follow_up <> '') AS ideal
         FROM annotations GROUP BY session_id`,
      )
      .all() as Array<{ session_id: string; total: number; ideal: number }>;
    return new Map(rows.map((r) => [r.session_id, { total: r.total, withIdealFollowUp: r.ideal }]));
  }

  list(sessionId: string): Annotation[] {
    this.requireSession(sessionId);
    const rows = this.db
      .prepare(`SELECT * FROM annotations WHERE session_id = ? ORDER BY t_ms IS NULL, t_ms, created_at, id`)
      .all(sessionId) as AnnotationRow[];
    return rows.map(toAnnotation);
  }

  get(id: string): Annotation {
    const row = this.db.prepare(`SELECT * FROM annotations WHERE id = ?`).get(id) as AnnotationRow | undefined;
    if (!row) throw new AppError('not_found', `No annotation with id "${id}".`);
    return toAnnotation(row);
  }

  create(input: unknown): Annotation {
    const parsed = AnnotationCreateSchema.safeParse(input);
    if (!parsed.success) this.reject(issuesFromZod(parsed.error, input));
    const a = parsed.data;
    this.requireSession(a.sessionId);
    const issues: FieldIssue[] = [];
    let tMs = a.tMs ?? null;
    const turnId = a.turnId ?? null;
    if (turnId !== null) {
      const turn = this.db.prepare(`SELECT session_id, t_ms FROM turns WHERE id = ?`).get(turnId) as
        { session_id: string; t_ms: number } | undefined;
      if (!turn || turn.session_id !== a.sessionId) issues.push({ field: 'turnId', message: `is not a turn of session ${a.sessionId}` });
      else if (tMs === null) tMs = turn.t_ms;
    }
    if (turnId === null && tMs === null)
      issues.push({ field: 'tMs', message: 'is required: an annotation is on a turn (turnId) or at a moment (tMs)' });
    const labels = {
      followUpType: a.followUpType ?? null,
      intent: blankToNull(a.intent) ?? null,
      idealFollowUp: blankToNull(a.idealFollowUp) ?? null,
      rating: a.rating ?? null,
      note: blankToNull(a.note) ?? null,
    };
    if (LABELS.every((k) => labels[k] === null)) {
      issues.push({ field: '', message: 'says nothing: set at least one of follow-up type, intent, ideal follow-up, rating or note' });
    }
    if (tMs !== null && a.tMs !== undefined && a.tMs !== null) this.checkMoment(a.sessionId, tMs, issues);
    if (issues.length > 0) this.reject(issues);

    const id = this.newId();
    const at = this.now().toISOString();
    this.db
      .prepare(
        `INSERT INTO annotations (id, session_id, turn_id, t_ms, follow_up_type, intent, ideal_follow_up, rating, note, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        a.sessionId,
        turnId,
        tMs === null ? null : Math.round(tMs),
        labels.followUpType,
        labels.intent,
        labels.idealFollowUp,
        labels.rating,
        labels.note,
        at,
        at,
      );
    return this.get(id);
  }

  update(input: unknown): Annotation {
    const parsed = AnnotationUpdateSchema.safeParse(input);
    if (!parsed.success) this.reject(issuesFromZod(parsed.error, input));
    const { id, ...patch } = parsed.data;
    const current = this.get(id);
    const next = {
      followUpType: patch.followUpType === undefined ? current.followUpType : patch.followUpType,
      intent: patch.intent === undefined ? current.intent : blankToNull(patch.intent)!,
      idealFollowUp: patch.idealFollowUp === undefined ? current.idealFollowUp : blankToNull(patch.idealFollowUp)!,
      rating: patch.rating === undefined ? current.rating : patch.rating,
      note: patch.note === undefined ? current.note : blankToNull(patch.note)!,
      tMs: patch.tMs === undefined ? current.tMs : patch.tMs,
    };
    const issues: FieldIssue[] = [];
    if (LABELS.every((k) => next[k] === null)) {
      issues.push({
        field: '',
        message:
          'would say nothing: keep at least one of follow-up type, intent, ideal follow-up, rating or note (or delete the annotation)',
      });
    }
    if (next.tMs === null && current.turnId === null)
      issues.push({ field: 'tMs', message: 'cannot be cleared: the annotation is on no turn' });
    if (patch.tMs !== undefined && patch.tMs !== null) this.checkMoment(current.sessionId, patch.tMs, issues);
    if (issues.length > 0) this.reject(issues);
    this.db
      .prepare(
        `UPDATE annotations SET follow_up_type = ?, intent = ?, ideal_follow_up = ?, rating = ?, note = ?, t_ms = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        next.followUpType,
        next.intent,
        next.idealFollowUp,
        next.rating,
        next.note,
        next.tMs === null ? null : Math.round(next.tMs),
        this.now().toISOString(),
        id,
      );
    return this.get(id);
  }

  delete(id: string): { id: string; deleted: boolean } {
    const info = this.db.prepare(`DELETE FROM annotations WHERE id = ?`).run(id);
    if (info.changes === 0) throw new AppError('not_found', `No annotation with id "${id}".`);
    return { id, deleted: true };
  }

  /**
   * How long the session lasted on its own clock: the latest of its last event (a run's end, the time to
   * say its last turn), its time in the room and its wall-clock span. An annotation's moment must lie
   * within it (a second of slack for rounding).
   */
  sessionSpanMs(sessionId: string): number {
    const row = this.db
      .prepare(
        `SELECT s.active_ms AS active, s.started_at AS started, s.ended_at AS ended,
           (SELECT MAX(t_ms + COALESCE(json_extract(event_json, '$.durationMs'), 0)) FROM telemetry_events WHERE session_id = s.id) AS events,
           (SELECT MAX(t_ms) FROM integrity_signals WHERE session_id = s.id) AS signals,
           (SELECT MAX(t_ms) FROM code_snapshots WHERE session_id = s.id) AS snapshots
         FROM sessions s WHERE s.id = ?`,
      )
      .get(sessionId) as {
      active: number;
      started: string | null;
      ended: string | null;
      events: number | null;
      signals: number | null;
      snapshots: number | null;
    };
    const turns = this.db.prepare(`SELECT t_ms, text FROM turns WHERE session_id = ? ORDER BY t_ms DESC LIMIT 1`).get(sessionId) as
      { t_ms: number; text: string } | undefined;
    const wall = row.started ? Math.max(0, Date.parse(row.ended ?? this.now().toISOString()) - Date.parse(row.started)) : 0;
    return Math.max(
      row.active,
      wall,
      row.events ?? 0,
      row.signals ?? 0,
      row.snapshots ?? 0,
      turns ? turns.t_ms + speakingMs(turns.text) : 0,
    );
  }

  private checkMoment(sessionId: string, tMs: number, issues: FieldIssue[]): void {
    const span = this.sessionSpanMs(sessionId);
    if (tMs > span + 1000) issues.push({ field: 'tMs', message: `is after the end of the session (${Math.round(span)} ms)` });
  }

  private requireSession(sessionId: string): void {
    if (!this.db.prepare(`SELECT 1 FROM sessions WHERE id = ?`).get(sessionId))
      throw new AppError('not_found', `No session with id "${sessionId}".`);
  }

  private reject(issues: FieldIssue[]): never {
    throw new AppError('invalid_input', `Annotation rejected: ${describeIssues(issues)}`, issues);
  }
}
