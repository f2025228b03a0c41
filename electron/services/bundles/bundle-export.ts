import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/ipc/result';
import type { Db } from '../store';
import type { RecordingConversion } from '../../../shared/recording/model';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, MANIFEST_NAME, PART, mediaPartName, toJson, toNdjson, type Manifest } from './format';
import { ZipFileWriter } from './zip-writer';
import { upperBound } from '../../../shared/util/binary-search';

export interface ExportContext {
  db: Db;
  appVersion: string;
  databaseVersion: number;
  now: () => Date;
  /** Aborted when the app closes: the export stops between two chunks and leaves nothing behind. */
  signal?: AbortSignal;
  /** Told the recordings' total size, then every chunk copied. */
  progress?: ByteProgress;
}

/** Where bundle work reports how many bytes of recordings it has copied. */
export interface ByteProgress {
  start(totalBytes: number): void;
  add(bytes: number): void;
}

export interface ExportOutcome {
  path: string;
  bytes: number;
  parts: number;
  sessionId: string;
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * Writes the session's bundle to `outPath`: every row of the session read in one transaction, then the
 * zip written to a temporary file beside `outPath` and renamed over it only once complete, so a failed
 * export never leaves a half-written bundle (nor destroys the file it would have replaced). Recordings
 * are copied a chunk at a time with the event loop free in between, so the app stays responsive.
 */
export async function exportBundle(ctx: ExportContext, sessionId: string, outPath: string): Promise<ExportOutcome> {
  const { db } = ctx;
  const snapshot = db.transaction(() => readSession(db, sessionId))();
  const live = snapshot.recordingRows.find((r) => r.status === 'recording' || r.status === 'paused');
  if (live && snapshot.session.status === 'in_progress' && !snapshot.session.interrupted) {
    throw new AppError('conflict', 'This session is still being recorded. End the interview before exporting it.');
  }

  mkdirSync(dirname(outPath), { recursive: true });
  // Every recording is opened before the first pause in the work: a WebM whose conversion finishes
  // meanwhile (and is deleted) is still read whole through its descriptor.
  const media: Array<{ row: RecordingExportRow; fd: number }> = [];
  try {
    for (const row of snapshot.recordingRows) if (row.mediaPart) media.push({ row, fd: openSync(row.path, 'r') });
  } catch (err) {
    for (const m of media) closeSync(m.fd);
    throw err;
  }
  ctx.progress?.start(media.reduce((sum, m) => sum + fstatSync(m.fd).size, 0));
  const temp = `${outPath}.partial-${process.pid}-${Date.now()}`;
  let writer: ZipFileWriter;
  try {
    writer = new ZipFileWriter(temp);
  } catch (err) {
    for (const m of media) closeSync(m.fd);
    throw err;
  }
  try {
    const listed: Manifest['parts'] = [];
    const put = (name: string, data: Buffer) => {
      writer.addBytes(name, data);
      listed.push({ name, bytes: data.length, sha256: sha256(data) });
    };
    for (const [name, data] of snapshot.parts) put(name, data);
    for (const { row, fd } of media) {
      const hash = createHash('sha256');
      const bytes = await writer.addFile(
        row.mediaPart!,
        fd,
        row.path,
        (chunk) => {
          hash.update(chunk);
          ctx.progress?.add(chunk.length);
        },
        ctx.signal,
      );
      listed.push({ name: row.mediaPart!, bytes, sha256: hash.digest('hex') });
    }
    const manifest: Manifest = {
      format: BUNDLE_FORMAT,
      formatVersion: BUNDLE_FORMAT_VERSION,
      appVersion: ctx.appVersion,
      databaseVersion: ctx.databaseVersion,
      createdAt: ctx.now().toISOString(),
      sessionId,
      parts: listed,
    };
    // Last, once every part's hash is known; the reader finds it through the zip directory.
    writer.addBytes(MANIFEST_NAME, toJson(manifest));
    writer.finish();
    renameSync(temp, outPath);
    return { path: outPath, bytes: statSync(outPath).size, parts: listed.length, sessionId };
  } catch (err) {
    try {
      writer.abandon();
    } catch {
      // Already closed by finish(); the file is removed below either way.
    }
    rmSync(temp, { force: true });
    throw err;
  } finally {
    for (const m of media) closeSync(m.fd);
  }
}

interface RecordingExportRow {
  id: string;
  path: string;
  status: string;
  mediaPart: string | null;
}

/** Every part of the session as bytes (recordings as paths), in the order they go into the zip. */
function readSession(db: Db, sessionId: string) {
  const s = db.prepare(`SELECT * FROM sessions WHERE id = ?`).get(sessionId) as
    | {
        id: string;
        status: string;
        config_json: string;
        created_at: string;
        started_at: string | null;
        ended_at: string | null;
        active_ms: number;
        segment_started_at: string | null;
        last_seen_at: string | null;
        interrupted: number;
      }
    | undefined;
  if (!s) throw new AppError('not_found', `No session with id "${sessionId}".`);
  const parts: Array<[string, Buffer]> = [];

  parts.push([
    PART.session,
    toJson({
      id: s.id,
      status: s.status,
      createdAt: s.created_at,
      startedAt: s.started_at,
      endedAt: s.ended_at,
      activeMs: s.active_ms,
      segmentStartedAt: s.segment_started_at,
      lastSeenAt: s.last_seen_at,
      interrupted: s.interrupted === 1,
    }),
  ]);
  parts.push([PART.config, toJson(JSON.parse(s.config_json))]);

  const questions = db
    .prepare(`SELECT id, ordinal, source_id, question_json, asked_at FROM questions WHERE session_id = ? ORDER BY ordinal`)
    .all(sessionId) as Array<{
    id: string;
    ordinal: number;
    source_id: string | null;
    question_json: string;
    asked_at: string | null;
  }>;
  parts.push([
    PART.questions,
    toNdjson(
      questions.map((q) => ({
        id: q.id,
        ordinal: q.ordinal,
        sourceId: q.source_id,
        question: JSON.parse(q.question_json),
        askedAt: q.asked_at,
      })),
    ),
  ]);

  const events = db
    .prepare(`SELECT seq, type, ts, t_ms, event_json, received_at FROM telemetry_events WHERE session_id = ? ORDER BY seq`)
    .all(sessionId) as Array<{
    seq: number;
    type: string;
    ts: string;
    t_ms: number;
    event_json: string;
    received_at: string;
  }>;
  const eventLine = new Map<number, number>();
  events.forEach((e, i) => eventLine.set(e.seq, i));
  parts.push([
    PART.telemetry,
    toNdjson(events.map((e) => ({ type: e.type, ts: e.ts, tMs: e.t_ms, receivedAt: e.received_at, event: JSON.parse(e.event_json) }))),
  ]);

  const drops = db
    .prepare(
      `SELECT event_seq, event_index, event_type, field, bytes, limit_bytes, reason, at FROM telemetry_drops WHERE session_id = ? ORDER BY id`,
    )
    .all(sessionId) as Array<{
    event_seq: number | null;
    event_index: number;
    event_type: string;
    field: string;
    bytes: number;
    limit_bytes: number;
    reason: string;
    at: string;
  }>;
  parts.push([
    PART.telemetryDrops,
    toNdjson(
      drops.map((d) => ({
        event: d.event_seq === null ? null : (eventLine.get(d.event_seq) ?? null),
        eventIndex: d.event_index,
        eventType: d.event_type,
        field: d.field,
        bytes: d.bytes,
        limitBytes: d.limit_bytes,
        reason: d.reason,
        at: d.at,
      })),
    ),
  ]);

  const changes = db
    .prepare(`SELECT seq, event_seq, t_ms, file, changes_json FROM code_changes WHERE session_id = ? ORDER BY seq`)
    .all(sessionId) as Array<{
    seq: number;
    event_seq: number;
    t_ms: number;
    file: string;
    changes_json: string;
  }>;
  const changeSeqs = changes.map((c) => c.seq);
  parts.push([
    PART.codeChanges,
    toNdjson(
      changes.map((c) => {
        const line = eventLine.get(c.event_seq);
        if (line === undefined)
          throw new AppError('internal', `Code change ${c.seq} of session ${sessionId} points at a telemetry event of another session.`);
        return { event: line, tMs: c.t_ms, file: c.file, changes: JSON.parse(c.changes_json) };
      }),
    ),
  ]);

  const snapshots = db
    .prepare(`SELECT after_seq, t_ms, file, text, sha256 FROM code_snapshots WHERE session_id = ? ORDER BY after_seq, id`)
    .all(sessionId) as Array<{
    after_seq: number;
    t_ms: number;
    file: string;
    text: string;
    sha256: string;
  }>;
  parts.push([
    PART.codeSnapshots,
    toNdjson(
      snapshots.map((s) => ({
        afterChanges: upperBound(changeSeqs, s.after_seq),
        tMs: s.t_ms,
        file: s.file,
        text: s.text,
        sha256: s.sha256,
      })),
    ),
  ]);

  const signals = db
    .prepare(`SELECT kind, ts, t_ms, details_json FROM integrity_signals WHERE session_id = ? ORDER BY t_ms, id`)
    .all(sessionId) as Array<{
    kind: string;
    ts: string;
    t_ms: number;
    details_json: string;
  }>;
  parts.push([
    PART.integrity,
    toNdjson(signals.map((g) => ({ kind: g.kind, ts: g.ts, tMs: g.t_ms, details: JSON.parse(g.details_json) }))),
  ]);

  const turns = db
    .prepare(
      `SELECT id, question_id, role, text, follow_up_type, hidden_note, persona_json, trace_json, ts, t_ms, kind, question_ref, hint_level FROM turns WHERE session_id = ? ORDER BY t_ms, id`,
    )
    .all(sessionId) as Array<{
    id: number;
    question_id: string | null;
    role: string;
    text: string;
    follow_up_type: string | null;
    hidden_note: string | null;
    persona_json: string | null;
    trace_json: string | null;
    ts: string;
    t_ms: number;
    kind: string | null;
    question_ref: string | null;
    hint_level: number | null;
  }>;
  const turnLine = new Map<number, number>();
  turns.forEach((t, i) => turnLine.set(t.id, i));
  parts.push([
    PART.turns,
    toNdjson(
      turns.map((t) => ({
        questionId: t.question_id,
        role: t.role,
        text: t.text,
        followUpType: t.follow_up_type,
        hiddenNote: t.hidden_note,
        persona: t.persona_json === null ? null : JSON.parse(t.persona_json),
        trace: t.trace_json === null ? null : JSON.parse(t.trace_json),
        ts: t.ts,
        tMs: t.t_ms,
        kind: t.kind,
        questionRef: t.question_ref,
        hintLevel: t.hint_level,
      })),
    ),
  ]);

  const annotations = db.prepare(`SELECT * FROM annotations WHERE session_id = ? ORDER BY created_at, id`).all(sessionId) as Array<{
    id: string;
    turn_id: number | null;
    t_ms: number | null;
    follow_up_type: string | null;
    intent: string | null;
    ideal_follow_up: string | null;
    rating: number | null;
    note: string | null;
    created_at: string;
    updated_at: string;
  }>;
  parts.push([
    PART.annotations,
    toNdjson(
      annotations.map((a) => ({
        id: a.id,
        turn: a.turn_id === null ? null : (turnLine.get(a.turn_id) ?? null),
        tMs: a.t_ms,
        followUpType: a.follow_up_type,
        intent: a.intent,
        idealFollowUp: a.ideal_follow_up,
        rating: a.rating,
        note: a.note,
        createdAt: a.created_at,
        updatedAt: a.updated_at,
      })),
    ),
  ]);

  const recordings = db.prepare(`SELECT * FROM recordings WHERE session_id = ? ORDER BY started_at, id`).all(sessionId) as Array<{
    id: string;
    path: string;
    status: string;
    mime_type: string;
    bytes: number;
    last_seq: number;
    start_offset_ms: number | null;
    end_offset_ms: number | null;
    conversion: RecordingConversion | null;
    started_at: string;
    ended_at: string | null;
    error: string | null;
  }>;
  const pauses = db.prepare(`SELECT at_ms, resumed_at_ms FROM recording_pauses WHERE recording_id = ? ORDER BY at_ms, id`);
  const recordingRows: RecordingExportRow[] = recordings.map((r) => ({
    id: r.id,
    path: r.path,
    status: r.status,
    mediaPart: existsSync(r.path) ? mediaPartName(r.id, r.mime_type) : null,
  }));
  parts.push([
    PART.recordings,
    toJson(
      recordings.map((r, i) => ({
        id: r.id,
        media: recordingRows[i]!.mediaPart,
        status: r.status,
        mimeType: r.mime_type,
        bytes: r.bytes,
        lastSeq: r.last_seq,
        startOffsetMs: r.start_offset_ms,
        endOffsetMs: r.end_offset_ms,
        conversion: r.conversion,
        startedAt: r.started_at,
        endedAt: r.ended_at,
        error: r.error,
        pauses: (pauses.all(r.id) as Array<{ at_ms: number; resumed_at_ms: number | null }>).map((p) => ({
          atMs: p.at_ms,
          resumedAtMs: p.resumed_at_ms,
        })),
      })),
    ),
  ]);

  const consent = db
    .prepare(`SELECT decision, items_json, stored_in, may_be_sent_to, decided_at FROM recording_consents WHERE session_id = ?`)
    .get(sessionId) as { decision: string; items_json: string; stored_in: string; may_be_sent_to: string; decided_at: string } | undefined;
  parts.push([
    PART.consent,
    toJson(
      consent
        ? {
            decision: consent.decision,
            items: JSON.parse(consent.items_json),
            storedIn: consent.stored_in,
            maySendTo: consent.may_be_sent_to,
            decidedAt: consent.decided_at,
          }
        : null,
    ),
  ]);

  const results = db.prepare(`SELECT results_json, created_at FROM interviewer_results WHERE session_id = ?`).get(sessionId) as
    { results_json: string; created_at: string } | undefined;
  parts.push([PART.results, toJson(results ? { results: JSON.parse(results.results_json), createdAt: results.created_at } : null)]);

  return { session: { status: s.status, interrupted: s.interrupted === 1 }, parts, recordingRows };
}
