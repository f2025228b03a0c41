import { createAppServices, type AppServices, type AppServicesOptions } from '../../electron/services';
import { RESOURCES_DIR, tempDataDir } from './paths';

/** The real services on a temp data directory (real SQLite file, real resources). */
export function makeServices(options: Partial<AppServicesOptions> = {}): AppServices {
  return createAppServices({
    dataDir: options.dataDir ?? tempDataDir(),
    resourcesDir: RESOURCES_DIR,
    appVersion: '0.0.0-test',
    ...options,
  });
}

export const validConfig = () => ({
  jobTitle: 'Senior Backend Engineer',
  jobDescription: 'Own the payments ledger service and its APIs.',
  requiredSkills: [
    { name: 'PostgreSQL', reason: 'The ledger lives there', importance: 'critical' as const },
    { name: 'Go', reason: 'Service language', importance: 'high' as const },
  ],
  company: 'Acme Payments',
  candidateName: 'Jamie Chen',
  candidatePosition: 'Backend Engineer II',
  resumeText: '6 years building payment systems.',
  interviewType: 'technical_coding' as const,
  companyPattern: 'fintech' as const,
  difficulty: 'medium' as const,
  durationMinutes: 45,
  mode: 'practice' as const,
});

/**
 * A config as other tools write it: job, skills, company, candidate and contact details, an empty persona
 * list, and nothing about the interview's type, length or mode (the defaults fill those in).
 */
export const teamConfig = () => ({
  jobTitle: 'Senior React Developer',
  jobDescription: 'Build scalable web applications with modern React patterns.',
  requiredSkills: [{ name: 'React', reason: 'Core framework for UI development', importance: 'critical' as const }, 'TypeScript'],
  company: 'TechCorp',
  candidateName: 'John Doe',
  candidatePosition: 'Mid-level Frontend Engineer',
  resumeText: 'Five years of React.',
  candidateEmail: 'john.doe@example.com',
  candidatePhone: '+1 555 010 0199',
  personas: [] as never[],
});
