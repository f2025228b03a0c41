import { describe, expect, it } from 'vitest';
import {
  COMPANY_PATTERNS,
  CONFIG_DEFAULTS,
  configDefaultsApplied,
  DEFAULT_PERSONA,
  DIFFICULTIES,
  INTERVIEW_MODES,
  INTERVIEW_TYPES,
  SKILL_IMPORTANCE,
  parseInterviewConfig,
  type InterviewConfig,
} from '../../shared/config/interview-config';
import { describeIssues, formatPath, type FieldIssue } from '../../shared/util/issues';
import { teamConfig } from '../support/services';

/** The smallest config a person can write: only the required fields. */
const minimal = () => ({
  jobTitle: 'Backend Engineer',
  candidateName: 'Jamie Chen',
  interviewType: 'technical_coding',
  difficulty: 'medium',
  durationMinutes: 45,
  mode: 'practice',
});

const skill = (name: string, importance = 'high', reason?: string) => ({ name, importance, ...(reason === undefined ? {} : { reason }) });

function accept(input: unknown): InterviewConfig {
  const result = parseInterviewConfig(input);
  if (!result.ok) throw new Error(`expected the config to be accepted, got ${describeIssues(result.issues, 20)}`);
  return result.config;
}

function reject(input: unknown): FieldIssue[] {
  const result = parseInterviewConfig(input);
  if (result.ok) throw new Error(`expected the config to be rejected, got ${JSON.stringify(result.config)}`);
  expect(result.issues.length).toBeGreaterThan(0);
  return result.issues;
}

const messageFor = (issues: FieldIssue[], field: string) => issues.filter((i) => i.field === field).map((i) => i.message);

describe('parseInterviewConfig: valid configs', () => {
  it('accepts a minimal config and fills every optional field with its default', () => {
    const config = accept(minimal());
    expect(config).toEqual({
      ...minimal(),
      jobDescription: '',
      requiredSkills: [],
      company: '',
      candidatePosition: '',
      resumeText: '',
      candidateEmail: '',
      candidatePhone: '',
      companyPattern: 'general',
      personas: [DEFAULT_PERSONA],
    });
  });

  it('gives the default persona the documented shape', () => {
    const [persona] = accept(minimal()).personas;
    expect(persona).toEqual({
      name: 'Alex Morgan',
      role: 'Senior Software Engineer',
      style: 'neutral',
      focusAreas: ['problem solving', 'code quality', 'communication'],
    });
  });

  it('keeps explicit values instead of defaults', () => {
    const persona = { name: 'Sam Patel', role: 'Staff Engineer', style: 'tough' as const, focusAreas: ['system design'] };
    const config = accept({
      ...minimal(),
      jobDescription: 'Own the ledger.',
      company: 'Acme',
      candidatePosition: 'Engineer II',
      resumeText: '6 years of Go.',
      companyPattern: 'fintech',
      requiredSkills: [skill('Go', 'critical', 'Service language')],
      personas: [persona],
    });
    expect(config.companyPattern).toBe('fintech');
    expect(config.company).toBe('Acme');
    expect(config.requiredSkills).toEqual([{ name: 'Go', reason: 'Service language', importance: 'critical' }]);
    expect(config.personas).toEqual([persona]);
  });

  it('fills a skill reason and persona focus areas with their defaults', () => {
    const config = accept({
      ...minimal(),
      requiredSkills: [skill('SQL')],
      personas: [{ name: 'Sam', role: 'Lead', style: 'friendly' }],
    });
    expect(config.requiredSkills).toEqual([{ name: 'SQL', reason: '', importance: 'high' }]);
    expect(config.personas).toEqual([{ name: 'Sam', role: 'Lead', style: 'friendly', focusAreas: [] }]);
  });

  it('trims surrounding white space from text fields', () => {
    const config = accept({ ...minimal(), jobTitle: '  Backend Engineer \n', requiredSkills: [skill('  Go  ')] });
    expect(config.jobTitle).toBe('Backend Engineer');
    expect(config.requiredSkills[0]?.name).toBe('Go');
  });

  it('does not change the input object', () => {
    const input = minimal();
    const copy = structuredClone(input);
    accept(input);
    expect(input).toEqual(copy);
  });

  it.each(INTERVIEW_TYPES)('accepts interviewType %s', (interviewType) => {
    expect(accept({ ...minimal(), interviewType }).interviewType).toBe(interviewType);
  });

  it.each(DIFFICULTIES)('accepts difficulty %s', (difficulty) => {
    expect(accept({ ...minimal(), difficulty }).difficulty).toBe(difficulty);
  });

  it.each(INTERVIEW_MODES)('accepts mode %s', (mode) => {
    expect(accept({ ...minimal(), mode }).mode).toBe(mode);
  });

  it.each(COMPANY_PATTERNS)('accepts companyPattern %s', (companyPattern) => {
    expect(accept({ ...minimal(), companyPattern }).companyPattern).toBe(companyPattern);
  });

  it.each(SKILL_IMPORTANCE)('accepts skill importance %s', (importance) => {
    expect(accept({ ...minimal(), requiredSkills: [skill('Go', importance)] }).requiredSkills[0]?.importance).toBe(importance);
  });
});

