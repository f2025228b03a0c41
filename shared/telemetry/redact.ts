/**
 * Redaction of what leaves the machine lives in shared/redaction (docs/redaction.md); telemetry's outgoing
 * form uses it through these names. `redactText` is redaction without a session's context: the pattern rules
 * and people's names found in the text.
 */
import { redact, type RedactionResult } from '../redaction';

export { REDACTION_KINDS, addCounts, luhnValid, type RedactionCounts, type RedactionKind, type RedactionResult } from '../redaction';

export function redactText(input: string): RedactionResult {
  return redact(input);
}
