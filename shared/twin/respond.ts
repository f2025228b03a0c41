import type { InterviewConfig, Persona, PersonaStyle } from '../config/interview-config';
import type { ChatModel } from '../interviewer/chat-model';
import { decide } from '../interviewer/engine';
import type { Decision, FollowUpType, TurnTrace } from '../interviewer/model';
import { normalizeSaid, seededIndex } from '../interviewer/phrase';
import { namesFor } from '../interviewer/private-model';
import type { ChatMessage } from '../interviewer/prompt';
import type { BankQuestion } from '../interviewer/question-bank';
import { replayForAnswer, type ReplayTurn } from '../interviewer/replay-state';
import { technologiesNamed } from '../interviewer/skills';
import { prepareTurn, respond, type PhraseOutcome, type PhrasingStrategy, type TurnContext } from '../interviewer/turn-pipeline';
import { controlsFor, describeControls, type TwinControls, type TwinControlsOverride } from './controls';
import type { StyleProfile } from './profile';
import type { Retrieved, SituationSearch } from './retrieval';

/**
 * A twin's reply (docs/twin.md): policy → style → retrieval → phrasing → safety, each a function of its
 * own below. The policy is the interviewer's (a twin inherits its judgement); style sets the controls
 * from the profile; retrieval finds the most similar moments of this interviewer's training sessions and
 * may let their habit choose the follow-up type; phrasing adapts their own past words (offline) or asks
 * a model with those words as examples (online); the turn pipeline then checks the words and runs the
 * same safety filter as every interviewer reply.
 */

/** What a twin is made of: all of it from the training split of its interviewer's sessions. */
export interface Twin {
  interviewer: string;
  profile: StyleProfile;
  index: SituationSearch;
  /** The sessions it learnt from; respond never reads any other. */
  trainSessionIds: ReadonlySet<string>;
  /** The fine-tuned model, when a training job produced one. */
  model: string | null;
}

export interface RetrievedTrace {
  sessionId: string;
  answer: string;
  reply: string;
  followUpType: FollowUpType | null;
  score: number;
}

export interface TwinTrace {
  /** The policy's decision, before the interviewer's habit had a say. */
  policy: Decision;
  /** The decision phrased. */
  decision: Decision;
  followUpTypeFrom: 'policy' | 'habit';
  controls: TwinControls;
  retrieved: RetrievedTrace[];
  /** Which past situation's words were adapted (offline), if any. */
  adaptedFrom: string | null;
  turn: TurnTrace;
}

export interface TwinReply {
  text: string;
  followUpType: FollowUpType | null;
  reason: string;
  traces: TwinTrace;
  /** What the filter did; `blocked` replies were replaced, and are counted by the caller. */
  safety: { blocked: boolean; categories: string[]; redactions: string[] } | null;
  latencyMs: number;
}

/** A persona that speaks as the twin: its name, and a style read off the profile. */
export function twinPersona(profile: StyleProfile): Persona {
  const style: PersonaStyle =
    profile.challenge >= 0.35 && profile.warmth < 0.35 ? 'tough' : profile.warmth >= 0.35 ? 'friendly' : 'neutral';
  return { name: profile.interviewer, role: 'Interviewer', style, focusAreas: [], twinOf: profile.interviewer };
}

// ---- style ----------------------------------------------------------------------------------------

export function styleStage(profile: StyleProfile, override?: TwinControlsOverride): TwinControls {
  return controlsFor(profile, override);
}

// ---- retrieval ------------------------------------------------------------------------------------

/** Requests the candidate made: their type is the candidate's, never the interviewer's habit. */
const KEEP_POLICY_TYPE = new Set(['repeat_requested', 'hint_requested_none_left']);

