import { z } from 'zod';
import type { InterviewConfig } from '../config/interview-config';
import { FOLLOW_UP_TYPES, SCORED_KINDS, type AgendaQuestionView, type Decision, type PersonaView } from './model';
import { phrase, phraseOpening, type Phrased } from './phrase';
import { personaForQuestion, firstName } from './personas';
import { policy, type PolicyState } from './policy';
import { categoryLabel, type AgendaItem } from './selection';
import type { ScoredQuestion } from './scoring';
import type { TestEvidence } from '../judge/evidence';
import { filterReply, type SafetyVerdict } from './safety';

/**
 * The interview as a pure state machine over a stored JSON document: the agenda, where the
 * interview is, what was asked and said per question, and the phrase memory. The service persists
 * it after every step; the CLI rebuilds it from a transcript. No I/O here.
 */
const AgendaItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  category: z.string(),
  rubricKind: z.enum(SCORED_KINDS),
  difficulty: z.string(),
  source: z.enum(['session', 'bank', 'generated']),
  bankId: z.string().nullable(),
  sessionQuestionId: z.string().nullable(),
  hints: z.array(z.string()),
  keywords: z.array(z.string()),
  skills: z.array(z.string()),
  followUps: z.array(z.object({ type: z.enum(FOLLOW_UP_TYPES), text: z.string() })),
  bankRubric: z.enum(['star', 'technical', 'system_design', 'coding', 'general']).nullable(),
  sampleAnswer: z.string().nullable(),
  timeMinutes: z.number(),
});

const QuestionProgressSchema = z.object({
  askedAtMs: z.number().nullable(),
  hintsUsed: z.number().int().min(0),
  followUpsAsked: z.array(z.enum(FOLLOW_UP_TYPES)),
  answers: z.array(z.string()),
  /** Test failures already asked about (docs/judge.md); absent from states saved before the judge. */
  testsAsked: z.array(z.string()).default([]),
});

export const EngineStateSchema = z.object({
  version: z.literal(1),
  seed: z.string(),
  status: z.enum(['in_progress', 'ended']),
  agenda: z.array(AgendaItemSchema),
  progress: z.array(QuestionProgressSchema),
  current: z.number().int().min(0),
  skillsProbed: z.array(z.string()),
  memory: z.object({ said: z.array(z.string()) }),
  lastOffsetMs: z.number().min(0),
  endedAtMs: z.number().nullable(),
});
export type EngineState = z.infer<typeof EngineStateSchema>;

export function newEngineState(agenda: AgendaItem[], seed: string, offsetMs: number): EngineState {
  if (agenda.length === 0) throw new Error('The interview has no questions to ask');
  return {
    version: 1,
    seed,
    status: 'in_progress',
    agenda,
    progress: agenda.map((_, i) => ({
      askedAtMs: i === 0 ? offsetMs : null,
      hintsUsed: 0,
      followUpsAsked: [],
      answers: [],
      testsAsked: [],
    })),
    current: 0,
    skillsProbed: [],
    memory: { said: [] },
    lastOffsetMs: offsetMs,
    endedAtMs: null,
  };
}

export function currentItem(state: EngineState): AgendaItem {
  return state.agenda[state.current]!;
}

export function nextItem(state: EngineState): AgendaItem | null {
  return state.agenda[state.current + 1] ?? null;
}

export function personaFor(config: InterviewConfig, questionIndex: number): PersonaView {
  return personaForQuestion(config.personas, questionIndex);
}

export function agendaView(state: EngineState, index: number): AgendaQuestionView {
  const item = state.agenda[index]!;
  return {
    id: item.id,
    ordinal: index,
    title: item.title,
    text: item.text,
    category: item.category,
    rubricKind: item.rubricKind,
    difficulty: item.difficulty,
    source: item.source,
    bankId: item.bankId,
    sessionQuestionId: item.sessionQuestionId,
    hintCount: item.hints.length,
    hintsUsed: state.progress[index]!.hintsUsed,
  };
}

