import { z } from 'zod';
import { FOLLOW_UP_TYPES } from '../../../shared/interviewer/model';
import { RECORDING_STATUSES } from '../../../shared/recording/model';
import { RECORDING_CONVERSIONS } from '../../../shared/recording/model';
import { SESSION_STATUSES, INTEGRITY_KINDS } from '../../../shared/session/model';
import { EVENT_TYPES, TURN_ROLES } from '../../../shared/telemetry/schema';

/**
 * The `.irbundle` format (version 2): a zip holding `manifest.json` and the parts it lists, each with
 * its size and SHA-256. Parts never carry this machine's row ids: rows point at each other by their
 * position in a part (a code change names its telemetry event by line number), so a bundle imports into
 * any data directory and exporting the imported session again gives the same parts byte for byte.
 */
export const BUNDLE_FORMAT = 'interview-recorder.bundle';
/** 2 added each recording's end offset and conversion state, and kept WebMs (`media/<id>.webm`); 1 still imports. */
export const BUNDLE_FORMAT_VERSION = 2;
export const MANIFEST_NAME = 'manifest.json';

export const PART = {
  session: 'session.json',
  config: 'config.json',
  questions: 'questions.ndjson',
  telemetry: 'telemetry.ndjson',
  telemetryDrops: 'telemetry-drops.ndjson',
  codeChanges: 'code-changes.ndjson',
  codeSnapshots: 'code-snapshots.ndjson',
  integrity: 'integrity-signals.ndjson',
  turns: 'turns.ndjson',
  annotations: 'annotations.ndjson',
  recordings: 'recordings.json',
  consent: 'recording-consent.json',
  results: 'interviewer-results.json',
} as const;

export const REQUIRED_PARTS: readonly string[] = Object.values(PART);
export const MEDIA_PART = /^media\/[A-Za-z0-9_-]{1,128}\.(mp4|webm)$/;
/** A recording's file extension by its type: `.webm` for a WebM kept when it could not be converted. */
export const mediaExtension = (mimeType: string) => (/^video\/webm\b/i.test(mimeType) ? 'webm' : 'mp4');
export const mediaPartName = (recordingId: string, mimeType: string) => `media/${recordingId}.${mediaExtension(mimeType)}`;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lower-case SHA-256 hex digest');
const count = z.number().int().min(0);

export const ManifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.number().int().min(1),
  appVersion: z.string(),
  databaseVersion: z.number().int().min(0),
  createdAt: z.string(),
  sessionId: z.string().min(1).max(128),
  parts: z.array(z.strictObject({ name: z.string().min(1).max(300), bytes: count, sha256 })),
});
export type Manifest = z.infer<typeof ManifestSchema>;

const iso = z.string().min(1);
const json = z.unknown();

export const SessionPartSchema = z.strictObject({
  id: z.string().min(1).max(128),
  status: z.enum(SESSION_STATUSES),
  createdAt: iso,
  startedAt: iso.nullable(),
  endedAt: iso.nullable(),
  activeMs: count,
  segmentStartedAt: iso.nullable(),
  lastSeenAt: iso.nullable(),
  interrupted: z.boolean(),
});

export const QuestionLineSchema = z.strictObject({
  id: z.string().min(1),
  ordinal: count,
  sourceId: z.string().nullable(),
  question: z.record(z.string(), z.unknown()),
  askedAt: iso.nullable(),
});

export const TelemetryLineSchema = z.strictObject({
  type: z.enum(EVENT_TYPES),
  ts: iso,
  tMs: z.number().int(),
  receivedAt: iso,
  event: z.record(z.string(), z.unknown()),
});

export const TelemetryDropLineSchema = z.strictObject({
  /** Line of the event in telemetry.ndjson (0-based); null when the drop points at no stored event. */
  event: count.nullable(),
  eventIndex: z.number().int(),
  eventType: z.string(),
  field: z.string(),
  bytes: z.number().int(),
  limitBytes: z.number().int(),
  reason: z.string(),
  at: iso,
});

export const CodeChangeLineSchema = z.strictObject({
  /** Line of its `code_edit` event in telemetry.ndjson. */
  event: count,
  tMs: z.number().int(),
  file: z.string().min(1),
  changes: z.array(z.strictObject({ rangeOffset: count, rangeLength: count, text: z.string() })),
});

export const CodeSnapshotLineSchema = z.strictObject({
  /** How many of the session's code changes (code-changes.ndjson lines) came before it; 0: before any. */
  afterChanges: count,
  tMs: z.number().int(),
  file: z.string().min(1),
  text: z.string(),
  sha256,
});

export const IntegrityLineSchema = z.strictObject({
  kind: z.enum(INTEGRITY_KINDS),
  ts: iso,
  tMs: z.number().int(),
  details: z.record(z.string(), z.unknown()),
});

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
});

export const AnnotationLineSchema = z.strictObject({
  id: z.string().min(1),
  /** Line of the annotated turn in turns.ndjson. */
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

export const RecordingPartSchema = z.array(
  z.strictObject({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
    /** The media part holding its file; null when the file was already gone at export. */
    media: z.string().regex(MEDIA_PART).nullable(),
    status: z.enum(RECORDING_STATUSES),
    mimeType: z.string(),
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
  }),
);

export const ConsentPartSchema = z
  .strictObject({
    decision: z.enum(['granted', 'declined']),
    items: z.array(z.string()),
    storedIn: z.string(),
    maySendTo: z.string(),
    decidedAt: iso,
  })
  .nullable();

/** The interviewer's stored results (checked again by the interviewer when read), or null. */
export const ResultsPartSchema = z.strictObject({ results: z.record(z.string(), z.unknown()), createdAt: iso }).nullable();

/** One JSON value per line, no trailing newline issues: an empty part is zero lines. */
export function toNdjson(values: Iterable<unknown>): Buffer {
  const lines: string[] = [];
  for (const v of values) lines.push(JSON.stringify(v));
  return Buffer.from(lines.length ? `${lines.join('\n')}\n` : '', 'utf8');
}

export const toJson = (value: unknown): Buffer => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
