/**
 * What redaction replaces, each with its typed placeholder (`[EMAIL]`, `[NAME]`, …) so a reader still sees
 * what kind of thing was there (docs/redaction.md). `CANDIDATE` and `INTERVIEWER` are the stable
 * placeholders of a session's own participants in what is sent to a model provider, which the app puts
 * back locally.
 */
export const REDACTION_KINDS = [
  'PRIVATE_KEY',
  'SECRET',
  'URL_CREDENTIALS',
  'JWT',
  'API_KEY',
  'EMAIL',
  'IBAN',
  'CREDIT_CARD',
  'NATIONAL_ID',
  'DATE_OF_BIRTH',
  'IP_ADDRESS',
  'PHONE',
  'ADDRESS',
  'NAME',
  'CANDIDATE',
  'INTERVIEWER',
] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];
export type RedactionCounts = Partial<Record<RedactionKind, number>>;

export const placeholder = (kind: RedactionKind) => `[${kind}]`;

/** Any placeholder this module writes: never redacted again, so redaction is idempotent. */
export const PLACEHOLDER = new RegExp(`\\[(?:${REDACTION_KINDS.join('|')})\\]`, 'g');

export function addCounts(into: RedactionCounts, from: RedactionCounts): void {
  for (const [kind, n] of Object.entries(from) as [RedactionKind, number][]) {
    into[kind] = (into[kind] ?? 0) + n;
  }
}