export function opening(state: EngineState, config: InterviewConfig): Phrased {
  const personas = config.personas.map((_, i) => personaFor(config, i));
  return phraseOpening(personas, {
    candidateName: firstName(config.candidateName),
    jobTitle: config.jobTitle,
    durationMinutes: config.durationMinutes,
    mode: config.mode,
    firstQuestion: currentItem(state).text,
    memory: state.memory,
    seed: state.seed,
  });
}

export function policyState(state: EngineState, config: InterviewConfig, offsetMs: number, tests: TestEvidence | null = null): PolicyState {
  const item = currentItem(state);
  const progress = state.progress[state.current]!;
  const next = nextItem(state);
  return {
    config,
    style: personaFor(config, state.current).style,
    question: {
      ref: item.id,
      text: item.text,
      category: item.category,
      rubricKind: item.rubricKind,
      hintCount: item.hints.length,
      hintsUsed: progress.hintsUsed,
      followUpsAsked: progress.followUpsAsked,
      askedAtMs: progress.askedAtMs ?? 0,
      testsAsked: progress.testsAsked,
    },
    next: next ? { category: next.category, rubricKind: next.rubricKind } : null,
    questionsRemaining: state.agenda.length - state.current - 1,
    plannedQuestions: state.agenda.length,
    elapsedMs: offsetMs,
    earlierAnswers: state.progress.flatMap((p) => p.answers),
    skillsProbed: state.skillsProbed,
    tests,
  };
}

/** Records the answer and decides what comes next (nothing is applied yet). */
export function decide(
  state: EngineState,
  config: InterviewConfig,
  answer: string,
  offsetMs: number,
  tests: TestEvidence | null = null,
): Decision {
  const decision = policy(policyState(state, config, offsetMs, tests), answer);
  state.progress[state.current]!.answers.push(answer);
  state.lastOffsetMs = Math.max(state.lastOffsetMs, offsetMs);
  return decision;
}

/** The persona who speaks a reply: the next question's interviewer when the agenda moves on. */
export function speakerFor(state: EngineState, config: InterviewConfig, decision: Decision): PersonaView {
  const moves = decision.action === 'next_question' || decision.action === 'topic_shift';
  return personaFor(config, moves ? state.current + 1 : state.current);
}

export interface ReplyPlan {
  /** What a move asks next, verbatim. */
  nextQuestionText?: string;
  hintText?: string;
  hintLevel?: number;
}

export function replyPlan(state: EngineState, decision: Decision): ReplyPlan {
  if (decision.action === 'hint') {
    const item = currentItem(state);
    const level = state.progress[state.current]!.hintsUsed + 1;
    return { hintText: item.hints[level - 1] ?? item.hints.at(-1), hintLevel: Math.min(level, item.hints.length) };
  }
  if (decision.action === 'next_question' || decision.action === 'topic_shift') return { nextQuestionText: nextItem(state)?.text };
  return {};
}

/** The offline wording of a decision, run through the safety filter like any reply. */
export function offlineReply(state: EngineState, config: InterviewConfig, decision: Decision): Phrased & { safety: SafetyVerdict } {
  const plan = replyPlan(state, decision);
  const item = currentItem(state);
  const target = plan.nextQuestionText ? nextItem(state)! : item;
  const speaker = speakerFor(state, config, decision);
  const suggested = decision.followUpType ? item.followUps.find((f) => f.type === decision.followUpType)?.text : undefined;
  const said = phrase(decision, speaker, {
    memory: state.memory,
    questionText: plan.nextQuestionText ?? item.text,
    topic: categoryLabel(target.category).toLowerCase(),
    candidateName: firstName(config.candidateName),
    hintText: plan.hintText,
    // A bank follow-up is about the question itself; a skill-targeted decision needs its own wording.
    suggestedFollowUp: decision.skill && decision.followUpType !== 'depth' && decision.followUpType !== 'example' ? undefined : suggested,
    mode: config.mode,
    seed: state.seed,
  });
  const safety = filterReply(said.text, safeFallback(state));
  return { ...said, text: safety.text, safety };
}

