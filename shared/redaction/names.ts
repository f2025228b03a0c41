import nlp from 'compromise';
import { ALLOWED_PHRASES, ALLOWED_WORDS, THING_NOUNS, WORD_NAMES } from './allow-list';
import { PLACEHOLDER } from './kinds';

/** Someone a session knows by name: its candidate, its interviewers and personas, people its config names. */
export interface Participant {
  name: string;
  /** How the model provider is told about them: the candidate and the interviewer get stable placeholders. */
  role: 'candidate' | 'interviewer' | 'other';
}

export interface NameSpan {
  start: number;
  end: number;
  /** A known participant (and which), or someone found in the text. */
  participant: Participant['role'] | null;
}

type Lexicon = Record<string, string | string[] | undefined>;
const LEXICON = (nlp.model() as unknown as { one: { lexicon: Lexicon } }).one.lexicon;
const FIRST_NAME_TAGS = new Set(['FemaleName', 'MaleName', 'FirstName', 'Person']);
const tagsOf = (word: string): string[] => {
  const t = LEXICON[word.toLowerCase()];
  return t === undefined ? [] : Array.isArray(t) ? t : [t];
};
const isFirstName = (word: string) => tagsOf(word).some((t) => FIRST_NAME_TAGS.has(t));
const isLastName = (word: string) => tagsOf(word).includes('LastName');
/** A word the lexicon knows as something other than a name (a verb, a month, a place…). */
const isOtherWord = (word: string) => {
  const tags = tagsOf(word);
  return tags.length > 0 && !tags.some((t) => FIRST_NAME_TAGS.has(t) || t === 'LastName');
};
const allowedWord = (word: string) => ALLOWED_WORDS.has(word.toLowerCase().replace(/['’]s$/, ''));

const HONORIFIC = String.raw`(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame)\.?`;
const WORD = String.raw`\p{Lu}\p{Ll}+(?:[-’']\p{Lu}?\p{Ll}+)?`;
const TITLED = new RegExp(String.raw`(?<![\p{L}\p{N}_])${HONORIFIC} ${WORD}(?: ${WORD})?(?![\p{L}\p{N}_])`, 'gu');
/** A run of one to three capitalised words, maybe after a title: the places a name can be. */
const PROPER_RUN = new RegExp(String.raw`(?<![\p{L}\p{N}_])(?:(${HONORIFIC}) )?(${WORD}(?: ${WORD}){0,2})(?![\p{L}\p{N}_])`, 'gu');
const SENTENCE_START = /(?:^|[.!?]\s{1,8}|\n\s{0,8}|[:;"“(]\s{0,3})$/;
/** Sentences handed to the NLP pass: long "sentences" are not prose (code, logs) and are left to the lexicon. */
const MAX_NLP_SENTENCE = 400;
/**
 * Characters one call hands to the NLP pass at most. compromise tags every word (a few hundred microseconds
 * a sentence), so a text of endless capitalised words must not make redaction take minutes; beyond this the
 * lexicon alone decides. Texts are redacted a turn at a time, and a turn is far shorter.
 */
const NLP_BUDGET_CHARS = 64 * 1024;
/** Prose has lower-case words between its names; a run of capitals (a heading, a table, an attack) is not prose. */
const looksLikeProse = (sentence: string) => {
  const words = sentence.match(/[\p{L}]+/gu) ?? [];
  const lower = words.filter((w) => /^\p{Ll}/u.test(w)).length;
  return lower >= 3 && lower * 2 >= words.length;
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Finds people's names in `text`, in three passes (docs/redaction.md): the session's own participants by
 * their full name and by their first or last name alone; capitalised words the name lexicon of the
 * `compromise` library knows as first or last names, or that follow a title; and, for the sentences that
 * still hold a capitalised word nobody has explained, compromise's own people finder. Allow-listed terms
 * (algorithms, tools, products) and placeholders are never names. Every pass is linear in the text.
 */
export function findNames(text: string, participants: readonly Participant[] = []): NameSpan[] {
  const spans: NameSpan[] = [];
  // One flag per character: protected (a placeholder, an allowed term) or already part of a name. Checking
  // a candidate costs its own length, so the whole search stays linear however many candidates there are.
  const covered = new Uint8Array(text.length);
  const cover = (start: number, end: number) => covered.fill(1, start, end);
  const free = (start: number, end: number) => {
    for (let i = start; i < end; i++) if (covered[i]) return false;
    return true;
  };
  for (const m of text.matchAll(PLACEHOLDER)) cover(m.index, m.index + m[0].length);
  for (const m of text.matchAll(ALLOWED_PHRASE_PATTERN)) cover(m.index, m.index + m[0].length);
  const add = (start: number, end: number, participant: NameSpan['participant']) => {
    if (start < end && free(start, end)) {
      spans.push({ start, end, participant });
      cover(start, end);
    }
  };

  // 1. The participants, longest variant first, so "Priya Raman" wins over "Priya".
  const variants = participantVariants(participants);
  if (variants.length > 0) {
    const pattern = new RegExp(String.raw`(?<![\p{L}\p{N}_])(?:${variants.map((v) => escape(v.text)).join('|')})(?![\p{L}\p{N}_])`, 'giu');
    for (const m of text.matchAll(pattern)) {
      const variant = variants.find((v) => (v.caseSensitive ? sameName(v.text, m[0]) : v.text.toLowerCase() === m[0].toLowerCase()));
      if (!variant) continue; // a single name matched in another case: "will" is not Will (but AMELIA is Amelia)
      if (variant.single && atSentenceStart(text, m.index) && isOtherWord(m[0])) continue;
      add(m.index, m.index + m[0].length, variant.role);
    }
  }

  // A title and the name after it: "Mr. Brown", "Dr Okafor".
  for (const m of text.matchAll(TITLED)) add(m.index, m.index + m[0].length, null);

  // 2. Runs of capitalised words the lexicon says are names.
  const unexplained: number[] = [];
  for (const m of text.matchAll(PROPER_RUN)) {
    const title = m[1];
    let words = m[2]!.split(' ');
    const runStart = m.index + m[0].length - m[2]!.length;
    if (title) continue; // the titled pass above took it
    // A thing named after someone ends the run: "Sarah Johnson Dijkstra's algorithm" is a name, then a thing.
    const nextWord = /^\s{1,3}([\p{L}]+)/u.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 40))?.[1]?.toLowerCase();
    if (nextWord && THING_NOUNS.has(nextWord)) words = words.slice(0, -1);
    while (words.length > 0 && allowedWord(words[words.length - 1]!)) words = words.slice(0, -1);
    while (words.length > 0 && allowedWord(words[0]!)) words = words.slice(1);
    if (words.length === 0) continue;
    const start = text.indexOf(words[0]!, runStart);
    // "Martin Fowler's advice": the name is Martin Fowler; the possessive stays in the text.
    const run = words.join(' ').replace(/['’]s$/, '');
    const initial = atSentenceStart(text, start);
    if (words.length === 1) {
      const w = words[0]!;
      if (isOtherWord(w) || (initial && WORD_NAMES.has(w.toLowerCase()))) continue;
      if (isFirstName(w) || isLastName(w)) add(start, start + run.length, null);
      else if (!initial) unexplained.push(start);
      continue;
    }
    const nameWords = words.filter((w) => isFirstName(w) || isLastName(w));
    if (nameWords.length > 0 && !words.some((w) => isOtherWord(w))) add(start, start + run.length, null);
    else if (words.some((w) => !isOtherWord(w))) unexplained.push(start);
  }

  // 3. compromise, sentence by sentence, where a capitalised word is still unexplained.
  if (unexplained.length > 0) {
    let budget = NLP_BUDGET_CHARS;
    for (const [start, end] of sentencesAround(text, unexplained)) {
      const sentence = text.slice(start, end);
      if (!looksLikeProse(sentence)) continue;
      budget -= sentence.length;
      if (budget < 0) break;
      for (const person of nlp(sentence).people().out('array') as string[]) {
        const clean = person
          .replace(/[.,;:!?)"]+$/, '')
          .replace(/['’]s?$/, '')
          .trim();
        if (!clean || clean.split(/\s+/).every(allowedWord)) continue;
        let from = 0;
        for (;;) {
          const at = sentence.indexOf(clean, from);
          if (at < 0) break;
          from = at + clean.length;
          const after = /^\s{1,3}([\p{L}]+)/u.exec(sentence.slice(from, from + 40))?.[1]?.toLowerCase();
          if (after && THING_NOUNS.has(after)) continue;
          if (!/^\p{Lu}/u.test(clean)) continue;
          add(start + at, start + from, null);
        }
      }
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

const ALLOWED_PHRASE_PATTERN = new RegExp(
  String.raw`(?<![\p{L}\p{N}_])(?:${[...ALLOWED_PHRASES]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|')})(?![\p{L}\p{N}_])`,
  'giu',
);

function atSentenceStart(text: string, index: number): boolean {
  return SENTENCE_START.test(text.slice(Math.max(0, index - 12), index));
}

interface Variant {
  text: string;
  role: Participant['role'];
  /** A single first or last name is only that person's when capitalised as written. */
  caseSensitive: boolean;
  single: boolean;
}

/** Each participant's full name (any case), and each of its words of two letters or more (as written). */
/** A name part as written, or shouted in capitals when the word is nothing but a name ("WILL" stays a verb). */
function sameName(name: string, found: string): boolean {
  return found === name || (found === name.toUpperCase() && found !== name.toLowerCase() && !isOtherWord(name));
}

function participantVariants(participants: readonly Participant[]): Variant[] {
  const out = new Map<string, Variant>();
  for (const p of participants) {
    const full = p.name.trim().replace(/\s+/g, ' ');
    if (full.length < 2) continue;
    if (!out.has(full.toLowerCase()))
      out.set(full.toLowerCase(), { text: full, role: p.role, caseSensitive: false, single: !full.includes(' ') });
    for (const word of full.split(' ')) {
      if (word.length < 2 || !/^\p{Lu}/u.test(word) || allowedWord(word)) continue;
      if (!out.has(word.toLowerCase())) out.set(word.toLowerCase(), { text: word, role: p.role, caseSensitive: true, single: true });
    }
  }
  return [...out.values()].sort((a, b) => b.text.length - a.text.length);
}

/** The sentences (start, end) holding the given positions, each once, at most MAX_NLP_SENTENCE long. */
function sentencesAround(text: string, positions: number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let coveredTo = -1;
  for (const p of positions) {
    if (p < coveredTo) continue;
    let start = p;
    while (start > 0 && p - start < MAX_NLP_SENTENCE && !/[.!?\n]/.test(text[start - 1]!)) start--;
    let end = p;
    while (end < text.length && end - start < MAX_NLP_SENTENCE && !/[.!?\n]/.test(text[end]!)) end++;
    if (end < text.length) end++;
    out.push([start, end]);
    coveredTo = end;
  }
  return out;
}
