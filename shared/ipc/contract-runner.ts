import { z } from 'zod';
import { EDITOR_LANGUAGES } from '../session/model';
import { SessionIdSchema } from '../telemetry/schema';

/** The limits a Run can end on (the runner's `RunLimitName`). */
export const RUN_LIMITS_ENDING = ['time', 'memory', 'processes', 'output', 'fileSize'] as const;

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
  /** The limit that ended the Run, when one did. */
  limit: z.enum(RUN_LIMITS_ENDING).optional(),
  /** How that limit reads ("the memory limit (512 MB)"). */
  limitText: z.string().optional(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

/** Whether programs run in a sandbox here; with a session, what the room's console should say about it. */
const SandboxInfoSchema = z.object({
  available: z.boolean(),
  tool: z.string(),
  detail: z.string(),
  hint: z.string().nullable(),
  /** Whether Runs from this session go ahead (always where the sandbox exists). */
  runsAllowed: z.boolean(),
  /** Said once in the room's console where the sandbox is missing; null otherwise. */
  notice: z.string().nullable(),
});
export type SandboxInfo = z.infer<typeof SandboxInfoSchema>;

export const runnerInvokeContract = {
  'runner:toolchains': {
    input: z.strictObject({}).optional(),
    output: z.record(z.enum(EDITOR_LANGUAGES), z.object({ available: z.boolean(), tool: z.string(), hint: z.string().optional() })),
  },
  'runner:sandbox': {
    input: z.strictObject({ interviewSessionId: SessionIdSchema.optional() }).optional(),
    output: SandboxInfoSchema,
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
