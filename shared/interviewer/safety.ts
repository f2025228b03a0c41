import { redact } from '../redaction';

/**
 * The safety filter redacts the patterns of personal data a model might leak (an e-mail, a card number);
 * people's names are left to the privacy layer around the model (private-model.ts), which puts the
 * participants' own names back and must not see them taken out again here.
 */
const redactText = (text: string) => redact(text, { names: false });

/**
 * The interviewer's output filter. An interviewer must never ask about protected characteristics
 * (it is unlawful in most places and always irrelevant), and must never repeat personal data such
 * as an e-mail address or phone number. Every model reply passes through here; the offline
 * templates do too, so a template edit cannot slip past it.
 */
export const PROTECTED_CATEGORIES = [
  'age',
  'religion',
  'marital_status',
  'pregnancy_or_family',
  'nationality_or_origin',
  'race_or_ethnicity',
  'disability_or_health',
  'sexual_orientation_or_gender',
  'political_affiliation',
] as const;
export type ProtectedCategory = (typeof PROTECTED_CATEGORIES)[number];

const PATTERNS: Record<ProtectedCategory, RegExp[]> = {
  age: [
    /\bhow old (are|were) you\b/,
    /\byour (age|birth ?day|date of birth|year of birth)\b/,
    /\b(what|which) year were you born\b/,
    /\bwhen were you born\b/,
    /\bare you (over|under|older than|younger than) \d+/,
    /\b(too old|too young) for\b/,
    /\bwhen did you graduate (from )?high school\b/,
  ],
  religion: [
    /\byour (religion|faith|religious|church|beliefs)\b/,
    /\bare you (religious|christian|muslim|jewish|hindu|buddhist|catholic|atheist)\b/,
    /\bdo you (pray|go to church|attend (church|mosque|synagogue|temple)|observe)\b/,
    /\bwhat (religion|faith) (are|do) you\b/,
    /\breligious (holidays|practices?) (do|will) you\b/,
  ],
  marital_status: [
    /\bare you (married|single|divorced|engaged|widowed|in a relationship)\b/,
    /\byour (husband|wife|spouse|partner|boyfriend|girlfriend|marital status|marriage)\b/,
    /\bis there a (husband|wife|spouse|partner)\b/,
    /\bmaiden name\b/,
  ],
  pregnancy_or_family: [
    /\bare you (pregnant|expecting)\b/,
    /\bdo you (have|plan to have|want) (any )?(kids|children|a baby|a family)\b/,
    /\b(plan|planning|intend) (on|to) (having|have|start) (kids|children|a family|a baby)\b/,
    /\byour (kids|children|pregnancy|family plans|childcare)\b/,
    /\bmaternity|paternity leave plans\b/,
  ],
  nationality_or_origin: [
    /\bwhere are you (originally |really )?from\b/,
    /\byour (nationality|citizenship|country of origin|native country|accent|native language|mother tongue|first language|birthplace|place of birth|ancestry|heritage)\b/,
    /\bwhat (country|nationality) are you\b/,
    /\bwere you born (in|outside)\b/,
    /\bare you a (citizen|native|foreigner|immigrant)\b/,
  ],
  race_or_ethnicity: [/\byour (race|ethnicity|ethnic (background|origin)|skin colou?r)\b/, /\bwhat (race|ethnicity) are you\b/],
  disability_or_health: [
    /\bdo you have (a |any )?(disabilit|medical condition|health (condition|issue|problem)|illness|chronic)/,
    /\byour (disabilit\w*|health|medical (history|condition)|medications?|illness|diagnosis|mental health)\b/,
    /\bare you (disabled|sick|ill|on medication|handicapped)\b/,
    /\bhave you (ever )?(been|had) (hospitali[sz]ed|sick leave|treated for)\b/,
  ],
  sexual_orientation_or_gender: [
    /\byour (sexual orientation|sexuality|gender identity|pronouns at home)\b/,
    /\bare you (gay|straight|lesbian|bisexual|transgender|trans)\b/,
  ],
  political_affiliation: [
    /\byour (political (views|party|affiliation)|vote|voting)\b/,
    /\bwho did you vote for\b/,
    /\bwhich party do you\b/,
  ],
};

export interface SafetyVerdict {
  /** The text to use: the input with personal data redacted, or the safe replacement when blocked. */
  text: string;
  blocked: boolean;
  categories: ProtectedCategory[];
  /** Kinds of personal data redacted (`EMAIL`, `PHONE`, …). */
  redactions: string[];
}

export function protectedCategoriesIn(text: string): ProtectedCategory[] {
  const t = ` ${text.toLowerCase().replace(/[’`]/g, "'").replace(/\s+/g, ' ')} `;
  return PROTECTED_CATEGORIES.filter((c) => PATTERNS[c].some((p) => p.test(t)));
}

/**
 * Checks one reply. Asking about a protected characteristic blocks the whole reply (it is replaced
 * by `safeReplacement`); personal data is redacted in place with typed placeholders.
 */
export function filterReply(text: string, safeReplacement: string): SafetyVerdict {
  const categories = protectedCategoriesIn(text);
  if (categories.length > 0) {
    const replacement = redactText(safeReplacement);
    return { text: replacement.text, blocked: true, categories, redactions: Object.keys(replacement.counts) };
  }
  const redacted = redactText(text);
  return { text: redacted.text, blocked: false, categories: [], redactions: Object.keys(redacted.counts) };
}

/** Words held back while streaming: longer than any protected-characteristic pattern. */
export const STREAM_HOLDBACK_WORDS = 8;

/**
 * Streams a model reply word by word without ever showing what the filter would block: the last
 * few words are held back until the text after them is known, so a protected-characteristic
 * question is caught before its first word reaches the candidate, and personal data is redacted
 * before it is shown. `push` returns the text that is safe to show now.
 */
export class SafeStreamer {
  private raw = '';
  private shown = '';
  private blockedCategories: ProtectedCategory[] = [];

  get blocked(): boolean {
    return this.blockedCategories.length > 0;
  }

  get text(): string {
    return this.raw;
  }

  push(delta: string): { emit: string; reset: boolean } {
    if (this.blocked) return { emit: '', reset: false };
    this.raw += delta;
    const categories = protectedCategoriesIn(this.raw);
    if (categories.length > 0) {
      this.blockedCategories = categories;
      return { emit: '', reset: this.shown.length > 0 };
    }
    const safe = redactText(this.raw).text;
    // Only whole words, and not the last few of them.
    const words = safe.match(/\S+\s+/g) ?? [];
    const release = words.slice(0, Math.max(0, words.length - STREAM_HOLDBACK_WORDS)).join('');
    return this.advance(release);
  }

  /** The rest of the reply once the stream ended (nothing when blocked). */
  finish(): { emit: string; reset: boolean } {
    if (this.blocked) return { emit: '', reset: false };
    return this.advance(redactText(this.raw).text);
  }

  private advance(release: string): { emit: string; reset: boolean } {
    if (release.startsWith(this.shown)) {
      const emit = release.slice(this.shown.length);
      this.shown = release;
      return { emit, reset: false };
    }
    // Redaction changed text already shown (a placeholder grew over a word): show it again from the start.
    this.shown = release;
    return { emit: release, reset: true };
  }
}
