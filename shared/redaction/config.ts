import type { InterviewConfig } from '../config/interview-config';
import type { Participant } from './names';
import { redact, type RedactOptions } from './redact';

/**
 * The interview config as it may leave the machine (team sync, the corpus; docs/redaction.md): the
 * candidate's name and contact details become placeholders, the interviewers' names too, and the free texts
 * (job description, resume, skill reasons) are redacted like any other text. Everything that says what the
 * interview is (type, difficulty, skills, company pattern) stays.
 */
export function outgoingConfig(config: InterviewConfig, options: Pick<RedactOptions, 'keep'> = {}): InterviewConfig {
  const participants: Participant[] = [
    { name: config.candidateName, role: 'candidate' },
    ...config.personas.map((p): Participant => ({ name: p.name, role: 'interviewer' })),
  ];
  const clean = (text: string) => (text ? redact(text, { participants, roles: true, keep: options.keep }).text : text);
  return {
    ...config,
    candidateName: '[CANDIDATE]',
    candidateEmail: config.candidateEmail ? '[EMAIL]' : '',
    candidatePhone: config.candidatePhone ? '[PHONE]' : '',
    candidatePosition: clean(config.candidatePosition),
    jobDescription: clean(config.jobDescription),
    resumeText: clean(config.resumeText),
    requiredSkills: config.requiredSkills.map((s) => ({ ...s, reason: clean(s.reason) })),
    personas: config.personas.map((p) => ({ ...p, name: '[INTERVIEWER]' })),
  };
}
