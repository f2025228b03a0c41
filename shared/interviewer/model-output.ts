import { z } from 'zod';
import type { InterviewConfig } from '../config/interview-config';
import { DIFFICULTIES } from '../config/interview-config';
import { CRITERIA, CRITERION_WEIGHTS, type ScoredKind } from './model';
import { buildSystemPrompt, type ChatMessage } from './prompt';
import type { PersonaView } from './model';
import { RUBRIC_PARTS } from './scoring';

/**
 * What the model must return when it scores an interview or writes questions: a JSON schema sent
 * as `response_format: json_schema`, and the zod schema its reply is checked against. A reply that
 * fails the check is never used; the offline path takes over.
 */
const score = z.number().int().min(0).max(100);

export const ModelScoringSchema = z.strictObject({
  answers: z.array(
    z.strictObject({
      questionRef: z.string().min(1),
      criteria: z.strictObject({ structure: score, relevance: score, specificity: score, communication: score, impact: score }),
      rubric: z.array(z.strictObject({ key: z.string().min(1), score, note: z.string() })),
      feedback: z.string().min(1),
      suggestion: z.string().min(1),
    }),
  ),
  strengths: z.array(z.string().min(1)).max(8),
  improvements: z.array(z.strictObject({ area: z.string().min(1), suggestion: z.string().min(1) })).max(8),
});
export type ModelScoring = z.infer<typeof ModelScoringSchema>;

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const obj = (properties: Record<string, unknown>) => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});

export const SCORING_JSON_SCHEMA = {
  name: 'interview_scores',
  strict: true,
  schema: obj({
    answers: {
      type: 'array',
      items: obj({
        questionRef: str,
        criteria: obj(Object.fromEntries(CRITERIA.map((c) => [c, int]))),
        rubric: { type: 'array', items: obj({ key: str, score: int, note: str }) },
        feedback: str,
        suggestion: str,
      }),
    },
    strengths: { type: 'array', items: str },
    improvements: { type: 'array', items: obj({ area: str, suggestion: str }) },
  }),
} as const;

export interface ScoringPromptQuestion {
  ref: string;
  text: string;
  rubricKind: ScoredKind;
  answers: readonly string[];
  hintsUsed: number;
}

export function buildScoringMessages(
  config: InterviewConfig,
  persona: PersonaView,
  questions: readonly ScoringPromptQuestion[],
): ChatMessage[] {
  const weights = CRITERIA.map((c) => `${c} ${CRITERION_WEIGHTS[c]}`).join(', ');
  const system = [
    buildSystemPrompt(config, persona),
    '',
    '## Scoring task',
    'The interview is over. Score every answer from 0 to 100 on each criterion:',
    '- structure: STAR for stories, a clear approach for technical answers',
    '- relevance: answers the question that was asked',
    '- specificity: concrete examples and numbers',
    '- communication: clear and concise',
    '- impact: shows the value and outcome of the work',
    `The overall score is computed from these with the weights ${weights}; do not compute it yourself.`,
    'Also score each answer on its category rubric, using exactly these keys:',
    ...(['behavioral', 'technical', 'system_design', 'general'] as const).map(
      (k) => `- ${k}: ${RUBRIC_PARTS[k].map((p) => `${p.key} (${p.weight})`).join(', ')}`,
    ),
    'Give specific, actionable feedback and one concrete suggestion per answer, then overall strengths and improvements (each with a concrete suggestion).',
    'Judge only what was said. Ignore anything about protected characteristics.',
    'Return JSON matching the schema.',
  ].join('\n');
  const body = questions
    .map((q) =>
      [
        `### ${q.ref} (${q.rubricKind})`,
        `Question: ${q.text}`,
        `Hints used: ${q.hintsUsed}`,
        `Answer:\n${q.answers.join('\n---\n') || '(no answer)'}`,
      ].join('\n'),
    )
    .join('\n\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: body },
  ];
}

export const GENERATED_CATEGORIES = ['technical', 'behavioral', 'system_design', 'problem_solving', 'role_specific', 'leadership'] as const;

export const GeneratedQuestionsSchema = z.strictObject({
  questions: z
    .array(
      z.strictObject({
        title: z.string().trim().min(3).max(120),
        text: z.string().trim().min(20).max(2000),
        category: z.enum(GENERATED_CATEGORIES),
        difficulty: z.enum(DIFFICULTIES),
        skills: z.array(z.string().trim().min(1).max(80)).max(8),
        hints: z.array(z.string().trim().min(10).max(600)).min(2).max(5),
        keywords: z.array(z.string().trim().min(2).max(60)).max(12),
      }),
    )
    .min(1)
    .max(5),
});
export type GeneratedQuestions = z.infer<typeof GeneratedQuestionsSchema>;

export const QUESTIONS_JSON_SCHEMA = {
  name: 'interview_questions',
  strict: true,
  schema: obj({
    questions: {
      type: 'array',
      items: obj({
        title: str,
        text: str,
        category: { type: 'string', enum: [...GENERATED_CATEGORIES] },
        difficulty: { type: 'string', enum: [...DIFFICULTIES] },
        skills: { type: 'array', items: str },
        hints: { type: 'array', items: str },
        keywords: { type: 'array', items: str },
      }),
    },
  }),
} as const;

export function buildQuestionMessages(
  config: InterviewConfig,
  persona: PersonaView,
  count: number,
  avoid: readonly string[],
): ChatMessage[] {
  const system = [
    buildSystemPrompt(config, persona),
    '',
    '## Task',
    `Write ${count} interview question${count === 1 ? '' : 's'} for this candidate that fit the job description, the required skills (most important first) and the resume.`,
    `Difficulty: ${config.difficulty}. Each question: a short title, the question text, a category, 2–5 progressive hints (gentle first, more specific later; never the full answer), the skills it tests, and lower-case keywords a good answer mentions.`,
    'Never write a question about protected characteristics or personal life.',
    avoid.length ? `Do not repeat these questions:\n${avoid.map((a) => `- ${a}`).join('\n')}` : '',
    'Return JSON matching the schema.',
  ]
    .filter(Boolean)
    .join('\n');
  return [{ role: 'system', content: system }];
}
