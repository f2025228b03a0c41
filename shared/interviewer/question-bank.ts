import { z } from 'zod';
import { DIFFICULTIES } from '../config/interview-config';
import { EDITOR_LANGUAGES, QUESTION_CATEGORIES, type QuestionCategory } from '../session/model';

/**
 * The curated question bank shipped in `resources/questions/bank/<category>.json`.
 *
 * A bank entry carries everything the interviewer needs (progressive hints, a rubric, a sample answer,
 * keywords for the offline coverage heuristic); the candidate only ever sees the session projection
 * (`toSessionQuestion`), so hints, rubric and sample answer stay with the interviewer.
 */

export const BANK_CATEGORIES = QUESTION_CATEGORIES;
export type BankCategory = QuestionCategory;

export const CATEGORY_LABELS: Record<BankCategory, string> = {
  coding: 'Coding',
  system_design: 'System design',
  behavioral: 'Behavioral',
  technical: 'Technical concepts',
  problem_solving: 'Problem solving',
  communication: 'Communication',
  leadership: 'Leadership',
  culture_fit: 'Culture fit',
  role_specific: 'Role specific',
};

/** Ids start with their category so an id alone says where a question lives. */
export const ID_PREFIXES: Record<BankCategory, string> = {
  coding: 'coding-',
  system_design: 'design-',
  behavioral: 'behavioral-',
  technical: 'technical-',
  problem_solving: 'problem-solving-',
  communication: 'communication-',
  leadership: 'leadership-',
  culture_fit: 'culture-fit-',
  role_specific: 'role-specific-',
};

/** Bank file name (without `.json`) for each category: kebab-case of the id. */
export const BANK_FILE_NAMES: Record<BankCategory, string> = {
  coding: 'coding',
  system_design: 'system-design',
  behavioral: 'behavioral',
  technical: 'technical',
  problem_solving: 'problem-solving',
  communication: 'communication',
  leadership: 'leadership',
  culture_fit: 'culture-fit',
  role_specific: 'role-specific',
};

export const BANK_ROLES = [
  'general',
  'backend',
  'frontend',
  'fullstack',
  'mobile',
  'data',
  'ml',
  'devops',
  'sre',
  'security',
  'qa',
  'embedded',
  'manager',
] as const;
export type BankRole = (typeof BANK_ROLES)[number];

export const ROLE_LABELS: Record<BankRole, string> = {
  general: 'Any engineering role',
  backend: 'Backend engineer',
  frontend: 'Frontend engineer',
  fullstack: 'Full-stack engineer',
  mobile: 'Mobile engineer',
  data: 'Data engineer',
  ml: 'Machine learning engineer',
  devops: 'DevOps / platform engineer',
  sre: 'Site reliability engineer',
  security: 'Security engineer',
  qa: 'QA / test engineer',
  embedded: 'Embedded / systems engineer',
  manager: 'Engineering manager',
};

/** The six follow-up types (docs/interviewer.md), used to tag the bank's suggested follow-ups. */
export const FOLLOW_UP_TYPES = ['depth', 'example', 'gap', 'skill_match', 'clarification', 'probing'] as const;
export type FollowUpType = (typeof FOLLOW_UP_TYPES)[number];

/**
 * Rubric kinds with their criteria and weights (docs/interviewer.md, "Scoring"). `star`, `technical` and
 * `system_design` are the per-category rubrics, `general` is the answer score itself (structure,
 * relevance, specificity, communication, impact), and `coding` describes a code evaluation in several
 * dimensions; coding answers are scored on the technical rubric.
 */
export const RUBRIC_KINDS = {
  star: [
    { key: 'situation', label: 'Situation', weight: 0.2 },
    { key: 'task', label: 'Task', weight: 0.2 },
    { key: 'action', label: 'Action', weight: 0.3 },
    { key: 'result', label: 'Result', weight: 0.3 },
  ],
  technical: [
    { key: 'accuracy', label: 'Accuracy', weight: 0.4 },
    { key: 'depth', label: 'Depth', weight: 0.25 },
    { key: 'tradeoffs', label: 'Trade-offs', weight: 0.2 },
    { key: 'communication', label: 'Communication', weight: 0.15 },
  ],
  system_design: [
    { key: 'requirements', label: 'Requirements', weight: 0.15 },
    { key: 'high_level_design', label: 'High-level design', weight: 0.25 },
    { key: 'deep_dive', label: 'Deep dive', weight: 0.25 },
    { key: 'scalability', label: 'Scalability', weight: 0.2 },
    { key: 'tradeoffs', label: 'Trade-offs', weight: 0.15 },
  ],
  coding: [
    { key: 'correctness', label: 'Correctness', weight: 0.35 },
    { key: 'approach', label: 'Approach and complexity', weight: 0.3 },
    { key: 'code_quality', label: 'Code quality', weight: 0.2 },
    { key: 'communication', label: 'Communication', weight: 0.15 },
  ],
  general: [
    { key: 'structure', label: 'Structure', weight: 0.15 },
    { key: 'relevance', label: 'Relevance', weight: 0.3 },
    { key: 'specificity', label: 'Specificity', weight: 0.25 },
    { key: 'communication', label: 'Communication', weight: 0.15 },
    { key: 'impact', label: 'Impact', weight: 0.15 },
  ],
} as const satisfies Record<string, ReadonlyArray<{ key: string; label: string; weight: number }>>;
export type RubricKind = keyof typeof RUBRIC_KINDS;
export const RUBRIC_KIND_NAMES = Object.keys(RUBRIC_KINDS) as RubricKind[];

