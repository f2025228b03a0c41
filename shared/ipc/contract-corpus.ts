import { z } from 'zod';
import { CORPUS_FORMATS, CorpusFilterSchema, SplitSchema } from '../corpus/model';
import { REDACTION_KINDS } from '../redaction/kinds';
import { SessionIdSchema } from '../telemetry/schema';
import { AbsolutePathSchema } from './paths';

/** The Corpus screen (docs/corpus.md): which sessions, their redactions side by side, the reviewer's decisions, the export. */
const count = z.number().int().min(0);

export const CorpusCandidateSchema = z.object({
  sessionId: z.string(),
  candidateName: z.string(),
  jobTitle: z.string(),
  interviewType: z.enum(['technical_coding', 'system_design', 'behavioral', 'mixed']),
  startedAt: z.string(),
  origin: z.enum(['app', 'transcript_import']),
  interviewer: z.string(),
  interviewerTurns: count,
  annotations: count,
  excluded: z.boolean(),
});
export type CorpusCandidateView = z.infer<typeof CorpusCandidateSchema>;

export const CorpusSelectionSchema = z.object({
  candidates: z.array(CorpusCandidateSchema),
  totals: z.object({ sessions: count, interviewerTurns: count }),
  interviewers: z.array(z.string()),
  keptWords: z.array(z.string()),
});
export type CorpusSelectionView = z.infer<typeof CorpusSelectionSchema>;

const SegmentSchema = z.union([
  z.object({ text: z.string(), kind: z.enum(REDACTION_KINDS), original: z.string() }),
  z.object({ text: z.string() }),
]);
export const PreviewFieldSchema = z.object({ field: z.string(), label: z.string(), segments: z.array(SegmentSchema), redactions: count });
export type PreviewFieldView = z.infer<typeof PreviewFieldSchema>;

const SplitCountsSchema = z.object({ sessions: count, examples: count, tokens: count });
export const CorpusManifestSchema = z.object({
  format: z.enum(CORPUS_FORMATS),
  createdAt: z.string(),
  appVersion: z.string(),
  split: z.object({ train: count, val: count, test: count }),
  filter: CorpusFilterSchema,
  sessions: z.array(
    z.object({
      id: z.string(),
      interviewer: z.string(),
      startedAt: z.string(),
      split: z.enum(['train', 'val', 'test']),
      examples: count,
      tokens: count,
    }),
  ),
  counts: z.object({ train: SplitCountsSchema, val: SplitCountsSchema, test: SplitCountsSchema }),
  interviewers: z.array(z.string()),
  redactions: z.partialRecord(z.enum(REDACTION_KINDS), count),
  warnings: z.array(z.string()),
  tokenizer: z.string(),
  contextTokens: count,
});
export type CorpusManifestView = z.infer<typeof CorpusManifestSchema>;

export const corpusInvokeContract = {
  'corpus:select': { input: CorpusFilterSchema.optional(), output: CorpusSelectionSchema },
  'corpus:preview': { input: z.strictObject({ sessionId: SessionIdSchema }), output: z.array(PreviewFieldSchema) },
  'corpus:setExcluded': {
    input: z.strictObject({ sessionId: SessionIdSchema, excluded: z.boolean() }),
    output: z.object({ sessionId: z.string(), excluded: z.boolean() }),
  },
  /** A word redaction took by mistake: kept (or taken again) in every later preview and export. */
  'corpus:setKept': {
    input: z.strictObject({ word: z.string().min(1).max(200), kept: z.boolean() }),
    output: z.object({ keptWords: z.array(z.string()) }),
  },
  /** The system "Save" dialog for the export's new folder; null when cancelled. Only inside the app. */
  'corpus:pickFolder': { input: z.strictObject({}).optional(), output: z.object({ path: z.string().nullable() }) },
  'corpus:export': {
    input: z.strictObject({
      filter: CorpusFilterSchema,
      format: z.enum(CORPUS_FORMATS),
      split: SplitSchema,
      out: AbsolutePathSchema,
    }),
    output: CorpusManifestSchema,
  },
} as const;

export const CorpusProgressSchema = z.object({ phase: z.enum(['reading', 'writing', 'done']), done: count, total: count });
export type CorpusProgress = z.infer<typeof CorpusProgressSchema>;

export const corpusEventContract = {
  'corpus:progress': CorpusProgressSchema,
} as const;
