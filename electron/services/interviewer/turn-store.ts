import { AppError } from '../../../shared/ipc/result';
import { EngineStateSchema, type EngineState } from '../../../shared/interviewer/engine';
import {
  InterviewResultsSchema,
  PersonaViewSchema,
  TurnTraceSchema,
  type Decision,
  type FollowUpType,
  type InterviewResults,
  type PersonaView,
  type ReviewTurn,
  type TurnKind,
  type TurnTrace,
  type TurnView,
  type TurnVoice,
} from '../../../shared/interviewer/model';
import type { Db } from '../store';
import type { InterviewerStatePart, ResultsPart, SessionSnapshot, TurnLine } from '../../../shared/session/snapshot';
import { SnapshotError, type RestoreRefs, type SnapshotRefs } from '../snapshot/refs';

/** A turn as `session show` lists it. */
export interface SpokenTurn {
  id: number;
  role: 'candidate' | 'interviewer' | 'twin';
  kind: string | null;
  text: string;
  ts: string;
  tMs: number;
  followUpType: FollowUpType | null;
  /** Who spoke an interviewer (or twin) turn; null for the candidate's. */
  interviewer: string | null;
}

export interface NewTurn {
  sessionId: string;
  role: 'candidate' | 'interviewer' | 'twin';
  kind: TurnKind;
  text: string;
  ts: string;
  tMs: number;
  questionRef: string | null;
  /** The session's own question row, when the agenda item is one. */
  questionId: string | null;
  persona: PersonaView | null;
  followUpType: FollowUpType | null;
  hiddenNote: string | null;
  hintLevel: number | null;
  trace: TurnTrace | null;
}

interface TurnRow {
  id: number;
  role: string;
  kind: string | null;
  text: string;
  ts: string;
  t_ms: number;
  question_ref: string | null;
  persona_json: string | null;
  follow_up_type: string | null;
  hidden_note: string | null;
  hint_level: number | null;
  trace_json: string | null;
}

