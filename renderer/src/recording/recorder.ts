import type { ChunkResult } from '../../../shared/ipc/contract-recording';
import type { Result } from '../../../shared/ipc/result';
import type { RecordingInfo } from '../../../shared/recording/model';
import { recorderOptions } from './media-support';

/**
 * One recording from MediaRecorder to the writer in main: each chunk gets the next sequence number the
 * moment MediaRecorder hands it over, and chunks are sent one at a time, in order. Chunks waiting to be
 * sent are held in a bounded buffer: past `softBytes`/`softChunks` the UI warns that the disk is not
 * keeping up; past `hardBytes`/`hardChunks` the recorder is paused (and the pause noted on the session
 * clock, so video time stays mapped) until the buffer drains — memory never grows without bound, and
 * nothing already captured is dropped.
 */

export interface RecorderTransport {
  start(input: { sessionId: string; mimeType: string }): Promise<Result<RecordingInfo>>;
  setOffset(input: { recordingId: string; startOffsetMs: number }): Promise<Result<RecordingInfo>>;
  chunk(input: { recordingId: string; seq: number; bytes: Uint8Array<ArrayBuffer> }): Promise<Result<ChunkResult>>;
  pause(input: { recordingId: string; atMs: number }): Promise<Result<RecordingInfo>>;
  resume(input: { recordingId: string; atMs: number }): Promise<Result<RecordingInfo>>;
  stop(input: { recordingId: string; atMs?: number }): Promise<Result<RecordingInfo>>;
}

export type RecorderPhase = 'starting' | 'recording' | 'paused' | 'stopping' | 'stopped' | 'failed';

export interface RecorderStatus {
  phase: RecorderPhase;
  recordingId: string | null;
  /** Bytes in the file, as the writer last reported. */
  bytes: number;
  /** Recorded time (pauses excluded), ms. */
  elapsedMs: number;
  /** Bytes captured but not yet handed to the writer. */
  bufferedBytes: number;
  /** The buffer is over its soft bound: the disk is not keeping up. */
  backpressure: boolean;
  /** Paused by us because the buffer hit its hard bound (resumes by itself once it drains). */
  heldForDisk: boolean;
  /** Paused by the user. */
  userPaused: boolean;
  error: string | null;
  /** Why it stopped when it was not the user (low disk, screen sharing ended). */
  stopReason: string | null;
}

export interface RecorderLimits {
  softChunks: number;
  softBytes: number;
  hardChunks: number;
  hardBytes: number;
}

export const DEFAULT_RECORDER_LIMITS: RecorderLimits = {
  softChunks: 4,
  softBytes: 16 * 1024 * 1024,
  hardChunks: 16,
  hardBytes: 64 * 1024 * 1024,
};

export interface RecorderOptions {
  sessionId: string;
  stream: MediaStream;
  mimeType: string;
  timesliceMs: number;
  videoBitsPerSecond: number;
  audioBitsPerSecond: number;
  /** The session clock (ms from the session's start), the same the room stamps telemetry with. */
  clock: () => number;
  transport: RecorderTransport;
  limits?: RecorderLimits;
  onStatus: (status: RecorderStatus) => void;
}

export class SessionRecorder {
  private readonly recorder: MediaRecorder;
  private readonly limits: RecorderLimits;
  private status: RecorderStatus = {
    phase: 'starting',
    recordingId: null,
    bytes: 0,
    elapsedMs: 0,
    bufferedBytes: 0,
    backpressure: false,
    heldForDisk: false,
    userPaused: false,
    error: null,
    stopReason: null,
  };
  private nextSeq = 0;
  /** Chunks in MediaRecorder order; each resolves to its bytes (Blob.arrayBuffer is async). */
  private readonly queue: Array<{ seq: number; size: number; bytes: Promise<Uint8Array<ArrayBuffer>> }> = [];
  private sending = false;
  private drained: Array<() => void> = [];
  /** performance.now() when the current recording stretch began (null while paused). */
  private stretchStart: number | null = null;
  private elapsedBefore = 0;
  private stopped: Promise<void> | null = null;

