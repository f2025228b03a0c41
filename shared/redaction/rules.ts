import { placeholder, type RedactionKind } from './kinds';

/**
 * The pattern rules of redaction (docs/redaction.md): each finds one kind of personal or secret datum and
 * may refuse a match on a closer look (a card number must pass Luhn, an IBAN mod-97). Every pattern runs
 * in linear time: runs that could repeat at every position are bounded, and no quantified group contains
 * another unbounded quantifier, so an adversarial megabyte is redacted in milliseconds, not minutes.
 */
export interface Rule {
  kind: RedactionKind;
  pattern: RegExp;
  /** The replacement, or null to keep the match as it is. `groups` are the capture groups ('' when unset). */
  replace: (match: string, groups: string[]) => string | null;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** IBAN lengths by country (ISO 13616), for the countries whose accounts people mention most. */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18, FR: 27, GB: 22,
  GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MT: 31, NL: 18, NO: 15, PL: 28,
  PT: 25, RO: 24, SA: 24, SE: 24, SI: 19, SK: 24, SM: 27, TR: 26, UA: 29,
}; // prettier-ignore

/** The mod-97 check of ISO 13616: letters become 10–35, the first four characters move to the end. */
export function ibanValid(compact: string): boolean {
  const expected = IBAN_LENGTHS[compact.slice(0, 2)];
  if (expected !== undefined && compact.length !== expected) return false;
  if (compact.length < 15 || compact.length > 34) return false;
  const moved = compact.slice(4) + compact.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? code - 55 : code - 48;
    rest = value >= 10 ? (rest * 100 + value) % 97 : (rest * 10 + value) % 97;
  }
  return rest === 1;
}

const US_STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC';
const US_STREET =
  'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Parkway|Pkwy|Highway|Hwy|Square|Sq|Circle|Cir|Close|Crescent|Gardens|Grove|Row|Mews';
const TLDS =
  'com|org|net|io|dev|edu|gov|co|uk|de|fr|in|es|it|nl|be|ch|at|se|no|dk|fi|pl|pt|ie|ca|au|nz|jp|cn|br|mx|us|eu|info|biz|me|app|ai';
const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const DATE = String.raw`(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?(?: of)? (?:${MONTHS})\.?,? \d{4}|(?:${MONTHS})\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4})`;

/** How card numbers are printed: Visa, Mastercard, Discover (4-4-4-4, 19 digits as 4-4-4-4-3), Amex and Diners. */
const CARD_LAYOUTS = new Set(['4-4-4-4', '4-4-4-4-3', '4-6-5', '4-6-4', '4-4-4-1', '4-4-4-2', '4-4-4-3']);

