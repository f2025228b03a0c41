import type { InterviewConfig } from '../../../shared/config/interview-config';
import { DIFFICULTIES } from '../../../shared/config/interview-config';
import type { SessionQuestionSource } from '../../../shared/interviewer/question-bank';
import type { QuestionCategory } from '../../../shared/session/model';
import { loadQuestionBank } from './bank-loader';

/** A question as a session stores it: the candidate-facing part of a bank question. */
export type CatalogQuestion = SessionQuestionSource;

/** Loads the shipped bank (a broken bank is a clear error, not a blank room) and returns its candidate-facing questions. */
export function loadCatalog(resourcesDir: string): CatalogQuestion[] {
  return loadQuestionBank(resourcesDir).catalog();
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
