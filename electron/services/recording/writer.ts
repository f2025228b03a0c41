import { open } from 'node:fs/promises';
import { AppError } from '../../../shared/ipc/result';
import type { FfmpegRemuxer } from './remux';
import type { ConversionState } from './remux-conversion';

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
export interface RowStore {
  progress(id: string, bytes: number, lastSeq: number): void;
  status(id: string, status: 'recording' | 'paused'): void;
  finish(id: string, status: 'completed' | 'failed', endedAt: string, bytes: number, lastSeq: number, error: string | null): void;
}

type WriterState = 'recording' | 'paused' | 'stopping' | 'completed' | 'failed';

const noop = () => undefined;

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function ioReason(what: string, err: unknown): string {
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
