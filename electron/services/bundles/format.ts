import { z } from 'zod';
import { SNAPSHOT_ID, type SessionSnapshot } from '../../../shared/session/snapshot';

/**
 * The `.irbundle` format (version 4; docs/bundles.md): a zip holding `manifest.json` and the parts it
 * lists, each with its size and SHA-256. Each part is one part of the session snapshot
 * (shared/session/snapshot.ts) as JSON, or as NDJSON (one line per row) for the long ones, plus the
 * recordings' files under `media/`. Rows point at each other by position, never by this machine's row
 * ids, so a bundle imports into any data directory and exporting the imported session again gives the
 * same parts byte for byte.
 */
export const BUNDLE_FORMAT = 'interview-recorder.bundle';
/**
 * 4 added the test runs (every Test press with its cases' results; docs/judge.md). 3 added the interviewer's live state, whether the session may be sent to the team's server, where a
 * session came from (an imported transcript) and who spoke each interviewer turn. 2 added each
 * recording's end offset and conversion state, and kept WebMs (`media/<id>.webm`). 1, 2 and 3 still import.
 */
export const BUNDLE_FORMAT_VERSION = 4;
export const MANIFEST_NAME = 'manifest.json';

/** The file of each snapshot part in the zip. */
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
  testRuns: 'test-runs.ndjson',
  recordings: 'recordings.json',
  consent: 'recording-consent.json',
  results: 'interviewer-results.json',
  interviewerState: 'interviewer-state.json',
  syncConsent: 'sync-consent.json',
} as const satisfies Record<Exclude<keyof SessionSnapshot, 'mediaFiles'>, string>;

/** Parts a bundle of each format version must have (later versions only add parts). */
const V3_PARTS: readonly string[] = Object.values(PART).filter((p) => p !== PART.testRuns);
const V1_PARTS: readonly string[] = V3_PARTS.filter((p) => p !== PART.interviewerState && p !== PART.syncConsent);
export const requiredParts = (formatVersion: number): readonly string[] =>
  formatVersion >= 4 ? Object.values(PART) : formatVersion === 3 ? V3_PARTS : V1_PARTS;
export const KNOWN_PARTS: readonly string[] = Object.values(PART);
export const MEDIA_PART = /^media\/[A-Za-z0-9_-]{1,128}\.(mp4|webm)$/;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lower-case SHA-256 hex digest');
const count = z.number().int().min(0);

export const ManifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.number().int().min(1),
  appVersion: z.string().max(100),
  databaseVersion: z.number().int().min(0),
  createdAt: z.string().max(100),
  sessionId: z.string().regex(SNAPSHOT_ID, 'is not an id this app makes (letters, digits, - and _ only)'),
  parts: z.array(z.strictObject({ name: z.string().min(1).max(300), bytes: count, sha256 })).max(10_000),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** One JSON value per line, no trailing newline issues: an empty part is zero lines. */
export function toNdjson(values: Iterable<unknown>): Buffer {
  const lines: string[] = [];
  for (const v of values) lines.push(JSON.stringify(v));
  return Buffer.from(lines.length ? `${lines.join('\n')}\n` : '', 'utf8');
}

export const toJson = (value: unknown): Buffer => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
