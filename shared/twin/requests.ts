import { z } from 'zod';
import { TwinControlsOverrideSchema } from './controls';

/**
 * What callers send a twin (docs/twin.md): the IPC contract, the CLI's history file and the serve API all
 * check with these, so a bad request gets the same field and reason everywhere.
 */
export const InterviewerNameSchema = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(120, 'at most 120 characters');

export const TwinTurnSchema = z.strictObject({
  role: z.enum(['interviewer', 'candidate', 'twin'], { error: () => 'must be "interviewer", "candidate" or "twin"' }),
  text: z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(20_000, 'at most 20,000 characters'),
  offsetMs: z.number().finite().min(0).optional(),
});

export const TwinHistorySchema = z
  .array(TwinTurnSchema, { error: 'must be an array of turns' })
  .min(1, 'needs at least one turn')
  .max(2_000, 'at most 2,000 turns')
  .refine((h) => h.at(-1)?.role === 'candidate', 'must end with the candidate turn to answer');

/** `POST /api/digital-twin/respond`: the history before the candidate's turn, and that turn. */
export const ServeRespondSchema = z.strictObject({
  interviewerId: InterviewerNameSchema,
  sessionId: z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(128, 'at most 128 characters'),
  history: z.array(TwinTurnSchema, { error: 'must be an array of turns' }).max(2_000, 'at most 2,000 turns'),
  candidateTurn: z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(20_000, 'at most 20,000 characters'),
  controls: TwinControlsOverrideSchema.optional(),
  temperature: z.number({ error: 'must be a number' }).min(0, 'must be at least 0').max(2, 'must be at most 2').optional(),
});

/** `POST /api/digital-twin/train`. `datasetRef` names the corpus the job trains on: the twin's own is the only one. */
export const ServeTrainSchema = z.strictObject({
  interviewerId: InterviewerNameSchema,
  datasetRef: z.literal('corpus', { error: () => 'must be "corpus" (the twin trains on its own corpus)' }).optional(),
  options: z.strictObject({ baseModel: z.string().trim().min(1).max(200).optional() }).optional(),
});
