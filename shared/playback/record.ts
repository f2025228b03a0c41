import { z } from 'zod';
import { SessionIdSchema, TELEMETRY_LIMITS } from '../telemetry/schema';

/** Limits of one `CodeService.record` call (one batch from the room). */
export const CODE_LIMITS = {
  /** The same as a telemetry batch: each edit carries one canonical event. */
  maxEditsPerCall: TELEMETRY_LIMITS.maxEventsPerBatch,
  /** Code units of change text plus snapshot text in one call (a 1 MB paste fits many times over). */
  maxTextPerCall: 16 * 1024 * 1024,
  maxFileNameLength: 512,
} as const;

const nonNegativeInt = z.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative');
const finite = z.number({ error: 'must be a number' }).finite('must be a finite number');

export const TextChangeSchema = z.strictObject({
  rangeOffset: nonNegativeInt,
  rangeLength: nonNegativeInt,
  text: z.string({ error: 'must be a string' }),
});

/**
 * The shape of a `CodeService.record` input. `event` is left open here: it is checked by the shared
 * telemetry validator, which reports each bad field on its own.
 */
export const CodeRecordInputSchema = z.strictObject({
  interviewSessionId: SessionIdSchema,
  edits: z
    .array(
      z.strictObject({
        offsetMs: finite,
        event: z.unknown(),
        changes: z.array(TextChangeSchema, { error: 'must be an array of changes' }).min(1, 'an edit has at least one change'),
      }),
      { error: 'must be an array of edits' },
    )
    .max(CODE_LIMITS.maxEditsPerCall, `at most ${CODE_LIMITS.maxEditsPerCall} edits per call`),
  snapshots: z
    .array(
      z.strictObject({
        offsetMs: finite,
        file: z
          .string({ error: 'must be a string' })
          .min(1, 'must not be empty')
          .max(CODE_LIMITS.maxFileNameLength, `must be at most ${CODE_LIMITS.maxFileNameLength} characters`),
        text: z.string({ error: 'must be a string' }),
      }),
      { error: 'must be an array of snapshots' },
    )
    .optional(),
});
