import { z } from 'zod';
import { INTERVIEW_MODES, INTERVIEW_TYPES } from '../config/interview-config';
import { FOLLOW_UP_TYPES, InterviewResultsSchema } from '../interviewer/model';
import { RECORDING_STATUSES } from '../recording/model';
import { IntegritySignalSchema, SESSION_STATUSES, SessionDetailSchema, SessionSummarySchema } from '../session/model';
import { finiteColumn, intColumn, stringColumn } from './columns';
import { AnnotationSchema } from './contract-annotations';
import { CONTROL_ACTIONS, IsoDateTimeSchema, RUN_STATUSES, SessionIdSchema, TURN_ROLES } from '../telemetry/schema';

/**
 * IPC contract of the review workspace: one `review:load` that gives the review screen everything it
 * needs for a session (so seeking never goes back to main), and the reviewers' library search.
 *
 * Large per-event data travels column-wise (one array per field) so a 60-minute, 50,000-event session
 * stays a few megabytes and validates quickly; code changes keep the JSON text they are stored as, and
 * `buildReviewIndex` / `playbackFromReview` (shared/review) turn it all into lookups in the renderer.
 */

/** The library's recording badge: a completed recording is `recorded`; `recording` is one still being written. */
export const RECORDING_BADGES = ['recorded', 'recovered', 'failed', 'recording', 'none'] as const;
export type RecordingBadge = (typeof RECORDING_BADGES)[number];

const count = z.number().int().min(0);
const ms = z.number().finite();

// ---------------------------------------------------------------------------------------------- load

export const ReviewRecordingSchema = z.object({
  id: z.string(),
  status: z.enum(RECORDING_STATUSES),
  mimeType: z.string(),
  bytes: count,
  /** Where the recording's first frame sits on the session clock: session time = video time + this. */
  startOffsetMs: ms.nullable(),
  /**
   * Pauses on the session clock. The file leaves paused time out, so each pause shifts video time
   * against session time; `resumedAtMs` is null for a pause the recording never came back from.
   */
  pauses: z.array(z.object({ atMs: ms, resumedAtMs: ms.nullable() })),
  /** Known when the recording service stored it; otherwise the player's own duration is the truth. */
  durationMs: ms.min(0).nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  error: z.string().nullable(),
  /** False when the row exists but its file is gone (deleted by hand, or never written). */
  fileExists: z.boolean(),
});
export type ReviewRecording = z.infer<typeof ReviewRecordingSchema>;

/** `code_edit` telemetry events, column-wise: `file[i]` indexes `files` (-1: the event named no file). */
export const EditTrackSchema = z.object({
  files: z.array(z.string()),
  tMs: finiteColumn,
  diffChars: intColumn(0),
  file: intColumn(-1),
});
export type EditTrack = z.infer<typeof EditTrackSchema>;

export const ReviewRunSchema = z.object({
  /** The event's stored order (telemetry seq). */
  seq: z.number().int(),
  /** When the run started, on the session clock; it ended `durationMs` later. */
  tMs: ms,
  status: z.enum(RUN_STATUSES),
  durationMs: ms.min(0).nullable(),
  stdoutPreview: z.string().nullable(),
  stderrPreview: z.string().nullable(),
  /** A preview was dropped for size (the event kept only its output hash). */
  outputDropped: z.boolean(),
});
export type ReviewRun = z.infer<typeof ReviewRunSchema>;

/** One Test press (docs/judge.md): what passed, when; hidden tests by category only. */
export const ReviewTestSchema = z.object({
  tMs: ms,
  durationMs: ms.min(0),
  questionId: z.string(),
  language: z.string(),
  status: z.enum(['passed', 'failed', 'error']),
  passed: z.number().int().min(0),
  total: z.number().int().min(0),
  /** "examples 3/3, hidden tests 5/6, performance 2/2", or why nothing ran. */
  summary: z.string(),
  /** Failing cases by name and category ("hidden 1 (empty input)"). */
  failing: z.array(z.string()),
});
export type ReviewTest = z.infer<typeof ReviewTestSchema>;

export const ReviewTurnSchema = z.object({
  /** The `turns` row id (what annotations point at); null for a turn known only from telemetry. */
  id: z.number().int().nullable(),
  tMs: ms,
  role: z.enum(TURN_ROLES),
  text: z.string(),
  followUpType: z.enum(FOLLOW_UP_TYPES).nullable(),
  /** The interviewer's note the candidate never saw; reviewers do. */
  hiddenNote: z.string().nullable(),
  /** Who spoke an interviewer (or twin) turn: the persona, or the person of an imported interview. */
  speaker: z.string().nullable(),
});
export type ReviewTurn = z.infer<typeof ReviewTurnSchema>;

