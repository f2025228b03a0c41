import { createHash, randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { z } from 'zod';
import { InterviewConfigSchema } from '../../../shared/config/interview-config';
import { AppError } from '../../../shared/ipc/result';
import {
  AnnotationLineSchema,
  CodeChangeLineSchema,
  CodeSnapshotLineSchema,
  ConsentPartSchema,
  IntegrityLineSchema,
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

/** Largest text part read into memory (a long session's telemetry is tens of megabytes). */
const MAX_TEXT_PART = 1024 * 1024 * 1024;
const MAX_MANIFEST = 4 * 1024 * 1024;

/** A bundle that is not intact: truncated, altered, or not a bundle. Shown to the user as is. */
function damaged(detail: string): AppError {
  return new AppError('invalid_input', `This bundle cannot be imported: ${detail}. Nothing was imported.`);
}

/**
 * Imports a bundle, all or nothing. First everything is verified — the zip directory, the manifest,
 * every part's size and SHA-256, every row's shape and every cross-reference — with recordings streamed
 * into a staging folder beside the recordings. Then one SQLite transaction inserts every row and, as its
 * last step, moves the staged files into place; if anything fails the transaction rolls back and the
 * staged and moved files are removed, so a failed import leaves nothing behind.
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
    const manifest = readManifest(zip);
    const text = readTextParts(zip, manifest);
    const source = parseParts(text, manifest);
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
  zip.read(MANIFEST_NAME, (c) => chunks.push(Buffer.from(c)), MAX_MANIFEST);
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

function readTextParts(zip: ZipReader, manifest: Manifest): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of manifest.parts) {
    if (MEDIA_PART.test(part.name)) continue;
    if (part.bytes > MAX_TEXT_PART) throw damaged(`the part "${part.name}" is larger than any bundle part can be`);
    const data = Buffer.allocUnsafe(part.bytes);
    let at = 0;
    zip.read(
      part.name,
      (c) => {
        data.set(c, at);
        at += c.length;
      },
      part.bytes,
    );
    if (at !== part.bytes) throw damaged(`the part "${part.name}" is cut short`);
    if (createHash('sha256').update(data).digest('hex') !== part.sha256) throw mismatch(part.name);
    out.set(part.name, data.toString('utf8'));
  }
  return out;
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
 * The snapshot the bundle holds, checked part by part against the snapshot's schemas. The NDJSON parts are
 * read lazily, line by line, as the restore takes them; whether rows point at rows that exist is checked by
 * the owning services as they restore. Parts a bundle of an earlier format lacks are empty.
 */
function parseParts(text: Map<string, string>, manifest: Manifest): Omit<SnapshotSource, 'mediaFiles'> {
  const json = (name: string): unknown => {
    const body = text.get(name);
    if (body === undefined) return null;
    try {
      return JSON.parse(body);
    } catch {
      throw damaged(`the part "${name}" is not valid JSON`);
    }
  };
  const session = check(`"${PART.session}"`, SessionPartSchema, json(PART.session));
  if (session.id !== manifest.sessionId)
    throw damaged(`its manifest is for session ${manifest.sessionId} but its session part is ${session.id}`);
  return {
    session,
    config: check(`"${PART.config}"`, InterviewConfigSchema, json(PART.config)),
    questions: lines(text, PART.questions, QuestionLineSchema),
    telemetry: lines(text, PART.telemetry, TelemetryLineSchema),
    telemetryDrops: lines(text, PART.telemetryDrops, TelemetryDropLineSchema),
    codeChanges: lines(text, PART.codeChanges, CodeChangeLineSchema),
    codeSnapshots: lines(text, PART.codeSnapshots, CodeSnapshotLineSchema),
    integrity: lines(text, PART.integrity, IntegrityLineSchema),
    turns: lines(text, PART.turns, TurnLineSchema),
    annotations: lines(text, PART.annotations, AnnotationLineSchema),
    recordings: check(`"${PART.recordings}"`, RecordingPartSchema, json(PART.recordings)),
    consent: check(`"${PART.consent}"`, ConsentPartSchema, json(PART.consent)),
    results: check(`"${PART.results}"`, ResultsPartSchema, json(PART.results)),
    interviewerState: check(`"${PART.interviewerState}"`, InterviewerStatePartSchema, json(PART.interviewerState)),
    syncConsent: check(`"${PART.syncConsent}"`, SyncConsentPartSchema, json(PART.syncConsent)),
  };
}

/** The rows of an NDJSON part, each checked as it is read. */
function* lines<S extends z.ZodType>(text: Map<string, string>, name: string, schema: S): Generator<z.output<S>> {
  const body = text.get(name) ?? '';
  if (body === '') return;
  if (!body.endsWith('\n')) throw damaged(`the part "${name}" does not end with a complete line`);
  let start = 0;
  for (let n = 1; start < body.length; n++) {
    const end = body.indexOf('\n', start);
    const line = body.slice(start, end);
    start = end + 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw damaged(`line ${n} of "${name}" is not valid JSON`);
    }
    yield check(`line ${n} of "${name}"`, schema, value);
  }
}

function check<S extends z.ZodType>(where: string, schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw damaged(`${where} is malformed (${describeIssues(issuesFromZod(parsed.error, value))})`);
  return parsed.data;
}
