import { createHash, randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { z } from 'zod';
import { InterviewConfigSchema } from '../../../shared/config/interview-config';
import { AppError } from '../../../shared/ipc/result';
import { describeIssues, issuesFromZod } from '../../../shared/util/issues';
import type { Db } from '../store';
import {
  AnnotationLineSchema,
  BUNDLE_FORMAT_VERSION,
  CodeChangeLineSchema,
  CodeSnapshotLineSchema,
  ConsentPartSchema,
  IntegrityLineSchema,
  MANIFEST_NAME,
  MEDIA_PART,
  mediaExtension,
  ManifestSchema,
  PART,
  QuestionLineSchema,
  RecordingPartSchema,
  ResultsPartSchema,
  REQUIRED_PARTS,
  SessionPartSchema,
  TelemetryDropLineSchema,
  TelemetryLineSchema,
  TurnLineSchema,
  type Manifest,
} from './format';
import type { ByteProgress } from './bundle-export';
import { ZipFormatError, ZipReader } from './zip-reader';

export interface ImportContext {
  db: Db;
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
  const placed: string[] = [];
  try {
    const manifest = readManifest(zip);
    const text = readTextParts(zip, manifest);
    const bundle = parseParts(text, manifest);
    // Asked before copying recordings out, so the answer comes at once; checked again when inserting.
    if (!options.asCopy) refuseDuplicate(ctx.db, bundle.session.id);

    mkdirSync(staging, { recursive: true });
    const staged = new Map<string, string>();
    const mediaParts = manifest.parts.filter((p) => MEDIA_PART.test(p.name));
    ctx.progress?.start(mediaParts.reduce((sum, p) => sum + p.bytes, 0));
    for (const part of mediaParts) {
      const file = join(staging, `${staged.size}.${extname(part.name).slice(1)}`);
      await streamVerified(zip, part, file, ctx.signal, ctx.progress);
      staged.set(part.name, file);
    }

    const originalId = bundle.session.id;
    const sessionId = options.asCopy ? newId() : originalId;
    const ids = {
      question: new Map(bundle.questions.map((q) => [q.id, options.asCopy ? newId() : q.id])),
      recording: new Map(bundle.recordings.map((r) => [r.id, options.asCopy ? newId() : r.id])),
      annotation: new Map(bundle.annotations.map((a) => [a.id, options.asCopy ? newId() : a.id])),
    };

    ctx.db
      .transaction(() => {
        refuseDuplicate(ctx.db, sessionId);
        insertRows(ctx.db, bundle, sessionId, originalId, ids, ctx.recordingsDir, staged, placed);
      })
      .immediate();
    return { sessionId, originalId, asCopy: options.asCopy, parts: manifest.parts.length, recordings: bundle.recordings.length };
  } catch (err) {
    for (const file of placed) rmSync(file, { force: true });
    throw err instanceof ZipFormatError ? damaged(err.message) : err;
  } finally {
    zip.close();
    rmSync(staging, { recursive: true, force: true });
  }
}

function refuseDuplicate(db: Db, sessionId: string): void {
  const existing = db.prepare(`SELECT json_extract(config_json, '$.candidateName') AS name FROM sessions WHERE id = ?`).get(sessionId) as
    { name: string } | undefined;
  if (existing) {
    throw new AppError(
      'conflict',
      `A session with id ${sessionId} (${existing.name}) is already in this library. It was left as it is; import the bundle as a copy to keep both.`,
    );
  }
}

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
    if (!REQUIRED_PARTS.includes(p.name) && !MEDIA_PART.test(p.name)) throw damaged(`its manifest lists an unknown part "${p.name}"`);
    const entry = zip.entries.get(p.name);
    if (!entry) throw damaged(`the part "${p.name}" listed in its manifest is missing`);
    if (entry.size !== p.bytes) throw damaged(`the part "${p.name}" has ${entry.size} bytes where the manifest says ${p.bytes}`);
  }
  for (const name of REQUIRED_PARTS) if (!listed.has(name)) throw damaged(`its manifest does not list the part "${name}"`);
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