export function retrievalStage(
  index: SituationSearch,
  input: { answer: string; asked: string; decision: Decision; controls: TwinControls },
): { retrieved: Retrieved[]; decision: Decision; followUpTypeFrom: 'policy' | 'habit' } {
  const retrieved = index.find(input.answer, input.asked, 8);
  const d = input.decision;
  if (d.action !== 'follow_up' || !input.controls.followHabit || KEEP_POLICY_TYPE.has(d.rule)) {
    return { retrieved, decision: d, followUpTypeFrom: 'policy' };
  }
  // The closest few decide: a habit is what this interviewer did in situations like this one.
  const close = retrieved.slice(0, 5).filter((r) => r.followUpType !== null);
  const votes = new Map<FollowUpType, number>();
  for (const r of close) votes.set(r.followUpType!, (votes.get(r.followUpType!) ?? 0) + 1);
  const [best, n] = [...votes].sort((a, b) => b[1] - a[1])[0] ?? [null, 0];
  const policyVotes = d.followUpType ? (votes.get(d.followUpType) ?? 0) : 0;
  if (!best || best === d.followUpType || n < 2 || n <= policyVotes) return { retrieved, decision: d, followUpTypeFrom: 'policy' };
  return {
    retrieved,
    followUpTypeFrom: 'habit',
    decision: {
      ...d,
      followUpType: best,
      reason: `${d.reason} In ${n} of the ${close.length} most similar past situations this interviewer asked a ${best.replace('_', ' ')} follow-up, so the twin does too.`,
    },
  };
}

// ---- phrasing -------------------------------------------------------------------------------------

export interface TwinContext extends TurnContext {
  twin: { controls: TwinControls; retrieved: Retrieved[]; profile: StyleProfile; adaptedFrom: string | null };
}

const OTHER_PLACEHOLDER = /\[(?!CANDIDATE\]|INTERVIEWER\])[A-Z_]+\]/;

const sentences = (text: string) => text.match(/[^.!?]+[.!?]*(\s+|$)/g)?.map((s) => s.trim()) ?? [text];
const wordCount = (text: string) => text.match(/\S+/g)?.length ?? 0;

/**
 * One past reply of this interviewer, made to fit the present: their placeholders become today's names,
 * a sentence naming anyone or anything redacted is left out (a past candidate's data never comes back),
 * a technology from the past conversation that is not in this one becomes the skill the decision is about
 * (or the reply is not used), and it is cut to the interviewer's usual length, keeping the question.
 * Null when it cannot be made to fit.
 */
export function adaptPastReply(
  reply: string,
  ctx: { names: Record<'CANDIDATE' | 'INTERVIEWER', string>; present: string; skill: string | null; maxWords: number },
): string | null {
  let kept = sentences(reply).filter((s) => s && !OTHER_PLACEHOLDER.test(s));
  if (kept.length === 0) return null;
  const here = new Set(technologiesNamed(ctx.present));
  const swapped: string[] = [];
  for (const s of kept) {
    let out = s;
    for (const tech of technologiesNamed(s)) {
      if (here.has(tech)) continue;
      if (!ctx.skill) return null;
      out = out.replace(new RegExp(`\\b${tech.replace(/[.+#]/g, (c) => `\\${c}`)}\\b`, 'gi'), ctx.skill);
    }
    swapped.push(out);
  }
  kept = swapped;
  // Over length: keep the asking sentence and as much before it as fits.
  while (kept.length > 1 && wordCount(kept.join(' ')) > ctx.maxWords) {
    const ask = kept.findIndex((s) => s.includes('?'));
    kept.splice(ask > 0 ? 0 : kept.length - 1, 1);
  }
  const text = kept
    .join(' ')
    .replace(/\[CANDIDATE\]/g, ctx.names.CANDIDATE)
    .replace(/\[INTERVIEWER\]/g, ctx.names.INTERVIEWER)
    .trim();
  return text || null;
}

/** A short lead-in of theirs ("Okay, cool.") taken from a past move, for moving on in their voice. */
function leadIn(candidates: readonly Retrieved[], profile: StyleProfile): string | null {
  for (const r of candidates) {
    const first = sentences(r.reply)[0];
    if (first && !first.includes('?') && wordCount(first) <= 8 && !/\[[A-Z_]+\]/.test(first) && technologiesNamed(first).length === 0)
      return first;
  }
  const opening = profile.openings.find((o) => !o.includes('?') && wordCount(o) <= 8 && !/\[[A-Z_]+\]/.test(o));
  return opening ?? null;
}

