import { FOLLOW_UP_TYPES, type FollowUpType } from '../interviewer/model';

/**
 * An interviewer's style profile (docs/twin.md): measured on the turns they spoke in their training
 * sessions, it is what the Twins screen charts and what the twin's style controls are made of.
 */
export interface ProfileTurn {
  role: 'candidate' | 'interviewer' | 'twin';
  text: string;
  followUpType: FollowUpType | null;
  /** The interviewer's kind of turn when known (question, follow_up, hint, closing …); imported turns have none. */
  kind?: string | null;
  tMs: number;
}

export interface ProfileSession {
  id: string;
  startedAt: string;
  turns: ProfileTurn[];
}

export interface StyleProfile {
  interviewer: string;
  sessions: number;
  interviewerTurns: number;
  /** Words per interviewer turn (mean) and its spread. */
  verbosity: { mean: number; p10: number; p90: number };
  /** Share of their turns that ask a question. */
  questionRate: number;
  /** Share of each follow-up type among the turns whose type is known or can be told from the words. */
  followUpMix: Record<FollowUpType, number>;
  /** Share of turns that give a hint. */
  hintRate: number;
  /** 0–1: how often they press, warm up, and say things straight. */
  challenge: number;
  warmth: number;
  directness: number;
  /** How they most often open an interview and close one (their own words, redacted). */
  openings: string[];
  closings: string[];
  /** Minutes between their questions (a new topic after the candidate answered). */
  minutesPerQuestion: number | null;
}

const CHALLENGE =
  /\b(why|prove|how do you know|are you sure|what if|evidence|trade-?offs?|justify|convince|really|specifically|exactly|worst case|what would break|push back)\b/i;
const WARMTH =
  /\b(thanks|thank you|great|nice|good|appreciate|no worries|take your time|love|glad|cool|awesome|excellent|well done|interesting)\b/i;