type ParsedBundle = ReturnType<typeof parseParts>;

function parseParts(text: Map<string, string>, manifest: Manifest) {
  const json = (name: string): unknown => {
    try {
      return JSON.parse(text.get(name)!);
    } catch {
      throw damaged(`the part "${name}" is not valid JSON`);
    }
  };
  const lines = <S extends z.ZodType>(name: string, schema: S): Array<z.output<S>> => {
    const body = text.get(name)!;
    if (body === '') return [];
    if (!body.endsWith('\n')) throw damaged(`the part "${name}" does not end with a complete line`);
    return body
      .slice(0, -1)
      .split('\n')
      .map((line, i) => {
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          throw damaged(`line ${i + 1} of "${name}" is not valid JSON`);
        }
        return check(`line ${i + 1} of "${name}"`, schema, value);
      });
  };
  const session = check(`"${PART.session}"`, SessionPartSchema, json(PART.session));
  if (session.id !== manifest.sessionId)
    throw damaged(`its manifest is for session ${manifest.sessionId} but its session part is ${session.id}`);
  const config = check(`"${PART.config}"`, InterviewConfigSchema, json(PART.config));
  const bundle = {
    session,
    config,
    questions: lines(PART.questions, QuestionLineSchema),
    telemetry: lines(PART.telemetry, TelemetryLineSchema),
    drops: lines(PART.telemetryDrops, TelemetryDropLineSchema),
    changes: lines(PART.codeChanges, CodeChangeLineSchema),
    snapshots: lines(PART.codeSnapshots, CodeSnapshotLineSchema),
    integrity: lines(PART.integrity, IntegrityLineSchema),
    turns: lines(PART.turns, TurnLineSchema),
    annotations: lines(PART.annotations, AnnotationLineSchema),
    recordings: check(`"${PART.recordings}"`, RecordingPartSchema, json(PART.recordings)),
    consent: check(`"${PART.consent}"`, ConsentPartSchema, json(PART.consent)),
    results: check(`"${PART.results}"`, ResultsPartSchema, json(PART.results)),
  };

  // Cross-references, so the rows insert as a consistent whole.
  const events = bundle.telemetry.length;
  const questionIds = new Set(bundle.questions.map((q) => q.id));
  bundle.drops.forEach((d, i) => {
    if (d.event !== null && d.event >= events)
      throw damaged(`line ${i + 1} of "${PART.telemetryDrops}" points at a telemetry event that does not exist`);
  });
  const usedEvents = new Set<number>();
  bundle.changes.forEach((c, i) => {
    if (c.event >= events || bundle.telemetry[c.event]!.type !== 'code_edit' || usedEvents.has(c.event)) {
      throw damaged(`line ${i + 1} of "${PART.codeChanges}" does not point at a code_edit event of its own`);
    }
    usedEvents.add(c.event);
  });
  bundle.snapshots.forEach((s, i) => {
    if (s.afterChanges > bundle.changes.length)
      throw damaged(`line ${i + 1} of "${PART.codeSnapshots}" comes after more changes than the bundle has`);
    if (createHash('sha256').update(s.text, 'utf8').digest('hex') !== s.sha256)
      throw damaged(`line ${i + 1} of "${PART.codeSnapshots}" does not match its own hash`);
  });
  bundle.turns.forEach((t, i) => {
    if (t.questionId !== null && !questionIds.has(t.questionId))
      throw damaged(`line ${i + 1} of "${PART.turns}" points at a question the bundle does not have`);
  });
  bundle.annotations.forEach((a, i) => {
    if (a.turn !== null && a.turn >= bundle.turns.length)
      throw damaged(`line ${i + 1} of "${PART.annotations}" points at a turn the bundle does not have`);
  });
  const media = new Set(manifest.parts.filter((p) => MEDIA_PART.test(p.name)).map((p) => p.name));
  const usedMedia = new Set<string>();
  for (const r of bundle.recordings) {
    if (r.media === null) continue;
    if (!media.has(r.media) || usedMedia.has(r.media))
      throw damaged(`recording ${r.id} names a media part "${r.media}" that is missing or shared`);
    usedMedia.add(r.media);
  }
  for (const name of media) if (!usedMedia.has(name)) throw damaged(`the media part "${name}" belongs to no recording`);
  return bundle;
}

