import { randomUUID } from 'node:crypto';
import { access, mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/ipc/result';
import type { Db } from '../store';
import { existsSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import type { RecordingLine, SessionSnapshot } from '../../../shared/session/snapshot';
import { SnapshotError, restoredId, type RestoreRefs } from '../snapshot/refs';
import { FfmpegRemuxer, type FfmpegStatus } from './remux';
import { WebmConversions } from './remux-conversion';
import {
  DEFAULT_RECORDING_LIMITS,
  DEFAULT_SYNC_INTERVAL_MS,
  nodeRecordingFs,
  RecordingWriter,
  ioReason,
  type AppendResult,
  type Recording,
  type RecordingFileSystem,
  type RecordingLimits,
  type RecordingRow,
  type RecordingFileHandle,
  type RowStore,
  type RecordingServiceOptions,
  type StartedRecording,
  type StartRecordingInput,
} from './writer';

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const MP4_MIME = /^(video|audio)\/mp4(\s*;[^\n]*)?$/i;
const WEBM_MIME = /^(video|audio)\/webm(\s*;[^\n]*)?$/i;
const MAX_NAME_ATTEMPTS = 1000;
const noop = () => undefined;

/**
 * Recordings of interview sessions: starts a `RecordingWriter` per recording and answers for the
 * `recordings` table. Every recording this process started stays known (with its counters) until the
 * service is dropped.
 */
export class RecordingService {
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly fs: RecordingFileSystem;
  private readonly syncIntervalMs: number;
  private readonly limits: RecordingLimits;
  private readonly writers = new Map<string, RecordingWriter>();
  /** Sessions whose `start` is between its checks and its insert. */
  private readonly starting = new Set<string>();
  private readonly rows: RowStore;
  private readonly listeners = new Set<(recording: Recording) => void>();
  private readonly conversions: WebmConversions;
  private readonly remuxer: FfmpegRemuxer;

  constructor(
    private readonly db: Db,
    /** `dataPaths(dataDir).recordings`. */
    private readonly recordingsDir: string,
    options: RecordingServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
    this.fs = options.fs ?? nodeRecordingFs;
    this.syncIntervalMs = options.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
    this.limits = { ...DEFAULT_RECORDING_LIMITS, ...options.limits };
    const progress = db.prepare(`UPDATE recordings SET bytes = ?, last_seq = ? WHERE id = ?`);
    const status = db.prepare(`UPDATE recordings SET status = ? WHERE id = ?`);
    // A WebM waiting for conversion goes on to 'converting' when it completes; a failed one is kept as it is.
    const finish = db.prepare(
      `UPDATE recordings SET status = @status, ended_at = @endedAt, bytes = @bytes, last_seq = @lastSeq, error = @error,
         conversion = CASE WHEN conversion = 'pending' THEN (CASE WHEN @status = 'completed' THEN 'converting' ELSE 'kept_webm' END) ELSE conversion END
       WHERE id = @id`,
    );
    // Status changes are announced after the row changes, so a listener reads the new state; a
    // failure found in the background (a failed fsync between chunks) is announced the same way.
    this.rows = {
      progress: (id, bytes, lastSeq) => progress.run(bytes, lastSeq, id),
      status: (id, s) => {
        status.run(s, id);
        this.announce(id);
      },
      finish: (id, s, endedAt, bytes, lastSeq, error) => {
        finish.run({ status: s, endedAt, bytes, lastSeq, error, id });
        this.announce(id);
      },
    };
    this.remuxer = options.remuxer ?? new FfmpegRemuxer({ ffmpegPath: options.ffmpegPath });
    this.conversions = new WebmConversions(db, this.remuxer, (id) => this.announce(id), this.now);
  }

  /** Called with the recording after each status change (paused, recording, completed, failed, recovered). */
  onChange(listener: (recording: Recording) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private announce(id: string): void {
    if (this.listeners.size === 0) return;
    // A listener must not break the writer: the recording's state is already in the row.
    let recording: Recording;
    try {
      recording = this.get(id);
    } catch {
      return;
    }
    for (const listener of this.listeners) {
      try {
        listener(recording);
      } catch {
        // ignored on purpose, see above
      }
    }
  }

  /**
   * Creates `<recordingsDir>/<sessionId>.mp4` (`<sessionId>-2.mp4`, `-3`… when the session already has
   * recordings or the name is taken on disk; an existing file is never overwritten) and its row with
   * status 'recording'. One recording at a time per session: 'conflict' while another is being written.
   */
  async start(input: StartRecordingInput): Promise<StartedRecording> {
    const { sessionId, mimeType, startOffsetMs = null } = input ?? ({} as StartRecordingInput);
    if (typeof sessionId !== 'string' || !SAFE_ID.test(sessionId)) {
      throw new AppError('invalid_input', 'sessionId must be a session id (letters, digits, "-" and "_").', [
        { field: 'sessionId', message: 'is not a session id' },
      ]);
    }
    if (typeof mimeType !== 'string' || mimeType.length > 200 || !(MP4_MIME.test(mimeType.trim()) || WEBM_MIME.test(mimeType.trim()))) {
      throw new AppError(
        'invalid_input',
        `Recordings are MP4 (or WebM where the recorder writes no MP4): mimeType must be video/mp4, audio/mp4, video/webm or audio/webm, got "${String(mimeType).slice(0, 200)}".`,
        [{ field: 'mimeType', message: 'must be video/mp4 or audio/mp4 (video/webm or audio/webm as the fallback)' }],
      );
    }
    const webm = WEBM_MIME.test(mimeType.trim());
    if (startOffsetMs !== null && (typeof startOffsetMs !== 'number' || !Number.isFinite(startOffsetMs) || startOffsetMs < 0)) {
      throw new AppError('invalid_input', `startOffsetMs must be a number of milliseconds ≥ 0, got ${String(startOffsetMs)}.`, [
        { field: 'startOffsetMs', message: 'must be a number ≥ 0' },
      ]);
    }
    const session = this.db.prepare(`SELECT status FROM sessions WHERE id = ?`).get(sessionId) as { status: string } | undefined;
    if (!session) throw new AppError('not_found', `No session with id "${sessionId}".`);
    if (session.status === 'completed' || session.status === 'abandoned') {
      throw new AppError('conflict', `Session ${sessionId} is ${session.status}; it cannot be recorded any more.`);
    }
    const current = [...this.writers.values()].find((w) => w.sessionId === sessionId && w.active);
    if (current) throw new AppError('conflict', `Session ${sessionId} is already being recorded (recording ${current.id}); stop it first.`);
    if (this.starting.has(sessionId)) throw new AppError('conflict', `A recording of session ${sessionId} is already starting.`);

    this.starting.add(sessionId);
    try {
      await mkdir(this.recordingsDir, { recursive: true });
      const taken = new Set(
        (this.db.prepare(`SELECT path FROM recordings WHERE session_id = ?`).all(sessionId) as Array<{ path: string }>).map((r) => r.path),
      );
      const { path, handle } = await this.createFile(sessionId, taken, webm);
      const id = this.newId();
      try {
        this.db
          .prepare(
            `INSERT INTO recordings (id, session_id, path, status, mime_type, bytes, last_seq, start_offset_ms, started_at, conversion)
             VALUES (?, ?, ?, 'recording', ?, 0, -1, ?, ?, ?)`,
          )
          .run(id, sessionId, path, mimeType.trim(), startOffsetMs, this.now().toISOString(), webm ? 'pending' : null);
      } catch (err) {
        await handle.close().catch(noop);
        await unlink(path).catch(noop);
        throw err;
      }
      this.writers.set(id, new RecordingWriter(id, sessionId, path, handle, this.rows, this.now, this.syncIntervalMs, this.limits));
      return { recordingId: id, path };
    } finally {
      this.starting.delete(sessionId);
    }
  }

  /** Appends chunk `seq` of a recording this process is writing; see `RecordingWriter.appendChunk`. */
  appendChunk(recordingId: string, seq: number, bytes: Uint8Array): Promise<AppendResult> {
    let writer: RecordingWriter;
    try {
      writer = this.writer(recordingId, 'take chunks');
    } catch (err) {
      return Promise.reject(err);
    }
    return writer.appendChunk(seq, bytes);
  }

  /**
   * status 'paused' and an fsync; idempotent while paused. `atMs` (session clock) records where the
   * pause sits, so session moments after it still map to the right video time.
   */
  async pause(recordingId: string, atMs?: number): Promise<Recording> {
    const writer = this.writer(recordingId, 'be paused');
    const wasPaused = this.get(recordingId).status === 'paused';
    if (!wasPaused && atMs !== undefined) {
      checkOffset(atMs, 'atMs');
      this.db.prepare(`INSERT INTO recording_pauses (recording_id, at_ms) VALUES (?, ?)`).run(recordingId, atMs);
    }
    await writer.pause();
    return this.get(recordingId);
  }

  /** status 'recording' again; idempotent while recording. */
  async resume(recordingId: string, atMs?: number): Promise<Recording> {
    const writer = this.writer(recordingId, 'be resumed');
    if (atMs !== undefined) {
      checkOffset(atMs, 'atMs');
      this.db
        .prepare(`UPDATE recording_pauses SET resumed_at_ms = MAX(?, at_ms) WHERE recording_id = ? AND resumed_at_ms IS NULL`)
        .run(atMs, recordingId);
    }
    await writer.resume();
    return this.get(recordingId);
  }

  /**
   * Where the recording's first frame sits on the session clock. Set once MediaRecorder has started
   * (the file is created before, so no chunk waits for it); only while the recording is being written.
   */
  setStartOffset(recordingId: string, startOffsetMs: number): Recording {
    this.writer(recordingId, 'take a start offset');
    checkOffset(startOffsetMs, 'startOffsetMs');
    this.db.prepare(`UPDATE recordings SET start_offset_ms = ? WHERE id = ?`).run(startOffsetMs, recordingId);
    return this.get(recordingId);
  }

  /** True while this process writes a recording of the session. */
  isRecording(sessionId: string): boolean {
    return [...this.writers.values()].some((w) => w.sessionId === sessionId && w.active);
  }

  /** Recordings an earlier run left 'recording' or 'paused' (it died or was killed before stopping them). */
  interrupted(): Recording[] {
    const rows = this.db
      .prepare(`SELECT * FROM recordings WHERE status IN ('recording', 'paused') ORDER BY started_at, rowid`)
      .all() as RecordingRow[];
    return rows.filter((row) => !this.writers.has(row.id)).map((row) => this.toRecording(row));
  }

  /**
   * Ends a recording an earlier run left open: 'recovered' with the repaired file's size, or 'failed'
   * with the reason when nothing playable is left. Only for recordings this process is not writing.
   */
  markRecovered(recordingId: string, outcome: { playable: boolean; bytes: number; reason: string }): Recording {
    if (this.writers.has(recordingId))
      throw new AppError('conflict', `Recording ${recordingId} is being written by this run; it is not interrupted.`);
    const row = this.get(recordingId);
    const endedAt = this.now().toISOString();
    this.db
      .prepare(`UPDATE recordings SET status = ?, bytes = ?, ended_at = ?, error = ? WHERE id = ?`)
      .run(outcome.playable ? 'recovered' : 'failed', outcome.bytes, endedAt, outcome.playable ? null : outcome.reason, row.id);
    this.announce(recordingId);
    return this.get(recordingId);
  }

  /**
   * fsync, close, status 'completed' and `ended_at`. A second stop is a 'conflict'. `endOffsetMs`
   * (session clock) is where MediaRecorder was stopped, i.e. the last frame.
   */
  async stop(recordingId: string, endOffsetMs?: number): Promise<Recording> {
    const writer = this.writer(recordingId, 'be stopped');
    if (endOffsetMs !== undefined) {
      checkOffset(endOffsetMs, 'endOffsetMs');
      this.db.prepare(`UPDATE recordings SET end_offset_ms = ? WHERE id = ?`).run(endOffsetMs, recordingId);
    }
    await writer.stop();
    const stopped = this.get(recordingId);
    // The WebM fallback: the capture is complete; the MP4 follows in the background (see `conversionsIdle`).
    if (stopped.conversion === 'converting') this.conversions.startAfterStop(recordingId);
    return stopped;
  }

  /** Whether ffmpeg is there for the WebM fallback's conversion, and which one. */
  ffmpeg(): Promise<FfmpegStatus> {
    return this.remuxer.locate();
  }

  /** Resolves once every WebM → MP4 conversion under way has ended. */
  conversionsIdle(): Promise<void> {
    return this.conversions.idle();
  }

  /**
   * A WebM recording an earlier run left open: converted to MP4 from what was written ('recovered'), kept
   * as WebM when ffmpeg is missing, or 'failed' with the reason. Only for recordings this process is not writing.
   */
  async recoverWebm(recordingId: string): Promise<Recording> {
    if (this.writers.has(recordingId))
      throw new AppError('conflict', `Recording ${recordingId} is being written by this run; it is not interrupted.`);
    await this.conversions.recoverInterrupted(recordingId);
    return this.get(recordingId);
  }

  /** At start-up: converts the WebM recordings whose conversion an earlier run did not finish. */
  resumeConversions(): Promise<void> {
    return this.conversions.resumeLeftOver();
  }

  /** Stops conversions under way (the app is closing); the next start converts those recordings again. */
  close(): void {
    this.conversions.close();
  }

  get(recordingId: string): Recording {
    const row = this.db.prepare(`SELECT * FROM recordings WHERE id = ?`).get(recordingId) as RecordingRow | undefined;
    if (!row) throw new AppError('not_found', `No recording with id "${recordingId}".`);
    return this.toRecording(row);
  }

  /** The session's recordings, oldest first. */
  listForSession(sessionId: string): Recording[] {
    const rows = this.db
      .prepare(`SELECT * FROM recordings WHERE session_id = ? ORDER BY started_at, rowid`)
      .all(sessionId) as RecordingRow[];
    return rows.map((row) => this.toRecording(row));
  }

  /** Every recording, oldest first. */
  listAll(): Recording[] {
    const rows = this.db.prepare(`SELECT * FROM recordings ORDER BY started_at, rowid`).all() as RecordingRow[];
    return rows.map((row) => this.toRecording(row));
  }

  /** Stops every recording still being written (app quit). Failures are already recorded on their rows. */
  async stopAll(): Promise<void> {
    const active = [...this.writers.values()].filter((w) => w.active);
    await Promise.allSettled(active.map((w) => w.stop()));
  }

  /**
   * This service's part of the session snapshot: every recording row with its pauses, and each file still
   * on disk under a media name (`media/<id>.mp4`, or `.webm` for a WebM kept unconverted).
   */
  snapshot(sessionId: string): Pick<SessionSnapshot, 'recordings' | 'mediaFiles'> {
    const rows = this.db.prepare(`SELECT * FROM recordings WHERE session_id = ? ORDER BY started_at, id`).all(sessionId) as RecordingRow[];
    const pauses = this.db.prepare(`SELECT at_ms, resumed_at_ms FROM recording_pauses WHERE recording_id = ? ORDER BY at_ms, id`);
    const mediaFiles = new Map<string, string>();
    const recordings = rows.map((r): RecordingLine => {
      const media = existsSync(r.path) ? mediaName(r.id, r.mime_type) : null;
      if (media) mediaFiles.set(media, r.path);
      return {
        id: r.id,
        media,
        status: r.status,
        mimeType: r.mime_type,
        bytes: r.bytes,
        lastSeq: r.last_seq,
        startOffsetMs: r.start_offset_ms,
        endOffsetMs: r.end_offset_ms,
        conversion: r.conversion ?? null,
        startedAt: r.started_at,
        endedAt: r.ended_at,
        error: r.error,
        pauses: (pauses.all(r.id) as Array<{ at_ms: number; resumed_at_ms: number | null }>).map((p) => ({
          atMs: p.at_ms,
          resumedAtMs: p.resumed_at_ms,
        })),
      };
    });
    return { recordings, mediaFiles };
  }

  /**
   * Inserts the recording rows inside the caller's transaction and returns the moves that put each staged
   * file (`files`: media name → staged path) in place as `<sessionId>.mp4` (`-2`, `-3`… when taken). The
   * caller makes the moves last, so a failure before leaves no file behind. Every target is checked to lie
   * inside the recordings folder.
   */
  restore(lines: Iterable<RecordingLine>, files: ReadonlyMap<string, string>, refs: RestoreRefs): Array<[from: string, to: string]> {
    const insert = this.db.prepare(
      `INSERT INTO recordings (id, session_id, path, status, mime_type, bytes, last_seq, start_offset_ms, end_offset_ms, conversion, started_at,
         ended_at, error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const pause = this.db.prepare(`INSERT INTO recording_pauses (recording_id, at_ms, resumed_at_ms) VALUES (?, ?, ?)`);
    const moves: Array<[string, string]> = [];
    const taken = new Set<string>();
    const used = new Set<string>();
    for (const r of lines) {
      if (r.media !== null && (!files.has(r.media) || used.has(r.media))) {
        throw new SnapshotError(`recording ${r.id}`, `names a media file "${r.media}" that is missing or shared`);
      }
      if (r.media !== null) used.add(r.media);
      const id = restoredId(refs, r.id);
      const ext = r.media === null ? mediaExtension(r.mimeType) : extname(r.media).slice(1);
      const path = this.freePath(refs.sessionId, ext, taken);
      if (r.media !== null) moves.push([files.get(r.media)!, path]);
      // A conversion under way when the snapshot was taken cannot go on here: the WebM is what arrives.
      const unfinished = r.conversion === 'converting' || r.conversion === 'pending';
      const conversion = unfinished ? 'kept_webm' : r.conversion;
      const error = unfinished
        ? (r.error ?? 'It was still being converted to MP4 when the bundle was made, so it is kept as WebM.')
        : r.error;
      insert.run(
        id,
        refs.sessionId,
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
    for (const name of files.keys()) if (!used.has(name)) throw new SnapshotError(`the media file "${name}"`, 'belongs to no recording');
    return moves;
  }

  /** `<sessionId>.<ext>`, then `-2`, `-3`…, as recordings are named; never an existing file, always inside the folder. */
  private freePath(sessionId: string, ext: string, taken: Set<string>): string {
    const dir = resolve(this.recordingsDir);
    for (let n = 1; n <= MAX_NAME_ATTEMPTS; n++) {
      const path = resolve(dir, n === 1 ? `${sessionId}.${ext}` : `${sessionId}-${n}.${ext}`);
      if (!path.startsWith(dir + sep))
        throw new SnapshotError(`session ${sessionId}`, 'would put a recording outside the recordings folder');
      if (!taken.has(path) && !existsSync(path)) {
        taken.add(path);
        return path;
      }
    }
    throw new AppError('internal', `Could not find a free file name for a recording of session ${sessionId} in ${this.recordingsDir}.`);
  }

  private writer(recordingId: string, action: string): RecordingWriter {
    const writer = this.writers.get(recordingId);
    if (writer) return writer;
    const row = this.get(recordingId);
    const why =
      row.status === 'recording' || row.status === 'paused'
        ? 'was being written by an earlier run of the app, which did not stop it'
        : `is ${row.status}${row.error ? ` (${row.error})` : ''}`;
    throw new AppError('conflict', `Recording ${recordingId} ${why}; it cannot ${action}.`);
  }

  /** A WebM also needs its MP4 name free: that is where its conversion goes. */
  private async createFile(sessionId: string, taken: Set<string>, webm: boolean): Promise<{ path: string; handle: RecordingFileHandle }> {
    for (let n = 1; n <= MAX_NAME_ATTEMPTS; n++) {
      const base = join(this.recordingsDir, n === 1 ? sessionId : `${sessionId}-${n}`);
      const path = `${base}${webm ? '.webm' : '.mp4'}`;
      if (taken.has(path)) continue;
      if (webm && (taken.has(`${base}.mp4`) || (await exists(`${base}.mp4`)))) continue;
      try {
        return { path, handle: await this.fs.open(path) };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw new AppError('internal', ioReason(`Creating the recording file ${path}`, err));
      }
    }
    throw new AppError('internal', `Could not find a free file name for a recording of session ${sessionId} in ${this.recordingsDir}.`);
  }

  private toRecording(row: RecordingRow): Recording {
    const writer = this.writers.get(row.id);
    // Once converted, the row's bytes are the MP4's, no longer the WebM the writer wrote.
    const live = row.conversion === 'converted' ? undefined : writer?.live;
    return {
      id: row.id,
      sessionId: row.session_id,
      path: row.path,
      status: row.status,
      mimeType: row.mime_type,
      bytes: live ? live.bytes : row.bytes,
      lastSeq: live ? live.lastSeq : row.last_seq,
      startOffsetMs: row.start_offset_ms,
      endOffsetMs: row.end_offset_ms ?? null,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      error: row.error,
      stats: writer ? writer.stats() : null,
      pauses: (
        this.db
          .prepare(`SELECT at_ms, resumed_at_ms FROM recording_pauses WHERE recording_id = ? ORDER BY at_ms, id`)
          .all(row.id) as Array<{
          at_ms: number;
          resumed_at_ms: number | null;
        }>
      ).map((p) => ({ atMs: p.at_ms, resumedAtMs: p.resumed_at_ms })),
      conversion: row.conversion ?? null,
    };
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

function checkOffset(value: number, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new AppError('invalid_input', `${field} must be a number of milliseconds ≥ 0, got ${String(value)}.`, [
      { field, message: 'must be a number ≥ 0' },
    ]);
  }
}

/** A recording's file extension by its type: `.webm` for a WebM kept when it could not be converted. */
export const mediaExtension = (mimeType: string) => (/^video\/webm\b/i.test(mimeType) ? 'webm' : 'mp4');
export const mediaName = (recordingId: string, mimeType: string) => `media/${recordingId}.${mediaExtension(mimeType)}`;
