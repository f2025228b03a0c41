import { z } from 'zod';
import { InterviewConfigSchema } from '../config/interview-config';
import { SessionDetailSchema, SessionSummarySchema, TelemetryStatsSchema } from '../session/model';
import { SessionIdSchema } from '../telemetry/schema';
import type { EventChannel, InvokeChannel } from './channels';

/**
 * The IPC contract: every renderer→main call with its input and output schema, and every
 * main→renderer event with its payload schema. Main validates inputs and outputs against it;
 * the preload and the browser harness build `window.api` from it.
 *
 * Adding a call: (1) add its name to `channels.ts`, (2) add its schemas here, (3) implement it in
 * `electron/services/api/handlers.ts`. The compiler points at whichever step is missing.
 */
const ById = z.strictObject({ id: SessionIdSchema });
const NoInput = z.strictObject({}).optional();

const PreviewDropSchema = z.object({
  index: z.number().int(),
  type: z.literal('run'),
  field: z.enum(['stdoutPreview', 'stderrPreview']),
  bytes: z.number().int(),
  limit: z.number().int(),
  reason: z.string(),
});

export const invokeContract = {
  'app:info': {
    input: NoInput,
    output: z.object({
      name: z.string(),
      version: z.string(),
      dataDir: z.string(),
      platform: z.string(),
      databaseVersion: z.number().int(),
    }),
  },
  'session:create': { input: InterviewConfigSchema, output: SessionDetailSchema },
  'session:list': { input: NoInput, output: z.array(SessionSummarySchema) },
  'session:get': { input: ById, output: SessionDetailSchema },
  'session:start': { input: ById, output: SessionDetailSchema },
  'session:heartbeat': { input: ById, output: z.object({ activeMs: z.number().int() }) },
  'session:complete': { input: ById, output: SessionSummarySchema },
  'session:abandon': { input: ById, output: SessionSummarySchema },
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
    output: z.object({
      accepted: z.number().int(),
      dropped: z.array(PreviewDropSchema),
      redactions: z.object({ total: z.number().int(), byKind: z.record(z.string(), z.number().int()) }),
    }),
  },
} as const satisfies Record<InvokeChannel, { input: z.ZodType; output: z.ZodType }>;

export const eventContract = {
  'app:command': z.object({ command: z.enum(['new-interview', 'open-library']) }),
} as const satisfies Record<EventChannel, z.ZodType>;

export type InvokeContract = typeof invokeContract;
export type EventContract = typeof eventContract;
export type InputOf<C extends InvokeChannel> = z.input<InvokeContract[C]['input']>;
export type ParsedInputOf<C extends InvokeChannel> = z.output<InvokeContract[C]['input']>;
export type OutputOf<C extends InvokeChannel> = z.output<InvokeContract[C]['output']>;
export type EventPayload<E extends EventChannel> = z.output<EventContract[E]>;
