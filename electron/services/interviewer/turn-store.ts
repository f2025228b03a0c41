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
} from '../../../shared/interviewer/model';
import type { Db } from '../store';

export interface NewTurn {
  sessionId: string;
  role: 'candidate' | 'interviewer';
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
        `INSERT INTO turns (session_id, question_id, role, text, follow_up_type, hidden_note, persona_json, trace_json, ts, t_ms, kind, question_ref, hint_level)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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

  private rows(sessionId: string): TurnRow[] {
    return this.db
      .prepare(`SELECT * FROM turns WHERE session_id = ? AND role IN ('candidate', 'interviewer') ORDER BY t_ms, id`)
      .all(sessionId) as TurnRow[];
  }
}

const KINDS = new Set(['opening', 'question', 'follow_up', 'hint', 'transition', 'closing', 'answer']);

function toView(row: TurnRow): TurnView {
  const persona = row.persona_json ? PersonaViewSchema.safeParse(JSON.parse(row.persona_json)) : null;
  const trace = row.trace_json ? TurnTraceSchema.safeParse(JSON.parse(row.trace_json)) : null;
  const role = row.role === 'candidate' ? 'candidate' : 'interviewer';
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
    source: role === 'interviewer' && trace?.success ? trace.data.source : null,
    fallbackReason: role === 'interviewer' && trace?.success ? trace.data.fallbackReason : null,
  };
}
