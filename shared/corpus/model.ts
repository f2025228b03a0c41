import { z } from 'zod';
import type { InterviewConfig } from '../config/interview-config';
import { FOLLOW_UP_TYPES, type FollowUpType } from '../interviewer/model';
import type { RedactionCounts } from '../redaction';
import { IsoDateTimeSchema } from '../telemetry/schema';

/** What the corpus exports (docs/corpus.md). */
export const CORPUS_FORMATS = ['openai-chat', 'training-examples', 'ndjson'] as const;
export type CorpusFormat = (typeof CORPUS_FORMATS)[number];
export const SPLITS = ['train', 'val', 'test'] as const;
export type SplitName = (typeof SPLITS)[number];

/** A split as percentages: train/val/test, adding up to 100. */
export const SplitSchema = z
  .string()
  .regex(/^\d{1,3}\/\d{1,3}\/\d{1,3}$/, 'must be three percentages like 80/10/10')
  .transform((s) => s.split('/').map(Number) as [number, number, number])
  .refine(([a, b, c]) => a + b + c === 100, 'must add up to 100')
  .refine(([a]) => a > 0, 'must keep some sessions to train on');

/** Which sessions a corpus takes. */
export const CorpusFilterSchema = z.strictObject({
  interviewer: z.string().trim().min(1).max(120).optional(),
  sessionIds: z.array(z.string().min(1).max(128)).max(10_000).optional(),
  /** Started at or after. */
  from: IsoDateTimeSchema.optional(),
  /** Started before. */
  to: IsoDateTimeSchema.optional(),
  interviewType: z.enum(['technical_coding', 'system_design', 'behavioral', 'mixed']).optional(),
  annotatedOnly: z.boolean().optional(),
});
export type CorpusFilter = z.infer<typeof CorpusFilterSchema>;

/** A session as the corpus sees it: redacted, in the order it happened. */
export interface CorpusSession {
  id: string;
  startedAt: string;
  /** The interviewer who asked most of its interviewer turns. */
  interviewer: string;
  interviewType: string;
  job: { jobTitle: string; jobDescription: string; requiredSkills: string[]; company: string };
  persona: { name: string; role: string; style: string } | null;
  turns: CorpusTurn[];
  /** Reviewers' annotations with an ideal follow-up, by the index of the turn they are on. */
  idealFollowUps: Map<number, { text: string; followUpType: FollowUpType | null }>;
  /** The config as it may leave the machine, and the outgoing (redacted) telemetry: for the raw export. */
  config: InterviewConfig;
  telemetry: unknown[];
  redactions: RedactionCounts;
}

export interface CorpusTurn {
  role: 'candidate' | 'interviewer' | 'twin';
  text: string;
  followUpType: FollowUpType | null;
  /** Why the interviewer asked it, as its policy recorded (none for a person's turn). */
  reason: string | null;
  tMs: number;
}

export const FollowUpTypeSchema = z.enum(FOLLOW_UP_TYPES);

/** One line of `training-examples` (docs/corpus.md): the shape teams already train with. */
export interface TrainingExample {
  jobContext: { jobTitle: string; requiredSkills: string[]; jobDescription: string; company: string };
  candidateResponse: string;
  idealFollowUp: string;
  followUpType: FollowUpType | null;
  reasoning: string;
}

export interface ChatExample {
  messages: Array<{ role: 'system' | 'user' | 'assistant'; content: string }>;
}

export interface ManifestSession {
  id: string;
  interviewer: string;
  startedAt: string;
  split: SplitName;
  examples: number;
  tokens: number;
}

export interface CorpusManifest {
  format: CorpusFormat;
  createdAt: string;
  appVersion: string;
  split: { train: number; val: number; test: number };
  filter: CorpusFilter;
  sessions: ManifestSession[];
  counts: Record<SplitName, { sessions: number; examples: number; tokens: number }>;
  interviewers: string[];
  redactions: RedactionCounts;
  /** Examples longer than the model's context, and others a person should look at. */
  warnings: string[];
  tokenizer: string;
  contextTokens: number;
}
