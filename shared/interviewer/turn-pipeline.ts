import type { InterviewConfig } from '../config/interview-config';
import { asModelError, failureReason, ModelError } from './chat-model';
import { currentItem, offlineReply, replyPlan, safeFallback, speakerFor, type EngineState, type ReplyPlan } from './engine';
import type { Decision, PersonaView, ReplySource, TurnKind, TurnTrace } from './model';
import { rememberSaid, type Phrased } from './phrase';
import type { PromptTurn } from './prompt';
import { checkModelReply } from './reply-check';
import { filterReply, SafeStreamer, type SafetyVerdict } from './safety';
import type { AgendaItem } from './selection';
import { splitSentences } from '../voice/chunk';
import { prosodyFor } from '../voice/prosody';

/**
 * One interviewer turn, in stages (docs/interviewer.md, "The turn pipeline"):
 *
 *   policy   `decide` (engine.ts) on an answer, or `hintDecision` / `endDecision`
 *   prepare  `prepareTurn`: the context every later stage reads, with the templates' wording as fallback
 *   phrase   a PhrasingStrategy (phrasing.ts): the templates, or a model, streamed
 *   check    `checkModelReply`: phrased words must do what the decision asked
 *   safety   SafeStreamer while streaming, `filterReply` on the whole reply
 *   trace    the TurnTrace that says how the words came about, and why any fallback happened
 *
 * The app's InterviewerService and the CLI both run `prepareTurn` + `respond`, so a change to a
 * stage reaches both. No I/O here: the model is whatever the phrasing strategy holds.
 */
export interface TurnInput {
  config: InterviewConfig;
  /** The interview with the decision not yet applied. Phrasing records what was said in its memory. */
  state: EngineState;
  decision: Decision;
  /** The conversation so far, oldest first, ending with the answer being responded to. */
  history: readonly PromptTurn[];
  /** Ties streamed tokens and the trace to the request that asked for the turn. */
  requestId: string | null;
  /** Milliseconds on a monotonic clock, for the trace's latency. */
  now?: () => number;
}

/**
 * What the stages share. Stages added between `prepareTurn` and phrasing (a twin's style controls,
 * retrieval of its past turns) return it extended with their own fields, and a strategy typed on the
 * extended context reads them: `respond(withRetrieval(prepareTurn(input)), twinPhrasing)`.
 */
export interface TurnContext extends TurnInput {
  now: () => number;
  startedAt: number;
  /** Who says the reply: the next question's persona when the agenda moves on. */
  speaker: PersonaView;
  /** The question open when the decision was made. */
  question: AgendaItem;
  /** What a move asks next and which hint a hint gives, verbatim. */
  plan: ReplyPlan;
  /**
   * The offline templates' wording, already through the safety filter: the draft a model may
   * improve on, and what is said whenever a strategy gives nothing usable.
   */
  fallback: Phrased & { safety: SafetyVerdict };
  /** Where the phrase memory stood before the fallback was remembered, so other words can replace it. */
  memoryMark: number;
}

export function prepareTurn(input: TurnInput): TurnContext {
  const now = input.now ?? (() => performance.now());
  const startedAt = now();
  const memoryMark = input.state.memory.said.length;
  return {
    ...input,
    now,
    startedAt,
    memoryMark,
    fallback: offlineReply(input.state, input.config, input.decision),
    speaker: speakerFor(input.state, input.config, input.decision),
    question: currentItem(input.state),
    plan: replyPlan(input.state, input.decision),
  };
}

/** What a phrasing strategy gives: new words to check, or "keep the templates' wording" and why. */
export type PhraseOutcome =
  | { kind: 'templates'; reason: string | null }
  | { kind: 'phrased'; text: string; firstTokenMs: number | null; tokens: number; attempts: number };

/**
 * The phrase stage, swappable: the offline templates, a model, or (later) a twin phrasing from its
 * own past turns. A strategy may stream through `onDelta` (the runner filters what is shown) and
 * may fail by throwing; a ModelError's kind and message become the trace's fallback reason.
 * A synchronous strategy makes the whole turn synchronous.
 */
export interface PhrasingStrategy<C extends TurnContext = TurnContext> {
  /** Who is credited in the trace when this strategy's words are used. */
  readonly source: ReplySource;
  /** The model named in the trace, if the strategy uses one. */
  readonly model: string | null;
  /** For a strategy that never phrases: why the templates speak instead (offline mode, no key). */
  readonly offlineReason: string | null;
  phrase(ctx: C, onDelta: (delta: string) => void): PhraseOutcome | Promise<PhraseOutcome>;
}

export interface RespondOptions {
  /** Shows the reply while it streams: `delta` follows what was shown, or replaces all of it when `reset`. */
  onToken?: (delta: string, reset: boolean) => void;
}

export interface TurnReply {
  text: string;
  trace: TurnTrace;
}

/**
 * Runs phrase → check → safety → trace on a prepared turn. Whatever goes wrong, the turn is said:
 * in the templates' words, with the reason in the trace, and anything already streamed withdrawn.
 */
