import { z } from 'zod';

/**
 * Canonical telemetry events, exactly as docs/telemetry.md gives them: the same types,
 * field names and enums. Objects are strict: a field the schema does not know is an error,
 * so a typo never slips through as silently lost data.
 */
export const TELEMETRY_LIMITS = {
  maxEventsPerBatch: 200,
  maxBatchBytes: 256 * 1024,
  maxPreviewBytes: 4096,
} as const;

export const EVENT_TYPES = ['code_edit', 'run', 'turn', 'control'] as const;
export const EVENT_SOURCES = ['client', 'server', 'ai'] as const;
export const RUN_STATUSES = ['success', 'error'] as const;
export const TURN_ROLES = ['candidate', 'interviewer', 'twin'] as const;
export const CONTROL_ACTIONS = ['ask_followup', 'hint', 'pace_up', 'pace_down', 'topic_shift', 'end'] as const;

export type EventType = (typeof EVENT_TYPES)[number];
export type ControlAction = (typeof CONTROL_ACTIONS)[number];

/** ISO 8601 date-time that names its time zone (`Z` or `±hh:mm`) and is a real calendar moment. */
export const IsoDateTimeSchema = z
  .string({ error: 'must be an ISO 8601 date-time string' })
  // `abort`: a string that is not ISO 8601 at all gets one reason, not also "is not a real date".
  .refine((v) => ISO_WITH_ZONE.test(v), {
    error: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-01-31T09:15:00.000Z',
    abort: true,
  })
  .refine((v) => !Number.isNaN(Date.parse(v)) && isRealCalendarDate(v), 'is not a real date and time');

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function isRealCalendarDate(v: string): boolean {
  const [y, m, d] = v.slice(0, 10).split('-').map(Number) as [number, number, number];
  const hh = Number(v.slice(11, 13));
  const mm = Number(v.slice(14, 16));
  if (m < 1 || m > 12 || hh > 23 || mm > 59) return false;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d >= 1 && d <= daysInMonth;
}

const Sha256HexSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'must be a SHA-256 hex digest (64 hex characters)')
  .transform((v) => v.toLowerCase());

const nonNegativeInt = z.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative');
const nonNegative = z.number({ error: 'must be a number' }).min(0, 'must not be negative');
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: () => `must be one of: ${values.join(', ')}` });

const base = {
  ts: IsoDateTimeSchema,
  sessionId: z.string({ error: 'must be a string' }).min(1, 'must not be empty'),
  source: oneOf(EVENT_SOURCES).optional(),
};

export const CodeEditEventSchema = z.strictObject({
  type: z.literal('code_edit'),
  ...base,
  file: z.string().max(512).optional(),
  language: z.string().max(64).optional(),
  diffChars: nonNegativeInt,
  beforeHash: Sha256HexSchema.optional(),
  afterHash: Sha256HexSchema.optional(),
  cursor: z.strictObject({ line: nonNegativeInt, column: nonNegativeInt }).optional(),
});

export const RunEventSchema = z.strictObject({
  type: z.literal('run'),
  ...base,
  status: oneOf(RUN_STATUSES),
  durationMs: nonNegative.optional(),
  outputHash: Sha256HexSchema.optional(),
  stdoutPreview: z.string().optional(),
  stderrPreview: z.string().optional(),
});

export const TurnEventSchema = z.strictObject({
  type: z.literal('turn'),
  ...base,
  role: oneOf(TURN_ROLES),
  text: z.string({ error: 'must be a string' }),
  tokens: nonNegativeInt.optional(),
  latencyMs: nonNegative.optional(),
  functionCalls: z.array(z.strictObject({ name: z.string().min(1), args: z.record(z.string(), z.unknown()).optional() })).optional(),
});

export const ControlEventSchema = z.strictObject({
  type: z.literal('control'),
  ...base,
  action: oneOf(CONTROL_ACTIONS),
  params: z.record(z.string(), z.unknown()).optional(),
});

export const TelemetryEventSchema = z.discriminatedUnion('type', [
  CodeEditEventSchema,
  RunEventSchema,
  TurnEventSchema,
  ControlEventSchema,
]);

export type CodeEditEvent = z.output<typeof CodeEditEventSchema>;
export type RunEvent = z.output<typeof RunEventSchema>;
export type TurnEvent = z.output<typeof TurnEventSchema>;
export type ControlEvent = z.output<typeof ControlEventSchema>;
export type TelemetryEvent = z.output<typeof TelemetryEventSchema>;
export type TelemetryEventInput = z.input<typeof TelemetryEventSchema>;

export interface TelemetryBatch {
  interviewSessionId: string;
  events: TelemetryEvent[];
}

/** The init form of the telemetry endpoint: creates zeroed telemetry for a session if it has none. */
export interface TelemetryInit {
  interviewSessionId: string;
}

export const SessionIdSchema = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .refine((v) => v.trim() === v, 'must not start or end with whitespace');