const HEDGE = /\b(maybe|perhaps|possibly|i was wondering|if you don'?t mind|sort of|kind of|just curious|might|would you mind)\b/i;
const HINT = /\b(hint|consider|think about|what if you|have you considered|try (using|thinking)|one idea|a nudge)\b/i;

/**
 * A follow-up type told from the words alone, for a person's turn that no policy labelled (imported
 * interviews): the six types' usual wording. Null when the turn gives no sign.
 */
export function followUpTypeOfText(text: string): FollowUpType | null {
  const t = text.toLowerCase();
  if (/\b(can you be more specific|what do you mean|could you clarify|which one|be more precise|what exactly)\b/.test(t))
    return 'clarification';
  if (/\b(give me an example|tell me about a time|walk me through (a|one|the)|a concrete example|for instance|show me)\b/.test(t))
    return 'example';
  if (/\b(haven'?t mentioned|what about|any experience with|how familiar are you with|have you (used|worked with))\b/.test(t)) return 'gap';
  if (/\b(how would (that|this) apply|relevant to|in our (team|stack|context)|here at|for this role)\b/.test(t)) return 'skill_match';
  if (/\b(why|how sure|are you certain|what makes you think|how would you know|really)\b/.test(t)) return 'probing';
  if (/\b(how does|under the hood|in more detail|go deeper|internals|what happens when|complexity)\b/.test(t)) return 'depth';
  return null;
}

const words = (text: string) => text.match(/\S+/g)?.length ?? 0;
const share = (n: number, total: number) => (total === 0 ? 0 : Math.round((n / total) * 1000) / 1000);
const quantile = (sorted: number[], q: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/** The first sentence of a turn, as a phrase to collect (openings and closings are counted by it). */
function firstSentence(text: string): string {
  const m = /^(.{3,120}?[.!?])(\s|$)/.exec(text.trim());
  return (m ? m[1]! : text.trim().slice(0, 120)).trim();
}

function mostCommon(phrases: string[], n: number): string[] {
  const counts = new Map<string, { text: string; n: number }>();
  for (const p of phrases) {
    const key = p.toLowerCase().replace(/[^a-z0-9[\] ]+/g, '');
    const entry = counts.get(key) ?? { text: p, n: 0 };
    entry.n++;
    counts.set(key, entry);
  }
  return [...counts.values()]
    .sort((a, b) => b.n - a.n || a.text.localeCompare(b.text))
    .slice(0, n)
    .map((e) => e.text);
}

export function styleProfile(interviewer: string, sessions: readonly ProfileSession[]): StyleProfile {
  const turns = sessions.flatMap((s) => s.turns.filter((t) => t.role !== 'candidate'));
  const counts = turns.map((t) => words(t.text)).sort((a, b) => a - b);
  const mix = Object.fromEntries(FOLLOW_UP_TYPES.map((t) => [t, 0])) as Record<FollowUpType, number>;
  let typed = 0;
  for (const t of turns) {
    const type = t.followUpType ?? followUpTypeOfText(t.text);
    if (type) {
      mix[type]++;
      typed++;
    }
  }
  for (const t of FOLLOW_UP_TYPES) mix[t] = share(mix[t], typed);
  const gaps: number[] = [];
  for (const s of sessions) {
    const asks = s.turns.filter(
      (t, i) => t.role !== 'candidate' && i > 0 && s.turns[i - 1]!.role === 'candidate' && (t.kind === 'question' || t.kind == null),
    );
    for (let i = 1; i < asks.length; i++) gaps.push((asks[i]!.tMs - asks[i - 1]!.tMs) / 60_000);
  }
  const firsts = sessions.map((s) => s.turns.find((t) => t.role !== 'candidate')).filter((t): t is ProfileTurn => !!t);
  const lasts = sessions.map((s) => [...s.turns].reverse().find((t) => t.role !== 'candidate')).filter((t): t is ProfileTurn => !!t);
  return {
    interviewer,
    sessions: sessions.length,
    interviewerTurns: turns.length,
    verbosity: {
      mean: turns.length ? Math.round((counts.reduce((a, b) => a + b, 0) / turns.length) * 10) / 10 : 0,
      p10: quantile(counts, 0.1),
      p90: quantile(counts, 0.9),
    },
    questionRate: share(turns.filter((t) => t.text.includes('?')).length, turns.length),
    followUpMix: mix,
    hintRate: share(turns.filter((t) => t.kind === 'hint' || HINT.test(t.text)).length, turns.length),
    challenge: share(turns.filter((t) => CHALLENGE.test(t.text)).length, turns.length),
    warmth: share(turns.filter((t) => WARMTH.test(t.text)).length, turns.length),
    directness: 1 - share(turns.filter((t) => HEDGE.test(t.text)).length, turns.length),
    openings: mostCommon(
      firsts.map((t) => firstSentence(t.text)),
      3,
    ),
    closings: mostCommon(
      lasts.map((t) => firstSentence(t.text)),
      3,
    ),
    minutesPerQuestion: gaps.length ? Math.round((gaps.reduce((a, b) => a + b, 0) / gaps.length) * 10) / 10 : null,
  };
}

/** Style features of one reply, for comparing a twin's reply with the interviewer's real one. */
export function replyFeatures(text: string) {
  return {
    words: words(text),
    question: text.includes('?') ? 1 : 0,
    challenge: CHALLENGE.test(text) ? 1 : 0,
    warmth: WARMTH.test(text) ? 1 : 0,
    hedge: HEDGE.test(text) ? 1 : 0,
  };
}

/**
 * How alike two replies are in style, 0–1: length (on a log scale, so 10 against 20 words is as far as 20
 * against 40), asking or not, pressing, warmth and hedging, weighted equally.
 */
export function styleAgreement(a: string, b: string): number {
  const x = replyFeatures(a);
  const y = replyFeatures(b);
  const length = 1 - Math.min(1, Math.abs(Math.log2((x.words + 1) / (y.words + 1))) / 3);
  const same = (p: number, q: number) => (p === q ? 1 : 0);
  return (
    Math.round(
      ((length + same(x.question, y.question) + same(x.challenge, y.challenge) + same(x.warmth, y.warmth) + same(x.hedge, y.hedge)) / 5) *
        1000,
    ) / 1000
  );
}