  constructor(private readonly options: RecorderOptions) {
    this.limits = options.limits ?? DEFAULT_RECORDER_LIMITS;
    this.recorder = new MediaRecorder(
      options.stream,
      recorderOptions(options.mimeType, options.videoBitsPerSecond, options.audioBitsPerSecond, options.timesliceMs),
    );
    this.recorder.addEventListener('dataavailable', (event) => this.take(event.data));
    this.recorder.addEventListener('error', (event) => {
      const err = (event as unknown as { error?: DOMException }).error;
      void this.failWith(`The recorder stopped with an error: ${err?.message ?? 'unknown error'}`);
    });
  }

  /** Creates the file, then starts MediaRecorder; the first frame's place on the session clock is stored once it starts. */
  async start(): Promise<void> {
    const started = await this.options.transport.start({
      sessionId: this.options.sessionId,
      mimeType: this.recorder.mimeType || this.options.mimeType,
    });
    if (!started.ok) {
      this.update({ phase: 'failed', error: started.error.message });
      throw new Error(started.error.message);
    }
    const recordingId = started.value.id;
    this.update({ recordingId });
    await new Promise<void>((resolve) => {
      // Time 0 of the file is the first frame captured once start() is called. The clock is read right
      // at the call: the 'start' event is only a task queued behind whatever the page is doing, and on a
      // busy machine it arrives seconds late, which would shift every telemetry moment against the video.
      let offset = 0;
      this.recorder.addEventListener(
        'start',
        () => {
          this.update({ phase: 'recording' });
          void this.options.transport.setOffset({ recordingId, startOffsetMs: Math.max(0, offset) });
          resolve();
        },
        { once: true },
      );
      offset = this.options.clock();
      this.stretchStart = performance.now();
      this.recorder.start(this.options.timesliceMs);
    });
  }

  get current(): RecorderStatus {
    return { ...this.status, elapsedMs: this.elapsed() };
  }

  async pause(): Promise<void> {
    if (this.status.phase !== 'recording' && !(this.status.phase === 'paused' && this.status.heldForDisk)) return;
    this.update({ userPaused: true });
    await this.pauseRecorder();
  }

  async resume(): Promise<void> {
    if (!this.status.userPaused) return;
    this.update({ userPaused: false });
    if (!this.status.heldForDisk) await this.resumeRecorder();
  }

  /**
   * Stops MediaRecorder (which hands over its last chunk), sends everything still buffered, then has
   * the writer fsync and close the file. Never throws: a failure ends in phase 'failed' with the reason.
   */
  stop(reason: string | null = null): Promise<void> {
    this.stopped ??= (async () => {
      if (this.status.phase === 'failed' || this.status.phase === 'stopped') return;
      this.elapsedBefore = this.elapsed();
      this.stretchStart = null;
      this.update({ phase: 'stopping', stopReason: reason });
      // The last frame is the one captured as stop() is called; paused, it was the pause.
      const endOffset = this.recorder.state === 'recording' ? Math.max(0, this.options.clock()) : undefined;
      if (this.recorder.state !== 'inactive') {
        const done = new Promise<void>((resolve) => this.recorder.addEventListener('stop', () => resolve(), { once: true }));
        this.recorder.stop();
        await done;
      }
      await this.flush();
      const id = this.status.recordingId;
      if (this.failed || !id) return;
      const stopped = await this.options.transport
        .stop({ recordingId: id, atMs: endOffset })
        .catch((err: unknown) => ({ ok: false as const, error: { message: String(err) } }));
      if (!stopped.ok) this.update({ phase: 'failed', error: stopped.error.message });
      else this.update({ phase: 'stopped', bytes: stopped.value.bytes });
    })();
    return this.stopped;
  }

