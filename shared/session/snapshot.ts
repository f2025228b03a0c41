import { z } from 'zod';
import { InterviewConfigSchema, type InterviewConfig } from '../config/interview-config';
import { FOLLOW_UP_TYPES } from '../interviewer/model';
import { TestRunSchema } from '../judge/result';
import { CONSENT_DECISIONS, RECORDING_CONVERSIONS, RECORDING_STATUSES } from '../recording/model';
import { EVENT_TYPES, TURN_ROLES } from '../telemetry/schema';
import { INTEGRITY_KINDS, SESSION_ORIGINS, SESSION_STATUSES } from './model';

/**
 * The session snapshot: everything the app holds about one session, as each owning service gives it
 * (docs/session-snapshot.md). Bundles, team sync and the corpus are all built from it, so a column added
 * to a session's tables reaches every one of them, or a test says it does not.
 *
 * Rows never carry this machine's row ids: they point at each other by position (a code change names
 * its telemetry event by its index in `telemetry`, an annotation its turn by its index in `turns`), so a
 * snapshot restores into any data directory and taking it again gives the same parts.
 */

const iso = z.string().min(1);
const count = z.number().int().min(0);
const json = z.unknown();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lower-case SHA-256 hex digest');

/** The id alphabet the app generates (UUIDs, and the ids of bundles made by earlier versions). */
export const SNAPSHOT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const id = z.string().regex(SNAPSHOT_ID, 'is not an id this app makes (letters, digits, - and _ only)');

/** Where an imported session came from (file names only, never this machine's paths). */
export const ImportProvenanceSchema = z.strictObject({
  transcriptFile: z.string().max(300),
  recordingFile: z.string().max(300).nullable(),
  importedAt: iso,
  /** Turns that had no time of their own and were spaced evenly from the start. */
  timesEstimated: z.boolean(),
});
export type ImportProvenance = z.infer<typeof ImportProvenanceSchema>;

export const SessionPartSchema = z.strictObject({
  id,
  status: z.enum(SESSION_STATUSES),
  createdAt: iso,
  startedAt: iso.nullable(),
  endedAt: iso.nullable(),
  activeMs: count,
  segmentStartedAt: iso.nullable(),
  lastSeenAt: iso.nullable(),
  interrupted: z.boolean(),
  /** Absent from bundles made before transcripts could be imported. */
  origin: z.enum(SESSION_ORIGINS).default('app'),
  importedFrom: ImportProvenanceSchema.nullable().default(null),
});
export type SessionPart = z.infer<typeof SessionPartSchema>;

export const QuestionLineSchema = z.strictObject({
  id,
  ordinal: count,
  sourceId: z.string().nullable(),
  question: z.record(z.string(), z.unknown()),
  askedAt: iso.nullable(),
});
export type QuestionLine = z.infer<typeof QuestionLineSchema>;

export const TelemetryLineSchema = z.strictObject({
  type: z.enum(EVENT_TYPES),
  ts: iso,
  tMs: z.number().int(),
  receivedAt: iso,
  event: z.record(z.string(), z.unknown()),
});
export type TelemetryLine = z.infer<typeof TelemetryLineSchema>;

export const TelemetryDropLineSchema = z.strictObject({
  /** Index of the event in `telemetry` (0-based); null when the drop points at no stored event. */
  event: count.nullable(),
  eventIndex: z.number().int(),
  eventType: z.string(),
  field: z.string(),
  bytes: z.number().int(),
  limitBytes: z.number().int(),
  reason: z.string(),
  at: iso,
});
export type TelemetryDropLine = z.infer<typeof TelemetryDropLineSchema>;

export const CodeChangeLineSchema = z.strictObject({
  /** Index of its `code_edit` event in `telemetry`. */
  event: count,
  tMs: z.number().int(),
  file: z.string().min(1),
  changes: z.array(z.strictObject({ rangeOffset: count, rangeLength: count, text: z.string() })),
});
export type CodeChangeLine = z.infer<typeof CodeChangeLineSchema>;

export const CodeSnapshotLineSchema = z.strictObject({
  /** How many of the session's code changes came before it; 0: before any. */
  afterChanges: count,
  tMs: z.number().int(),
  file: z.string().min(1),
  text: z.string(),
  sha256,
});
export type CodeSnapshotLine = z.infer<typeof CodeSnapshotLineSchema>;

export const IntegrityLineSchema = z.strictObject({
  kind: z.enum(INTEGRITY_KINDS),
  ts: iso,
  tMs: z.number().int(),
  details: z.record(z.string(), z.unknown()),
});
export type IntegrityLine = z.infer<typeof IntegrityLineSchema>;

export const TurnLineSchema = z.strictObject({
  questionId: z.string().nullable(),
  role: z.enum(TURN_ROLES),
  text: z.string(),
  followUpType: z.enum(FOLLOW_UP_TYPES).nullable(),
  hiddenNote: z.string().nullable(),
  persona: json.nullable(),
  trace: json.nullable(),
  ts: iso,
  tMs: z.number().int(),
  /** The interviewer's kind of turn (opening, question, follow_up, hint, …), its question and hint level. */
  kind: z.string().nullable(),
  questionRef: z.string().nullable(),
  hintLevel: z.number().int().min(1).nullable(),
  /** Who spoke an interviewer turn (a person's name for imported interviews); absent from older bundles. */
  interviewer: z.string().max(120).nullable().default(null),
});
export type TurnLine = z.infer<typeof TurnLineSchema>;

