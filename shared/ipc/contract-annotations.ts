import { z } from 'zod';
import { FOLLOW_UP_TYPES } from '../interviewer/model';
import { SessionIdSchema } from '../telemetry/schema';

/** Reviewers' annotations on a turn or a moment of a session: follow-up type, intent, ideal follow-up, rating, note. */
export const ANNOTATION_LIMITS = { intent: 200, idealFollowUp: 4000, note: 10_000 } as const;

const ms = z.number().finite();

export const AnnotationSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  turnId: z.number().int().nullable(),
  /** The moment on the session clock (for a turn annotation: the turn's moment). */
  tMs: ms.nullable(),
  followUpType: z.enum(FOLLOW_UP_TYPES).nullable(),
  intent: z.string().nullable(),
  idealFollowUp: z.string().nullable(),
  rating: z.number().int().min(1).max(5).nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Annotation = z.infer<typeof AnnotationSchema>;

const optionalText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const annotationFields = {
  followUpType: z.enum(FOLLOW_UP_TYPES, { error: () => `must be one of: ${FOLLOW_UP_TYPES.join(', ')}` }).nullable(),
  intent: optionalText(ANNOTATION_LIMITS.intent).nullable(),
  idealFollowUp: optionalText(ANNOTATION_LIMITS.idealFollowUp).nullable(),
  rating: z.number().int('must be a whole number from 1 to 5').min(1, 'must be from 1 to 5').max(5, 'must be from 1 to 5').nullable(),
  note: optionalText(ANNOTATION_LIMITS.note).nullable(),
};

/** A new annotation: on a turn (`turnId`), at a moment (`tMs`), or both; at least one label field set. */
export const AnnotationCreateSchema = z.strictObject({
  sessionId: SessionIdSchema,
  turnId: z.number().int().nullable().optional(),
  tMs: z.number().finite().min(0, 'must not be negative').nullable().optional(),
  followUpType: annotationFields.followUpType.optional(),
  intent: annotationFields.intent.optional(),
  idealFollowUp: annotationFields.idealFollowUp.optional(),
  rating: annotationFields.rating.optional(),
  note: annotationFields.note.optional(),
});
export type AnnotationCreate = z.input<typeof AnnotationCreateSchema>;

/** Changes to an annotation: a field left out stays, `null` clears it. */
export const AnnotationUpdateSchema = z.strictObject({
  id: z.string().min(1),
  followUpType: annotationFields.followUpType.optional(),
  intent: annotationFields.intent.optional(),
  idealFollowUp: annotationFields.idealFollowUp.optional(),
  rating: annotationFields.rating.optional(),
  note: annotationFields.note.optional(),
  tMs: z.number().finite().min(0, 'must not be negative').nullable().optional(),
});
export type AnnotationUpdate = z.input<typeof AnnotationUpdateSchema>;

const BySession = z.strictObject({ sessionId: SessionIdSchema });

export const annotationsInvokeContract = {
  'annotations:list': { input: BySession, output: z.array(AnnotationSchema) },
  'annotations:create': { input: AnnotationCreateSchema, output: AnnotationSchema },
  'annotations:update': { input: AnnotationUpdateSchema, output: AnnotationSchema },
  'annotations:delete': { input: z.strictObject({ id: z.string().min(1) }), output: z.object({ id: z.string(), deleted: z.boolean() }) },
} as const;