describe('parseInterviewConfig: required fields', () => {
  it.each(['jobTitle', 'candidateName'] as const)('reports a missing %s as "is required" on that field', (field) => {
    const input: Record<string, unknown> = minimal();
    delete input[field];
    expect(reject(input)).toEqual([{ field, message: 'is required' }]);
  });

  it('reports every missing required field of an empty object, each on its own path', () => {
    const issues = reject({});
    expect(issues).toHaveLength(2);
    expect(issues.every((i) => i.message === 'is required')).toBe(true);
    expect(issues.map((i) => i.field).sort()).toEqual(['candidateName', 'jobTitle']);
  });

  it('reports a missing skill importance at requiredSkills[0].importance', () => {
    expect(reject({ ...minimal(), requiredSkills: [{ name: 'Go' }] })).toEqual([
      { field: 'requiredSkills[0].importance', message: 'is required' },
    ]);
  });

  it('reports a missing skill name at requiredSkills[1].name', () => {
    expect(reject({ ...minimal(), requiredSkills: [skill('Go'), { importance: 'low' }] })).toEqual([
      { field: 'requiredSkills[1].name', message: 'is required' },
    ]);
  });

  it('reports missing persona fields at personas[0].…', () => {
    const issues = reject({ ...minimal(), personas: [{ name: 'Sam' }] });
    expect(issues).toEqual(
      expect.arrayContaining([
        { field: 'personas[0].role', message: 'is required' },
        { field: 'personas[0].style', message: 'is required' },
      ]),
    );
    expect(issues).toHaveLength(2);
  });

  it('rejects an empty or blank required text field as "must not be empty", not as missing', () => {
    expect(messageFor(reject({ ...minimal(), jobTitle: '' }), 'jobTitle')).toEqual(['must not be empty']);
    expect(messageFor(reject({ ...minimal(), candidateName: '   ' }), 'candidateName')).toEqual(['must not be empty']);
  });

  it('rejects a null required field without calling it missing', () => {
    const issues = reject({ ...minimal(), jobTitle: null });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.field).toBe('jobTitle');
    expect(issues[0]?.message).not.toBe('is required');
  });

  it.each([undefined, null, 'config', 42, []])('rejects %j as a whole', (input) => {
    const issues = reject(input);
    expect(issues[0]?.field).toBe('');
  });
});

