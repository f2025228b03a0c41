import { z } from 'zod';
import { DecisionSchema, FOLLOW_UP_TYPES, TurnTraceSchema } from '../interviewer/model';
import { TwinControlsOverrideSchema } from '../twin/controls';
import { TwinHistorySchema, InterviewerNameSchema } from '../twin/requests';

/** Interviewer twins (docs/twin.md): the Twins screen, Try the twin, evaluation and training. */
const count = z.number().int().min(0);
const share = z.number().min(0).max(1);

export const StyleProfileSchema = z.object({
  interviewer: z.string(),
  sessions: count,
  interviewerTurns: count,
  verbosity: z.object({ mean: z.number(), p10: z.number(), p90: z.number() }),
  questionRate: share,
  followUpMix: z.record(z.enum(FOLLOW_UP_TYPES), share),
  hintRate: share,
  challenge: share,
  warmth: share,
  directness: share,
  openings: z.array(z.string()),
  closings: z.array(z.string()),
  minutesPerQuestion: z.number().nullable(),
});
export type StyleProfileView = z.infer<typeof StyleProfileSchema>;

export const EvalScoresSchema = z.object({
  similarity: z.number(),
  styleAgreement: z.number(),
  followUpTypeAgreement: z.number(),
  safety: z.number(),
  embeddingCosine: z.number().nullable(),
  blocked: count,
  meanLatencyMs: z.number(),
});

export const EvalRunSchema = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  interviewer: z.string(),
  mode: z.enum(['offline', 'online']),
  turns: count,
  testSessions: count,
  twin: EvalScoresSchema,
  baseline: EvalScoresSchema,
  model: z.string().nullable(),
});
export type EvalRunView = z.infer<typeof EvalRunSchema>;

export const TrainingJobSchema = z.object({
  id: z.string(),
  interviewer: z.string(),
  endpoint: z.string(),
  baseModel: z.string(),
  status: z.string(),
  fineTunedModel: z.string().nullable(),
  error: z.string().nullable(),
  trainingFile: z.string(),
  validationFile: z.string().nullable(),
  events: z.array(z.object({ at: z.string(), level: z.string(), message: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TrainingJobView = z.infer<typeof TrainingJobSchema>;

export const TwinSummarySchema = z.object({
  interviewer: z.string(),
  sessions: count,
  ready: z.boolean(),
  threshold: count,
  split: z.object({ train: count, val: count, test: count }),
  model: z.string().nullable(),
  latestEval: EvalRunSchema.nullable(),
  training: z
    .object({
      id: z.string(),
      status: z.string(),
      fineTunedModel: z.string().nullable(),
      error: z.string().nullable(),
      updatedAt: z.string(),
    })
    .nullable(),
});
export type TwinSummaryView = z.infer<typeof TwinSummarySchema>;

const ControlsSchema = z.object({
  targetWords: z.number(),
  maxWords: z.number(),
  directness: z.number(),
  warmth: z.number(),
  challenge: z.number(),
  preferredFollowUps: z.array(z.enum(FOLLOW_UP_TYPES)),
  followHabit: z.boolean(),
  temperature: z.number(),
});

export const TwinReplySchema = z.object({
  text: z.string(),
  followUpType: z.enum(FOLLOW_UP_TYPES).nullable(),
  reason: z.string(),
  safety: z.object({ blocked: z.boolean(), categories: z.array(z.string()), redactions: z.array(z.string()) }).nullable(),
  latencyMs: z.number(),
  traces: z.object({
    policy: DecisionSchema,
    decision: DecisionSchema,
    followUpTypeFrom: z.enum(['policy', 'habit']),
    controls: ControlsSchema,
    retrieved: z.array(
      z.object({
        sessionId: z.string(),
        answer: z.string(),
        reply: z.string(),
        followUpType: z.enum(FOLLOW_UP_TYPES).nullable(),
        score: z.number(),
      }),
    ),
    adaptedFrom: z.string().nullable(),
    turn: TurnTraceSchema,
  }),
});
export type TwinReplyView = z.infer<typeof TwinReplySchema>;

const Named = z.strictObject({ interviewer: InterviewerNameSchema });

export const twinInvokeContract = {
  'twin:list': { input: z.strictObject({}).optional(), output: z.array(TwinSummarySchema) },
  'twin:profile': { input: Named, output: StyleProfileSchema },
  /** The twin's next turn after the history (which ends with the candidate's); offline unless a model is set up. */
  'twin:respond': {
    input: z.strictObject({
      interviewer: InterviewerNameSchema,
      history: TwinHistorySchema,
      controls: TwinControlsOverrideSchema.optional(),
      offline: z.boolean().optional(),
    }),
    output: TwinReplySchema,
  },
  'twin:evaluate': {
    input: z.strictObject({ interviewer: InterviewerNameSchema, offline: z.boolean().optional() }),
    output: EvalRunSchema,
  },
  'twin:evaluations': { input: Named, output: z.object({ latest: EvalRunSchema.nullable(), trend: z.array(EvalRunSchema) }) },
  /** Starts a fine-tuning job and returns it as started; its progress follows as `twin:training` events. */
  'twin:train': {
    input: z.strictObject({ interviewer: InterviewerNameSchema, baseModel: z.string().trim().min(1).max(200).optional() }),
    output: TrainingJobSchema,
  },
  'twin:jobs': { input: Named, output: z.array(TrainingJobSchema) },
} as const;

export const twinEventContract = {
  'twin:training': TrainingJobSchema,
} as const;