// Order matters: the most specific shapes go first, so the e-mail-like `user:pass@host` inside a URL is
// URL credentials and not an e-mail, and a key inside a config line is a secret and not an API key.
export const RULES: Rule[] = [
  {
    kind: 'PRIVATE_KEY',
    // PEM (RSA, EC, OPENSSH, ENCRYPTED …) and PGP private key blocks, to their end or to the end of the text.
    pattern: /-----BEGIN [A-Z ]{0,40}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z ]{0,40}PRIVATE KEY(?: BLOCK)?-----|$)/g,
    replace: () => placeholder('PRIVATE_KEY'),
  },
  {
    kind: 'SECRET',
    // Secrets in config text: `"password": "…"` in JSON, `aws_secret_access_key = …` in INI, Azure's
    // `AccountKey=…` in connection strings, Google OAuth `ya29.` tokens. The key is kept, the value goes.
    pattern: new RegExp(
      [
        String.raw`("(?:password|passwd|pwd|secret|client_secret|api_?key|apiKey|access_?token|refresh_?token|private_?key|token|auth)"\s{0,8}:\s{0,8}")([^"\\\n]{1,512})(")`,
        String.raw`(\b(?:aws_secret_access_key|aws_session_token|secret_access_key)\s{0,8}[=:]\s{0,8}["']?)([A-Za-z0-9/+=]{16,256})()`,
        String.raw`(\b(?:AccountKey|SharedAccessKey|SharedAccessSignature)=)([A-Za-z0-9+/=%&:.-]{16,512})()`,
        String.raw`()(\bya29\.[0-9A-Za-z_-]{20,512})()`,
      ].join('|'),
      'gi',
    ),
    replace: (_m, g) => {
      // Exactly one alternative matched: its three groups are (prefix, value, suffix).
      for (let i = 0; i < g.length; i += 3) if (g[i + 1]) return `${g[i]}${placeholder('SECRET')}${g[i + 2]}`;
      return null;
    },
  },
  {
    kind: 'URL_CREDENTIALS',
    pattern: /\b([a-z][a-z0-9+.-]{0,31}:\/\/)[^\s/?#@:]+:[^\s/?#@]*@/gi,
    replace: (_m, [scheme]) => `${scheme}${placeholder('URL_CREDENTIALS')}@`,
  },
  {
    kind: 'JWT',
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
    replace: () => placeholder('JWT'),
  },
  {
    kind: 'API_KEY',
    pattern: new RegExp(
      [
        String.raw`\bsk-(?:proj-|ant-|live-)?[A-Za-z0-9_-]{20,}`, // OpenAI / Anthropic style
        String.raw`\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{16,}`, // Stripe
        String.raw`\bgh[pousr]_[A-Za-z0-9]{30,}`, // GitHub tokens
        String.raw`\bgithub_pat_[A-Za-z0-9_]{40,}`,
        String.raw`\bglpat-[A-Za-z0-9_-]{20,}`, // GitLab
        String.raw`\bxox[abprs]-[A-Za-z0-9-]{10,}`, // Slack
        String.raw`\b(?:AKIA|ASIA)[0-9A-Z]{16}\b`, // AWS access key id
        String.raw`\bAIza[0-9A-Za-z_-]{35}`, // Google API key
        String.raw`\bhf_[A-Za-z0-9]{30,}`, // Hugging Face
        String.raw`(?<=\bBearer\s{1,32})[A-Za-z0-9._~+/-]{20,}=*`, // HTTP bearer tokens
        String.raw`(?<=\b(?:api[_-]?key|secret|token|password|passwd)\s{0,32}[:=]\s{0,32}["']?)[A-Za-z0-9._~+/-]{16,}`, // key=value
      ].join('|'),
      'gi',
    ),
    replace: () => placeholder('API_KEY'),
  },
  {
    kind: 'EMAIL',
    // A local part is at most 64 characters (RFC 5321).
    pattern: /\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}\b/g,
    replace: () => placeholder('EMAIL'),
  },
  {
    kind: 'EMAIL',
    // Written out to fool scrapers: `jane dot doe at gmail dot com`, `jane[at]example[dot]org`, `jane (at) x.io`.
    // Needs a spelled-out or bracketed "at" and a domain ending in a known top-level domain.
    pattern: new RegExp(
      String.raw`\b[A-Za-z0-9_%+-]{1,64}(?:(?: dot |\.|\s?[\[({]dot[\])}]\s?)[A-Za-z0-9_%+-]{1,64}){0,4}` +
        String.raw`(?: at |\s?[\[({]at[\])}]\s?)[A-Za-z0-9-]{1,63}(?:(?: dot |\.|\s?[\[({]dot[\])}]\s?)[A-Za-z0-9-]{1,63}){1,4}\b`,
      'gi',
    ),
    replace: (m) => {
      const tld = /([A-Za-z]+)$/.exec(m)?.[1]?.toLowerCase() ?? '';
      return new RegExp(`^(?:${TLDS})$`).test(tld) ? placeholder('EMAIL') : null;
    },
  },
  {
    kind: 'IBAN',
    // Compact (DE89370400440532013000) or printed in groups of four; checked with mod-97.
    pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g,
    replace: (m) => (ibanValid(m.replace(/ /g, '')) ? placeholder('IBAN') : null),
  },
  {
    kind: 'CREDIT_CARD',
    // 13–19 digits, contiguous or in the printed groups (4-4-4-4, 4-6-5, …): a lone digit between
    // separators is a list (`1 2 3 5 8 13 …`), not a card. Card numbers start with 2–9: no major
    // network issues 0 or 1, and ruling them out keeps epoch-millisecond timestamps (17…) and
    // zero-padded ids, which can pass Luhn, untouched. Not after `+`: that is an E.164 phone number.
    pattern: /(?<!\+|\+\d{1,3}[ .-]?)\b[2-9]\d{3}(?:[ -]?\d{3,6}){2,4}\b/g,
    replace: (m) => {
      // The pattern is greedy: "4111 1111 1111 1111 192" may hold a card followed by another number. The
      // longest leading run of groups printed the way cards are (4-4-4-4, 4-4-4-4-3, 4-6-5, 4-6-4, or one
      // unbroken run) that passes Luhn is replaced; the rest stays.
      const groups = m.split(/[ -]/);
      for (let n = groups.length; n >= 1; n--) {
        const lengths = groups
          .slice(0, n)
          .map((g) => g.length)
          .join('-');
        if (!CARD_LAYOUTS.has(lengths) && !(n === 1 && groups[0]!.length >= 13 && groups[0]!.length <= 19)) continue;
        const digits = groups.slice(0, n).join('');
        if (!luhnValid(digits)) continue;
        const end = groups.slice(0, n).reduce((len, g) => len + g.length, 0) + (n - 1);
        return `${placeholder('CREDIT_CARD')}${m.slice(end)}`;
      }
      return null;
    },
  },
  {
    kind: 'NATIONAL_ID',
    pattern: new RegExp(
      [
        // US SSN printed with dashes or spaces (never 000, 666 or 9xx first, never 00 or 0000 groups).
        String.raw`\b(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}\b`,
        // Without separators only where the text says it is one: nine digits are too common otherwise.
        String.raw`(?<=\b(?:SSN|social security(?: number| no\.?)?)\s{0,3}(?:is|:|#)?\s{0,3})(?!000|666|9\d\d)\d{9}\b`,
      ].join('|'),
      'gi',
    ),
    replace: () => placeholder('NATIONAL_ID'),
  },
  {
    kind: 'NATIONAL_ID',
    // UK National Insurance number: two letters (not BG, GB, NK, KN, TN, NT, ZZ; no D, F, I, Q, U, V),
    // six digits, a letter A–D. Capitals only: in lower case it is more often a hex string.
    pattern: /\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g,
    replace: () => placeholder('NATIONAL_ID'),
  },
  {
    kind: 'DATE_OF_BIRTH',
    // A date said to be a birth date: "born on 12 March 1990", "DOB: 03/12/1990", "date of birth 1990-03-12".
    // Other dates (a release, a deadline) stay.
    pattern: new RegExp(String.raw`\b(born(?: on| in)?|date of birth|d\.?o\.?b\.?|birthday(?: is)?)(\s{0,3}[:,]?\s{0,3})(${DATE})`, 'gi'),
    replace: (_m, [context, gap]) => `${context}${gap}${placeholder('DATE_OF_BIRTH')}`,
  },
  {
    kind: 'IP_ADDRESS',
    pattern: new RegExp(
      [
        String.raw`\b(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\b`,
        // IPv6: full form, or compressed with `::` and at least two groups overall.
        String.raw`(?<![\w:])(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}(?![\w:])`,
        String.raw`(?<![\w:])(?:[0-9a-fA-F]{1,4}:){1,6}:(?:[0-9a-fA-F]{1,4}:){0,5}[0-9a-fA-F]{1,4}(?![\w:])`,
      ].join('|'),
      'g',
    ),
    replace: () => placeholder('IP_ADDRESS'),
  },
  {
    kind: 'PHONE',
    pattern: new RegExp(
      [
        // Germany's trunk prefix in brackets: +49 (0)30 1234567, +49 (0) 89 123 456 78.
        String.raw`(?<![\w+])\+\d{1,3} ?\(0\) ?\d{2,5}(?:[ /-]?\d{2,8}){1,4}(?!\w)`,
        // France's ten digits in pairs: 06 12 34 56 78, 01.23.45.67.89.
        String.raw`(?<![\w+.-])0[1-9](?:[ .-]\d{2}){4}(?![\w]|[ .-]\d)`,
        // International (+CC …) or grouped national numbers: separators or a leading + are needed, so plain
        // integers in code stay. A grouped national number must not be a slice of a longer run of groups.
        String.raw`(?<![\w+]|\d[ .-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?|\d{2,4}[ .-])\d{3,4}[ .-]\d{3,4}(?!\w|[ .-]\d)`,
        String.raw`(?<![\w+])\+\d{1,3}(?:[ .-]\d{1,6}){2,6}(?!\w|[ .-]\d)`,
        String.raw`(?<![\w+])\+\d{7,14}(?!\w)`,
      ].join('|'),
      'g',
    ),
    replace: (m) => {
      const digits = m.replace(/\D/g, '');
      return digits.length >= 9 && digits.length <= 15 ? placeholder('PHONE') : null;
    },
  },
  {
    kind: 'ADDRESS',
    pattern: new RegExp(
      [
        // US/UK street line, with an optional unit, city, state and ZIP: 1600 Pennsylvania Avenue NW, 221B Baker Street.
        String.raw`\b\d{1,6}[A-Za-z]? (?:[A-Z][a-z]{1,20} ){1,4}(?:${US_STREET})\b\.?(?: (?:NW|NE|SW|SE|N|S|E|W)\b)?(?:,? (?:Apt|Suite|Unit|Flat|#) ?[\w-]{1,6})?(?:, [A-Z][a-z]{1,20}(?: [A-Z][a-z]{1,20}){0,2})?(?:,? (?:${US_STATES}) \d{5}(?:-\d{4})?)?`,
        // A US state and ZIP on their own: Springfield, IL 62704.
        String.raw`\b(?:${US_STATES}) \d{5}(?:-\d{4})?\b`,
        // UK postcode: SW1A 1AA, NW1 6XE, M1 1AE.
        String.raw`\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?) \d[ABD-HJLNP-UW-Z]{2}\b`,
        // German street and number, with an optional postcode and city: Hauptstraße 5, 10115 Berlin.
        String.raw`\b[A-ZÄÖÜ][a-zäöüß]{1,30}(?:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|ufer) \d{1,4}[a-z]?(?:, \d{5} [A-ZÄÖÜ][a-zäöüß]{1,30})?`,
        // French number and street, with an optional postcode and city: 12 rue de la Paix, 75002 Paris.
        String.raw`\b\d{1,4}(?: bis| ter)?,? (?:rue|avenue|av\.|boulevard|bd|place|chemin|allée|impasse|quai|route) (?:[\wÀ-ÿ'’-]{1,30} ){0,4}[A-ZÀ-Ý][\wÀ-ÿ'’-]{1,30}(?:, \d{5} [A-ZÀ-Ý][a-zà-ÿ-]{1,30})?`,
      ].join('|'),
      'g',
    ),
    replace: () => placeholder('ADDRESS'),
  },
];