describe('parseInterviewConfig: unknown fields', () => {
  it('reports an unknown top-level field by its own name', () => {
    expect(reject({ ...minimal(), jobTitel: 'typo' })).toEqual([{ field: 'jobTitel', message: 'unknown field' }]);
  });

  it('reports each unknown field separately', () => {
    const issues = reject({ ...minimal(), foo: 1, bar: 2 });
    expect(issues).toEqual(
      expect.arrayContaining([
        { field: 'foo', message: 'unknown field' },
        { field: 'bar', message: 'unknown field' },
      ]),
    );
    expect(issues).toHaveLength(2);
  });

  it('reports an unknown field inside a skill at requiredSkills[1].weight', () => {
    expect(reject({ ...minimal(), requiredSkills: [skill('Go'), { ...skill('SQL'), weight: 3 }] })).toEqual([
      { field: 'requiredSkills[1].weight', message: 'unknown field' },
    ]);
  });

  it('reports an unknown field inside a persona at personas[0].mood', () => {
    expect(reject({ ...minimal(), personas: [{ ...DEFAULT_PERSONA, mood: 'grumpy' }] })).toEqual([
      { field: 'personas[0].mood', message: 'unknown field' },
    ]);
  });
});

describe('parseInterviewConfig: enums', () => {
  it('rejects an unknown importance and lists the allowed values', () => {
    expect(reject({ ...minimal(), requiredSkills: [skill('Go', 'urgent')] })).toEqual([
      { field: 'requiredSkills[0].importance', message: 'must be one of: critical, high, medium, low' },
    ]);
  });

  it('is case-sensitive about enum values', () => {
    expect(messageFor(reject({ ...minimal(), requiredSkills: [skill('Go', 'High')] }), 'requiredSkills[0].importance')).toEqual([
      'must be one of: critical, high, medium, low',
    ]);
  });

  it.each([
    ['interviewType', 'pair_programming', 'must be one of: technical_coding, system_design, behavioral, mixed'],
    ['difficulty', 'extreme', 'must be one of: easy, medium, hard'],
    ['mode', 'exam', 'must be one of: practice, graded'],
    ['companyPattern', 'government', 'must be one of: big_tech, startup, fintech, healthcare, general'],
  ])('rejects %s %j', (field, value, message) => {
    expect(reject({ ...minimal(), [field]: value })).toEqual([{ field, message }]);
  });

  it('rejects an unknown persona style at personas[0].style', () => {
    expect(reject({ ...minimal(), personas: [{ ...DEFAULT_PERSONA, style: 'sarcastic' }] })).toEqual([
      { field: 'personas[0].style', message: 'must be one of: friendly, tough, neutral' },
    ]);
  });
});

describe('parseInterviewConfig: durationMinutes', () => {
  it.each([5, 6, 45, 179, 180])('accepts %i minutes', (durationMinutes) => {
    expect(accept({ ...minimal(), durationMinutes }).durationMinutes).toBe(durationMinutes);
  });

  it('rejects 4 minutes (one below the minimum)', () => {
    expect(reject({ ...minimal(), durationMinutes: 4 })).toEqual([{ field: 'durationMinutes', message: 'must be at least 5 minutes' }]);
  });

  it('rejects 181 minutes (one above the maximum)', () => {
    expect(reject({ ...minimal(), durationMinutes: 181 })).toEqual([{ field: 'durationMinutes', message: 'must be at most 180 minutes' }]);
  });

  it.each([0, -5])('rejects %i minutes', (durationMinutes) => {
    expect(messageFor(reject({ ...minimal(), durationMinutes }), 'durationMinutes')).toEqual(['must be at least 5 minutes']);
  });

  it('rejects a fractional number of minutes', () => {
    expect(messageFor(reject({ ...minimal(), durationMinutes: 45.5 }), 'durationMinutes')).toEqual(['must be a whole number of minutes']);
  });

  it.each(['45', null, Number.NaN, Number.POSITIVE_INFINITY])('rejects %j as not a number of minutes', (durationMinutes) => {
    const issues = reject({ ...minimal(), durationMinutes });
    expect(issues.map((i) => i.field)).toEqual(['durationMinutes']);
    expect(issues[0]?.message).not.toBe('is required');
  });
});

