import { z } from 'zod';
import { parseInterviewConfig, type InterviewConfig } from '../../shared/config/interview-config';
import { AppError } from '../../shared/ipc/result';
import { currentItem, decide, followUpCount, newEngineState, scoredQuestions, type EngineState } from '../../shared/interviewer/engine';
import type { Decision } from '../../shared/interviewer/model';
import { seededIndex } from '../../shared/interviewer/phrase';
import { templatePhrasing } from '../../shared/interviewer/phrasing';
import type { PromptTurn } from '../../shared/interviewer/prompt';
import { scoreInterview } from '../../shared/interviewer/scoring-pipeline';
import { GENERIC_HINTS, planAgenda, rubricKindOf, type AgendaItem } from '../../shared/interviewer/selection';
import { prepareTurn, respond, type PhrasingStrategy, type TurnReply } from '../../shared/interviewer/turn-pipeline';
import { issuesFromZod } from '../../shared/util/issues';
import type { AppServices } from '../services';
import { modelFor, phrasingFor, resolveProvider } from '../services/interviewer';
import { loadQuestionBank } from '../services/questions';
import { readJson, type CliIo } from './io';

/** The CLI has no OS keychain: a key for a remote endpoint comes from this variable. */
export const API_KEY_ENV = 'INTERVIEW_RECORDER_API_KEY';

export const INTERVIEWER_USAGE = `Interviewer (CONFIG: an interview config JSON; TURNS: [{ "role": "interviewer" | "candidate", "text": "…" }],
the last one the candidate's answer; an optional "offsetMs" per turn gives the session clock, otherwise
time is estimated from speaking pace)
  interviewer next --config CONFIG --transcript TURNS [--offline]
                                   Decide and phrase the interviewer's next turn; prints
                                   { action, followUpType, reason, text, hiddenNote, source, fallbackReason }
  interviewer score --config CONFIG --transcript TURNS [--offline]
                                   Score the interview (practice configs get feedback without grades)
                                   Without --offline the model from the app's settings is used when it is
                                   reachable (a remote endpoint needs $${API_KEY_ENV}); any failure falls back.`;

const TurnsSchema = z
  .array(
    z.strictObject({
      role: z.enum(['interviewer', 'candidate'], { error: () => 'must be "interviewer" or "candidate"' }),
      text: z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(20_000),
      offsetMs: z.number().finite().min(0).optional(),
    }),
    { error: 'must be an array of turns' },
  )
  .min(1, 'needs at least one turn');
type Turn = z.infer<typeof TurnsSchema>[number];

export interface InterviewerCliOptions {
  config?: string;
  transcript?: string;
  offline: boolean;
  /** Where the shipped question bank lives. */
  resourcesDir: string;
}

type Out = (value: unknown) => void;

/** `interviewer next|score`. Returns a number when it finishes at once (offline), a promise when it asks a model. */
export function interviewerCommand(
  open: () => AppServices,
  command: string | undefined,
  args: string[],
  options: InterviewerCliOptions,
  io: CliIo,
): number | Promise<number> {
  if (command !== 'next' && command !== 'score')
    throw new AppError(
      'invalid_input',
      `expected: interview-recorder interviewer next|score --config CONFIG --transcript TURNS [--offline]`,
    );
  if (args.length > 0) throw new AppError('invalid_input', `unexpected argument "${args[0]}"`);
  if (!options.config) throw new AppError('invalid_input', `interviewer ${command} needs --config CONFIG`);
  if (!options.transcript) throw new AppError('invalid_input', `interviewer ${command} needs --transcript TURNS`);
  const out: Out = (value) => io.stdout(`${JSON.stringify(value, null, 2)}\n`);

  const configParse = parseInterviewConfig(readJson(options.config, io));
  if (!configParse.ok) return invalid(io, out, 'config', configParse.issues);
  const raw = readJson(options.transcript, io);
  const turns = TurnsSchema.safeParse(raw);
  if (!turns.success) return invalid(io, out, 'transcript', issuesFromZod(turns.error, raw));
  if (command === 'next' && turns.data.at(-1)!.role !== 'candidate') {
    return invalid(io, out, 'transcript', [
      { field: `[${turns.data.length - 1}].role`, message: 'the last turn must be the candidate answer to respond to' },
    ]);
  }

  const config = configParse.config;
  const bank = loadQuestionBank(options.resourcesDir).all();
  // Offline needs no data directory at all; online reads the provider from the app's settings.
  const provider = options.offline ? null : cliProvider(open(), io);
  const replay = rebuild(config, turns.data, bank);

  if (command === 'next') {
    const answer = turns.data.at(-1)!;
    // `decide` records the answer it decides on, so it must not already be counted.
    replay.state.progress[replay.state.current]!.answers.pop();
    const { decision, reply } = nextTurn({
      config,
      state: replay.state,
      answer: answer.text,
      offsetMs: replay.clock.at(-1)!,
      history: turns.data.map((t) => ({ role: t.role, text: t.text })),
      phrasing: provider ? phrasingFor(provider, config) : templatePhrasing('offline requested (--offline)'),
    });
    return settle(reply, ({ text, trace }) => {
      const { action, followUpType, reason, hiddenNote } = decision;
      out({ action, followUpType, reason, text, hiddenNote, source: trace.source, fallbackReason: trace.fallbackReason });
      return 0;
    });
  }

  // score: every candidate turn belongs to the question open when it was said.
  const results = scoreInterview(
    {
      sessionId: 'cli',
      config,
      questions: scoredQuestions(replay.state),
      followUps: followUpCount(replay.state),
      durationMs: replay.clock.at(-1)! - replay.clock[0]!,
      generatedAt: new Date().toISOString(),
    },
    provider ? modelFor(provider, config) : null,
    provider && !provider.online ? provider.reason : null,
  );
  return settle(results, (r) => {
    out(r);
    return 0;
  });
}