/** What to say instead of a blocked reply: return to the question at hand. */
export function safeFallback(state: EngineState): string {
  const item = currentItem(state);
  return `Let's stay with the question. ${item.text}`;
}

/** Applies a decision once its reply has been said. Returns the hint level for hints. */
export function applyDecision(state: EngineState, decision: Decision, offsetMs: number): { hintLevel: number | null } {
  const progress = state.progress[state.current]!;
  state.lastOffsetMs = Math.max(state.lastOffsetMs, offsetMs);
  switch (decision.action) {
    case 'follow_up':
      progress.followUpsAsked.push(decision.followUpType!);
      if (decision.rule === 'hidden_test_failed' || decision.rule === 'performance_test_failed') {
        const failing = decision.tests?.failing.find((f) =>
          decision.rule === 'performance_test_failed'
            ? f.kind === 'performance'
            : f.kind === 'hidden' && !progress.testsAsked.includes(f.category ?? f.name),
        );
        progress.testsAsked.push(
          decision.rule === 'performance_test_failed' ? 'performance' : (failing?.category ?? failing?.name ?? 'hidden'),
        );
      }
      if (decision.skill && !state.skillsProbed.includes(decision.skill)) state.skillsProbed.push(decision.skill);
      return { hintLevel: null };
    case 'hint':
      progress.hintsUsed = Math.min(progress.hintsUsed + 1, currentItem(state).hints.length);
      return { hintLevel: progress.hintsUsed };
    case 'next_question':
    case 'topic_shift':
      if (state.current + 1 < state.agenda.length) {
        state.current += 1;
        state.progress[state.current]!.askedAtMs = offsetMs;
      }
      return { hintLevel: null };
    case 'end':
      state.status = 'ended';
      state.endedAtMs = offsetMs;
      return { hintLevel: null };
  }
}

/** A hint asked for with the Hint button: the next level, or null when all are used. */
export function hintDecision(state: EngineState): Decision | null {
  const item = currentItem(state);
  const used = state.progress[state.current]!.hintsUsed;
  if (used >= item.hints.length) return null;
  return {
    action: 'hint',
    followUpType: null,
    rule: 'hint_button',
    reason: `The candidate pressed Hint; level ${used + 1} of ${item.hints.length}.`,
    hiddenNote: `Hint ${used + 1}/${item.hints.length} on ${item.id} after ${state.progress[state.current]!.answers.length} answer(s).`,
    skill: null,
    pace: null,
  };
}

/** An end the candidate or the clock asked for. */
export function endDecision(reason: 'candidate' | 'time_up'): Decision {
  return {
    action: 'end',
    followUpType: null,
    rule: reason === 'time_up' ? 'time_up' : 'ended_by_candidate',
    reason: reason === 'time_up' ? 'The scheduled time is over.' : 'The candidate ended the interview.',
    hiddenNote: reason === 'time_up' ? 'Ended by the clock.' : 'Ended from the room before the agenda was finished.',
    skill: null,
    pace: null,
  };
}

/** The asked questions with everything said, for scoring. */
export function scoredQuestions(state: EngineState): ScoredQuestion[] {
  return state.agenda.flatMap((item, i) => {
    const p = state.progress[i]!;
    if (p.askedAtMs === null) return [];
    return [
      {
        ref: item.id,
        text: item.text,
        rubricKind: item.rubricKind,
        keywords: item.keywords,
        skills: item.skills,
        hintsUsed: p.hintsUsed,
        answers: p.answers,
      },
    ];
  });
}

export function followUpCount(state: EngineState): number {
  return state.progress.reduce((n, p) => n + p.followUpsAsked.length, 0);
}
