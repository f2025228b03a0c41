import { z } from 'zod';
import { SessionIdSchema } from '../telemetry/schema';
import { AbsolutePathSchema } from './paths';

/**
 * Historic interview import (docs/transcript-import.md): the library's "Import transcript…" dialog picks
 * its files, checks them (every problem, each on its input) and imports them as one completed session.
 */

export const TranscriptImportRefsSchema = z.strictObject({
  /** The config of a saved session, or a config file. */
  config: z.union([z.strictObject({ sessionId: SessionIdSchema }), z.strictObject({ path: AbsolutePathSchema })]),
  transcriptPath: AbsolutePathSchema,
  recordingPath: AbsolutePathSchema.nullable().optional(),
  recordingOffsetMs: z.number().finite().min(0, 'must not be negative').nullable().optional(),
  interviewer: z.string().max(200).nullable().optional(),
  startedAt: z.string().max(100).nullable().optional(),
  consentSync: z.boolean(),
});
export type TranscriptImportRefs = z.input<typeof TranscriptImportRefsSchema>;

export const ImportIssueSchema = z.object({
  input: z.enum(['config', 'transcript', 'recording', 'options']),
  field: z.string(),
  message: z.string(),
});
export type ImportIssueView = z.infer<typeof ImportIssueSchema>;

export const ImportPreviewSchema = z.object({
  candidateName: z.string(),
  jobTitle: z.string(),
  interviewer: z.string(),
  turns: z.number().int().min(0),
  byRole: z.object({ interviewer: z.number().int(), candidate: z.number().int(), twin: z.number().int() }),
  startedAt: z.string(),
  endedAt: z.string(),
  timesEstimated: z.boolean(),
  recording: z
    .object({
      container: z.enum(['mp4', 'webm']),
      bytes: z.number().int().min(0),
      durationMs: z.number().min(0).nullable(),
      startOffsetMs: z.number().min(0),
    })
    .nullable(),
  defaultsApplied: z.array(z.string()),
  syncAllowed: z.boolean(),
});
export type ImportPreviewView = z.infer<typeof ImportPreviewSchema>;

export const transcriptsInvokeContract = {
  /** The system "Open" dialog for one input; null when cancelled. Only inside the app. */
  'transcripts:pickFile': {
    input: z.strictObject({ kind: z.enum(['config', 'transcript', 'recording']) }),
    output: z.object({ path: z.string().nullable() }),
  },
  /** What the import would store, or every problem with its inputs; stores nothing. */
  'transcripts:check': {
    input: TranscriptImportRefsSchema,
    output: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), preview: ImportPreviewSchema }),
      z.object({ ok: z.literal(false), issues: z.array(ImportIssueSchema) }),
    ]),
  },
  /** Imports as one completed session, all or nothing; bad inputs are `invalid_input` listing every problem. */
  'transcripts:import': {
    input: TranscriptImportRefsSchema,
    output: ImportPreviewSchema.extend({ sessionId: z.string() }),
  },
} as const;