export const ReviewControlSchema = z.object({
  seq: z.number().int(),
  tMs: ms,
  action: z.enum(CONTROL_ACTIONS),
  params: z.record(z.string(), z.unknown()).nullable(),
});
export type ReviewControl = z.infer<typeof ReviewControlSchema>;

/**
 * What code playback needs, as stored: changes column-wise with each change list still as its stored
 * JSON (`[{ rangeOffset, rangeLength, text }]`), `file[i]` indexing `files`. `playbackFromReview` builds
 * the `CodePlayback` from it.
 */
export const ReviewCodeSchema = z.object({
  files: z.array(z.string()),
  changes: z.object({
    seq: intColumn(),
    tMs: finiteColumn,
    file: intColumn(0),
    changesJson: stringColumn,
  }),
  snapshots: z.array(z.object({ afterSeq: z.number().int().min(0), tMs: ms, file: z.string(), text: z.string() })),
  /** Each file's text at the end of the session. */
  final: z.record(z.string(), z.string()),
});
export type ReviewCode = z.infer<typeof ReviewCodeSchema>;

export const ReviewDataSchema = z.object({
  session: SessionDetailSchema,
  recordings: z.array(ReviewRecordingSchema),
  tracks: z.object({
    edits: EditTrackSchema,
    runs: z.array(ReviewRunSchema),
    tests: z.array(ReviewTestSchema),
    turns: z.array(ReviewTurnSchema),
    controls: z.array(ReviewControlSchema),
    integrity: z.array(IntegritySignalSchema),
  }),
  code: ReviewCodeSchema,
  annotations: z.array(AnnotationSchema),
  /**
   * The interviewer's results as its results screen shows them (`graded: false` for practice mode,
   * with coaching feedback only); null when the interview produced none (not finished, or no interviewer).
   */
  results: InterviewResultsSchema.nullable(),
});
export type ReviewData = z.infer<typeof ReviewDataSchema>;

// ------------------------------------------------------------------------------------------- library

export const LIBRARY_SORTS = ['created_desc', 'created_asc', 'candidate_asc', 'score_desc', 'score_asc', 'duration_desc'] as const;
export type LibrarySort = (typeof LIBRARY_SORTS)[number];

export const LibrarySearchSchema = z.strictObject({
  /** Matched, case-insensitively, against candidate name, job title, company and transcript text. */
  text: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  status: z.array(z.enum(SESSION_STATUSES)).optional(),
  interviewType: z.array(z.enum(INTERVIEW_TYPES)).optional(),
  mode: z.array(z.enum(INTERVIEW_MODES)).optional(),
  /** Created at or after this moment (the UI sends the start of the chosen local day). */
  createdFrom: IsoDateTimeSchema.optional(),
  /** Created strictly before this moment (the UI sends the start of the day after the chosen one). */
  createdBefore: IsoDateTimeSchema.optional(),
  /** true: only sessions with a usable recording (recorded or recovered); false: only those without. */
  hasRecording: z.boolean().optional(),
  /** Overall score bounds, inclusive, 0–100; either bound leaves out sessions that were not graded. */
  scoreMin: z.number().min(0).max(100).optional(),
  scoreMax: z.number().min(0).max(100).optional(),
  annotatedOnly: z.boolean().optional(),
  sort: z.enum(LIBRARY_SORTS).default('created_desc'),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});
export type LibrarySearch = z.input<typeof LibrarySearchSchema>;

export const LibraryItemSchema = SessionSummarySchema.extend({
  recording: z.enum(RECORDING_BADGES),
  integritySignals: count,
  annotations: count,
  /** The overall score (0–100) of a graded session's results; null when not graded. */
  score: z.number().min(0).max(100).nullable(),
  /** Where the search text was found, with a short excerpt around it; null without search text. */
  match: z.object({ field: z.enum(['candidate', 'jobTitle', 'company', 'transcript']), snippet: z.string() }).nullable(),
});
export type LibraryItem = z.infer<typeof LibraryItemSchema>;

export const LibraryResultSchema = z.object({
  /** Sessions matching the filters in all (items holds one page of them). */
  total: count,
  items: z.array(LibraryItemSchema),
});
export type LibraryResult = z.infer<typeof LibraryResultSchema>;

// ---------------------------------------------------------------------------------------- contract

const BySession = z.strictObject({ sessionId: SessionIdSchema });

export const reviewInvokeContract = {
  'review:load': { input: BySession, output: ReviewDataSchema },
  'library:search': { input: LibrarySearchSchema, output: LibraryResultSchema },
} as const;