/** Which rubric kinds a category may use; the first is the usual one. */
export const CATEGORY_RUBRIC_KINDS: Record<BankCategory, readonly RubricKind[]> = {
  coding: ['coding'],
  system_design: ['system_design'],
  technical: ['technical'],
  behavioral: ['star'],
  leadership: ['star', 'general'],
  culture_fit: ['star', 'general'],
  communication: ['general', 'star'],
  problem_solving: ['general', 'technical', 'star'],
  role_specific: ['technical', 'general', 'star'],
};

const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, min <= 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`);

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: () => `must be one of: ${values.join(', ')}` });

/** What a strong and a weak answer look like for one criterion of this question. */
export const RubricCriterionSchema = z.strictObject({
  good: text(10, 600),
  poor: text(10, 600),
});
export type RubricCriterion = z.infer<typeof RubricCriterionSchema>;

function rubricFor<K extends RubricKind>(kind: K) {
  const shape = Object.fromEntries(RUBRIC_KINDS[kind].map((c) => [c.key, RubricCriterionSchema])) as Record<
    (typeof RUBRIC_KINDS)[K][number]['key'],
    typeof RubricCriterionSchema
  >;
  return z.strictObject({ kind: z.literal(kind), criteria: z.strictObject(shape) });
}

export const RubricSchema = z.discriminatedUnion(
  'kind',
  [rubricFor('star'), rubricFor('technical'), rubricFor('system_design'), rubricFor('coding'), rubricFor('general')],
  { error: () => `must be one of: ${RUBRIC_KIND_NAMES.join(', ')}` },
);
export type Rubric = z.infer<typeof RubricSchema>;

/**
 * An expected concept for the offline coverage heuristic: alternatives separated by `|`, lower case,
 * e.g. `hash map|hashmap|dictionary`. The answer covers the concept when it mentions any alternative.
 */
export const KeywordSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .refine((k) => k === k.toLowerCase(), 'must be lower case')
  .refine((k) => k.split('|').every((t) => t.trim().length > 0), 'must not have an empty alternative (check the | separators)');

export function keywordTerms(keyword: string): string[] {
  return keyword.split('|').map((t) => t.trim());
}

export const FollowUpSeedSchema = z.strictObject({
  type: oneOf(FOLLOW_UP_TYPES),
  text: text(10, 400),
});
export type FollowUpSeed = z.infer<typeof FollowUpSeedSchema>;

export const ExampleSchema = z.strictObject({
  input: text(1, 600),
  output: text(1, 600),
  explanation: text(1, 600).optional(),
});

const StarterCodeSchema = z.strictObject(
  Object.fromEntries(EDITOR_LANGUAGES.map((l) => [l, z.string().min(1, 'must not be empty').optional()])) as Record<
    (typeof EDITOR_LANGUAGES)[number],
    z.ZodOptional<z.ZodString>
  >,
);

const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const BankQuestionSchema = z
  .strictObject({
    id: z.string().regex(ID_PATTERN, 'must be kebab-case: lower-case letters and digits joined by single dashes').max(80),
    category: oneOf(BANK_CATEGORIES),
    difficulty: oneOf(DIFFICULTIES),
    roles: z.array(oneOf(BANK_ROLES)).min(1, 'needs at least one role'),
    /** Lower-case skills and topics, matched against a job's required skills. */
    skills: z
      .array(
        z
          .string()
          .regex(/^[a-z0-9+#./ -]+$/, 'must be lower case')
          .min(1),
      )
      .min(1, 'needs at least one skill'),
    title: text(1, 120),
    prompt: text(20, 4000),
    /** Suggested minutes for this question, for pacing. */
    timeMinutes: z.number().int('must be a whole number of minutes').min(1).max(90),
    /** Ordered from a gentle nudge to nearly the answer; the interviewer reveals them one level at a time. */
    hints: z.array(text(10, 600)).min(3, 'needs at least 3 progressive hints').max(6, 'at most 6 hints'),
    rubric: RubricSchema,
    sampleAnswer: text(80, 8000),
    keywords: z.array(KeywordSchema).min(3, 'needs at least 3 keywords'),
    followUps: z.array(FollowUpSeedSchema).default([]),
    /** Coding only: shown to the candidate. */
    examples: z.array(ExampleSchema).default([]),
    constraints: z.array(text(1, 300)).default([]),
    /** Coding only: a runnable program per IDE language, with the function body left to the candidate. */
    starterCode: StarterCodeSchema.default({}),
  })
  .superRefine((q, ctx) => {
    const prefix = ID_PREFIXES[q.category];
    if (!q.id.startsWith(prefix) || q.id.length === prefix.length) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `must start with "${prefix}" for category ${q.category}` });
    }
    if (!CATEGORY_RUBRIC_KINDS[q.category].includes(q.rubric.kind)) {
      ctx.addIssue({
        code: 'custom',
        path: ['rubric', 'kind'],
        message: `must be one of ${CATEGORY_RUBRIC_KINDS[q.category].join(', ')} for category ${q.category}`,
      });
    }
    if (new Set(q.hints).size !== q.hints.length) ctx.addIssue({ code: 'custom', path: ['hints'], message: 'must not repeat a hint' });
    if (q.category === 'coding') {
      if (q.examples.length === 0)
        ctx.addIssue({ code: 'custom', path: ['examples'], message: 'a coding question needs at least one example' });
      for (const lang of EDITOR_LANGUAGES) {
        if (!q.starterCode[lang])
          ctx.addIssue({ code: 'custom', path: ['starterCode', lang], message: 'is required for a coding question' });
      }
    } else if (Object.keys(q.starterCode).length > 0) {
      ctx.addIssue({ code: 'custom', path: ['starterCode'], message: 'only coding questions have starter code' });
    }
  });
export type BankQuestion = z.infer<typeof BankQuestionSchema>;
/** The JSON form as written in a bank file (defaults not yet applied). */
export type BankQuestionInput = z.input<typeof BankQuestionSchema>;

export const BANK_FILE_VERSION = 1;

export const BankFileSchema = z
  .strictObject({
    version: z.literal(BANK_FILE_VERSION, { error: () => `must be ${BANK_FILE_VERSION}` }),
    category: oneOf(BANK_CATEGORIES),
    questions: z.array(BankQuestionSchema).min(1, 'needs at least one question'),
  })
  .superRefine((file, ctx) => {
    file.questions.forEach((q, i) => {
      if (q.category !== file.category) {
        ctx.addIssue({
          code: 'custom',
          path: ['questions', i, 'category'],
          message: `must be ${file.category}, the category of this file`,
        });
      }
    });
  });
export type BankFile = z.infer<typeof BankFileSchema>;

/** The candidate-facing part of a bank question: what a session stores and the room shows. */
export interface SessionQuestionSource {
  id: string;
  category: BankCategory;
  difficulty: (typeof DIFFICULTIES)[number];
  title: string;
  prompt: string;
  examples: Array<{ input: string; output: string; explanation?: string }>;
  constraints: string[];
  starterCode: Partial<Record<(typeof EDITOR_LANGUAGES)[number], string>>;
}

export function toSessionQuestion(q: BankQuestion): SessionQuestionSource {
  const examples = q.examples.map((e) => (e.explanation === undefined ? { input: e.input, output: e.output } : { ...e }));
  return {
    id: q.id,
    category: q.category,
    difficulty: q.difficulty,
    title: q.title,
    prompt: q.prompt,
    examples,
    constraints: [...q.constraints],
    starterCode: { ...q.starterCode },
  };
}

/** Weighted 0–100 score from per-criterion 0–100 scores, using the rubric kind's weights. */
export function weightedRubricScore(kind: RubricKind, scores: Partial<Record<string, number>>): number {
  let total = 0;
  for (const c of RUBRIC_KINDS[kind]) total += (scores[c.key] ?? 0) * c.weight;
  return Math.round(total * 10) / 10;
}

/** A search of the bank from the question-bank browser; every filter is optional and they combine with AND. */
export const BankQuerySchema = z.strictObject({
  /** Words that must all appear in the title, prompt, skills, keywords or id (any order, any case). */
  text: z.string().max(200, 'must be at most 200 characters').optional(),
  category: oneOf(BANK_CATEGORIES).optional(),
  difficulty: oneOf(DIFFICULTIES).optional(),
  /** Questions for this role, including those tagged `general` (they suit every role). */
  role: oneOf(BANK_ROLES).optional(),
  /** A skill as a job lists it, e.g. `PostgreSQL` or `Node.js`. */
  skill: z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters').optional(),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
});
export type BankQuery = z.input<typeof BankQuerySchema>;
export type ParsedBankQuery = z.output<typeof BankQuerySchema>;

export interface BankFacets {
  category: Record<BankCategory, number>;
  difficulty: Record<(typeof DIFFICULTIES)[number], number>;
  role: Record<BankRole, number>;
}

export interface BankSearchResult {
  /** Matches before paging. */
  total: number;
  items: BankQuestion[];
  /** Counts per value of each filter, given the other filters (what picking that value would yield). */
  facets: BankFacets;
}