/** Picks among usable past replies: the closest at temperature 0, otherwise a seeded draw from the closest few. */
function pick<T>(items: readonly T[], temperature: number, seed: string): T | undefined {
  if (items.length === 0 || temperature <= 0) return items[0];
  const pool = Math.min(items.length, 1 + Math.ceil(temperature * 2));
  return items[seededIndex(seed, pool)];
}

/**
 * Offline: the interviewer's own past words, adapted. A follow-up takes a past reply of the decided type
 * from the closest situations; a move says their lead-in and the next question; an ending, their usual
 * closing. Anything that does not fit leaves the templates to speak, with the reason.
 */
export const twinOfflinePhrasing: PhrasingStrategy<TwinContext> = {
  source: 'twin',
  model: null,
  offlineReason: null,
  phrase(ctx): PhraseOutcome {
    const { controls, retrieved, profile } = ctx.twin;
    const d = ctx.decision;
    const names = namesFor(ctx.config);
    names.INTERVIEWER = ctx.speaker.name;
    const present = [ctx.history.map((t) => t.text).join(' '), ctx.config.requiredSkills.map((s) => s.name).join(' ')].join(' ');
    const said = new Set(ctx.state.memory.said.slice(0, ctx.memoryMark));
    const phrased = (text: string, from: string | null): PhraseOutcome => {
      ctx.twin.adaptedFrom = from;
      return { kind: 'phrased', text, firstTokenMs: null, tokens: 0, attempts: 0 };
    };
    if (d.action === 'follow_up') {
      const usable = retrieved
        .filter((r) => r.followUpType === d.followUpType && r.reply.includes('?'))
        .map((r) => ({ r, text: adaptPastReply(r.reply, { names, present, skill: d.skill, maxWords: controls.maxWords }) }))
        .filter((x): x is { r: Retrieved; text: string } => !!x.text && x.text.includes('?') && !said.has(normalizeSaid(x.text)));
      const chosen = pick(usable, controls.temperature, `${ctx.state.seed}:${ctx.memoryMark}`);
      if (chosen) return phrased(chosen.text, chosen.r.id);
      return {
        kind: 'templates',
        reason: `none of this interviewer's similar past turns fits a ${d.followUpType?.replace('_', ' ')} follow-up here`,
      };
    }
    if ((d.action === 'next_question' || d.action === 'topic_shift') && ctx.plan.nextQuestionText) {
      const lead = leadIn(
        retrieved.filter((r) => r.followUpType === null),
        profile,
      );
      const text = lead
        ? `${adaptPastReply(lead, { names, present, skill: null, maxWords: 12 }) ?? ''} ${ctx.plan.nextQuestionText}`.trim()
        : ctx.plan.nextQuestionText;
      return phrased(text, null);
    }
    if (d.action === 'end') {
      const closing = profile.closings
        .map((c) => adaptPastReply(c, { names, present, skill: null, maxWords: controls.maxWords }))
        .find(Boolean);
      if (closing) return phrased(closing, null);
      return { kind: 'templates', reason: 'this interviewer has no closing of their own to adapt' };
    }
    return { kind: 'templates', reason: null };
  },
};

