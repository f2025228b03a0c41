import { z } from 'zod';
import { IsoDateTimeSchema } from '../telemetry/schema';
import { formatPath, type FieldIssue } from '../util/issues';

/**
 * A transcript of an interview held before the app existed (docs/transcript-import.md): an array of
 * `{ role, text, at? }`. This module checks it and places its turns on a session clock; it does no I/O.
 */
export const TRANSCRIPT_ROLES = ['interviewer', 'candidate', 'twin'] as const;
export type TranscriptRole = (typeof TRANSCRIPT_ROLES)[number];

export const TRANSCRIPT_LIMITS = {
  turns: 10_000,
  /** Characters in one turn: a long answer is a few thousand; more is a file that is not a transcript. */
  text: 50_000,
  /** Between turns that have no time of their own. */
  spacingMs: 30_000,
  interviewerName: 120,
} as const;

const TurnSchema = z.strictObject({
  role: z.enum(TRANSCRIPT_ROLES, { error: () => `must be one of: ${TRANSCRIPT_ROLES.join(', ')}` }),
  text: z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, 'must not be empty')
    .max(TRANSCRIPT_LIMITS.text, `must be at most ${TRANSCRIPT_LIMITS.text.toLocaleString('en-US')} characters`),
  at: IsoDateTimeSchema.optional(),
});

export interface PlannedTurn {
  role: TranscriptRole;
  text: string;
  /** ISO 8601 UTC. */
  at: string;
  /** Milliseconds from the session's start. */
  tMs: number;
}

export interface TranscriptPlan {
  turns: PlannedTurn[];
  startedAt: string;
  endedAt: string;
  /** The turns had no times: they were spaced evenly from the start. */
  timesEstimated: boolean;
}

export type TranscriptPlanResult = { ok: true; plan: TranscriptPlan } | { ok: false; issues: FieldIssue[] };

/**
 * Checks a transcript and places its turns on the session clock. Every problem is reported, each on its
 * own path (`[3].at`): unknown roles, empty text, times without a zone or out of order, a mix of turns with
 * and without times, a start after the first turn. With times, the session starts at `startedAt` or at
 * the first turn; without, turns are spaced evenly from `startedAt` (default: `now`).
 */
export function planTranscript(transcript: unknown, options: { startedAt?: string; now: Date }): TranscriptPlanResult {
  const issues: FieldIssue[] = [];
  if (!Array.isArray(transcript)) return { ok: false, issues: [{ field: '', message: 'must be an array of turns' }] };
  if (transcript.length === 0) return { ok: false, issues: [{ field: '', message: 'has no turns' }] };
  if (transcript.length > TRANSCRIPT_LIMITS.turns) {
    return { ok: false, issues: [{ field: '', message: `has ${transcript.length} turns; at most ${TRANSCRIPT_LIMITS.turns} are taken` }] };
  }
  let start: number | null = null;
  if (options.startedAt !== undefined) {
    const parsed = IsoDateTimeSchema.safeParse(options.startedAt);
    if (parsed.success) start = Date.parse(parsed.data);
    else issues.push({ field: 'startedAt', message: parsed.error.issues[0]?.message ?? 'is not a date-time' });
  }

  const turns: Array<z.output<typeof TurnSchema> | null> = transcript.map((raw, i) => {
    const parsed = TurnSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [null];
      for (const key of keys) {
        const path = key === null ? issue.path : [...issue.path, key];
        const missing = issue.code === 'invalid_type' && raw !== null && typeof raw === 'object' && !(String(issue.path[0]) in raw);
        issues.push({
          field: formatPath([i, ...path]),
          message: key !== null ? 'unknown field' : missing ? 'is required' : issue.message,
        });
      }
    }
    return null;
  });

  const timed = turns.filter((t) => t?.at !== undefined).length;
  const whole = turns.filter((t) => t !== null).length;
  if (timed > 0 && timed < whole) {
    turns.forEach((t, i) => {
      if (t && t.at === undefined) issues.push({ field: `[${i}].at`, message: 'is missing: give a time on every turn or on none' });
    });
  }
  if (timed > 0) {
    let previous: { at: number; index: number } | null = null;
    turns.forEach((t, i) => {
      if (!t?.at) return;
      const at = Date.parse(t.at);
      if (previous && at < previous.at) {
        issues.push({
          field: `[${i}].at`,
          message: `is before the time of turn ${previous.index} (turns must be in the order they were said)`,
        });
      }
      previous = { at, index: i };
    });
    const first = turns.find((t) => t?.at)?.at;
    if (start !== null && first && Date.parse(first) < start) {
      issues.push({ field: 'startedAt', message: `is after the first turn (${new Date(Date.parse(first)).toISOString()})` });
    }
  }
  if (issues.length > 0) return { ok: false, issues };

  const valid = turns as Array<z.output<typeof TurnSchema>>;
  const timesEstimated = timed === 0;
  const origin = start ?? (timesEstimated ? options.now.getTime() : Date.parse(valid[0]!.at!));
  const planned = valid.map((t, i): PlannedTurn => {
    const at = timesEstimated ? origin + i * TRANSCRIPT_LIMITS.spacingMs : Date.parse(t.at!);
    return { role: t.role, text: t.text, at: new Date(at).toISOString(), tMs: at - origin };
  });
  return {
    ok: true,
    plan: { turns: planned, startedAt: new Date(origin).toISOString(), endedAt: planned.at(-1)!.at, timesEstimated },
  };
}

/** About four characters per token in English, as the live interviewer counts when the model gave none. */
export const estimateTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));