export const AnnotationLineSchema = z.strictObject({
  id,
  /** Index of the annotated turn in `turns`. */
  turn: count.nullable(),
  tMs: z.number().int().nullable(),
  followUpType: z.enum(FOLLOW_UP_TYPES).nullable(),
  intent: z.string().nullable(),
  idealFollowUp: z.string().nullable(),
  rating: z.number().int().min(1).max(5).nullable(),
  note: z.string().nullable(),
  createdAt: iso,
  updatedAt: iso,
});
export type AnnotationLine = z.infer<typeof AnnotationLineSchema>;

export const RecordingLineSchema = z.strictObject({
  id,
  /** The media part holding its file in a bundle; null when the file was already gone. */
  media: z
    .string()
    .regex(/^media\/[A-Za-z0-9_-]{1,128}\.(mp4|webm)$/)
    .nullable(),
  status: z.enum(RECORDING_STATUSES),
  mimeType: z.string().max(200),
  bytes: count,
  lastSeq: z.number().int(),
  startOffsetMs: z.number().nullable(),
  /** Where the last frame sits on the session clock; absent from bundles made before it was kept. */
  endOffsetMs: z.number().nullable().default(null),
  /** A WebM fallback's conversion state; null for a recording written as MP4. */
  conversion: z.enum(RECORDING_CONVERSIONS).nullable().default(null),
  startedAt: iso,
  endedAt: iso.nullable(),
  error: z.string().nullable(),
  pauses: z.array(z.strictObject({ atMs: z.number(), resumedAtMs: z.number().nullable() })),
});
export type RecordingLine = z.infer<typeof RecordingLineSchema>;
export const RecordingPartSchema = z.array(RecordingLineSchema);

export const ConsentPartSchema = z
  .strictObject({
    decision: z.enum(CONSENT_DECISIONS),
    items: z.array(z.string()),
    storedIn: z.string(),
    maySendTo: z.string(),
    decidedAt: iso,
  })
  .nullable();
export type ConsentPart = z.infer<typeof ConsentPartSchema>;

export const SYNC_CONSENT_BASES = ['consent_step', 'team_attested'] as const;
export type SyncConsentBasis = (typeof SYNC_CONSENT_BASES)[number];

/**
 * Whether the session may be sent to the team's server: asked of the candidate in the consent step, or
 * attested by the team for an interview it imported (it holds the candidate's consent itself).
 */
export const SyncConsentPartSchema = z
  .strictObject({
    decision: z.enum(CONSENT_DECISIONS),
    basis: z.enum(SYNC_CONSENT_BASES),
    /** The server named when the decision was taken; null when none was configured yet. */
    server: z.string().max(2048).nullable(),
    decidedAt: iso,
  })
  .nullable();
export type SyncConsentPart = z.infer<typeof SyncConsentPartSchema>;

/** The interviewer's live state of the session (agenda, progress), checked again by the interviewer when read. */
export const InterviewerStatePartSchema = z
  .strictObject({
    state: z.record(z.string(), z.unknown()),
    pinnedBankId: z.string().nullable(),
    createdAt: iso,
    updatedAt: iso,
  })
  .nullable();
export type InterviewerStatePart = z.infer<typeof InterviewerStatePartSchema>;

/** The interviewer's stored results (checked again by the interviewer when read), or null. */
export const ResultsPartSchema = z.strictObject({ results: z.record(z.string(), z.unknown()), createdAt: iso }).nullable();
export type ResultsPart = z.infer<typeof ResultsPartSchema>;

/**
 * One Test press (docs/judge.md) with every case's result, as the judge stored it: hidden cases carry no
 * data. `event` is the index of its `run` event in `telemetry` (null when that event was not stored).
 */
export const TestRunLineSchema = TestRunSchema.extend({ id, tMs: z.number().int(), event: count.nullable() }).strict();
export type TestRunLine = z.infer<typeof TestRunLineSchema>;

/** One whole session. The list parts are in stored order; positions are what rows point at. */
export interface SessionSnapshot {
  session: SessionPart;
  config: InterviewConfig;
  questions: QuestionLine[];
  telemetry: TelemetryLine[];
  telemetryDrops: TelemetryDropLine[];
  codeChanges: CodeChangeLine[];
  codeSnapshots: CodeSnapshotLine[];
  integrity: IntegrityLine[];
  turns: TurnLine[];
  interviewerState: InterviewerStatePart;
  results: ResultsPart;
  annotations: AnnotationLine[];
  testRuns: TestRunLine[];
  recordings: RecordingLine[];
  consent: ConsentPart;
  syncConsent: SyncConsentPart;
  /** Each recording's file by its `media` name: a path on this machine (taken) or a staged copy (restored). */
  mediaFiles: Map<string, string>;
}

export { InterviewConfigSchema as ConfigPartSchema };
