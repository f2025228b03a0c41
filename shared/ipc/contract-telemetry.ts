import { z } from 'zod';
import { TelemetryStatsSchema } from '../session/model';
import { SessionIdSchema } from '../telemetry/schema';

/** Canonical telemetry from the room: validated, stored append-only, its drops audited (docs/telemetry.md). */
const PreviewDropSchema = z.object({
  index: z.number().int(),
  type: z.literal('run'),
  field: z.enum(['stdoutPreview', 'stderrPreview']),
  bytes: z.number().int(),
  limit: z.number().int(),
  reason: z.string(),
});

/** What storing a batch did: events accepted, previews dropped for size, redactions in the outgoing form. */
export const AppendResultSchema = z.object({
  accepted: z.number().int(),
  dropped: z.array(PreviewDropSchema),
  redactions: z.object({ total: z.number().int(), byKind: z.record(z.string(), z.number().int()) }),
});

export const telemetryInvokeContract = {
  'telemetry:init': { input: z.strictObject({ interviewSessionId: SessionIdSchema }), output: TelemetryStatsSchema },
  'telemetry:append': {
    // The body is checked by the shared telemetry validator (which reports each bad event's
    // index, field and reason), so the envelope here stays loose on purpose.
    input: z.strictObject({
      interviewSessionId: SessionIdSchema,
      events: z.array(z.unknown()),
      /** Per-event milliseconds from session start on the room's monotonic clock. */
      offsetsMs: z.array(z.number().finite()).optional(),
    }),
    output: AppendResultSchema,
  },
} as const;
