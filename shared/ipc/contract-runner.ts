import { z } from 'zod';
import { EDITOR_LANGUAGES } from '../session/model';
import { SessionIdSchema } from '../telemetry/schema';

/** Running the candidate's code from the room: output streams as events, the `run` telemetry event is stored at the end. */
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

export const runnerInvokeContract = {
  'runner:toolchains': {
    input: z.strictObject({}).optional(),
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
} as const;

export const runnerEventContract = {
  'runner:output': z.object({ runId: z.string(), stream: z.enum(['stdout', 'stderr']), text: z.string() }),
  'runner:exit': z.object({ runId: z.string(), result: RunSummarySchema, recordError: z.string().optional() }),
} as const;
