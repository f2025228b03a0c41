import type { InterviewConfig } from '../config/interview-config';
import { redactEvent, redactText, type TelemetryEvent } from '../telemetry';

/**
 * What the team's server receives of a session, in the one place that decides it (docs/remote-api.md,
 * "What is redacted"). The server gets the candidate's name in its own field, because that is what it
 * files the interview under; everywhere else (free text in the config, the conversation, program
 * output) the name, the e-mail address and the phone number are replaced by placeholders, as are the
 * kinds of personal data `redactText` finds. A stronger redaction later changes these functions only.
 */

const NAME_PLACEHOLDER = '[NAME]';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The candidate's name as it may appear in text: whole, and each part of two letters or more. */
function namePattern(name: string): RegExp | null {
  const whole = name.trim().replace(/\s+/g, ' ');
  if (whole.length < 2) return null;
  const parts = whole.split(/[\s,]+/).filter((p) => [...p].length >= 2);
  const alternatives = [...new Set([whole, ...parts])].sort((a, b) => b.length - a.length).map(escapeRegExp);
  // Letters and digits around a match make it part of another word ("Chen" in "Chenoweth" stays).
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.map((a) => a.replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/**
 * Replaces what the config says of the candidate (the e-mail address and phone number as written, the
 * name whole and in parts). `redactText` finds other people's details and every other kind of secret.
 */
function candidateRedactor(config: Pick<InterviewConfig, 'candidateName' | 'candidateEmail' | 'candidatePhone'>): (text: string) => string {
  const name = namePattern(config.candidateName);
  const email = config.candidateEmail.trim();
  const emailPattern = email ? new RegExp(escapeRegExp(email), 'gi') : null;
  // The phone number's digits however the text groups them.
  const digits = config.candidatePhone.replace(/\D/g, '');
  const phonePattern = digits.length >= 6 ? new RegExp(`\\+?${digits.split('').join('[\\s().-]{0,3}')}(?!\\d)`, 'g') : null;
  return (text) => {
    let out = text;
    if (emailPattern) out = out.replace(emailPattern, '[EMAIL]');
    if (phonePattern) out = out.replace(phonePattern, '[PHONE]');
    if (name) out = out.replace(name, NAME_PLACEHOLDER);
    return out;
  };
}

/** The interview config as the team's server receives it in the create call. */
export function outgoingConfig(config: InterviewConfig): InterviewConfig {
  const candidate = candidateRedactor(config);
  const redact = (text: string) => redactText(candidate(text)).text;
  return {
    ...config,
    jobDescription: redact(config.jobDescription),
    candidatePosition: redact(config.candidatePosition),
    resumeText: redact(config.resumeText),
    requiredSkills: config.requiredSkills.map((skill) => ({ ...skill, reason: redact(skill.reason) })),
    candidateEmail: config.candidateEmail ? '[EMAIL]' : '',
    candidatePhone: config.candidatePhone ? '[PHONE]' : '',
  };
}

/**
 * A stored telemetry event as the team's server receives it: the telemetry contract's outgoing form
 * (`redactEvent`), the candidate's name and contact details taken out of its free text too, and its
 * `sessionId` the server's id for the session.
 */
export function outgoingEventRedactor(
  config: Pick<InterviewConfig, 'candidateName' | 'candidateEmail' | 'candidatePhone'>,
): (event: TelemetryEvent, serverSessionId: string) => TelemetryEvent {
  const redact = candidateRedactor(config);
  return (event, serverSessionId) => {
    const out = { ...redactEvent(event), sessionId: serverSessionId };
    if (out.type === 'turn') return { ...out, text: redact(out.text) };
    if (out.type === 'run') {
      if (out.stdoutPreview !== undefined) out.stdoutPreview = redact(out.stdoutPreview);
      if (out.stderrPreview !== undefined) out.stderrPreview = redact(out.stderrPreview);
    }
    return out;
  };
}
