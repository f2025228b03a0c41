import { z } from 'zod';
import { SessionIdSchema } from '../telemetry/schema';
import { AppendResultSchema } from './contract-telemetry';

/** The editor's changes, stored beside their canonical `code_edit` events, so code can be replayed. */
const TextChangeSchema = z.strictObject({
  rangeOffset: z.number().int().min(0),
  rangeLength: z.number().int().min(0),
  text: z.string(),
});

export const codeInvokeContract = {
  'code:record': {
    // Canonical code_edit events travel with the editor's own change (range + text) so both are
    // stored together; the events are checked by the shared telemetry validator.
    input: z.strictObject({
      interviewSessionId: SessionIdSchema,
      edits: z
        .array(
          z.strictObject({
            offsetMs: z.number().finite(),
            event: z.unknown(),
            changes: z.array(TextChangeSchema).min(1, 'an edit has at least one change'),
          }),
        )
        .max(200, 'at most 200 edits per call'),
      snapshots: z.array(z.strictObject({ offsetMs: z.number().finite(), file: z.string().min(1).max(512), text: z.string() })).optional(),
    }),
    output: AppendResultSchema,
  },
  'code:latest': {
    input: z.strictObject({ interviewSessionId: SessionIdSchema }),
    /** Each file's current text as stored, so a resumed interview continues where it stopped. */
    output: z.record(z.string(), z.string()),
  },
} as const;