/** The prompt for an online twin: the decision, the controls, and the interviewer's own closest replies. */
export function twinMessages(ctx: TwinContext): ChatMessage[] {
  const d = ctx.decision;
  const { controls, retrieved } = ctx.twin;
  const examples = retrieved
    .slice(0, 4)
    .map((r, i) => `Example ${i + 1}\nCandidate said: ${r.answer.slice(0, 600)}\nYou replied: ${r.reply.slice(0, 600)}`)
    .join('\n\n');
  const task =
    d.action === 'follow_up'
      ? `Ask one ${d.followUpType?.replace('_', ' ')} follow-up${d.skill ? ` about ${d.skill}` : ''}. Why: ${d.reason}`
      : d.action === 'end'
        ? 'Close the interview and thank the candidate.'
        : `Move on and ask exactly this next question: ${ctx.plan.nextQuestionText ?? ''}`;
  const system = [
    `You are [INTERVIEWER], interviewing [CANDIDATE] for the ${ctx.config.jobTitle} role. Answer as this interviewer would: one turn, in their words.`,
    `Their style: ${describeControls(controls)}.`,
    `This turn: ${task}`,
    'Never ask about age, family, religion, health, nationality, origin, gender, orientation or politics; never repeat personal data.',
    examples ? `How this interviewer replied in similar moments:\n\n${examples}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  const messages: ChatMessage[] = [{ role: 'system', content: system }];
  for (const t of ctx.history.slice(-8)) messages.push({ role: t.role === 'candidate' ? 'user' : 'assistant', content: t.text });
  return messages;
}

/** Online: the model (the twin's fine-tuned one when it has one) phrases the decision, streamed. */
export function twinModelPhrasing(model: ChatModel): PhrasingStrategy<TwinContext> {
  return {
    source: 'model',
    model: model.name,
    offlineReason: null,
    async phrase(ctx, onDelta) {
      const result = await model.stream(twinMessages(ctx), onDelta);
      return { kind: 'phrased', text: result.text, firstTokenMs: result.firstTokenMs, tokens: result.tokens, attempts: result.attempts };
    },
  };
}

// ---- the whole reply ----------------------------------------------------------------------------

export interface TwinRespondInput {
  twin: Twin;
  config: InterviewConfig;
  history: readonly ReplayTurn[];
  bank: readonly BankQuestion[];
  controls?: TwinControlsOverride;
  /** The model to phrase with (already private: redacted out, names back in); null phrases offline. */
  model: ChatModel | null;
  onToken?: (delta: string, reset: boolean) => void;
  now?: () => number;
}

/** Stateless: the interview is rebuilt from the history, so any tool can ask for the next turn. */
export function twinRespond(input: TwinRespondInput): TwinReply | Promise<TwinReply> {
  const now = input.now ?? (() => performance.now());
  const started = now();
  const { twin, config, history } = input;
  const { state, answer, offsetMs } = replayForAnswer(config, history, input.bank);
  const policyDecision = decide(state, config, answer, offsetMs);
  const controls = styleStage(twin.profile, input.controls);
  const asked = [...history.slice(0, -1)].reverse().find((t) => t.role !== 'candidate')?.text ?? '';
  const { retrieved, decision, followUpTypeFrom } = retrievalStage(twin.index, { answer, asked, decision: policyDecision, controls });
  const prepared = prepareTurn({
    config,
    state,
    decision,
    history: history.map((t) => ({ role: t.role === 'candidate' ? 'candidate' : 'interviewer', text: t.text })),
    requestId: null,
    now,
  });
  const ctx: TwinContext = { ...prepared, twin: { controls, retrieved, profile: twin.profile, adaptedFrom: null } };
  const strategy = input.model ? twinModelPhrasing(input.model) : twinOfflinePhrasing;
  const finish = ({ text, trace }: { text: string; trace: TurnTrace }): TwinReply => ({
    text,
    followUpType: decision.followUpType,
    reason: decision.reason,
    safety: trace.safety,
    latencyMs: Math.round((now() - started) * 100) / 100,
    traces: {
      policy: policyDecision,
      decision,
      followUpTypeFrom,
      controls,
      retrieved: retrieved.map((r) => ({
        sessionId: r.sessionId,
        answer: r.answer,
        reply: r.reply,
        followUpType: r.followUpType,
        score: r.score,
      })),
      adaptedFrom: trace.source === 'twin' ? ctx.twin.adaptedFrom : null,
      turn: trace,
    },
  });
  const reply = respond(ctx, strategy, { onToken: input.onToken });
  return reply instanceof Promise ? reply.then(finish) : finish(reply);
}
