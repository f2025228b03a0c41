import { createHash, randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { extname, join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { z } from 'zod';
import { InterviewConfigSchema } from '../../../shared/config/interview-config';
import { AppError } from '../../../shared/ipc/result';
import {
  AnnotationLineSchema,
  CodeChangeLineSchema,
  CodeSnapshotLineSchema,
  ConsentPartSchema,
  IntegrityLineSchema,
  TestRunLineSchema,
  InterviewerStatePartSchema,
  QuestionLineSchema,
  RecordingPartSchema,
  ResultsPartSchema,
  SessionPartSchema,
  SyncConsentPartSchema,
  TelemetryDropLineSchema,
  TelemetryLineSchema,
  TurnLineSchema,
} from '../../../shared/session/snapshot';
import { describeIssues, issuesFromZod } from '../../../shared/util/issues';
import { diskSpace } from '../recording';
import { SnapshotError, type SessionSnapshots, type SnapshotSource } from '../snapshot';
import {
  BUNDLE_FORMAT_VERSION,
  KNOWN_PARTS,
  MANIFEST_NAME,
  MEDIA_PART,
  ManifestSchema,
  PART,
  requiredParts,
  type Manifest,
} from './format';
import type { ByteProgress } from './bundle-export';
import { ZipFormatError, ZipReader } from './zip-reader';

export interface ImportContext {
  snapshots: SessionSnapshots;
  recordingsDir: string;
  newId?: () => string;
  /** Aborted when the app closes: the import stops between two chunks and leaves nothing behind. */
  signal?: AbortSignal;
  /** Told the recordings' total size, then every chunk copied. */
  progress?: ByteProgress;
}

export interface ImportOutcome {
  sessionId: string;
  originalId: string;
  asCopy: boolean;
  parts: number;
  recordings: number;
}

/**
 * Limits on what a bundle may make the app hold or write, whoever made it (docs/bundles.md). A long
 * session's telemetry is tens of megabytes; a part of 1 GiB, or 2 GiB of text in all, is not a session.
 */
export const BUNDLE_LIMITS = {
  manifestBytes: 4 * 1024 * 1024,
  /** A JSON part (session, config, recordings, consents, results, state) is read whole. */
  jsonPartBytes: 16 * 1024 * 1024,
  /** An NDJSON part is read line by line, never whole. */
  textPartBytes: 1024 * 1024 * 1024,
  totalTextBytes: 2 * 1024 * 1024 * 1024,
  /** One row: a code snapshot holds a whole file (at most 2 MB of source), a telemetry event far less. */
  lineBytes: 32 * 1024 * 1024,
  /** MP4 and WebM are compressed already: a recording part that inflates more than this is not one. */
  mediaRatio: 1.1,
  /** Free space the import leaves on the disk, beyond what the bundle declares it will write. */
  diskMarginBytes: 512 * 1024 * 1024,
} as const;

/** A bundle that is not intact: truncated, altered, or not a bundle. Shown to the user as is. */
function damaged(detail: string): AppError {
  return new AppError('invalid_input', `This bundle cannot be imported: ${detail}. Nothing was imported.`);
}

/**
 * Imports a bundle, all or nothing, treating it as hostile until checked (docs/bundles.md). Before anything
 * is written: the zip directory (entries in order, none sharing data, local and central names agreeing),
 * what it declares against free disk space and the text and compression limits, the manifest, and every
 * text part's size and SHA-256 (streamed). Then recordings are streamed into a staging folder beside the
 * recordings under names the app makes, checked against their hashes, and the snapshot is restored in one
 * SQLite transaction that reads the NDJSON parts line by line (never whole) and, as its last step, moves the
 * staged files into place; if anything fails the transaction rolls back and the staged and moved files are
 * removed, so a failed import leaves nothing behind.
 *
 * A session with the bundle's id already here is a `conflict`: never overwritten. `asCopy` gives the
 * session, its questions, recordings and annotations new ids, rewriting every reference to them
 * (including `sessionId` inside telemetry events).
 */
export async function importBundle(ctx: ImportContext, path: string, options: { asCopy: boolean }): Promise<ImportOutcome> {
  const newId = ctx.newId ?? randomUUID;
  let zip: ZipReader;
  try {
    zip = ZipReader.open(path);
  } catch (err) {
    if (err instanceof ZipFormatError) throw damaged(err.message);
    const code = (err as NodeJS.ErrnoException).code;
    throw new AppError('invalid_input', `Cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? (err as Error).message)}.`);
  }
  const staging = join(ctx.recordingsDir, `.import-${randomUUID()}`);
  try {
    await refuseOversize(zip, ctx.recordingsDir);
    const manifest = readManifest(zip);
    // Every text part's hash first, streamed: an altered bundle is refused as altered, before any row or file.
    for (const part of manifest.parts) if (!MEDIA_PART.test(part.name)) verifyTextPart(zip, part);
    const source = parseParts(zip, manifest);
    // Asked before copying recordings out, so the answer comes at once; checked again when restoring.
    if (!options.asCopy) ctx.snapshots.refuseDuplicate(source.session.id);

    mkdirSync(staging, { recursive: true });
    const staged = new Map<string, string>();
    const mediaParts = manifest.parts.filter((p) => MEDIA_PART.test(p.name));
    ctx.progress?.start(mediaParts.reduce((sum, p) => sum + p.bytes, 0));
    for (const part of mediaParts) {
      // Staged under a name this app makes; the bundle's own names never reach the file system.
      const file = join(staging, `${staged.size}.${extname(part.name).slice(1)}`);
      await streamVerified(zip, part, file, ctx.signal, ctx.progress);
      staged.set(part.name, file);
    }
    const restored = ctx.snapshots.restore({ ...source, mediaFiles: staged }, { asCopy: options.asCopy, newId, names: PART_NAMES });
    return {
      sessionId: restored.sessionId,
      originalId: restored.originalId,
      asCopy: options.asCopy,
      parts: manifest.parts.length,
      recordings: restored.recordings,
    };
  } catch (err) {
    if (err instanceof ZipFormatError || err instanceof SnapshotError) throw damaged(err.message);
    throw err;
  } finally {
    zip.close();
    rmSync(staging, { recursive: true, force: true });
  }
}

/** How restore messages name a part: as its file in the bundle. */
const PART_NAMES = Object.fromEntries(Object.entries(PART).map(([key, file]) => [key, `"${file}"`])) as Partial<
  Record<keyof SnapshotSource, string>
>;

function readManifest(zip: ZipReader): Manifest {
  const entry = zip.entries.get(MANIFEST_NAME);
  if (!entry) throw damaged('it has no manifest (is it an .irbundle?)');
  const chunks: Buffer[] = [];
  zip.read(MANIFEST_NAME, (c) => chunks.push(Buffer.from(c)), BUNDLE_LIMITS.manifestBytes);
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw damaged('its manifest is not valid JSON');
  }
  const formatVersion = (raw as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof formatVersion === 'number' && formatVersion > BUNDLE_FORMAT_VERSION) {
    throw new AppError(
      'invalid_input',
      `This bundle was made by a newer version of Interview Recorder (bundle format ${formatVersion}; this app reads up to ${BUNDLE_FORMAT_VERSION}). Update the app to import it.`,
    );
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) throw damaged(`its manifest is malformed (${describeIssues(issuesFromZod(parsed.error, raw))})`);
  const manifest = parsed.data;
  const listed = new Set<string>();
  for (const p of manifest.parts) {
    if (listed.has(p.name)) throw damaged(`its manifest lists "${p.name}" twice`);
    listed.add(p.name);
    if (!KNOWN_PARTS.includes(p.name) && !MEDIA_PART.test(p.name)) throw damaged(`its manifest lists an unknown part "${p.name}"`);
    const entry = zip.entries.get(p.name);
    if (!entry) throw damaged(`the part "${p.name}" listed in its manifest is missing`);
    if (entry.size !== p.bytes) throw damaged(`the part "${p.name}" has ${entry.size} bytes where the manifest says ${p.bytes}`);
  }
  for (const name of requiredParts(manifest.formatVersion))
    if (!listed.has(name)) throw damaged(`its manifest does not list the part "${name}"`);
  for (const name of zip.entries.keys()) {
    if (name !== MANIFEST_NAME && !listed.has(name)) throw damaged(`it holds a part "${name}" its manifest does not list`);
  }
  return manifest;
}

const mismatch = (name: string) =>
  damaged(`the part "${name}" does not match its SHA-256 in the manifest (the file was altered or corrupted)`);

/**
 * Refused before anything is read or written: a bundle that declares more than the disk has free (less a
 * margin), more text than any session has, or recording parts that inflate (a recording does not compress).
 */
async function refuseOversize(zip: ZipReader, recordingsDir: string): Promise<void> {
  const declared = zip.declaredBytes();
  const { freeBytes } = await diskSpace(recordingsDir);
  if (declared > freeBytes - BUNDLE_LIMITS.diskMarginBytes) {
    throw damaged(`it would write ${formatGiB(declared)}, but the disk has ${formatGiB(freeBytes)} free`);
  }
  let text = 0;
  for (const entry of zip.entries.values()) {
    if (MEDIA_PART.test(entry.name)) {
      if (entry.method !== 0 && entry.size > entry.compressedSize * BUNDLE_LIMITS.mediaRatio) {
        throw damaged(
          `the recording part "${entry.name}" inflates ${Math.round(entry.size / Math.max(1, entry.compressedSize))} times; a recording does not compress`,
        );
      }
    } else text += entry.size;
  }
  if (text > BUNDLE_LIMITS.totalTextBytes) throw damaged(`its text parts add up to ${formatGiB(text)}, more than any session has`);
}

const formatGiB = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;

/** A text part's size and SHA-256, checked a small step at a time (nothing of it is kept). */
function verifyTextPart(zip: ZipReader, part: Manifest['parts'][number]): void {
  if (part.bytes > BUNDLE_LIMITS.textPartBytes) throw damaged(`the part "${part.name}" is larger than any bundle part can be`);
  const hash = createHash('sha256');
  let bytes = 0;
  for (const chunk of zip.chunks(part.name, part.bytes)) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  if (bytes !== part.bytes) throw damaged(`the part "${part.name}" is cut short`);
  if (hash.digest('hex') !== part.sha256) throw mismatch(part.name);
}

/** A JSON part, read whole (they are small) and checked against its size and hash; null when the bundle's format has none. */
function readJsonPart(zip: ZipReader, manifest: Manifest, name: string): unknown {
  const part = manifest.parts.find((p) => p.name === name);
  if (!part) return null;
  if (part.bytes > BUNDLE_LIMITS.jsonPartBytes) throw damaged(`the part "${name}" is larger than such a part can be`);
  const data = Buffer.allocUnsafe(part.bytes);
  let at = 0;
  zip.read(
    name,
    (c) => {
      data.set(c, at);
      at += c.length;
    },
    part.bytes,
  );
  if (at !== part.bytes) throw damaged(`the part "${name}" is cut short`);
  if (createHash('sha256').update(data).digest('hex') !== part.sha256) throw mismatch(name);
  try {
    return JSON.parse(data.toString('utf8'));
  } catch {
    throw damaged(`the part "${name}" is not valid JSON`);
  }
}

/**
 * The rows of an NDJSON part, read from the zip a small step at a time and checked line by line as the
 * restore takes them, so a part is never held whole. Its size and SHA-256 are checked as it ends: a part
 * altered anywhere fails there, and the restore's transaction rolls back every row it had inserted.
 */
function* ndjsonLines<S extends z.ZodType>(zip: ZipReader, manifest: Manifest, name: string, schema: S): Generator<z.output<S>> {
  const part = manifest.parts.find((p) => p.name === name);
  if (!part) return;
  if (part.bytes > BUNDLE_LIMITS.textPartBytes) throw damaged(`the part "${name}" is larger than any bundle part can be`);
  const hash = createHash('sha256');
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let n = 0;
  let bytes = 0;
  const parse = (line: string) => {
    n++;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw damaged(`line ${n} of "${name}" is not valid JSON`);
    }
    return check(`line ${n} of "${name}"`, schema, value);
  };
  for (const chunk of zip.chunks(name, part.bytes)) {
    hash.update(chunk);
    bytes += chunk.length;
    pending += decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      yield parse(line);
      newline = pending.indexOf('\n');
    }
    if (pending.length > BUNDLE_LIMITS.lineBytes) throw damaged(`line ${n + 1} of "${name}" is longer than any row can be`);
  }
  pending += decoder.end();
  if (bytes !== part.bytes) throw damaged(`the part "${name}" is cut short`);
  if (hash.digest('hex') !== part.sha256) throw mismatch(name);
  if (pending !== '') throw damaged(`the part "${name}" does not end with a complete line`);
}

