import { z } from 'zod';
import type { EvalRunResult, EvalScores } from '../../../shared/twin/eval';
import type { Db } from '../store';

/** One evaluation run as stored (the trend is the list of them). */
export interface StoredEvalRun extends EvalRunResult {
  id: number;
  createdAt: string;
}

export interface TrainingEvent {
  at: string;
  level: string;
  message: string;
}

export interface TrainingJob {
  id: string;
  interviewer: string;
  endpoint: string;
  baseModel: string;
  status: string;
  fineTunedModel: string | null;
  error: string | null;
  trainingFile: string;
  validationFile: string | null;
  events: TrainingEvent[];
  createdAt: string;
  updatedAt: string;
}

const ScoresSchema = z.object({
  similarity: z.number(),
  styleAgreement: z.number(),
  followUpTypeAgreement: z.number(),
  safety: z.number(),
  embeddingCosine: z.number().nullable(),
  blocked: z.number(),
  meanLatencyMs: z.number(),
});
const EventsSchema = z.array(z.object({ at: z.string(), level: z.string(), message: z.string() }));

/** Terminal states of a fine-tuning job: nothing more will happen to it. */
export const TERMINAL_JOB_STATES = new Set(['succeeded', 'failed', 'cancelled']);

/** The twin's own tables (migration 0140): evaluation runs and fine-tuning jobs. */
export class TwinStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  addEvalRun(run: EvalRunResult): StoredEvalRun {
    const createdAt = this.now().toISOString();
    const info = this.db
      .prepare(
        `INSERT INTO twin_eval_runs (interviewer, created_at, mode, turns, test_sessions, twin_json, baseline_json, model)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        run.interviewer,
        createdAt,
        run.mode,
        run.turns,
        run.testSessions,
        JSON.stringify(run.twin),
        JSON.stringify(run.baseline),
        run.model,
      );
    return { ...run, id: Number(info.lastInsertRowid), createdAt };
  }

  /** Every run for an interviewer, oldest first. Rows whose scores do not parse are left out, not fatal. */
  evalRuns(interviewer: string): StoredEvalRun[] {
    const rows = this.db
      .prepare(
        `SELECT id, interviewer, created_at, mode, turns, test_sessions, twin_json, baseline_json, model
           FROM twin_eval_runs WHERE interviewer = ? COLLATE NOCASE ORDER BY created_at, id`,
      )
      .all(interviewer) as Array<{
      id: number;
      interviewer: string;
      created_at: string;
      mode: 'offline' | 'online';
      turns: number;
      test_sessions: number;
      twin_json: string;
      baseline_json: string;
      model: string | null;
    }>;
    const out: StoredEvalRun[] = [];
    for (const r of rows) {
      const twin = parseJson(r.twin_json, ScoresSchema);
      const baseline = parseJson(r.baseline_json, ScoresSchema);
      if (!twin || !baseline) continue;
      out.push({
        id: r.id,
        interviewer: r.interviewer,
        createdAt: r.created_at,
        mode: r.mode,
        turns: r.turns,
        testSessions: r.test_sessions,
        twin: twin as EvalScores,
        baseline: baseline as EvalScores,
        model: r.model,
      });
    }
    return out;
  }

  saveJob(job: Omit<TrainingJob, 'createdAt' | 'updatedAt'> & { createdAt?: string }): TrainingJob {
    const at = this.now().toISOString();
    const createdAt = job.createdAt ?? at;
    this.db
      .prepare(
        `INSERT INTO twin_training_jobs (id, interviewer, endpoint, base_model, status, fine_tuned_model, error, training_file,
                                         validation_file, events_json, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, fine_tuned_model = excluded.fine_tuned_model,
           error = excluded.error, events_json = excluded.events_json, updated_at = excluded.updated_at`,
      )
      .run(
        job.id,
        job.interviewer,
        job.endpoint,
        job.baseModel,
        job.status,
        job.fineTunedModel,
        job.error,
        job.trainingFile,
        job.validationFile,
        JSON.stringify(job.events),
        createdAt,
        at,
      );
    return { ...job, createdAt, updatedAt: at };
  }

  jobs(interviewer: string): TrainingJob[] {
    const rows = this.db
      .prepare(`SELECT * FROM twin_training_jobs WHERE interviewer = ? COLLATE NOCASE ORDER BY created_at, id`)
      .all(interviewer) as Array<Record<string, string | null>>;
    return rows.map((r) => ({
      id: r.id!,
      interviewer: r.interviewer!,
      endpoint: r.endpoint!,
      baseModel: r.base_model!,
      status: r.status!,
      fineTunedModel: r.fine_tuned_model ?? null,
      error: r.error ?? null,
      trainingFile: r.training_file!,
      validationFile: r.validation_file ?? null,
      events: parseJson(r.events_json ?? '[]', EventsSchema) ?? [],
      createdAt: r.created_at!,
      updatedAt: r.updated_at!,
    }));
  }

  /** The model the latest successful job produced: the twin's online model. */
  fineTunedModel(interviewer: string): string | null {
    return (
      (this.db
        .prepare(
          `SELECT fine_tuned_model FROM twin_training_jobs
            WHERE interviewer = ? COLLATE NOCASE AND status = 'succeeded' AND fine_tuned_model IS NOT NULL
            ORDER BY updated_at DESC, id DESC LIMIT 1`,
        )
        .pluck()
        .get(interviewer) as string | undefined) ?? null
    );
  }
}

function parseJson<T>(text: string, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
