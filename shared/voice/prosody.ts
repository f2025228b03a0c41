import { z } from 'zod';
import type { TurnKind } from '../interviewer/model';

/**
 * Prosody directives (docs/voice.md, "Prosody"): how an interviewer turn is spoken beyond its words —
 * a pause before a sentence, a slower or faster pace, words to stress. They are decided when the turn
 * is phrased, stored with it (in its trace), and honoured by both voices: the online one through its
 * speed and the pauses the player leaves between sentences, the system one through rate, pitch and
 * pauses between utterances.
 */
export const SentenceDirectiveSchema = z.strictObject({
  /** Index into `splitSentences(turn.text)`. */
  sentence: z.number().int().min(0),
  /** Silence before the sentence starts. */
  pauseBeforeMs: z.number().int().min(0).max(3000).default(0),
  /** Pace relative to the voice's own (1 = unchanged). */
  rate: z.number().min(0.5).max(1.5).default(1),
  /** Words (as written in the sentence) to stress. */
  emphasis: z.array(z.string().min(1).max(80)).max(8).default([]),
});
export type SentenceDirective = z.infer<typeof SentenceDirectiveSchema>;

export const ProsodySchema = z.array(SentenceDirectiveSchema).max(200);
export type Prosody = z.infer<typeof ProsodySchema>;

/** A pause that reads as "listen to this" without sounding like the line dropped. */
export const KEY_PAUSE_MS = 600;
export const QUESTION_PAUSE_MS = 300;
/** A problem statement is read a little slower: the candidate is taking it in. */
export const STATEMENT_RATE = 0.88;
export const CLOSING_RATE = 0.95;

const isQuestion = (s: string) => /\?["'”’)]*$/.test(s.trim());

/**
 * Words set apart in the text: `code`, "quoted", or CAPITALISED for stress. Names of things the
 * candidate must hear exactly are the ones worth stressing.
 */
export function emphasisIn(sentence: string): string[] {
  const out: string[] = [];
  for (const m of sentence.matchAll(/`([^`]{1,80})`|"([^"]{1,80})"|“([^”]{1,80})”|\b([A-Z]{2,}[A-Z0-9]*)\b/g)) {
    const word = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim();
    // Acronyms everyone says flat (API, SQL) are not stress; only words of four or more capitals are.
    if (m[4] && word.length < 4) continue;
    if (word && !out.includes(word)) out.push(word);
    if (out.length === 8) break;
  }
  return out;
}

/**
 * The directives for a sentence of a turn of this kind, from that sentence and its place alone — so a
 * reply spoken while it streams and the stored turn agree. Hints are the exception: they are never
 * streamed (the bank's words, whole), so their key sentence is known to be the last.
 */
export function directiveFor(kind: TurnKind | null, index: number, sentence: string): SentenceDirective {
  let pauseBeforeMs = 0;
  let rate = 1;
  const emphasis = emphasisIn(sentence);
  switch (kind) {
    case 'question':
    case 'transition':
      // The first sentence carries the acknowledgement or transition; the statement that follows is slower.
      rate = index === 0 ? 0.94 : STATEMENT_RATE;
      if (index === 1) pauseBeforeMs = QUESTION_PAUSE_MS;
      break;
    case 'opening':
      if (index > 0 && isQuestion(sentence)) pauseBeforeMs = QUESTION_PAUSE_MS;
      if (index > 0 && !isQuestion(sentence)) rate = STATEMENT_RATE;
      break;
    case 'follow_up':
      if (index > 0 && isQuestion(sentence)) pauseBeforeMs = QUESTION_PAUSE_MS;
      break;
    case 'closing':
      rate = CLOSING_RATE;
      break;
    default:
      break;
  }
  return { sentence: index, pauseBeforeMs, rate, emphasis };
}

/** Directives for a whole turn, one per sentence that differs from plain speech. */
export function prosodyFor(kind: TurnKind | null, sentences: readonly string[]): Prosody {
  const out: Prosody = [];
  sentences.forEach((sentence, index) => {
    const d = directiveFor(kind, index, sentence);
    if (kind === 'hint' && index === sentences.length - 1 && index > 0) {
      // The hint's key sentence comes last; a beat before it, and a slightly slower delivery.
      d.pauseBeforeMs = KEY_PAUSE_MS;
      d.rate = 0.92;
    }
    if (kind === 'hint' && sentences.length === 1) d.rate = 0.92;
    if (d.pauseBeforeMs > 0 || d.rate !== 1 || d.emphasis.length > 0) out.push(d);
  });
  return out;
}

/** The directive of one sentence from a stored list (plain speech when none is stored). */
export function directiveAt(prosody: Prosody | null | undefined, index: number): SentenceDirective {
  return prosody?.find((d) => d.sentence === index) ?? { sentence: index, pauseBeforeMs: 0, rate: 1, emphasis: [] };
}
