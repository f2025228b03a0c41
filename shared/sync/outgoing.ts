import type { InterviewConfig } from '../config/interview-config';
import {
  addCounts,
  outgoingConfig as redactedConfig,
  PLACEHOLDER,
  redact,
  type Participant,
  type RedactionCounts,
  type RedactionKind,
} from '../redaction';
import { redactEvent, type TelemetryEvent } from '../telemetry';

/**
 * What the team's server receives of a session, in the one place that decides it (docs/remote-api.md,
 * "What is redacted"). The server gets the candidate's name in the create call's own field, because that
 * is what it files the interview under; everywhere else (the config, the conversation, program output)
 * the participants' names, the candidate's e-mail address and phone number, and every kind of personal
 * data the redaction finds (docs/redaction.md) are replaced by placeholders.
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

type Contacts = Pick<InterviewConfig, 'candidateName' | 'candidateEmail' | 'candidatePhone'> & {
  personas?: InterviewConfig['personas'];
};

/**
 * Replaces the candidate's e-mail address and phone number as the config writes them, however the text
 * groups the digits (the general rules may not know every national format), then redacts the rest with the
 * session's participants known by name.
 */
function sessionRedactor(config: Contacts): (text: string) => string {
  const participants: Participant[] = [
    { name: config.candidateName, role: 'candidate' },
    ...(config.personas ?? []).map((p): Participant => ({ name: p.name, role: 'interviewer' })),
  ];
  const email = config.candidateEmail.trim();
  const emailPattern = email ? new RegExp(escapeRegExp(email), 'gi') : null;
  const digits = config.candidatePhone.replace(/\D/g, '');
  const phonePattern = digits.length >= 6 ? new RegExp(`\\+?${digits.split('').join('[\\s().-]{0,3}')}(?!\\d)`, 'g') : null;
  return (text) => {
    if (!text) return text;
    let out = text;
    if (emailPattern) out = out.replace(emailPattern, '[EMAIL]');
    if (phonePattern) out = out.replace(phonePattern, '[PHONE]');
    return redact(out, { participants }).text;
  };
}

/** The interview config as the team's server receives it in the create call (docs/redaction.md). */
export function outgoingConfig(config: InterviewConfig): InterviewConfig {
  return redactedConfig(config);
}

/**
 * A stored telemetry event as the team's server receives it: the telemetry contract's outgoing form
 * (`redactEvent`), the candidate's name and contact details taken out of its free text too, and its
 * `sessionId` the server's id for the session.
 */
export function outgoingEventRedactor(config: Contacts): (event: TelemetryEvent, serverSessionId: string) => TelemetryEvent {
  const clean = sessionRedactor(config);
  return (event, serverSessionId) => {
    const out = { ...redactEvent(event), sessionId: serverSessionId };
    if (out.type === 'turn') return { ...out, text: clean(out.text) };
    if (out.type === 'run') {
      if (out.stdoutPreview !== undefined) out.stdoutPreview = clean(out.stdoutPreview);
      if (out.stderrPreview !== undefined) out.stderrPreview = clean(out.stderrPreview);
    }
    return out;
  };
}

/**
 * What redaction replaced between a value and its outgoing form, by field and kind, for the audit
 * (docs/redaction.md): the placeholders in each outgoing string that its original did not already hold.
 * Fields are named by their path with array positions dropped (`requiredSkills.reason`), prefixed by `prefix`.
 */
export function redactionDelta(
  before: unknown,
  after: unknown,
  prefix: string,
  into = new Map<string, RedactionCounts>(),
): Map<string, RedactionCounts> {
  if (typeof after === 'string') {
    const added = placeholderCounts(after);
    const had = typeof before === 'string' ? placeholderCounts(before) : {};
    const delta: RedactionCounts = {};
    for (const [kind, n] of Object.entries(added) as Array<[RedactionKind, number]>) {
      const more = n - (had[kind] ?? 0);
      if (more > 0) delta[kind] = more;
    }
    if (Object.keys(delta).length > 0) {
      const counts = into.get(prefix) ?? {};
      addCounts(counts, delta);
      into.set(prefix, counts);
    }
  } else if (Array.isArray(after)) {
    after.forEach((item, i) => redactionDelta(Array.isArray(before) ? before[i] : undefined, item, prefix, into));
  } else if (after !== null && typeof after === 'object') {
    const source = before !== null && typeof before === 'object' ? (before as Record<string, unknown>) : {};
    for (const [key, value] of Object.entries(after)) {
      redactionDelta(source[key], value, prefix ? `${prefix}.${key}` : key, into);
    }
  }
  return into;
}

function placeholderCounts(text: string): RedactionCounts {
  const counts: RedactionCounts = {};
  for (const m of text.matchAll(PLACEHOLDER)) {
    const kind = m[0].slice(1, -1) as RedactionKind;
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}