describe('parseInterviewConfig: required skills', () => {
  it('rejects two skills with the same name, on the second one', () => {
    expect(reject({ ...minimal(), requiredSkills: [skill('Go'), skill('SQL'), skill('Go', 'low')] })).toEqual([
      { field: 'requiredSkills[2].name', message: 'duplicate skill "Go"' },
    ]);
  });

  it('compares skill names without regard to case or surrounding space', () => {
    expect(reject({ ...minimal(), requiredSkills: [skill('PostgreSQL'), skill('  postgresql ')] })).toEqual([
      { field: 'requiredSkills[1].name', message: 'duplicate skill "postgresql"' },
    ]);
  });

  it('reports every repeat, not only the first', () => {
    const issues = reject({ ...minimal(), requiredSkills: [skill('Go'), skill('go'), skill('GO')] });
    expect(issues.map((i) => i.field)).toEqual(['requiredSkills[1].name', 'requiredSkills[2].name']);
  });

  it('reports duplicates together with other field errors', () => {
    const issues = reject({ ...minimal(), jobTitle: '', requiredSkills: [skill('Go'), skill('Go')] });
    expect(issues).toEqual(
      expect.arrayContaining([
        { field: 'jobTitle', message: 'must not be empty' },
        { field: 'requiredSkills[1].name', message: 'duplicate skill "Go"' },
      ]),
    );
  });

  it('accepts different skills whose names share a prefix', () => {
    expect(accept({ ...minimal(), requiredSkills: [skill('Go'), skill('Google Cloud')] }).requiredSkills).toHaveLength(2);
  });

  it('accepts 30 skills and rejects 31', () => {
    const skills = (n: number) => Array.from({ length: n }, (_, i) => skill(`Skill ${i}`));
    expect(accept({ ...minimal(), requiredSkills: skills(30) }).requiredSkills).toHaveLength(30);
    expect(reject({ ...minimal(), requiredSkills: skills(31) })).toEqual([{ field: 'requiredSkills', message: 'at most 30 skills' }]);
  });

  it('rejects requiredSkills that is not an array', () => {
    const issues = reject({ ...minimal(), requiredSkills: 'Go, SQL' });
    expect(issues.map((i) => i.field)).toEqual(['requiredSkills']);
  });

  it('accepts a skill name of 80 characters and rejects 81', () => {
    expect(accept({ ...minimal(), requiredSkills: [skill('x'.repeat(80))] }).requiredSkills[0]?.name).toHaveLength(80);
    expect(reject({ ...minimal(), requiredSkills: [skill('x'.repeat(81))] })).toEqual([
      { field: 'requiredSkills[0].name', message: 'must be at most 80 characters' },
    ]);
  });
});

describe('parseInterviewConfig: text lengths and personas', () => {
  it('accepts a job title of 120 characters and rejects 121', () => {
    expect(accept({ ...minimal(), jobTitle: 'j'.repeat(120) }).jobTitle).toHaveLength(120);
    expect(reject({ ...minimal(), jobTitle: 'j'.repeat(121) })).toEqual([{ field: 'jobTitle', message: 'must be at most 120 characters' }]);
  });

  it('measures length after trimming', () => {
    expect(accept({ ...minimal(), jobTitle: ` ${'j'.repeat(120)} ` }).jobTitle).toHaveLength(120);
  });

  it('accepts a job description of 20,000 characters and rejects 20,001', () => {
    expect(accept({ ...minimal(), jobDescription: 'd'.repeat(20_000) }).jobDescription).toHaveLength(20_000);
    expect(reject({ ...minimal(), jobDescription: 'd'.repeat(20_001) })).toEqual([
      { field: 'jobDescription', message: 'must be at most 20000 characters' },
    ]);
  });

  it('reads an empty persona list as the default interviewer', () => {
    expect(accept({ ...minimal(), personas: [] }).personas).toEqual([DEFAULT_PERSONA]);
  });

  it('accepts 4 personas and rejects 5', () => {
    const personas = (n: number) => Array.from({ length: n }, (_, i) => ({ ...DEFAULT_PERSONA, name: `Persona ${i}` }));
    expect(accept({ ...minimal(), personas: personas(4) }).personas).toHaveLength(4);
    expect(reject({ ...minimal(), personas: personas(5) })).toEqual([{ field: 'personas', message: 'at most 4 personas' }]);
  });

  it('accepts 10 focus areas and rejects 11, and points at an empty one by index', () => {
    const areas = (n: number) => Array.from({ length: n }, (_, i) => `area ${i}`);
    expect(accept({ ...minimal(), personas: [{ ...DEFAULT_PERSONA, focusAreas: areas(10) }] }).personas[0]?.focusAreas).toHaveLength(10);
    expect(reject({ ...minimal(), personas: [{ ...DEFAULT_PERSONA, focusAreas: areas(11) }] })).toEqual([
      { field: 'personas[0].focusAreas', message: 'at most 10 focus areas' },
    ]);
    expect(reject({ ...minimal(), personas: [{ ...DEFAULT_PERSONA, focusAreas: ['ok', ' '] }] })).toEqual([
      { field: 'personas[0].focusAreas[1]', message: 'must not be empty' },
    ]);
  });
});

