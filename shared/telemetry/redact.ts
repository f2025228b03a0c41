/**
 * PII redaction for data that leaves the machine. Each finding is replaced by a typed placeholder
 * (`[EMAIL]`, `[PHONE]`, …) so a reader still sees what kind of thing was there.
 * Pure string work: used by the telemetry normaliser, the CLI, exports and (later) sync.
 */
export const REDACTION_KINDS = ['PRIVATE_KEY', 'URL_CREDENTIALS', 'JWT', 'API_KEY', 'EMAIL', 'CREDIT_CARD', 'IP_ADDRESS', 'PHONE'] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];
export type RedactionCounts = Partial<Record<RedactionKind, number>>;

export interface RedactionResult {
  text: string;
  counts: RedactionCounts;
  total: number;
}

interface Rule {
  kind: RedactionKind;
  pattern: RegExp;
  /** Returns the replacement, or null to keep the match as it is (e.g. a number failing Luhn). */
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

const placeholder = (kind: RedactionKind) => `[${kind}]`;

// Order matters: the most specific shapes go first so that, e.g., the e-mail-like
// `user:pass@host` inside a URL is reported as URL credentials, not as an e-mail.
// Runs that can repeat at every position (a URL scheme, an e-mail local part, the white space in a
// look-behind) are bounded: unbounded, a long run of `a-a-a-…` or of spaces makes a rule quadratic
// and a 256 KB turn text takes minutes to redact.
const RULES: Rule[] = [
  {
    kind: 'PRIVATE_KEY',
    pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
    replace: () => placeholder('PRIVATE_KEY'),
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
    pattern: /\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g,
    replace: () => placeholder('EMAIL'),
  },
  {
    kind: 'CREDIT_CARD',
    // 13–19 digits, contiguous or in the printed groups (4-4-4-4, 4-6-5, …): a lone digit between
    // separators is a list (`1 2 3 5 8 13 …`), not a card. Card numbers start with 2–9: no major
    // network issues 0 or 1, and ruling them out keeps epoch-millisecond timestamps (17…) and
    // zero-padded ids, which can pass Luhn, untouched. Not after `+`: that is an E.164 phone number.
    pattern: /(?<!\+)\b[2-9]\d{3}(?:[ -]?\d{3,6}){2,4}\b/g,
    replace: (m) => {
      const digits = m.replace(/[ -]/g, '');
      return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) ? placeholder('CREDIT_CARD') : null;
    },
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
    // International (+CC …) or grouped national numbers: needs separators or a leading +,
    // so plain integers in code (1234567890) are left alone. A grouped national number must not
    // be a slice of a longer run of digit groups (e.g. a 16-digit number failing Luhn).
    // After +CC any grouping is accepted (+44 7911 123456, +33 6 12 34 56 78).
    pattern:
      /(?<![\w+]|\d[ .-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?|\d{2,4}[ .-])\d{3,4}[ .-]\d{3,4}(?!\w|[ .-]\d)|(?<![\w+])\+\d{1,3}(?:[ .-]\d{1,6}){2,6}(?!\w|[ .-]\d)|(?<![\w+])\+\d{7,14}(?!\w)/g,
    replace: (m) => {
      const digits = m.replace(/\D/g, '');
      return digits.length >= 9 && digits.length <= 15 ? placeholder('PHONE') : null;
    },
  },
];

export function redactText(input: string): RedactionResult {
  let text = input;
  const counts: RedactionCounts = {};
  let total = 0;
  for (const rule of RULES) {
    text = text.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
      // replace() passes the capture groups, then the offset (a number), the input and named groups.
      const groups = rest
        .slice(
          0,
          rest.findIndex((g) => typeof g === 'number'),
        )
        .map((g) => (typeof g === 'string' ? g : ''));
      const replacement = rule.replace(match, groups);
      if (replacement === null) return match;
      counts[rule.kind] = (counts[rule.kind] ?? 0) + 1;
      total += 1;
      return replacement;
    });
  }
  return { text, counts, total };
}

export function addCounts(into: RedactionCounts, from: RedactionCounts): void {
  for (const [kind, n] of Object.entries(from) as [RedactionKind, number][]) {
    into[kind] = (into[kind] ?? 0) + n;
  }
}
