import { z } from 'zod';
import { InterviewConfigSchema } from '../config/interview-config';
import { IntegrityInputSchema, SessionDetailSchema, SessionSummarySchema, TelemetryStatsSchema } from '../session/model';
import { IsoDateTimeSchema, SessionIdSchema } from '../telemetry/schema';
import { EDITOR_LANGUAGES } from '../session/model';
import type { EventChannel, InvokeChannel } from './channels';
import { interviewerEventContract, interviewerInvokeContract } from './contract-interviewer';
import { recordingEventContract, recordingInvokeContract } from './contract-recording';
import { reviewEventContract, reviewInvokeContract } from './contract-review';
import { settingsEventContract, settingsInvokeContract } from './contract-settings';

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

const TextChangeSchema = z.strictObject({
  rangeOffset: z.number().int().min(0),
  rangeLength: z.number().int().min(0),
  text: z.string(),
});

const RunSummarySchema = z.object({
  status: z.enum(['success', 'error']),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  durationMs: z.number().min(0),
  timedOut: z.boolean(),
  stopped: z.boolean(),
  outputCapped: z.boolean(),
  missingToolchain: z.object({ tool: z.string(), language: z.string(), hint: z.string() }).optional(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

const PreviewDropSchema = z.object({
  index: z.number().int(),
  type: z.literal('run'),
  field: z.enum(['stdoutPreview', 'stderrPreview']),
  bytes: z.number().int(),
  limit: z.number().int(),
  reason: z.string(),
});

const AppendResultSchema = z.object({
  accepted: z.number().int(),
  dropped: z.array(PreviewDropSchema),
  redactions: z.object({ total: z.number().int(), byKind: z.record(z.string(), z.number().int()) }),
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
    output: AppendResultSchema,
  },
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
  'runner:toolchains': {
    input: NoInput,
    output: z.record(z.enum(EDITOR_LANGUAGES), z.object({ available: z.boolean(), tool: z.string(), hint: z.string().optional() })),
  },
  'runner:start': {
    input: z.strictObject({
      interviewSessionId: SessionIdSchema,
      language: z.enum(EDITOR_LANGUAGES),
      file: z.string().min(1).max(512),
      source: z.string().max(2_000_000, 'the program is over 2 MB'),
      stdin: z.string().max(1_000_000, 'stdin is over 1 MB').optional(),
      /** When the run started on the session's clock, for its `run` telemetry event. */
      offsetMs: z.number().finite(),
    }),
    output: z.object({ runId: z.string() }),
  },
  'runner:stop': { input: z.strictObject({ runId: z.string().min(1) }), output: z.object({ stopped: z.boolean() }) },
  'integrity:record': {
    input: z.strictObject({
      interviewSessionId: SessionIdSchema,
      ts: IsoDateTimeSchema,
      offsetMs: z.number().finite(),
      signal: IntegrityInputSchema,
    }),
    output: z.object({ id: z.number().int() }),
  },
  ...interviewerInvokeContract,
  ...settingsInvokeContract,
  ...recordingInvokeContract,
  ...reviewInvokeContract,
} as const satisfies Record<InvokeChannel, { input: z.ZodType; output: z.ZodType }>;

export const eventContract = {
  'app:command': z.object({ command: z.enum(['new-interview', 'open-library', 'import-session']) }),
  'runner:output': z.object({ runId: z.string(), stream: z.enum(['stdout', 'stderr']), text: z.string() }),
  'runner:exit': z.object({ runId: z.string(), result: RunSummarySchema, recordError: z.string().optional() }),
  ...interviewerEventContract,
  ...settingsEventContract,
  ...recordingEventContract,
  ...reviewEventContract,
} as const satisfies Record<EventChannel, z.ZodType>;

export type InvokeContract = typeof invokeContract;
export type EventContract = typeof eventContract;
export type InputOf<C extends InvokeChannel> = z.input<InvokeContract[C]['input']>;
export type ParsedInputOf<C extends InvokeChannel> = z.output<InvokeContract[C]['input']>;
export type OutputOf<C extends InvokeChannel> = z.output<InvokeContract[C]['output']>;
export type EventPayload<E extends EventChannel> = z.output<EventContract[E]>;
