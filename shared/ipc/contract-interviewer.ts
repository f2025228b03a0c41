import { z } from 'zod';
import { PERSONA_STYLES } from '../config/interview-config';
import { SessionDetailSchema } from '../session/model';
import { SessionIdSchema } from '../telemetry/schema';
import {
  AgendaQuestionViewSchema,
  DECISION_ACTIONS,
  FOLLOW_UP_TYPES,
  InterviewResultsSchema,
  InterviewerStateSchema,
  ReviewTurnSchema,
  TURN_KINDS,
  TurnViewSchema,
  TurnVoiceSchema,
} from '../interviewer/model';
import { InterviewerSettingsSchema } from '../interviewer/settings';

/**
 * IPC of the AI interviewer (issue 5) and of the question bank browser. Spread into
 * `invokeContract` / `eventContract` by `contract.ts`.
 *
 * A room drives an interview like this: `interviewer:begin` (idempotent: a reload gets the same
 * state and turns back) → for each candidate message `interviewer:answer` (tokens of a streamed
 * reply arrive as `interviewer:token` events carrying the same `requestId`; the call resolves with
 * the stored turns) → `interviewer:hint` whenever the Hint button is pressed → `interviewer:end`
 * (closing turn + results) → `interviewer:results` to show them again later.
 */

/** Milliseconds since the session started, on the room's monotonic clock (same as telemetry). */
const OffsetMs = z.number().finite().min(0);
/** Chosen by the renderer (e.g. crypto.randomUUID()) so it can match token events before the call resolves. */
const RequestId = z.string().min(1).max(100);
const BySession = z.strictObject({ sessionId: SessionIdSchema });

export const AnswerInputSchema = z.strictObject({
  sessionId: SessionIdSchema,
  text: z.string().trim().min(1, 'must not be empty').max(20_000, 'must be at most 20 000 characters'),
  offsetMs: OffsetMs,
  requestId: RequestId.optional(),
  /** The answer was spoken and transcribed (docs/voice.md): when it was said, and how long transcription took. */
  spoken: z
    .strictObject({ startMs: OffsetMs, endMs: OffsetMs, transcriptionMs: z.number().finite().min(0).max(3_600_000) })
    .refine((s) => s.endMs >= s.startMs, 'must end after it starts')
    .optional(),
});

/** When an interviewer turn's voice played, reported by the room once it has been said. */
export const SpokenInputSchema = z.strictObject({
  sessionId: SessionIdSchema,
  turnId: z.number().int().min(1),
  voice: TurnVoiceSchema,
});

const ApiKeyStatusSchema = z.object({
  /** An encrypted key is stored. */
  stored: z.boolean(),
  /**
   * The origin (scheme://host:port) the key was saved for: it is only sent there. Null when none is
   * stored, or for a key stored before keys were bound that could not be bound at start-up.
   */
  origin: z.string().nullable(),
  /** Keys can be stored here (the OS keychain-backed cipher is available). */
  canStore: z.boolean(),
  /** Why a key cannot be stored, when it cannot. */
  reason: z.string().nullable(),
});

const InterviewerSettingsViewSchema = z.object({
  provider: InterviewerSettingsSchema,
  apiKey: ApiKeyStatusSchema,
  /** Whether replies would come from the model right now, and if not, why. */
  replySource: z.enum(['model', 'offline']),
  offlineReason: z.string().nullable(),
});
export type InterviewerSettingsView = z.infer<typeof InterviewerSettingsViewSchema>;

/** The bank's facets as plain strings: the bank file's own schema checks their values. */
const BankFilterValue = z.string().trim().min(1).max(80);

export const QuestionSearchInputSchema = z.strictObject({
  text: z.string().trim().max(200).optional(),
  categories: z.array(BankFilterValue).max(20).optional(),
  difficulties: z.array(BankFilterValue).max(10).optional(),
  role: BankFilterValue.optional(),
  skill: BankFilterValue.optional(),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).default(0),
});

/** A bank question in a list: enough to choose one; no sample answer, no hint text. */
export const BankQuestionSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  category: z.string(),
  difficulty: z.string(),
  roles: z.array(z.string()),
  skills: z.array(z.string()),
  tags: z.array(z.string()),
  hintCount: z.number().int().min(0),
  hasStarterCode: z.boolean(),
});
export type BankQuestionSummary = z.infer<typeof BankQuestionSummarySchema>;

/** One bank question in full, for the browser's detail view (a study aid: sample answer included). */
export const BankQuestionDetailSchema = BankQuestionSummarySchema.extend({
  hints: z.array(z.string()),
  rubric: z.array(z.object({ criterion: z.string(), weight: z.number(), description: z.string() })),
  sampleAnswer: z.string(),
  /** Coding questions: worked examples and constraints, as the room shows them. */
  examples: z.array(z.object({ input: z.string(), output: z.string(), explanation: z.string().optional() })),
  constraints: z.array(z.string()),
  starterCode: z.record(z.string(), z.string()),
  industry: z.string().nullable(),
});
export type BankQuestionDetail = z.infer<typeof BankQuestionDetailSchema>;