  /** The writer reported the recording failed (e.g. in the background): stop capturing, keep the message. */
  async failWith(message: string): Promise<void> {
    if (this.status.phase === 'failed') return;
    this.elapsedBefore = this.elapsed();
    this.stretchStart = null;
    this.queue.length = 0;
    this.update({ phase: 'failed', error: message, bufferedBytes: 0, backpressure: false });
    if (this.recorder.state !== 'inactive') {
      try {
        this.recorder.stop();
      } catch {
        // already stopping
      }
    }
  }

  /** A getter, so TypeScript does not carry a phase check across the awaits that can change it. */
  private get failed(): boolean {
    return this.status.phase === 'failed';
  }

  private elapsed(): number {
    return this.elapsedBefore + (this.stretchStart === null ? 0 : performance.now() - this.stretchStart);
  }

  private update(patch: Partial<RecorderStatus>): void {
    this.status = { ...this.status, ...patch };
    this.options.onStatus(this.current);
  }

  private take(blob: Blob): void {
    if (blob.size === 0 || this.status.phase === 'failed') return;
    const seq = this.nextSeq++;
    this.queue.push({ seq, size: blob.size, bytes: blob.arrayBuffer().then((b) => new Uint8Array(b)) });
    this.afterQueueChange();
    void this.send();
  }

  private bufferedBytes(): number {
    return this.queue.reduce((sum, c) => sum + c.size, 0);
  }

  private afterQueueChange(): void {
    const bufferedBytes = this.bufferedBytes();
    const chunks = this.queue.length;
    const backpressure = chunks > this.limits.softChunks || bufferedBytes > this.limits.softBytes;
    this.update({ bufferedBytes, backpressure });
    if (
      (chunks > this.limits.hardChunks || bufferedBytes > this.limits.hardBytes) &&
      !this.status.heldForDisk &&
      this.status.phase === 'recording'
    ) {
      this.update({ heldForDisk: true });
      void this.pauseRecorder();
    } else if (this.status.heldForDisk && !backpressure) {
      this.update({ heldForDisk: false });
      if (!this.status.userPaused && this.status.phase === 'paused') void this.resumeRecorder();
    }
  }

  private async send(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.queue.length > 0 && this.status.phase !== 'failed') {
        const head = this.queue[0]!;
        const bytes = await head.bytes;
        const id = this.status.recordingId!;
        let result: Result<ChunkResult>;
        try {
          result = await this.options.transport.chunk({ recordingId: id, seq: head.seq, bytes });
        } catch (err) {
          result = { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } };
        }
        if (!result.ok) {
          await this.failWith(result.error.message);
          break;
        }
        this.queue.shift();
        this.status.bytes = result.value.bytes;
        this.afterQueueChange();
      }
    } finally {
      this.sending = false;
      if (this.queue.length === 0 || this.status.phase === 'failed') {
        const waiting = this.drained;
        this.drained = [];
        for (const resolve of waiting) resolve();
      }
    }
  }

  private flush(): Promise<void> {
    if (this.queue.length === 0 && !this.sending) return Promise.resolve();
    return new Promise((resolve) => {
      this.drained.push(resolve);
      void this.send();
    });
  }

  private async pauseRecorder(): Promise<void> {
    if (this.recorder.state !== 'recording') return;
    this.recorder.pause();
    this.elapsedBefore = this.elapsed();
    this.stretchStart = null;
    this.update({ phase: 'paused' });
    const id = this.status.recordingId;
    if (id) {
      const r = await this.options.transport.pause({ recordingId: id, atMs: Math.max(0, this.options.clock()) });
      if (!r.ok) await this.failWith(r.error.message);
    }
  }

  private async resumeRecorder(): Promise<void> {
    if (this.recorder.state !== 'paused') return;
    const id = this.status.recordingId;
    if (id) {
      const r = await this.options.transport.resume({ recordingId: id, atMs: Math.max(0, this.options.clock()) });
      if (!r.ok) return this.failWith(r.error.message);
    }
    this.recorder.resume();
    this.stretchStart = performance.now();
    this.update({ phase: 'recording' });
  }
}
