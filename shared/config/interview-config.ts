import { z } from 'zod';
import { PersonaVoiceSchema } from '../voice/voices';
import { issuesFromZod, type FieldIssue } from '../util/issues';

/**
 * The interview config: one JSON shape for the form, the store and the CLI.
 * Its fields and defaults are in docs/interview-config.md.
 */
export const SKILL_IMPORTANCE = ['critical', 'high', 'medium', 'low'] as const;
export const INTERVIEW_TYPES = ['technical_coding', 'system_design', 'behavioral', 'mixed'] as const;
export const COMPANY_PATTERNS = ['big_tech', 'startup', 'fintech', 'healthcare', 'general'] as const;
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export const INTERVIEW_MODES = ['practice', 'graded'] as const;
export const PERSONA_STYLES = ['friendly', 'tough', 'neutral'] as const;

export type SkillImportance = (typeof SKILL_IMPORTANCE)[number];
export type InterviewType = (typeof INTERVIEW_TYPES)[number];
export type CompanyPattern = (typeof COMPANY_PATTERNS)[number];
export type Difficulty = (typeof DIFFICULTIES)[number];
export type InterviewMode = (typeof INTERVIEW_MODES)[number];
export type PersonaStyle = (typeof PERSONA_STYLES)[number];

export const DURATION_LIMITS = { min: 5, max: 180 } as const;

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const requiredText = (max: number) => text(max).min(1, 'must not be empty');

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: () => `must be one of: ${values.join(', ')}` });

export const RequiredSkillSchema = z.strictObject({
  name: requiredText(80),
  reason: text(500).default(''),
  importance: oneOf(SKILL_IMPORTANCE),
});
export type RequiredSkill = z.infer<typeof RequiredSkillSchema>;

export const PersonaSchema = z.strictObject({
  name: requiredText(60),
  role: requiredText(80),
  style: oneOf(PERSONA_STYLES),
  focusAreas: z.array(requiredText(60)).max(10, 'at most 10 focus areas').default([]),
  /** Speak as this interviewer's twin (docs/twin.md): their turns are phrased by the twin and stored with role `twin`. */
  twinOf: requiredText(120).optional(),
  /** How this persona sounds (docs/voice.md); left out, its style decides. */
  voice: PersonaVoiceSchema.optional(),
});
export type Persona = z.infer<typeof PersonaSchema>;

export const DEFAULT_PERSONA: Persona = {
  name: 'Alex Morgan',
  role: 'Senior Software Engineer',
  style: 'neutral',
  focusAreas: ['problem solving', 'code quality', 'communication'],
};

/**
 * What a config that leaves them out gets (docs/interview-config.md). Teams bring configs written for other
 * tools, which often say nothing of the interview's type, length or mode; the CLI prints the defaults it
 * applied (`configDefaultsApplied`) so nobody is surprised.
 */
export const CONFIG_DEFAULTS = {
  interviewType: 'mixed',
  difficulty: 'medium',
  durationMinutes: 45,
  mode: 'practice',
} as const satisfies { interviewType: InterviewType; difficulty: Difficulty; durationMinutes: number; mode: InterviewMode };

/** A skill given by its name alone (as some tools write them) is a skill of medium importance. */
const SkillEntrySchema = z.preprocess((v) => (typeof v === 'string' ? { name: v, importance: 'medium' } : v), RequiredSkillSchema);

const emailText = text(254).refine((v) => v === '' || /^[^\s@]+@[^\s@]+$/.test(v), 'must be an e-mail address (name@host)');

export const InterviewConfigSchema = z
  .strictObject({
    jobTitle: requiredText(120),
    jobDescription: text(20_000).default(''),
    requiredSkills: z.array(SkillEntrySchema).max(30, 'at most 30 skills').default([]),
    company: text(120).default(''),
    candidateName: requiredText(120),
    candidatePosition: text(120).default(''),
    resumeText: text(50_000).default(''),
    /** Contact details a team's config may carry: stored, and redacted wherever data leaves the machine. */
    candidateEmail: emailText.default(''),
    candidatePhone: text(40).default(''),
    interviewType: oneOf(INTERVIEW_TYPES).default(CONFIG_DEFAULTS.interviewType),
    companyPattern: oneOf(COMPANY_PATTERNS).default('general'),
    difficulty: oneOf(DIFFICULTIES).default(CONFIG_DEFAULTS.difficulty),
    durationMinutes: z
      .number({ error: 'must be a number of minutes' })
      .int('must be a whole number of minutes')
      .min(DURATION_LIMITS.min, `must be at least ${DURATION_LIMITS.min} minutes`)
      .max(DURATION_LIMITS.max, `must be at most ${DURATION_LIMITS.max} minutes`)
      .default(CONFIG_DEFAULTS.durationMinutes),
    mode: oneOf(INTERVIEW_MODES).default(CONFIG_DEFAULTS.mode),
    // No personas (left out, or an empty list) means the default interviewer.
    personas: z
      .array(PersonaSchema)
      .max(4, 'at most 4 personas')
      .default([DEFAULT_PERSONA])
      .transform((personas) => (personas.length > 0 ? personas : [DEFAULT_PERSONA])),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.requiredSkills.forEach((skill, index) => {
      const key = skill.name.toLowerCase();
      if (seen.has(key)) {
        ctx.addIssue({ code: 'custom', path: ['requiredSkills', index, 'name'], message: `duplicate skill "${skill.name}"` });
      }
      seen.add(key);
    });
  });

/** The config as stored: every optional field filled with its default. */
export type InterviewConfig = z.output<typeof InterviewConfigSchema>;
/** The config as written by a person or a file: optional fields may be left out. */
export type InterviewConfigInput = z.input<typeof InterviewConfigSchema>;

/**
 * The defaults a config was given for what it left out, in words (for the CLI to print): the interview's
 * type, difficulty, length and mode, the default interviewer, and skills given by name only. Empty when
 * the input is not an object.
 */
export function configDefaultsApplied(input: unknown): string[] {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return [];
  const given = input as Record<string, unknown>;
  const out: string[] = [];
  for (const [field, value] of Object.entries(CONFIG_DEFAULTS)) {
    if (given[field] === undefined) out.push(`${field}: ${String(value)} (not given)`);
  }
  // Leaving personas out was always "the default interviewer"; an empty list is what other tools write.
  if (Array.isArray(given.personas) && given.personas.length === 0) {
    out.push(`personas: the default interviewer, ${DEFAULT_PERSONA.name} (an empty list)`);
  }
  if (Array.isArray(given.requiredSkills)) {
    given.requiredSkills.forEach((skill, i) => {
      if (typeof skill === 'string') out.push(`requiredSkills[${i}] "${skill}": importance medium (given as a name only)`);
    });
  }
  return out;
}

export type ConfigParseResult = { ok: true; config: InterviewConfig } | { ok: false; issues: FieldIssue[] };

export function parseInterviewConfig(input: unknown): ConfigParseResult {
  const parsed = InterviewConfigSchema.safeParse(input);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, issues: issuesFromZod(parsed.error, input) };
}

export const INTERVIEW_TYPE_LABELS: Record<InterviewType, string> = {
  technical_coding: 'Technical coding',
  system_design: 'System design',
  behavioral: 'Behavioral',
  mixed: 'Mixed',
};

export const COMPANY_PATTERN_LABELS: Record<CompanyPattern, string> = {
  big_tech: 'Big tech',
  startup: 'Startup',
  fintech: 'Fintech',
  healthcare: 'Healthcare',
  general: 'General',
};