/** Copies a recording part to `file` and checks its hash; the event loop runs between chunks. */
async function streamVerified(
  zip: ZipReader,
  part: Manifest['parts'][number],
  file: string,
  signal: AbortSignal | undefined,
  progress: ByteProgress | undefined,
): Promise<void> {
  const hash = createHash('sha256');
  const fd = openSync(file, 'wx');
  try {
    await zip.readYielding(
      part.name,
      (chunk) => {
        hash.update(chunk);
        progress?.add(chunk.length);
        let off = 0;
        while (off < chunk.length) off += writeSync(fd, chunk, off, chunk.length - off);
      },
      part.bytes,
      signal,
    );
  } finally {
    closeSync(fd);
  }
  if (hash.digest('hex') !== part.sha256) throw mismatch(part.name);
}

/**
 * The snapshot the bundle holds, checked part by part against the snapshot's schemas. The JSON parts are
 * read now; the NDJSON parts are read lazily, line by line, as the restore takes them, and whether rows
 * point at rows that exist is checked by the owning services as they restore. Parts a bundle of an earlier
 * format lacks are empty.
 */
function parseParts(zip: ZipReader, manifest: Manifest): Omit<SnapshotSource, 'mediaFiles'> {
  const json = (name: string) => readJsonPart(zip, manifest, name);
  const session = check(`"${PART.session}"`, SessionPartSchema, json(PART.session));
  if (session.id !== manifest.sessionId) {
    throw damaged(`its manifest is for session ${manifest.sessionId} but its session part is ${session.id}`);
  }
  return {
    session,
    config: check(`"${PART.config}"`, InterviewConfigSchema, json(PART.config)),
    questions: ndjsonLines(zip, manifest, PART.questions, QuestionLineSchema),
    telemetry: ndjsonLines(zip, manifest, PART.telemetry, TelemetryLineSchema),
    telemetryDrops: ndjsonLines(zip, manifest, PART.telemetryDrops, TelemetryDropLineSchema),
    codeChanges: ndjsonLines(zip, manifest, PART.codeChanges, CodeChangeLineSchema),
    codeSnapshots: ndjsonLines(zip, manifest, PART.codeSnapshots, CodeSnapshotLineSchema),
    integrity: ndjsonLines(zip, manifest, PART.integrity, IntegrityLineSchema),
    turns: ndjsonLines(zip, manifest, PART.turns, TurnLineSchema),
    annotations: ndjsonLines(zip, manifest, PART.annotations, AnnotationLineSchema),
    testRuns: ndjsonLines(zip, manifest, PART.testRuns, TestRunLineSchema),
    recordings: check(`"${PART.recordings}"`, RecordingPartSchema, json(PART.recordings)),
    consent: check(`"${PART.consent}"`, ConsentPartSchema, json(PART.consent)),
    results: check(`"${PART.results}"`, ResultsPartSchema, json(PART.results)),
    interviewerState: check(`"${PART.interviewerState}"`, InterviewerStatePartSchema, json(PART.interviewerState)),
    syncConsent: check(`"${PART.syncConsent}"`, SyncConsentPartSchema, json(PART.syncConsent)),
  };
}

function check<S extends z.ZodType>(where: string, schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw damaged(`${where} is malformed (${describeIssues(issuesFromZod(parsed.error, value))})`);
  return parsed.data;
}