export function respond<C extends TurnContext>(
  ctx: C,
  strategy: PhrasingStrategy<C>,
  options: RespondOptions = {},
): TurnReply | Promise<TurnReply> {
  // Hints are the bank's own words, exact and in order; no strategy rewords them.
  if (ctx.decision.action === 'hint') return templatesReply(ctx, strategy.offlineReason);
  const stream = new ShownReply(options.onToken);
  const fail = (err: unknown): TurnReply => {
    stream.withdraw();
    return failedReply(ctx, strategy, asModelError(err));
  };
  const land = (outcome: PhraseOutcome): TurnReply => {
    if (outcome.kind === 'templates') {
      stream.withdraw();
      return templatesReply(ctx, outcome.reason);
    }
    // Words that did not stream (a strategy with no stream of its own) are shown whole, through the same filter.
    if (!stream.received) stream.push(outcome.text);
    stream.finish();
    // A reply the filter blocks is not checked: being blocked is the reason the trace should give.
    const problem = stream.blocked ? null : checkModelReply(outcome.text, ctx.decision, ctx.plan.nextQuestionText);
    if (problem) return fail(new ModelError('invalid_output', problem, outcome.attempts));
    const reply = phrasedReply(ctx, strategy, outcome);
    if (reply.trace.safety?.blocked) stream.withdraw();
    return reply;
  };
  let outcome: PhraseOutcome | Promise<PhraseOutcome>;
  try {
    outcome = strategy.phrase(ctx, (delta) => stream.push(delta));
  } catch (err) {
    return fail(err);
  }
  return outcome instanceof Promise ? outcome.then(land, fail) : land(outcome);
}

/** The safety stage on words that passed the check; a blocked reply is replaced by the templates'. */
function phrasedReply(ctx: TurnContext, strategy: Credit, outcome: PhraseOutcome & { kind: 'phrased' }): TurnReply {
  const verdict = filterReply(outcome.text, safeFallback(ctx.state));
  const text = verdict.blocked ? ctx.fallback.text : verdict.text;
  // The templates' draft was not said; what was said is what must not be repeated.
  ctx.state.memory.said.splice(ctx.memoryMark);
  rememberSaid(ctx.state.memory, text);
  return {
    text,
    trace: traceTurn(ctx, text, {
      source: verdict.blocked ? 'offline' : strategy.source,
      fallbackReason: verdict.blocked ? `the model's reply was blocked by the safety filter (${verdict.categories.join(', ')})` : null,
      model: strategy.model,
      firstTokenMs: outcome.firstTokenMs,
      tokens: outcome.tokens,
      attempts: outcome.attempts,
      safety: verdict,
      templateId: verdict.blocked ? ctx.fallback.templateId : null,
    }),
  };
}

function templatesReply(ctx: TurnContext, reason: string | null): TurnReply {
  return { text: ctx.fallback.text, trace: traceTurn(ctx, ctx.fallback.text, templatesTrace(ctx, reason, null, 0)) };
}

function failedReply(ctx: TurnContext, strategy: Credit, err: ModelError): TurnReply {
  return {
    text: ctx.fallback.text,
    trace: traceTurn(ctx, ctx.fallback.text, templatesTrace(ctx, failureReason(err), strategy.model, err.attempts)),
  };
}

function templatesTrace(ctx: TurnContext, reason: string | null, model: string | null, attempts: number): TraceFields {
  return {
    source: 'offline',
    fallbackReason: reason,
    model,
    firstTokenMs: null,
    tokens: 0,
    attempts,
    safety: ctx.fallback.safety,
    templateId: ctx.fallback.templateId,
  };
}

/** Whom a trace credits for words a strategy gave. */
type Credit = Pick<PhrasingStrategy, 'source' | 'model'>;

type TraceFields = Omit<TurnTrace, 'decision' | 'latencyMs' | 'requestId' | 'safety' | 'prosody'> & { safety: SafetyVerdict };

/**
 * The trace stage: how the turn's words came about, stored with the turn for reviewers, and how they
 * are to be spoken (the prosody directives, docs/voice.md) — decided here, on the words that were said.
 */
function traceTurn(ctx: TurnContext, text: string, fields: TraceFields): TurnTrace {
  return {
    decision: ctx.decision,
    ...fields,
    latencyMs: ctx.now() - ctx.startedAt,
    safety: safetyTrace(fields.safety),
    requestId: ctx.requestId,
    prosody: prosodyFor(replyKind(ctx.decision), splitSentences(text)),
  };
}

/** The kind of turn a decision is said as. */
export function replyKind(decision: Decision): TurnKind {
  switch (decision.action) {
    case 'follow_up':
      return 'follow_up';
    case 'hint':
      return 'hint';
    case 'next_question':
    case 'topic_shift':
      return 'question';
    case 'end':
      return 'closing';
  }
}

/** A verdict as a trace keeps it: only when the filter did something, and never the blocked words. */
export function safetyTrace(verdict: SafetyVerdict): TurnTrace['safety'] {
  return verdict.blocked || verdict.redactions.length
    ? { blocked: verdict.blocked, categories: verdict.categories, redactions: verdict.redactions }
    : null;
}

/**
 * The safety stage while a reply streams: only what the filter lets through is shown, and what was
 * shown is taken back (an empty reset) when the turn ends up in other words.
 */
class ShownReply {
  private readonly streamer = new SafeStreamer();
  private shown = false;
  private pushed = false;

  constructor(private readonly onToken: RespondOptions['onToken']) {}

  /** Whether the strategy streamed anything at all. */
  get received(): boolean {
    return this.pushed;
  }

  get blocked(): boolean {
    return this.streamer.blocked;
  }

  push(delta: string): void {
    this.pushed = true;
    const out = this.streamer.push(delta);
    this.emit(out.emit, out.reset);
  }

  finish(): void {
    const out = this.streamer.finish();
    this.emit(out.emit, out.reset);
  }

  withdraw(): void {
    if (this.shown) this.emit('', true);
  }

  private emit(delta: string, reset: boolean): void {
    if (!delta && !reset) return;
    this.shown = reset ? delta.length > 0 : this.shown || delta.length > 0;
    this.onToken?.(delta, reset);
  }
}
