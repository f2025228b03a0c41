import type { InterviewConfig } from '../config/interview-config';
import { currentItem, newEngineState, type EngineState } from './engine';
import { seededIndex } from './phrase';
import type { BankQuestion } from './question-bank';
import { GENERIC_HINTS, planAgenda, rubricKindOf, type AgendaItem } from './selection';

/**
 * An interview rebuilt from a plain transcript, so a reply can be made from the history alone (the CLI's
 * `interviewer next`, a twin's respond and its evaluation are all stateless this way).
 */
export interface ReplayTurn {
  role: 'interviewer' | 'candidate' | 'twin';
  text: string;
  /** The session clock of the turn, when known; otherwise it is estimated from speaking pace. */
  offsetMs?: number;
}

/**
 * The agenda is the bank plan for this config (seeded by the config, so the same files always give the
 * same plan); an interviewer turn that contains an agenda question moves the interview there; the first
 * interviewer turn, if it asks something not in the plan, becomes the first question; other interviewer
 * turns count as follow-ups on the open question.
 */
export function rebuildInterview(
  config: InterviewConfig,
  turns: readonly ReplayTurn[],
  bank: readonly BankQuestion[],
): { state: EngineState; clock: number[] } {
  const seed = `cli:${seededIndex(JSON.stringify(config), 1_000_000_007)}`;
  let agenda: AgendaItem[] = planAgenda({ bank, config, sessionQuestions: [], seed });
  const firstInterviewer = turns.find((t) => t.role !== 'candidate');
  if (firstInterviewer && !agenda.some((a) => firstInterviewer.text.includes(a.text))) {
    const category =
      config.interviewType === 'behavioral' ? 'behavioral' : config.interviewType === 'system_design' ? 'system_design' : 'technical';
    const kind = rubricKindOf(category, null);
    agenda = [
      {
        id: 'q1',
        title: 'Question from the transcript',
        text: firstInterviewer.text,
        category,
        rubricKind: kind,
        difficulty: config.difficulty,
        source: 'session',
        bankId: null,
        sessionQuestionId: null,
        hints: GENERIC_HINTS[kind],
        keywords: [],
        skills: [],
        followUps: [],
        bankRubric: null,
        sampleAnswer: null,
        timeMinutes: 10,
      },
      ...agenda.map((a, i) => ({ ...a, id: `q${i + 2}` })),
    ];
  }
  const clock = estimateClock(turns);
  const state = newEngineState(agenda, seed, clock[0] ?? 0);
  let seenFirst = false;
  turns.forEach((t, i) => {
    const at = clock[i]!;
    if (t.role !== 'candidate') {
      const k = state.agenda.findIndex((a, idx) => idx > state.current && t.text.includes(a.text));
      if (k > state.current) {
        state.current = k;
        state.progress[k]!.askedAtMs = at;
      } else if (seenFirst) {
        const item = currentItem(state);
        const progress = state.progress[state.current]!;
        if (item.hints.some((h) => t.text.includes(h))) progress.hintsUsed = Math.min(item.hints.length, progress.hintsUsed + 1);
        else progress.followUpsAsked.push('clarification');
      }
      seenFirst = true;
      state.memory.said.push(
        t.text
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, ' ')
          .trim(),
      );
    } else {
      state.progress[state.current]!.answers.push(t.text);
    }
    state.lastOffsetMs = at;
  });
  return { state, clock };
}

/** Session clock per turn: the given offsets, else speaking pace (about 130 words a minute, plus a pause). */
export function estimateClock(turns: readonly ReplayTurn[]): number[] {
  let t = 0;
  return turns.map((turn) => {
    if (turn.offsetMs !== undefined) t = Math.max(t, turn.offsetMs);
    else t += Math.round((turn.text.split(/\s+/).length / 130) * 60_000) + (turn.role === 'candidate' ? 5_000 : 2_000);
    return t;
  });
}

/**
 * The rebuilt interview ready to decide on its last turn (the candidate's answer): `decide` records the
 * answer it decides on, so it is taken back out of the replayed progress here.
 */
export function replayForAnswer(
  config: InterviewConfig,
  turns: readonly ReplayTurn[],
  bank: readonly BankQuestion[],
): { state: EngineState; answer: string; offsetMs: number } {
  const last = turns.at(-1);
  if (!last || last.role !== 'candidate') throw new Error('the last turn must be the candidate answer to respond to');
  const { state, clock } = rebuildInterview(config, turns, bank);
  state.progress[state.current]!.answers.pop();
  return { state, answer: last.text, offsetMs: clock.at(-1)! };
}
