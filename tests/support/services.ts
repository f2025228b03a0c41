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