describe('field paths and issue text', () => {
  it('formats paths with dots for keys and brackets for indexes', () => {
    expect(formatPath([])).toBe('');
    expect(formatPath(['jobTitle'])).toBe('jobTitle');
    expect(formatPath(['requiredSkills', 0, 'importance'])).toBe('requiredSkills[0].importance');
    expect(formatPath(['personas', 1, 'focusAreas', 2])).toBe('personas[1].focusAreas[2]');
    expect(formatPath([0, 'name'])).toBe('[0].name');
  });

  it('describes issues with field names and a count of the rest', () => {
    const issues: FieldIssue[] = [
      { field: 'jobTitle', message: 'is required' },
      { field: '', message: 'whole value is wrong' },
      { field: 'mode', message: 'must be one of: practice, graded' },
    ];
    expect(describeIssues(issues)).toBe('jobTitle: is required; whole value is wrong; mode: must be one of: practice, graded');
    expect(describeIssues(issues, 2)).toBe('jobTitle: is required; whole value is wrong (and 1 more)');
  });
});

describe('parseInterviewConfig: configs as teams already have them', () => {
  it('accepts it, filling the interview with the documented defaults and the default interviewer', () => {
    const config = accept(teamConfig());
    expect(config).toMatchObject({ ...CONFIG_DEFAULTS, personas: [DEFAULT_PERSONA] });
    expect(config.candidateEmail).toBe('john.doe@example.com');
    expect(config.candidatePhone).toBe('+1 555 010 0199');
  });

  it('says which defaults it applied, and none for what was given', () => {
    expect(configDefaultsApplied(teamConfig())).toEqual([
      'interviewType: mixed (not given)',
      'difficulty: medium (not given)',
      'durationMinutes: 45 (not given)',
      'mode: practice (not given)',
      `personas: the default interviewer, ${DEFAULT_PERSONA.name} (an empty list)`,
      'requiredSkills[1] "TypeScript": importance medium (given as a name only)',
    ]);
    expect(
      configDefaultsApplied({
        ...teamConfig(),
        interviewType: 'behavioral',
        difficulty: 'hard',
        durationMinutes: 30,
        mode: 'graded',
        personas: [DEFAULT_PERSONA],
        requiredSkills: [{ name: 'React', importance: 'critical' }],
      }),
    ).toEqual([]);
  });

  it('takes skills given by name alone as skills of medium importance, and says so', () => {
    const config = accept({ ...minimal(), requiredSkills: ['Python', { name: 'PostgreSQL', importance: 'high' }] });
    expect(config.requiredSkills).toEqual([
      { name: 'Python', reason: '', importance: 'medium' },
      { name: 'PostgreSQL', reason: '', importance: 'high' },
    ]);
    expect(configDefaultsApplied({ requiredSkills: ['Python'] })).toContain(
      'requiredSkills[0] "Python": importance medium (given as a name only)',
    );
    expect(messageFor(reject({ ...minimal(), requiredSkills: ['  '] }), 'requiredSkills[0].name')).toEqual(['must not be empty']);
  });

  it('refuses a contact e-mail that is not one', () => {
    expect(messageFor(reject({ ...minimal(), candidateEmail: 'john at example' }), 'candidateEmail')).toEqual([
      'must be an e-mail address (name@host)',
    ]);
  });
});