const FacetSchema = z.array(z.object({ value: z.string(), label: z.string(), count: z.number().int().min(0) }));

export const interviewerInvokeContract = {
  'interviewer:begin': {
    input: z.strictObject({ sessionId: SessionIdSchema, offsetMs: OffsetMs.default(0) }),
    output: z.object({ state: InterviewerStateSchema, turns: z.array(TurnViewSchema) }),
  },
  'interviewer:state': { input: BySession, output: InterviewerStateSchema },
  'interviewer:spoken': { input: SpokenInputSchema, output: z.object({ recorded: z.boolean() }) },
  'interviewer:answer': {
    input: AnswerInputSchema,
    output: z.object({
      requestId: z.string(),
      answer: TurnViewSchema,
      /** The interviewer's reply (a follow-up, the next question, a topic shift or the closing words). */
      reply: TurnViewSchema,
      action: z.enum(DECISION_ACTIONS),
      followUpType: z.enum(FOLLOW_UP_TYPES).nullable(),
      state: InterviewerStateSchema,
    }),
  },
  'interviewer:hint': {
    input: z.strictObject({ sessionId: SessionIdSchema, offsetMs: OffsetMs }),
    output: z.object({
      turn: TurnViewSchema,
      level: z.number().int().min(1),
      maxLevel: z.number().int().min(1),
      state: InterviewerStateSchema,
    }),
  },
  /** The candidate's view of the conversation: no hidden notes, reasons or traces. */
  'interviewer:transcript': { input: BySession, output: z.array(TurnViewSchema) },
  /** The reviewer's view: every turn with its hidden note, reason, decision and trace. */
  'interviewer:reviewTranscript': { input: BySession, output: z.array(ReviewTurnSchema) },
  'interviewer:end': {
    input: z.strictObject({
      sessionId: SessionIdSchema,
      offsetMs: OffsetMs,
      reason: z.enum(['candidate', 'time_up']).default('candidate'),
    }),
    output: z.object({ closing: TurnViewSchema.nullable(), results: InterviewResultsSchema, state: InterviewerStateSchema }),
  },
  'interviewer:results': { input: BySession, output: InterviewResultsSchema },
  /** Without `update`, reads the provider settings; with it, changes the given fields first. */
  'interviewer:settings': {
    input: z.strictObject({ update: InterviewerSettingsSchema.partial().optional() }).optional(),
    output: InterviewerSettingsViewSchema,
  },
  /**
   * `apiKey: null` removes the stored key. The key is bound to the origin of `baseUrl` (the saved base
   * URL when not given) and only ever sent there. Refused when no OS-backed cipher is available.
   */
  'interviewer:setApiKey': {
    input: z.strictObject({
      apiKey: z.string().trim().min(1, 'must not be empty').max(4096).nullable(),
      baseUrl: InterviewerSettingsSchema.shape.baseUrl.optional(),
    }),
    output: InterviewerSettingsViewSchema,
  },
  /** Tries the endpoint with the saved settings, or with the given ones before saving them. */
  'interviewer:testConnection': {
    input: z
      .strictObject({
        baseUrl: InterviewerSettingsSchema.shape.baseUrl.optional(),
        model: InterviewerSettingsSchema.shape.model.optional(),
        apiKey: z.string().trim().min(1).max(4096).optional(),
      })
      .optional(),
    output: z.object({
      ok: z.boolean(),
      message: z.string(),
      latencyMs: z.number().min(0),
      model: z.string(),
      /** What the model answered, when it did. */
      reply: z.string().nullable(),
    }),
  },
  'questions:search': {
    input: QuestionSearchInputSchema.optional(),
    output: z.object({
      total: z.number().int().min(0),
      items: z.array(BankQuestionSummarySchema),
      facets: z.object({ categories: FacetSchema, difficulties: FacetSchema, roles: FacetSchema, skills: FacetSchema }),
    }),
  },
  'questions:get': { input: z.strictObject({ id: z.string().min(1).max(200) }), output: BankQuestionDetailSchema },
  /** Creates a practice session around one bank question; the room then calls `interviewer:begin`. */
  'questions:practice': {
    input: z.strictObject({
      questionId: z.string().min(1).max(200),
      candidateName: z.string().trim().min(1).max(120).default('Practice candidate'),
      personaStyle: z.enum(PERSONA_STYLES).default('friendly'),
      durationMinutes: z.number().int().min(5).max(180).default(15),
    }),
    output: z.object({ session: SessionDetailSchema, question: AgendaQuestionViewSchema }),
  },
} as const;

export const interviewerEventContract = {
  /**
   * A piece of a reply while the model streams it. `reset: true` says: throw away what arrived so
   * far for this request (the model failed mid-reply and the offline reply replaces it).
   */
  'interviewer:token': z.object({
    sessionId: z.string(),
    requestId: z.string(),
    delta: z.string(),
    reset: z.boolean(),
    /** The kind of turn being phrased, so the room speaks it with that kind's prosody as it streams. */
    kind: z.enum(TURN_KINDS).optional(),
  }),
} as const;
