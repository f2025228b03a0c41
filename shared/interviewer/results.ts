import type { InterviewConfig } from '../config/interview-config';
import type { InterviewResults, ReplySource } from './model';
import { scoreQuestion, scoreSession, type ScoredQuestion } from './scoring';
import { mentionsSkill } from './skills';

export interface ResultsInput {
  sessionId: string;
  config: Pick<InterviewConfig, 'mode' | 'requiredSkills'>;
  questions: readonly ScoredQuestion[];
  followUps: number;
  durationMs: number;
  generatedAt: string;
}

export const PRACTICE_NOTE =
  'Practice mode: answers are not graded. Below is coaching feedback on each answer and what to work on next; run a graded interview for scores.';

/**
 * The offline results of an interview. Practice mode computes the same signals for its advice but
 * shows no scores: practice is not graded (docs/interviewer.md, "Scoring").
 */
export function offlineResults(
  input: ResultsInput,
  scoredBy: ReplySource = 'offline',
  fallbackReason: string | null = null,
): InterviewResults {
  const asked = input.questions;
  const full = asked.map((q) => scoreQuestion(q, true));
  const allText = asked.flatMap((q) => q.answers).join('\n');
  const session = scoreSession(full, input.config.requiredSkills, allText);
  const stats = {
    questionsAsked: asked.length,
    answers: asked.reduce((n, q) => n + q.answers.length, 0),
    followUps: input.followUps,
    hintsUsed: asked.reduce((n, q) => n + q.hintsUsed, 0),
    durationMs: Math.max(0, Math.round(input.durationMs)),
    skillsCovered: input.config.requiredSkills.filter((s) => mentionsSkill(allText, s.name)).map((s) => s.name),
    skillsMissing: input.config.requiredSkills.filter((s) => !mentionsSkill(allText, s.name)).map((s) => s.name),
  };
  const base = {
    sessionId: input.sessionId,
    generatedAt: input.generatedAt,
    scoredBy,
    fallbackReason,
    stats,
    strengths: session.strengths,
    improvements: session.improvements,
  };
  if (input.config.mode === 'practice') {
    return { ...base, graded: false, note: PRACTICE_NOTE, answers: asked.map((q) => scoreQuestion(q, false)) };
  }
  return {
    ...base,
    graded: true,
    overall: session.overall,
    criteria: session.criteria,
    categories: session.categories,
    dimensions: session.dimensions,
    answers: full,
  };
}