/**
 * `interviewer next` once the interview is rebuilt: the policy's decision on the answer and the turn
 * pipeline's reply to it, exactly as the app's InterviewerService makes them.
 */
export function nextTurn(input: {
  config: InterviewConfig;
  state: EngineState;
  answer: string;
  offsetMs: number;
  history: PromptTurn[];
  phrasing: PhrasingStrategy;
}): { decision: Decision; reply: TurnReply | Promise<TurnReply> } {
  const { config, state, history } = input;
  const decision = decide(state, config, input.answer, input.offsetMs);
  return { decision, reply: respond(prepareTurn({ config, state, decision, history, requestId: null }), input.phrasing) };
}

/** Offline work finishes at once (the exit code is a number); work that waits on a model, later. */
function settle<T>(value: T | Promise<T>, done: (value: T) => number): number | Promise<number> {
  return value instanceof Promise ? value.then(done) : done(value);
}

function cliProvider(services: AppServices, io: CliIo) {
  const apiKey = io.env[API_KEY_ENV];
  const settings = services.settings.section('interviewer');
  // The OS keychain is only reachable from the app: here the key comes from the environment or not at all.
  return resolveProvider(settings, null, apiKey ? { apiKey } : {});
}

/**
 * Rebuilds the interview from a plain transcript: the agenda is the bank plan for this config (seeded by
 * the config, so the same files always give the same plan); an interviewer turn that contains an agenda
 * question moves the interview there; the first interviewer turn, if it asks something not in the plan,
 * becomes the first question; other interviewer turns count as follow-ups on the open question.
 */
function rebuild(
  config: InterviewConfig,
  turns: Turn[],
  bank: ReturnType<ReturnType<typeof loadQuestionBank>['all']>,
): { state: EngineState; clock: number[] } {
  const seed = `cli:${seededIndex(JSON.stringify(config), 1_000_000_007)}`;
  let agenda: AgendaItem[] = planAgenda({ bank, config, sessionQuestions: [], seed });
  const firstInterviewer = turns.find((t) => t.role === 'interviewer');
  if (firstInterviewer && !agenda.some((a) => firstInterviewer.text.includes(a.text))) {
    const kind = rubricKindOf(
      config.interviewType === 'behavioral' ? 'behavioral' : config.interviewType === 'system_design' ? 'system_design' : 'technical',
      null,
    );
    agenda = [
      {
        id: 'q1',
        title: 'Question from the transcript',
        text: firstInterviewer.text,
        category:
          config.interviewType === 'behavioral' ? 'behavioral' : config.interviewType === 'system_design' ? 'system_design' : 'technical',
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
    if (t.role === 'interviewer') {
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
function estimateClock(turns: Turn[]): number[] {
  let t = 0;
  return turns.map((turn) => {
    if (turn.offsetMs !== undefined) t = Math.max(t, turn.offsetMs);
    else t += Math.round((turn.text.split(/\s+/).length / 130) * 60_000) + (turn.role === 'candidate' ? 5_000 : 2_000);
    return t;
  });
}

function invalid(io: CliIo, out: Out, what: string, issues: Array<{ field: string; message: string }>): number {
  out({ ok: false, errors: issues.map((i) => ({ file: what, field: i.field, message: i.message })) });
  io.stderr(`error: invalid ${what}: ${issues.map((i) => `${i.field || '(root)'}: ${i.message}`).join('; ')}\n`);
  return 2;
}
