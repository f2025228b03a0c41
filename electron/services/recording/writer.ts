import { randomUUID } from 'node:crypto';
import { access, mkdir, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/ipc/result';
import type { Db } from '../store';
import { FfmpegRemuxer, type FfmpegStatus } from './remux';
import { WebmConversions, type ConversionState } from './remux-conversion';

export {
  diskSpace,
  diskStopThreshold,
  diskVerdict,
  DEFAULT_DISK_POLICY,
  type DiskPolicy,
  type DiskSpace,
  type DiskVerdict,
} from './writer-disk';

/**
 * Recording: the renderer's MediaRecorder sends its chunks (timeslice about 1 s) over IPC with a
 * sequence number; one `RecordingWriter` per recording appends them, in sequence order, to
 * `<dataDir>/recordings/<sessionId>.mp4` through a file handle opened once. `RecordingService` is the
 * API the IPC handlers and the CLI use; it keeps the `recordings` row in step with the file.
 *
 * Ordering: seq starts at 0. A chunk whose seq was already accepted is a duplicate: ignored and counted.
 * A chunk ahead of a missing one is held in memory until the missing one arrives. Holding more than
 * `softChunks` / `softBytes` reports back-pressure; more than `hardChunks` / `hardBytes` fails the
 * recording with an error naming the missing seq, instead of growing memory without bound.
 *
 * Durability: writes are serialized on one promise chain, never interleaved. The file is fsynced at
 * most `syncIntervalMs` (5 s) after a write, and on pause and stop; after every fsync the row's `bytes`
 * and `last_seq` are updated, so after a crash the row is at most 5 s behind the file and never ahead.
 *
 * Failure: an I/O error (ENOSPC, EIO, EFBIG…) ends the recording as 'failed' with the reason in `error`:
 * a chunk cut short is truncated away, so the file holds exactly the whole chunks written before the
 * failure (and the row says so); the file is closed; every later call is refused with an AppError.
 * Nothing is left to reject unobserved: internal work never rejects, and each caller's promise carries
 * the error meant for it.
 */

export type RecordingStatus = 'recording' | 'paused' | 'completed' | 'recovered' | 'failed';

/** The part of an open file the writer uses. node:fs/promises' FileHandle is one. */
export interface RecordingFileHandle {
  /** Appends at the file position; may write fewer bytes than given (the writer writes the rest). */
  write(data: Uint8Array): Promise<{ bytesWritten: number }>;
  /** fsync. */
  sync(): Promise<void>;
  close(): Promise<void>;
  /** Used after a failed write to cut a partly written chunk away; optional. */
  truncate?(length: number): Promise<void>;
}

/** Where recordings are written; injectable so tests can simulate a full disk. */
export interface RecordingFileSystem {
  /** Creates `path` for writing. Must never overwrite: rejects with code 'EEXIST' if it exists. */
  open(path: string): Promise<RecordingFileHandle>;
}

/** The real file system: `fs.promises.open(path, 'wx')`. */
export const nodeRecordingFs: RecordingFileSystem = { open: (path) => open(path, 'wx') };

/** How much a writer may hold in memory (chunks waiting for a missing one, plus chunks queued for the disk). */
export interface RecordingLimits {
  /** More than this many chunks waiting → `backpressure: true` in the append result. */
  softChunks: number;
  /** More than this many bytes waiting → `backpressure: true`. */
  softBytes: number;
  /** More than this many chunks held for a missing one → the recording fails, naming the missing seq. */
  hardChunks: number;
  /** More than this many bytes waiting (held or queued for the disk) → the recording fails. Also the largest chunk accepted. */
  hardBytes: number;
}

export const DEFAULT_RECORDING_LIMITS: Readonly<RecordingLimits> = Object.freeze({
  softChunks: 8,
  softBytes: 32 * 1024 * 1024,
  hardChunks: 32,
  hardBytes: 128 * 1024 * 1024,
});

export const DEFAULT_SYNC_INTERVAL_MS = 5_000;

export interface RecordingServiceOptions {
  /** Wall clock for `started_at` / `ended_at`. */
  now?: () => Date;
  newId?: () => string;
  fs?: RecordingFileSystem;
  /** Longest time written bytes stay without fsync (and the row behind the file). Default 5 s. */
  syncIntervalMs?: number;
  limits?: Partial<RecordingLimits>;
  /** ffmpeg for the WebM fallback's conversion, chosen by the user (else INTERVIEW_RECORDER_FFMPEG, else PATH);
   *  a function is asked each time, so the settings' current value applies. */
  ffmpegPath?: string | null | (() => string | null);
  /** The converter itself (tests give one a short time limit). */
  remuxer?: FfmpegRemuxer;
}

export interface StartRecordingInput {
  sessionId: string;
  /**
   * The MediaRecorder's mimeType: an MP4 type (`video/mp4`, `audio/mp4`, with or without `;codecs=…`);
   * or, only where the recorder writes no MP4, a WebM type: written to `<session>.webm` and converted to
   * MP4 with ffmpeg after the stop.
   */
  mimeType: string;
  /** Where the recording's first frame sits on the session clock (ms from session start); stored as given. */
  startOffsetMs?: number | null;
}

export interface StartedRecording {
  recordingId: string;
  /** Absolute path of the file being written. */
  path: string;
}

/** What happened to one chunk, and where the recording stands afterwards. */
export interface AppendResult {
  /** 'written': the chunk (and any held ones it released) is in the file; 'held': it waits for a
   *  missing earlier seq; 'duplicate': that seq was already accepted, so it was ignored. */
  outcome: 'written' | 'held' | 'duplicate';
  /** Bytes in the file (whole chunks, written but not necessarily fsynced yet). */
  bytes: number;
  /** Seq of the last chunk in the file; -1 before the first. */
  lastSeq: number;
  /** Bytes accepted but not in the file yet: held for a missing seq, or queued for the disk. */
  buffered: number;
  /** True when more than the soft limit is waiting in memory: the sender should slow down or hold chunks back. */
  backpressure: boolean;
}

/** Counters of the writer in this process. */
export interface RecordingStats {
  /** Chunks written to the file. */
  chunks: number;
  /** Chunks ignored because their seq had already been accepted. */
  duplicates: number;
  /** Holes seen: times a chunk arrived past the highest seq known so far, with seqs missing before it. */
  gaps: number;
  /** Seqs missing right now (chunks after them are held); after stop, the seqs that never arrived. */
  missing: number;
  /** Chunks and bytes in memory, not yet in the file. */
  bufferedChunks: number;
  bufferedBytes: number;
  /** fsyncs done. */
  syncs: number;
}

export interface Recording {
  id: string;
  sessionId: string;
  path: string;
  status: RecordingStatus;
  mimeType: string;
  /** Whole chunks in the file. While the recording is being written this is the live figure; the row
   *  in the database is updated at each fsync, so it may be up to `syncIntervalMs` behind. */
  bytes: number;
  /** Seq of the last chunk in the file, -1 for none (live, like `bytes`). */
  lastSeq: number;
  startOffsetMs: number | null;
  /** Where the last frame sits on the session clock, when the renderer said so at stop. */
  endOffsetMs: number | null;
  startedAt: string;
  endedAt: string | null;
  /** Why the recording failed; for a completed one, a note when chunks never arrived. */
  error: string | null;
  /** This process's counters; null for a recording it did not write (an earlier run of the app). */
  stats: RecordingStats | null;
  /** Pauses on the session clock (MediaRecorder leaves paused time out of the file). */
  pauses: Array<{ atMs: number; resumedAtMs: number | null }>;
  /** The WebM fallback's conversion to MP4 (see remux-conversion.ts); null for a recording made as MP4. */
  conversion: ConversionState | null;
}

/** A row of the `recordings` table as SQLite returns it. */
export interface RecordingRow {
  id: string;
  session_id: string;
  path: string;
  status: RecordingStatus;
  mime_type: string;
  bytes: number;
  last_seq: number;
  start_offset_ms: number | null;
  end_offset_ms: number | null;
  started_at: string;
  ended_at: string | null;
  error: string | null;
  /** Migration 0060. */
  conversion?: ConversionState | null;
}

/** The row updates a writer makes. */
interface RowStore {
  progress(id: string, bytes: number, lastSeq: number): void;
  status(id: string, status: 'recording' | 'paused'): void;
  finish(id: string, status: 'completed' | 'failed', endedAt: string, bytes: number, lastSeq: number, error: string | null): void;
}

type WriterState = 'recording' | 'paused' | 'stopping' | 'completed' | 'failed';

const noop = () => undefined;
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const MP4_MIME = /^(video|audio)\/mp4(\s*;[^\n]*)?$/i;
const WEBM_MIME = /^(video|audio)\/webm(\s*;[^\n]*)?$/i;
const MAX_NAME_ATTEMPTS = 1000;

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function ioReason(what: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return `${what} failed: ${message || 'unknown error'}`;
}

/**
 * One recording's file: sequencing, the reorder buffer, serialized writes, fsync cadence and failure.
 * Created by `RecordingService.start`; use the service's methods rather than this class directly.
 */
export class RecordingWriter {
  private state: WriterState = 'recording';
  private failure: string | null = null;
  /** Next seq to accept for writing: every seq below it is written or queued. */
  private nextSeq = 0;
  /** Highest seq accepted or held so far. */
  private maxKnownSeq = -1;
  private readonly held = new Map<number, Uint8Array>();
  private heldBytes = 0;
  private queuedChunks = 0;
  private queuedBytes = 0;
  /** Bytes actually in the file, a partly written chunk included. */
  private fileBytes = 0;
  private bytes = 0;
  private lastSeq = -1;
  private syncedBytes = 0;
  private syncedSeq = -1;
  private chunks = 0;
  private duplicates = 0;
  private gaps = 0;
  private missingAtStop: number | null = null;
  private syncs = 0;
  private tail: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly id: string,
    readonly sessionId: string,
    readonly path: string,
    private readonly handle: RecordingFileHandle,
    private readonly rows: RowStore,
    private readonly now: () => Date,
    private readonly syncIntervalMs: number,
    private readonly limits: RecordingLimits,
  ) {}

  /** True until the recording is completed or failed (or being stopped). */
  get active(): boolean {
    return this.state === 'recording' || this.state === 'paused';
  }

  get live(): { bytes: number; lastSeq: number } {
    return { bytes: this.bytes, lastSeq: this.lastSeq };
  }

  stats(): RecordingStats {
    return {
      chunks: this.chunks,
      duplicates: this.duplicates,
      gaps: this.gaps,
      missing: this.missingAtStop ?? this.missingNow(),
      bufferedChunks: this.held.size + this.queuedChunks,
      bufferedBytes: this.heldBytes + this.queuedBytes,
      syncs: this.syncs,
    };
  }

  /**
   * Accepts chunk `seq`. The writer keeps a reference to `data` until it is written: the caller must
   * not reuse the buffer. Resolves once a 'written' chunk is in the file, at once for 'held' and
   * 'duplicate'. Rejects with an AppError: 'invalid_input' for a bad seq or chunk (the recording goes
   * on), 'conflict' once the recording is stopped or failed, 'internal' for the call that hit the failure.
   */
  appendChunk(seq: number, data: Uint8Array): Promise<AppendResult> {
    const refused = this.refusal('take chunks');
    if (refused) return Promise.reject(refused);
    if (!Number.isSafeInteger(seq) || seq < 0) {
      return Promise.reject(new AppError('invalid_input', `A chunk's seq must be an integer ≥ 0, got ${String(seq)}.`));
    }
    if (!(data instanceof Uint8Array)) return Promise.reject(new AppError('invalid_input', 'A chunk must be bytes (a Uint8Array).'));
    if (data.byteLength > this.limits.hardBytes) {
      return Promise.reject(
        new AppError('invalid_input', `Chunk ${seq} is ${mb(data.byteLength)}, more than the ${mb(this.limits.hardBytes)} a chunk may be.`),
      );
    }

    if (seq < this.nextSeq || this.held.has(seq)) {
      this.duplicates++;
      return Promise.resolve(this.result('duplicate'));
    }

    if (seq > this.nextSeq) {
      if (seq > this.maxKnownSeq + 1) this.gaps++;
      this.maxKnownSeq = Math.max(this.maxKnownSeq, seq);
      this.held.set(seq, data);
      this.heldBytes += data.byteLength;
      if (this.held.size > this.limits.hardChunks || this.heldBytes + this.queuedBytes > this.limits.hardBytes) {
        return Promise.reject(
          this.fail(
            `chunk ${this.nextSeq} never arrived: ${this.held.size} later chunks (${mb(this.heldBytes)}) were waiting for it, ` +
              `more than the limit of ${this.limits.hardChunks} chunks or ${mb(this.limits.hardBytes)}`,
          ),
        );
      }
      return Promise.resolve(this.result('held'));
    }

    // In order: this chunk, then every held chunk it makes contiguous.
    const run = [data];
    let runBytes = data.byteLength;
    this.nextSeq++;
    for (let next = this.held.get(this.nextSeq); next !== undefined; next = this.held.get(this.nextSeq)) {
      this.held.delete(this.nextSeq);
      this.heldBytes -= next.byteLength;
      run.push(next);
      runBytes += next.byteLength;
      this.nextSeq++;
    }
    this.maxKnownSeq = Math.max(this.maxKnownSeq, this.nextSeq - 1);
    this.queuedChunks += run.length;
    this.queuedBytes += runBytes;
    if (this.queuedBytes + this.heldBytes > this.limits.hardBytes) {
      return Promise.reject(this.fail(`the disk is not keeping up: ${mb(this.queuedBytes + this.heldBytes)} were waiting to be written`));
    }
    return this.enqueue(() => this.writeRun(seq, run)).then(() => this.result('written'));
  }

  /** Marks the recording paused and fsyncs. Chunks still arriving (MediaRecorder flushes on pause) are written. */
  async pause(): Promise<void> {
    const refused = this.refusal('be paused');
    if (refused) throw refused;
    if (this.state === 'recording') {
      this.rows.status(this.id, 'paused');
      this.state = 'paused';
    }
    await this.enqueue(() => this.syncNow());
  }

  async resume(): Promise<void> {
    const refused = this.refusal('be resumed');
    if (refused) throw refused;
    if (this.state === 'paused') {
      this.rows.status(this.id, 'recording');
      this.state = 'recording';
    }
  }

  /**
   * Writes what is queued, fsyncs, closes and marks the row 'completed' with `ended_at`. Chunks still
   * held for a seq that never arrived are not written (the file stays a clean prefix of the stream):
   * they are counted in `stats.missing` and noted in `error`.
   */
  stop(): Promise<void> {
    const refused = this.refusal('be stopped');
    if (refused) return Promise.reject(refused);
    this.state = 'stopping';
    this.clearTimer();
    return this.enqueue(async () => {
      if (this.failure) throw this.refusal('be stopped')!;
      let note: string | null = null;
      if (this.held.size > 0) {
        const missing = this.missingNow();
        this.missingAtStop = missing;
        note =
          `Stopped while chunk ${this.nextSeq}${missing > 1 ? ` and ${missing - 1} other(s)` : ''} had not arrived: ` +
          `${this.held.size} later chunk(s) (${mb(this.heldBytes)}) were not written.`;
        this.held.clear();
        this.heldBytes = 0;
      } else {
        this.missingAtStop = 0;
      }
      await this.syncFile();
      try {
        await this.handle.close();
      } catch (err) {
        throw this.fail(ioReason('Closing the recording file', err));
      }
      this.state = 'completed';
      this.rows.finish(this.id, 'completed', this.now().toISOString(), this.bytes, this.lastSeq, note);
    });
  }

  /** Runs `op` after everything queued before it; the chain itself never rejects. */
  private enqueue<T>(op: () => Promise<T>): Promise<T> {
    const run = this.tail.then(op);
    this.tail = run.then(noop, noop);
    return run;
  }

  private async writeRun(firstSeq: number, run: Uint8Array[]): Promise<void> {
    for (let i = 0; i < run.length; i++) {
      if (this.failure) throw this.refusal('take chunks');
      const data = run[i]!;
      try {
        await this.writeFully(data);
      } catch (err) {
        throw this.fail(ioReason('Writing the recording', err));
      }
      this.bytes += data.byteLength;
      this.lastSeq = firstSeq + i;
      this.chunks++;
      if (!this.failure) {
        this.queuedChunks--;
        this.queuedBytes -= data.byteLength;
      }
    }
    this.armTimer();
  }

  private async writeFully(data: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < data.byteLength) {
      const { bytesWritten } = await this.handle.write(offset === 0 ? data : data.subarray(offset));
      if (!(bytesWritten > 0)) throw new Error('the file system accepted no bytes');
      offset += bytesWritten;
      this.fileBytes += bytesWritten;
    }
  }

  /** fsync the file and note what is now durable on disk. */
  private async syncFile(): Promise<void> {
    try {
      await this.handle.sync();
    } catch (err) {
      throw this.fail(ioReason('Flushing the recording to disk', err));
    }
    this.syncs++;
    this.syncedBytes = this.bytes;
    this.syncedSeq = this.lastSeq;
  }

  /** fsync, then bring the row up to what is now durable. */
  private async syncNow(): Promise<void> {
    if (this.failure) throw this.refusal('be flushed');
    if (this.bytes === this.syncedBytes && this.lastSeq === this.syncedSeq) return;
    await this.syncFile();
    try {
      this.rows.progress(this.id, this.bytes, this.lastSeq);
    } catch (err) {
      throw this.fail(ioReason('Recording progress in the database', err));
    }
  }

  /** After a write: make sure an fsync follows within `syncIntervalMs`. */
  private armTimer(): void {
    if (this.timer || this.failure || this.state === 'stopping' || this.state === 'completed') return;
    if (this.bytes === this.syncedBytes && this.lastSeq === this.syncedSeq) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A failing fsync fails the recording inside syncNow; nothing is left to reject unobserved.
      this.enqueue(() => this.syncNow()).catch(noop);
    }, this.syncIntervalMs);
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * Ends the recording as 'failed' (once): drops what is in memory and queues the clean-up behind any
   * write in flight — cut a partly written chunk away, fsync, close, mark the row. Returns the error
   * for the call that hit the failure.
   */
  private fail(reason: string): AppError {
    if (!this.failure) {
      this.failure = reason;
      this.state = 'failed';
      this.clearTimer();
      this.held.clear();
      this.heldBytes = 0;
      this.queuedChunks = 0;
      this.queuedBytes = 0;
      this.enqueue(() => this.cleanUpAfterFailure()).catch(noop);
    }
    return new AppError('internal', `Recording ${this.id} failed: ${this.failure}. The chunks written before it are kept.`);
  }

  private async cleanUpAfterFailure(): Promise<void> {
    if (this.fileBytes > this.bytes && this.handle.truncate) {
      try {
        await this.handle.truncate(this.bytes);
        this.fileBytes = this.bytes;
      } catch {
        // The row's `bytes` still says where the whole chunks end.
      }
    }
    await this.handle.sync().catch(noop);
    await this.handle.close().catch(noop);
    try {
      this.rows.finish(this.id, 'failed', this.now().toISOString(), this.bytes, this.lastSeq, this.failure);
    } catch {
      // The database is gone too; recovery at the next start finds the row still 'recording'.
    }
  }

  private refusal(action: string): AppError | undefined {
    switch (this.state) {
      case 'failed':
        return new AppError('conflict', `Recording ${this.id} has failed and cannot ${action}: ${this.failure}.`);
      case 'stopping':
        return new AppError('conflict', `Recording ${this.id} is being stopped and cannot ${action}.`);
      case 'completed':
        return new AppError('conflict', `Recording ${this.id} is already completed and cannot ${action}.`);
      default:
        return undefined;
    }
  }

  private missingNow(): number {
    return this.held.size === 0 ? 0 : this.maxKnownSeq - this.nextSeq + 1 - this.held.size;
  }

  private result(outcome: AppendResult['outcome']): AppendResult {
    const buffered = this.heldBytes + this.queuedBytes;
    return {
      outcome,
      bytes: this.bytes,
      lastSeq: this.lastSeq,
      buffered,
      backpressure: this.held.size + this.queuedChunks > this.limits.softChunks || buffered > this.limits.softBytes,
    };
  }
}

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
