import { z } from 'zod';
import { DIFFICULTIES, INTERVIEW_MODES, INTERVIEW_TYPES, InterviewConfigSchema } from '../config/interview-config';

export const SESSION_STATUSES = ['pending', 'in_progress', 'completed', 'abandoned'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Recorded in the app, or imported from the transcript of an interview held before. */
export const SESSION_ORIGINS = ['app', 'transcript_import'] as const;
export type SessionOrigin = (typeof SESSION_ORIGINS)[number];

export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = {
  pending: 'Not started',
  in_progress: 'In progress',
  completed: 'Completed',
  abandoned: 'Abandoned',
};

export const SessionSummarySchema = z.object({
  id: z.string(),
  status: z.enum(SESSION_STATUSES),
  /** True when the session was in progress while the app quit: it can be resumed or marked abandoned. */
  interrupted: z.boolean(),
  candidateName: z.string(),
  jobTitle: z.string(),
  company: z.string(),
  interviewType: z.enum(INTERVIEW_TYPES),
  difficulty: z.enum(DIFFICULTIES),
  mode: z.enum(INTERVIEW_MODES),
  durationMinutes: z.number().int(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** Time spent in the interview room, over all its sittings. */
  activeMs: z.number().int().min(0),
  eventCount: z.number().int().min(0),
  origin: z.enum(SESSION_ORIGINS),
});
export type SessionSummary = z.infer<typeof SessionSummarySchema>;

export const QUESTION_CATEGORIES = [
  'coding',
  'system_design',
  'behavioral',
  'technical',
  'problem_solving',
  'communication',
  'leadership',
  'culture_fit',
  'role_specific',
] as const;
export type QuestionCategory = (typeof QUESTION_CATEGORIES)[number];

export const EDITOR_LANGUAGES = ['python', 'javascript', 'typescript', 'java', 'cpp', 'go', 'rust'] as const;
export type EditorLanguage = (typeof EDITOR_LANGUAGES)[number];

export const QuestionSchema = z.object({
  id: z.string(),
  ordinal: z.number().int().min(0),
  sourceId: z.string().nullable(),
  category: z.enum(QUESTION_CATEGORIES),
  difficulty: z.enum(DIFFICULTIES),
  title: z.string(),
  prompt: z.string(),
  examples: z.array(z.object({ input: z.string(), output: z.string(), explanation: z.string().optional() })),
  constraints: z.array(z.string()),
  starterCode: z.partialRecord(z.enum(EDITOR_LANGUAGES), z.string()),
});
export type Question = z.infer<typeof QuestionSchema>;

/**
 * Integrity signals reviewers look at: a large paste into the editor, or the app window losing
 * focus (with how long). Kept locally beside the canonical telemetry, which has no type for them.
 */
export const INTEGRITY_KINDS = ['paste', 'focus_lost'] as const;
export type IntegrityKind = (typeof INTEGRITY_KINDS)[number];

export const PasteDetailsSchema = z.strictObject({
  file: z.string().min(1).max(512),
  chars: z.number().int().min(0),
  lines: z.number().int().min(0),
});
export const FocusLostDetailsSchema = z.strictObject({ durationMs: z.number().min(0) });

/** A signal as sent by the room; `kind` decides the shape of `details`. */
export const IntegrityInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('paste'), details: PasteDetailsSchema }),
  z.strictObject({ kind: z.literal('focus_lost'), details: FocusLostDetailsSchema }),
]);

const signalBase = { id: z.number().int(), ts: z.string(), tMs: z.number().int() };
export const IntegritySignalSchema = z.discriminatedUnion('kind', [
  z.object({ ...signalBase, kind: z.literal('paste'), details: PasteDetailsSchema }),
  z.object({ ...signalBase, kind: z.literal('focus_lost'), details: FocusLostDetailsSchema }),
]);
export type IntegritySignal = z.infer<typeof IntegritySignalSchema>;

export const SessionDetailSchema = SessionSummarySchema.extend({
  config: InterviewConfigSchema,
  questions: z.array(QuestionSchema),
  integritySignals: z.array(IntegritySignalSchema),
});
export type SessionDetail = z.infer<typeof SessionDetailSchema>;

export const TelemetryStatsSchema = z.object({
  sessionId: z.string(),
  total: z.number().int(),
  byType: z.object({ code_edit: z.number().int(), run: z.number().int(), turn: z.number().int(), control: z.number().int() }),
  drops: z.number().int(),
  firstTs: z.string().nullable(),
  lastTs: z.string().nullable(),
});
export type TelemetryStats = z.infer<typeof TelemetryStatsSchema>;