/** The interviewer's rows: turns (in the shared `turns` table), per-session engine state, results. */
export class InterviewerStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  loadState(sessionId: string): { state: EngineState | null; pinnedBankId: string | null } {
    const row = this.db.prepare(`SELECT state_json, pinned_bank_id FROM interviewer_sessions WHERE session_id = ?`).get(sessionId) as
      { state_json: string; pinned_bank_id: string | null } | undefined;
    if (!row) return { state: null, pinnedBankId: null };
    const doc = JSON.parse(row.state_json) as unknown;
    if (doc === null || (typeof doc === 'object' && Object.keys(doc).length === 0))
      return { state: null, pinnedBankId: row.pinned_bank_id };
    const parsed = EngineStateSchema.safeParse(doc);
    if (!parsed.success) throw new AppError('internal', `The interviewer state of session ${sessionId} is damaged.`);
    return { state: parsed.data, pinnedBankId: row.pinned_bank_id };
  }

  saveState(sessionId: string, state: EngineState): void {
    const at = this.now().toISOString();
    this.db
      .prepare(
        `INSERT INTO interviewer_sessions (session_id, state_json, created_at, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (session_id) DO UPDATE SET state_json = excluded.state_json, updated_at = excluded.updated_at`,
      )
      .run(sessionId, JSON.stringify(state), at, at);
  }

  /** A practice session made from one bank question remembers it until the interview begins. */
  pin(sessionId: string, bankId: string): void {
    const at = this.now().toISOString();
    this.db
      .prepare(
        `INSERT INTO interviewer_sessions (session_id, state_json, pinned_bank_id, created_at, updated_at) VALUES (?, '{}', ?, ?, ?)`,
      )
      .run(sessionId, bankId, at, at);
  }

  insertTurn(t: NewTurn): number {
    const info = this.db
      .prepare(
        `INSERT INTO turns (session_id, question_id, role, text, follow_up_type, hidden_note, persona_json, trace_json, ts, t_ms, kind,
           question_ref, hint_level, interviewer)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        t.sessionId,
        t.questionId,
        t.role,
        t.text,
        t.followUpType,
        t.hiddenNote,
        t.persona ? JSON.stringify(t.persona) : null,
        t.trace ? JSON.stringify(t.trace) : null,
        t.ts,
        Math.round(t.tMs),
        t.kind,
        t.questionRef,
        t.hintLevel,
        // Who spoke it, for grouping a corpus by interviewer: the persona of the app's own interviewer.
        t.role === 'candidate' ? null : (t.persona?.name ?? null),
      );
    return Number(info.lastInsertRowid);
  }

  turn(id: number): TurnView {
    const row = this.db.prepare(`SELECT * FROM turns WHERE id = ?`).get(id) as TurnRow | undefined;
    if (!row) throw new AppError('not_found', `No turn ${id}.`);
    return toView(row);
  }

  transcript(sessionId: string): TurnView[] {
    return this.rows(sessionId).map(toView);
  }

  reviewTranscript(sessionId: string): ReviewTurn[] {
    return this.rows(sessionId).map((row) => {
      const trace = row.trace_json ? TurnTraceSchema.safeParse(JSON.parse(row.trace_json)) : null;
      const decision: Decision | null = trace?.success ? trace.data.decision : null;
      return {
        ...toView(row),
        hiddenNote: row.hidden_note,
        reason: decision?.reason ?? null,
        action: decision?.action ?? null,
        trace: trace?.success ? trace.data : null,
      };
    });
  }

  saveResults(sessionId: string, results: InterviewResults): void {
    this.db
      .prepare(
        `INSERT INTO interviewer_results (session_id, results_json, created_at) VALUES (?, ?, ?)
         ON CONFLICT (session_id) DO UPDATE SET results_json = excluded.results_json, created_at = excluded.created_at`,
      )
      .run(sessionId, JSON.stringify(results), this.now().toISOString());
  }

  results(sessionId: string): InterviewResults | null {
    const row = this.db.prepare(`SELECT results_json FROM interviewer_results WHERE session_id = ?`).get(sessionId) as
      { results_json: string } | undefined;
    if (!row) return null;
    const parsed = InterviewResultsSchema.safeParse(JSON.parse(row.results_json));
    if (!parsed.success) throw new AppError('internal', `The stored results of session ${sessionId} are damaged.`);
    return parsed.data;
  }

  /** Who asked the interviewer (and twin) turns of every session, and how many each: the corpus groups by it. */
  interviewerTurnsBySession(): Map<string, Array<{ name: string; turns: number }>> {
    const rows = this.db
      .prepare(
        `SELECT session_id, interviewer, COUNT(*) AS n FROM turns
         WHERE role IN ('interviewer', 'twin') AND interviewer IS NOT NULL GROUP BY session_id, interviewer`,
      )
      .all() as Array<{ session_id: string; interviewer: string; n: number }>;
    const out = new Map<string, Array<{ name: string; turns: number }>>();
    for (const r of rows) {
      const list = out.get(r.session_id) ?? [];
      list.push({ name: r.interviewer, turns: r.n });
      out.set(r.session_id, list);
    }
    for (const list of out.values()) list.sort((a, b) => b.turns - a.turns || a.name.localeCompare(b.name));
    return out;
  }

  /** Every turn of the session (twin turns too), with who spoke the interviewer's, in session-clock order. */
  spokenTurns(sessionId: string): SpokenTurn[] {
    const rows = this.db
      .prepare(`SELECT id, role, kind, text, ts, t_ms, follow_up_type, interviewer FROM turns WHERE session_id = ? ORDER BY t_ms, id`)
      .all(sessionId) as Array<{
      id: number;
      role: SpokenTurn['role'];
      kind: string | null;
      text: string;
      ts: string;
      t_ms: number;
      follow_up_type: FollowUpType | null;
      interviewer: string | null;
    }>;
    return rows.map((r) => ({
      id: r.id,
      role: r.role,
      kind: r.kind,
      text: r.text,
      ts: r.ts,
      tMs: r.t_ms,
      followUpType: r.follow_up_type,
      interviewer: r.interviewer,
    }));
  }

  /**
   * The interviewer's part of the session snapshot: every turn (candidate, interviewer and twin) in the
   * order of the session clock, its live state and its results.
   */
  snapshot(sessionId: string, refs: SnapshotRefs): Pick<SessionSnapshot, 'turns' | 'interviewerState' | 'results'> {
    const rows = this.db
      .prepare(
        `SELECT id, question_id, role, text, follow_up_type, hidden_note, persona_json, trace_json, ts, t_ms, kind, question_ref, hint_level,
           interviewer
         FROM turns WHERE session_id = ? ORDER BY t_ms, id`,
      )
      .all(sessionId) as Array<{
      id: number;
      question_id: string | null;
      role: TurnLine['role'];
      text: string;
      follow_up_type: TurnLine['followUpType'];
      hidden_note: string | null;
      persona_json: string | null;
      trace_json: string | null;
      ts: string;
      t_ms: number;
      kind: string | null;
      question_ref: string | null;
      hint_level: number | null;
      interviewer: string | null;
    }>;
    const turns = rows.map((t, i): TurnLine => {
      refs.turnIndex.set(t.id, i);
      return {
        questionId: t.question_id,
        role: t.role,
        text: t.text,
        followUpType: t.follow_up_type,
        hiddenNote: t.hidden_note,
        persona: t.persona_json === null ? null : (JSON.parse(t.persona_json) as unknown),
        trace: t.trace_json === null ? null : (JSON.parse(t.trace_json) as unknown),
        ts: t.ts,
        tMs: t.t_ms,
        kind: t.kind,
        questionRef: t.question_ref,
        hintLevel: t.hint_level,
        interviewer: t.interviewer,
      };
    });
    const state = this.db
      .prepare(`SELECT state_json, pinned_bank_id, created_at, updated_at FROM interviewer_sessions WHERE session_id = ?`)
      .get(sessionId) as { state_json: string; pinned_bank_id: string | null; created_at: string; updated_at: string } | undefined;
    const results = this.db.prepare(`SELECT results_json, created_at FROM interviewer_results WHERE session_id = ?`).get(sessionId) as
      { results_json: string; created_at: string } | undefined;
    return {
      turns,
      interviewerState: state
        ? {
            state: JSON.parse(state.state_json) as Record<string, unknown>,
            pinnedBankId: state.pinned_bank_id,
            createdAt: state.created_at,
            updatedAt: state.updated_at,
          }
        : null,
      results: results ? { results: JSON.parse(results.results_json) as Record<string, unknown>, createdAt: results.created_at } : null,
    };
  }

  /** Inserts turns inside the caller's transaction; a turn's question must be one of the session's own. */
  restoreTurns(lines: Iterable<TurnLine>, refs: RestoreRefs, where = 'turns'): void {
    const insert = this.db.prepare(
      `INSERT INTO turns (session_id, question_id, role, text, follow_up_type, hidden_note, persona_json, trace_json, ts, t_ms, kind,
         question_ref, hint_level, interviewer)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const t of lines) {
      const questionId = t.questionId === null ? null : refs.questionIds.get(t.questionId);
      if (questionId === undefined)
        throw new SnapshotError(`line ${refs.turnIds.length + 1} of ${where}`, 'points at a question the session does not have');
      const id = insert.run(
        refs.sessionId,
        questionId,
        t.role,
        t.text,
        t.followUpType,
        t.hiddenNote,
        t.persona === null ? null : JSON.stringify(t.persona),
        t.trace === null ? null : JSON.stringify(t.trace),
        t.ts,
        t.tMs,
        t.kind,
        t.questionRef,
        t.hintLevel,
        t.interviewer,
      ).lastInsertRowid;
      refs.turnIds.push(Number(id));
    }
  }

  /** The live state and the results, inside the caller's transaction (results name the session they are of). */
  restoreState(part: { interviewerState: InterviewerStatePart; results: ResultsPart }, refs: RestoreRefs): void {
    const { interviewerState: state, results } = part;
    if (state) {
      this.db
        .prepare(`INSERT INTO interviewer_sessions (session_id, state_json, pinned_bank_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`)
        .run(refs.sessionId, JSON.stringify(state.state), state.pinnedBankId, state.createdAt, state.updatedAt);
    }
    if (results) {
      const body = results.results.sessionId === refs.originalId ? { ...results.results, sessionId: refs.sessionId } : results.results;
      this.db
        .prepare(`INSERT INTO interviewer_results (session_id, results_json, created_at) VALUES (?, ?, ?)`)
        .run(refs.sessionId, JSON.stringify(body), results.createdAt);
    }
  }

  /** Merges the span of a turn's voice into its trace; false when the session has no such interviewer turn. */
  recordVoice(sessionId: string, turnId: number, voice: TurnVoice): boolean {
    const row = this.db
      .prepare(`SELECT trace_json FROM turns WHERE id = ? AND session_id = ? AND role = 'interviewer'`)
      .get(turnId, sessionId) as { trace_json: string | null } | undefined;
    if (!row?.trace_json) return false;
    const trace = TurnTraceSchema.safeParse(JSON.parse(row.trace_json));
    if (!trace.success) return false;
    this.db.prepare(`UPDATE turns SET trace_json = ? WHERE id = ?`).run(JSON.stringify({ ...trace.data, voice }), turnId);
    return true;
  }

  private rows(sessionId: string): TurnRow[] {
    return this.db
      .prepare(`SELECT * FROM turns WHERE session_id = ? AND role IN ('candidate', 'interviewer', 'twin') ORDER BY t_ms, id`)
      .all(sessionId) as TurnRow[];
  }
}