function check<S extends z.ZodType>(where: string, schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw damaged(`${where} is malformed (${describeIssues(issuesFromZod(parsed.error, value))})`);
  return parsed.data;
}

interface IdMaps {
  question: Map<string, string>;
  recording: Map<string, string>;
  annotation: Map<string, string>;
}

/** Inserts every row (inside the caller's transaction) and, last, moves the staged recordings into place. */
function insertRows(
  db: Db,
  b: ParsedBundle,
  sessionId: string,
  originalId: string,
  ids: IdMaps,
  recordingsDir: string,
  staged: Map<string, string>,
  placed: string[],
): void {
  const s = b.session;
  db.prepare(
    `INSERT INTO sessions (id, status, config_json, created_at, started_at, ended_at, active_ms, segment_started_at, last_seen_at, interrupted)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    sessionId,
    s.status,
    JSON.stringify(b.config),
    s.createdAt,
    s.startedAt,
    s.endedAt,
    s.activeMs,
    s.segmentStartedAt,
    s.lastSeenAt,
    s.interrupted ? 1 : 0,
  );

  const question = db.prepare(
    `INSERT INTO questions (id, session_id, ordinal, source_id, question_json, asked_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  for (const q of b.questions)
    question.run(ids.question.get(q.id)!, sessionId, q.ordinal, q.sourceId, JSON.stringify(q.question), q.askedAt);

  // Telemetry is append-only: rows are only ever inserted, in their stored order, getting this store's seqs.
  const event = db.prepare(`INSERT INTO telemetry_events (session_id, type, ts, t_ms, event_json, received_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const seqs = b.telemetry.map((e) => {
    const body = sessionId !== originalId && e.event.sessionId === originalId ? { ...e.event, sessionId } : e.event;
    return Number(event.run(sessionId, e.type, e.ts, e.tMs, JSON.stringify(body), e.receivedAt).lastInsertRowid);
  });
  const drop = db.prepare(
    `INSERT INTO telemetry_drops (session_id, event_seq, event_index, event_type, field, bytes, limit_bytes, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const d of b.drops)
    drop.run(
      sessionId,
      d.event === null ? null : seqs[d.event]!,
      d.eventIndex,
      d.eventType,
      d.field,
      d.bytes,
      d.limitBytes,
      d.reason,
      d.at,
    );

  const change = db.prepare(`INSERT INTO code_changes (session_id, event_seq, t_ms, file, changes_json) VALUES (?, ?, ?, ?, ?)`);
  const changeSeqs = b.changes.map((c) =>
    Number(change.run(sessionId, seqs[c.event]!, c.tMs, c.file, JSON.stringify(c.changes)).lastInsertRowid),
  );
  const snapshot = db.prepare(`INSERT INTO code_snapshots (session_id, after_seq, t_ms, file, text, sha256) VALUES (?, ?, ?, ?, ?, ?)`);
  for (const x of b.snapshots)
    snapshot.run(sessionId, x.afterChanges === 0 ? 0 : changeSeqs[x.afterChanges - 1]!, x.tMs, x.file, x.text, x.sha256);

  const signal = db.prepare(`INSERT INTO integrity_signals (session_id, kind, ts, t_ms, details_json) VALUES (?, ?, ?, ?, ?)`);
  for (const g of b.integrity) signal.run(sessionId, g.kind, g.ts, g.tMs, JSON.stringify(g.details));

  const turn = db.prepare(
    `INSERT INTO turns (session_id, question_id, role, text, follow_up_type, hidden_note, persona_json, trace_json, ts, t_ms, kind, question_ref, hint_level)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const turnIds = b.turns.map((t) =>
    Number(
      turn.run(
        sessionId,
        t.questionId === null ? null : ids.question.get(t.questionId)!,
        t.role,
        t.text,
        t.followUpType,
        t.hiddenNote,
        t.persona === null ? null : JSON.stringify(t.persona),
        t.trace === null ? null : JSON.stringify(t.trace),
        t.ts,
        t.tMs,
        t.kind,
        t.questionRef,
        t.hintLevel,
      ).lastInsertRowid,
    ),
  );
  const annotation = db.prepare(
    `INSERT INTO annotations (id, session_id, turn_id, t_ms, follow_up_type, intent, ideal_follow_up, rating, note, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const a of b.annotations) {
    annotation.run(
      ids.annotation.get(a.id)!,
      sessionId,
      a.turn === null ? null : turnIds[a.turn]!,
      a.tMs,
      a.followUpType,
      a.intent,
      a.idealFollowUp,
      a.rating,
      a.note,
      a.createdAt,
      a.updatedAt,
    );
  }

  if (b.consent) {
    db.prepare(
      `INSERT INTO recording_consents (session_id, decision, items_json, stored_in, may_be_sent_to, decided_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(sessionId, b.consent.decision, JSON.stringify(b.consent.items), b.consent.storedIn, b.consent.maySendTo, b.consent.decidedAt);
  }

  if (b.results) {
    const results =
      sessionId !== originalId && b.results.results.sessionId === originalId ? { ...b.results.results, sessionId } : b.results.results;
    db.prepare(`INSERT INTO interviewer_results (session_id, results_json, created_at) VALUES (?, ?, ?)`).run(
      sessionId,
      JSON.stringify(results),
      b.results.createdAt,
    );
  }

  const recording = db.prepare(
    `INSERT INTO recordings (id, session_id, path, status, mime_type, bytes, last_seq, start_offset_ms, end_offset_ms, conversion, started_at, ended_at, error)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const pause = db.prepare(`INSERT INTO recording_pauses (recording_id, at_ms, resumed_at_ms) VALUES (?, ?, ?)`);
  const moves: Array<[string, string]> = [];
  const taken = new Set<string>();
  for (const r of b.recordings) {
    const id = ids.recording.get(r.id)!;
    const path = freeRecordingPath(
      recordingsDir,
      sessionId,
      r.media === null ? mediaExtension(r.mimeType) : extname(r.media).slice(1),
      taken,
    );
    // A recording whose file was already gone at export keeps its row (its status says what happened).
    if (r.media !== null) moves.push([staged.get(r.media)!, path]);
    // A conversion that was under way at export cannot go on here: the WebM is what the bundle holds.
    const unfinished = r.conversion === 'converting' || r.conversion === 'pending';
    const conversion = unfinished ? 'kept_webm' : r.conversion;
    const error = unfinished
      ? (r.error ?? 'It was still being converted to MP4 when the bundle was made, so it is kept as WebM.')
      : r.error;
    recording.run(
      id,
      sessionId,
      path,
      r.status,
      r.mimeType,
      r.bytes,
      r.lastSeq,
      r.startOffsetMs,
      r.endOffsetMs,
      conversion,
      r.startedAt,
      r.endedAt,
      error,
    );
    for (const p of r.pauses) pause.run(id, p.atMs, p.resumedAtMs);
  }
  for (const [from, to] of moves) {
    renameSync(from, to);
    placed.push(to);
  }
}

/** `<sessionId>.mp4` (or `.webm`), then `-2`, `-3`…, as the recording service names them; never an existing file. */
function freeRecordingPath(dir: string, sessionId: string, ext: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const path = join(dir, n === 1 ? `${sessionId}.${ext}` : `${sessionId}-${n}.${ext}`);
    if (!taken.has(path) && !existsSync(path)) {
      taken.add(path);
      return path;
    }
  }
}
