import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { InterviewConfig } from '../../../shared/config/interview-config';
import { DIFFICULTIES } from '../../../shared/config/interview-config';
import { EDITOR_LANGUAGES, QUESTION_CATEGORIES, type QuestionCategory } from '../../../shared/session/model';
import { describeIssues, issuesFromZod } from '../../../shared/util/issues';

const CatalogQuestionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  category: z.enum(QUESTION_CATEGORIES),
  difficulty: z.enum(DIFFICULTIES),
  title: z.string().min(1),
  prompt: z.string().min(1),
  examples: z.array(z.strictObject({ input: z.string(), output: z.string(), explanation: z.string().optional() })),
  constraints: z.array(z.string()),
  starterCode: z.partialRecord(z.enum(EDITOR_LANGUAGES), z.string()),
});
const CatalogFileSchema = z.strictObject({
  version: z.literal(1),
  description: z.string(),
  questions: z.array(CatalogQuestionSchema).min(1),
});
export type CatalogQuestion = z.infer<typeof CatalogQuestionSchema>;

export const STARTER_SET_FILE = join('questions', 'starter-set.json');

/** Reads and validates the question file shipped in `resources/`. A broken file is a clear error, not a blank room. */
export function loadCatalog(resourcesDir: string): CatalogQuestion[] {
  const file = join(resourcesDir, STARTER_SET_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`Cannot read the question set at ${file}: ${(err as Error).message}`, { cause: err });
  }
  const parsed = CatalogFileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`The question set at ${file} is invalid: ${describeIssues(issuesFromZod(parsed.error, raw))}`);
  const ids = new Set<string>();
  for (const q of parsed.data.questions) {
    if (ids.has(q.id)) throw new Error(`The question set at ${file} has the id "${q.id}" twice`);
    ids.add(q.id);
  }
  return parsed.data.questions;
}

const CATEGORIES_BY_TYPE: Record<InterviewConfig['interviewType'], QuestionCategory[]> = {
  technical_coding: ['coding'],
  system_design: ['system_design'],
  behavioral: ['behavioral'],
  mixed: ['coding', 'behavioral'],
};

/** Small stable hash so the same session always gets the same questions, and sessions differ. */
function seededIndex(seed: string, n: number): number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return (h >>> 0) % n;
}

/**
 * Picks the session's questions: one per category the interview type calls for, preferring the
 * configured difficulty and falling back to the nearest one.
 */
export function pickQuestions(catalog: CatalogQuestion[], config: InterviewConfig, seed: string): CatalogQuestion[] {
  const wanted = DIFFICULTIES.indexOf(config.difficulty);
  return CATEGORIES_BY_TYPE[config.interviewType].flatMap((category) => {
    const pool = catalog.filter((q) => q.category === category);
    if (pool.length === 0) return [];
    const best = Math.min(...pool.map((q) => Math.abs(DIFFICULTIES.indexOf(q.difficulty) - wanted)));
    const candidates = pool.filter((q) => Math.abs(DIFFICULTIES.indexOf(q.difficulty) - wanted) === best);
    return [candidates[seededIndex(`${seed}:${category}`, candidates.length)]!];
  });
}