const KINDS = new Set(['opening', 'question', 'follow_up', 'hint', 'transition', 'closing', 'answer']);

function toView(row: TurnRow): TurnView {
  const persona = row.persona_json ? PersonaViewSchema.safeParse(JSON.parse(row.persona_json)) : null;
  const trace = row.trace_json ? TurnTraceSchema.safeParse(JSON.parse(row.trace_json)) : null;
  const role = row.role === 'candidate' ? 'candidate' : row.role === 'twin' ? 'twin' : 'interviewer';
  const kind = (row.kind && KINDS.has(row.kind) ? row.kind : role === 'candidate' ? 'answer' : 'question') as TurnKind;
  return {
    id: row.id,
    role,
    kind,
    text: row.text,
    ts: row.ts,
    tMs: row.t_ms,
    questionRef: row.question_ref,
    persona: persona?.success ? persona.data : null,
    followUpType: (row.follow_up_type as FollowUpType | null) ?? null,
    hintLevel: row.hint_level,
    source: role !== 'candidate' && trace?.success ? trace.data.source : null,
    fallbackReason: role !== 'candidate' && trace?.success ? trace.data.fallbackReason : null,
    ...(role !== 'candidate' && trace?.success && trace.data.prosody ? { prosody: trace.data.prosody } : {}),
  };
}
