export { REDACTION_KINDS, PLACEHOLDER, addCounts, placeholder, type RedactionCounts, type RedactionKind } from './kinds';
export { RULES, ibanValid, luhnValid, type Rule } from './rules';
export { findNames, type NameSpan, type Participant } from './names';
export { redact, redactDetailed, type DetailedRedaction, type RedactOptions, type RedactionResult, type Segment } from './redact';
export { ALLOWED_PHRASES, ALLOWED_WORDS, THING_NOUNS } from './allow-list';
export { outgoingConfig } from './config';
