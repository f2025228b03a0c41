import { z } from 'zod';
import { parseInterviewConfig, type InterviewConfig } from '../../shared/config/interview-config';
import { AppError } from '../../shared/ipc/result';
import { decide, followUpCount, scoredQuestions, type EngineState } from '../../shared/interviewer/engine';
import type { Decision } from '../../shared/interviewer/model';
import { templatePhrasing } from '../../shared/interviewer/phrasing';
import type { PromptTurn } from '../../shared/interviewer/prompt';
import { scoreInterview } from '../../shared/interviewer/scoring-pipeline';
import { rebuildInterview } from '../../shared/interviewer/replay-state';
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
  const replay = rebuildInterview(config, turns.data, bank);

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

function invalid(io: CliIo, out: Out, what: string, issues: Array<{ field: string; message: string }>): number {
  out({ ok: false, errors: issues.map((i) => ({ file: what, field: i.field, message: i.message })) });
  io.stderr(`error: invalid ${what}: ${issues.map((i) => `${i.field || '(root)'}: ${i.message}`).join('; ')}\n`);
  return 2;
}
