import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../electron/services';
import {
  DEFAULT_DISK_POLICY,
  diskSpace,
  diskStopThreshold,
  diskVerdict,
  nodeRecordingFs,
  type RecordingFileHandle,
  type RecordingFileSystem,
  type RecordingServiceOptions,
  type RecordingRow,
} from '../../electron/services/recording/writer';
import { RecordingService } from '../../electron/services/recording/recording-service';
import { AppError, type ErrorCode } from '../../shared/ipc/result';
import { manualClock } from '../support/assertions';
import { tempDataDir } from '../support/paths';
import { makeServices, validConfig } from '../support/services';

const T0 = '2026-03-01T10:00:00.000Z';
const MIME = 'video/mp4;codecs=avc1.42E01E,mp4a.40.2';

const opened: AppServices[] = [];
const dirs: string[] = [];
const cleanups: Array<() => void> = [];
const recordingServices: RecordingService[] = [];
afterEach(async () => {
  vi.useRealTimers();
  // Close what a test left open before its data directory goes.
  for (const r of recordingServices.splice(0)) await r.stopAll();
  for (const c of cleanups.splice(0)) c();
  for (const s of opened.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(options: RecordingServiceOptions = {}) {
  const dataDir = tempDataDir('ir-recording-');
  dirs.push(dataDir);
  const clock = manualClock(T0);
  const services = makeServices({ dataDir, now: clock.now });
  opened.push(services);
  const session = services.sessions.create(validConfig());
  const recordings = new RecordingService(services.db, services.paths.recordings, { now: clock.now, ...options });
  recordingServices.push(recordings);
  return { services, clock, sessionId: session.id, recordings };
}

type Row = RecordingRow;
const rowOf = (services: AppServices, id: string) => services.db.prepare(`SELECT * FROM recordings WHERE id = ?`).get(id) as Row;

/** Deterministic, distinguishable chunk contents: every chunk differs from every other. */
function chunk(seq: number, size = 1000 + seq * 37): Uint8Array {
  const out = new Uint8Array(size);
  let x = (seq + 1) * 2654435761;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}
const concat = (parts: Uint8Array[]) => Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));

/** Byte-exact comparison; cheap on megabytes, where toEqual walks every byte as an object property. */
function expectBytes(actual: Uint8Array, expected: Uint8Array): void {
  expect(actual.byteLength).toBe(expected.byteLength);
  expect(Buffer.compare(actual, expected)).toBe(0);
}

async function rejection(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const err = await promise.then(
    () => {
      throw new Error('expected the call to reject');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  return err as AppError;
}

/** Collects unhandled rejections while a test runs; `settle()` waits long enough for Node to report any. */
function watchUnhandled() {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', listener);
  cleanups.push(() => process.off('unhandledRejection', listener));
  return {
    seen,
    async settle() {
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    },
  };
}

/** The real file system, counting fsyncs. */
function countingFs() {
  const counts = { syncs: 0, writes: 0 };
  const fs: RecordingFileSystem = {
    async open(path) {
      const h = await nodeRecordingFs.open(path);
      return {
        write: (d) => (counts.writes++, h.write(d)),
        sync: () => (counts.syncs++, h.sync()),
        close: () => h.close(),
        truncate: (n) => h.truncate!(n),
      };
    },
  };
  return { fs, counts };
}

/**
 * A disk that fills up after `capacity` bytes: the write that crosses the line is cut short (as the
 * kernel does), the next one fails with ENOSPC. This is a test double for a full disk, which cannot be
 * produced safely on the machine running the tests; the real kernel failure is exercised below with
 * RLIMIT_FSIZE (EFBIG), which goes through the same code path.
 */
function fullDiskFs(capacity: number) {
  let used = 0;
  const fs: RecordingFileSystem = {
    async open(path) {
      const h = await nodeRecordingFs.open(path);
      return {
        async write(data) {
          if (used >= capacity) {
            throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
          }
          const part = data.subarray(0, Math.min(data.byteLength, capacity - used));
          const r = await h.write(part);
          used += r.bytesWritten;
          return r;
        },
        sync: () => h.sync(),
        close: () => h.close(),
        truncate: (n) => h.truncate!(n),
      };
    },
  };
  return fs;
}

/** Files in memory, resolving at once: for the fsync cadence under fake timers. */
function memoryFs() {
  const state = { data: [] as number[], syncs: [] as number[], closed: false };
  const fs: RecordingFileSystem = {
    async open(): Promise<RecordingFileHandle> {
      return {
        write: async (d) => {
          state.data.push(...d);
          return { bytesWritten: d.byteLength };
        },
        sync: async () => {
          state.syncs.push(Date.now());
        },
        close: async () => {
          state.closed = true;
        },
      };
    },
  };
  return { fs, state };
}

describe('RecordingService.start', () => {
  it('creates the file and a row with status recording, the MIME type and the start offset as given', async () => {
    const { services, recordings, sessionId } = setup();
    const started = await recordings.start({ sessionId, mimeType: MIME, startOffsetMs: 1234.5 });
    expect(started.path).toBe(join(services.paths.recordings, `${sessionId}.mp4`));
    expect(readFileSync(started.path).byteLength).toBe(0);
    expect(rowOf(services, started.recordingId)).toEqual({
      id: started.recordingId,
      session_id: sessionId,
      path: started.path,
      status: 'recording',
      mime_type: MIME,
      bytes: 0,
      last_seq: -1,
      start_offset_ms: 1234.5,
      end_offset_ms: null,
      started_at: T0,
      ended_at: null,
      error: null,
      conversion: null,
    });
    expect(recordings.get(started.recordingId)).toMatchObject({
      status: 'recording',
      startOffsetMs: 1234.5,
      bytes: 0,
      lastSeq: -1,
      stats: { chunks: 0, duplicates: 0, gaps: 0, missing: 0, bufferedChunks: 0, bufferedBytes: 0, syncs: 0 },
    });
  });

  it('refuses bad input, unknown and finished sessions, and a second recording while one is running', async () => {
    const { services, recordings, sessionId } = setup();
    await rejection(recordings.start({ sessionId: '../escape', mimeType: MIME }), 'invalid_input');
    await rejection(recordings.start({ sessionId, mimeType: 'video/x-matroska;codecs=avc1' }), 'invalid_input');
    await rejection(recordings.start({ sessionId, mimeType: MIME, startOffsetMs: -1 }), 'invalid_input');
    await rejection(recordings.start({ sessionId, mimeType: MIME, startOffsetMs: Number.NaN }), 'invalid_input');
    await rejection(recordings.start({ sessionId: 'no-such-session', mimeType: MIME }), 'not_found');
    const first = await recordings.start({ sessionId, mimeType: 'audio/mp4' });
    expect((await rejection(recordings.start({ sessionId, mimeType: MIME }), 'conflict')).message).toContain(first.recordingId);
    await recordings.stop(first.recordingId);

    const other = services.sessions.create(validConfig()).id;
    services.sessions.abandon(other);
    await rejection(recordings.start({ sessionId: other, mimeType: MIME }), 'conflict');
    expect(recordings.listForSession(sessionId)).toHaveLength(1);
    expect(recordings.listForSession(other)).toEqual([]);
  });

  it('gives two recordings of one session distinct paths and never overwrites a file already on disk', async () => {
    const { services, recordings, sessionId } = setup();
    const a = await recordings.start({ sessionId, mimeType: MIME });
    await recordings.appendChunk(a.recordingId, 0, chunk(0));
    await recordings.stop(a.recordingId);
    const b = await recordings.start({ sessionId, mimeType: MIME, startOffsetMs: 60_000 });
    expect(b.path).toBe(join(services.paths.recordings, `${sessionId}-2.mp4`));
    await recordings.stop(b.recordingId);
    // A stray file (say, copied back by hand) takes the next name: it is skipped, not clobbered.
    const stray = join(services.paths.recordings, `${sessionId}-3.mp4`);
    writeFileSync(stray, 'keep me');
    const c = await recordings.start({ sessionId, mimeType: MIME });
    expect(c.path).toBe(join(services.paths.recordings, `${sessionId}-4.mp4`));
    expect(readFileSync(stray, 'utf8')).toBe('keep me');
    await recordings.stop(c.recordingId);

    expectBytes(readFileSync(a.path), concat([chunk(0)]));
    expect(recordings.listForSession(sessionId).map((r) => [r.id, r.path, r.status, r.startOffsetMs])).toEqual([
      [a.recordingId, a.path, 'completed', null],
      [b.recordingId, b.path, 'completed', 60_000],
      [c.recordingId, c.path, 'completed', null],
    ]);
  });
});

describe('RecordingService.appendChunk', () => {
  it('appends in-order chunks to exactly their concatenation, and stop leaves a matching completed row', async () => {
    const { services, recordings, sessionId, clock } = setup();
    const { recordingId, path } = await recordings.start({ sessionId, mimeType: MIME, startOffsetMs: 250 });
    const chunks = Array.from({ length: 20 }, (_, i) => chunk(i));
    let total = 0;
    for (const [seq, c] of chunks.entries()) {
      total += c.byteLength;
      expect(await recordings.appendChunk(recordingId, seq, c)).toEqual({
        outcome: 'written',
        bytes: total,
        lastSeq: seq,
        buffered: 0,
        backpressure: false,
      });
    }
    expectBytes(readFileSync(path), concat(chunks));
    clock.advance(20_000);
    const stopped = await recordings.stop(recordingId);
    expect(stopped).toMatchObject({
      status: 'completed',
      bytes: total,
      lastSeq: 19,
      endedAt: clock.iso(),
      error: null,
      stats: { chunks: 20, duplicates: 0, gaps: 0, missing: 0, bufferedChunks: 0, bufferedBytes: 0 },
    });
    expect(rowOf(services, recordingId)).toMatchObject({
      status: 'completed',
      bytes: total,
      last_seq: 19,
      ended_at: clock.iso(),
      error: null,
      start_offset_ms: 250,
    });
    expectBytes(readFileSync(path), concat(chunks));
  });

  it('ignores and counts duplicates, written or still held, instead of writing them twice', async () => {
    const { recordings, sessionId } = setup();
    const { recordingId, path } = await recordings.start({ sessionId, mimeType: MIME });
    await recordings.appendChunk(recordingId, 0, chunk(0));
    await recordings.appendChunk(recordingId, 1, chunk(1));
    expect((await recordings.appendChunk(recordingId, 1, chunk(1))).outcome).toBe('duplicate');
    expect((await recordings.appendChunk(recordingId, 0, chunk(0))).outcome).toBe('duplicate');
    expect((await recordings.appendChunk(recordingId, 3, chunk(3))).outcome).toBe('held');
    expect(await recordings.appendChunk(recordingId, 3, chunk(3))).toMatchObject({
      outcome: 'duplicate',
      buffered: chunk(3).byteLength,
      lastSeq: 1,
    });
    // Fire-and-forget sends of the same seq before the first is written: only one reaches the file.
    const burst = await Promise.all([recordings.appendChunk(recordingId, 2, chunk(2)), recordings.appendChunk(recordingId, 2, chunk(2))]);
    expect(burst.map((r) => r.outcome)).toEqual(['written', 'duplicate']);
    const stopped = await recordings.stop(recordingId);
    expect(stopped.stats).toMatchObject({ chunks: 4, duplicates: 4, gaps: 1, missing: 0 });
    expectBytes(readFileSync(path), concat([0, 1, 2, 3].map((i) => chunk(i))));
  });

  it('holds chunks that arrive early and writes them in sequence order once the missing one arrives', async () => {
    const { recordings, sessionId } = setup();
    const { recordingId, path } = await recordings.start({ sessionId, mimeType: MIME });
    const order = [0, 2, 1, 5, 4, 3, 6, 9, 8, 7, 10];
    const results = [];
    for (const seq of order) results.push(await recordings.appendChunk(recordingId, seq, chunk(seq)));
    expect(results.map((r) => `${r.outcome}:${r.lastSeq}`)).toEqual([
      'written:0',
      'held:0',
      'written:2',
      'held:2',
      'held:2',
      'written:5',
      'written:6',
      'held:6',
      'held:6',
      'written:9',
      'written:10',
    ]);
    expect(results[4]).toMatchObject({ buffered: chunk(5).byteLength + chunk(4).byteLength, backpressure: false });
    expectBytes(readFileSync(path), concat(order.map((_, i) => chunk(i))));
    const stopped = await recordings.stop(recordingId);
    expect(stopped.stats).toMatchObject({ chunks: 11, duplicates: 0, gaps: 3, missing: 0, bufferedBytes: 0 });
    expect(stopped.lastSeq).toBe(10);
  });

  it('reports back-pressure past the soft bound and clears it once the gap is filled', async () => {
    const { recordings, sessionId } = setup();
    const { recordingId, path } = await recordings.start({ sessionId, mimeType: MIME });
    const held = [];
    for (let seq = 1; seq <= 9; seq++) held.push(await recordings.appendChunk(recordingId, seq, chunk(seq)));
    expect(held.map((r) => r.backpressure)).toEqual([false, false, false, false, false, false, false, false, true]);
    expect(held[8]!.buffered).toBe(concat(held.map((_, i) => chunk(i + 1))).byteLength);
    expect(recordings.get(recordingId).stats).toMatchObject({ missing: 1, bufferedChunks: 9 });
    expect(await recordings.appendChunk(recordingId, 0, chunk(0))).toMatchObject({
      outcome: 'written',
      lastSeq: 9,
      buffered: 0,
      backpressure: false,
    });
    expectBytes(readFileSync(path), concat(Array.from({ length: 10 }, (_, i) => chunk(i))));
    await recordings.stop(recordingId);
  });

  it('reports back-pressure by bytes too', async () => {
    const { recordings, sessionId } = setup({ limits: { softBytes: 5_000 } });
    const { recordingId } = await recordings.start({ sessionId, mimeType: MIME });
    expect((await recordings.appendChunk(recordingId, 1, chunk(1, 3_000))).backpressure).toBe(false);
    expect(await recordings.appendChunk(recordingId, 2, chunk(2, 3_000))).toMatchObject({
      outcome: 'held',
      buffered: 6_000,
      backpressure: true,
    });
    await recordings.stop(recordingId);
  });

  it('fails the recording, naming the missing seq, when a gap outgrows the hard limit', async () => {
    const unhandled = watchUnhandled();
    const { services, recordings, sessionId } = setup();
    const { recordingId, path } = await recordings.start({ sessionId, mimeType: MIME });
    await recordings.appendChunk(recordingId, 0, chunk(0));
    for (let seq = 2; seq <= 33; seq++) expect((await recordings.appendChunk(recordingId, seq, chunk(seq))).outcome).toBe('held');
    const err = await rejection(recordings.appendChunk(recordingId, 34, chunk(34)), 'internal');
    expect(err.message).toMatch(/chunk 1 never arrived: 33 later chunks .* were waiting for it/);
    // The chunk that was missing all along, and anything after, is refused; the file is what was written.
    expect((await rejection(recordings.appendChunk(recordingId, 1, chunk(1)), 'conflict')).message).toContain('chunk 1 never arrived');
    await rejection(recordings.stop(recordingId), 'conflict');
    await rejection(recordings.pause(recordingId), 'conflict');
    await rejection(recordings.resume(recordingId), 'conflict');
    await vi.waitFor(() => expect(rowOf(services, recordingId).status).toBe('failed'));
    expect(rowOf(services, recordingId)).toMatchObject({ bytes: chunk(0).byteLength, last_seq: 0 });
    expect(rowOf(services, recordingId).error).toContain('chunk 1 never arrived');
    expect(recordings.get(recordingId).stats).toMatchObject({ chunks: 1, bufferedChunks: 0, bufferedBytes: 0 });
    expectBytes(readFileSync(path), concat([chunk(0)]));
    await unhandled.settle();
    expect(unhandled.seen).toEqual([]);
  });

  it('refuses a bad seq or non-bytes with invalid_input and carries on', async () => {
    const { recordings, sessionId } = setup();
    const { recordingId, path } = await recordings.start({ sessionId, mimeType: MIME });
    await rejection(recordings.appendChunk(recordingId, -1, chunk(0)), 'invalid_input');
    await rejection(recordings.appendChunk(recordingId, 0.5, chunk(0)), 'invalid_input');
    await rejection(recordings.appendChunk(recordingId, 0, 'bytes' as unknown as Uint8Array), 'invalid_input');
    await rejection(recordings.appendChunk('no-such-recording', 0, chunk(0)), 'not_found');
    // MediaRecorder can hand over an empty chunk: it takes its seq and writes nothing.
    await recordings.appendChunk(recordingId, 0, new Uint8Array(0));
    expect(await recordings.appendChunk(recordingId, 1, chunk(1))).toMatchObject({
      outcome: 'written',
      lastSeq: 1,
      bytes: chunk(1).byteLength,
    });
    await recordings.stop(recordingId);
    expectBytes(readFileSync(path), concat([chunk(1)]));
  });
});

describe('RecordingService durability', () => {
  it('fsyncs within 5 s of a write and updates the row at each fsync, never ahead of the file', async () => {
    const mem = memoryFs();
    const { services, recordings, sessionId } = setup({ fs: mem.fs });
    const { recordingId } = await recordings.start({ sessionId, mimeType: MIME });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const t0 = Date.now();
    const samples: Array<{ t: number; written: number; row: number }> = [];
    for (let seq = 0; seq < 12; seq++) {
      await recordings.appendChunk(recordingId, seq, chunk(seq));
      samples.push({ t: Date.now() - t0, written: mem.state.data.length, row: rowOf(services, recordingId).bytes });
      await vi.advanceTimersByTimeAsync(1_000);
    }
    // Timer-driven fsyncs: 5 s after the first write following the previous fsync.
    expect(mem.state.syncs.map((t) => t - t0)).toEqual([5_000, 10_000]);
    // No more chunks: the last ones are still fsynced within 5 s.
    await vi.advanceTimersByTimeAsync(4_000);
    expect(mem.state.syncs.map((t) => t - t0)).toEqual([5_000, 10_000, 15_000]);
    expect(rowOf(services, recordingId)).toMatchObject({ bytes: mem.state.data.length, last_seq: 11 });
    // At every moment the row covers at least what the file had 5 s before, and never more than the file.
    for (const s of samples) {
      expect(s.row).toBeLessThanOrEqual(s.written);
      const fiveSecondsBefore = samples.filter((p) => p.t <= s.t - 5_000).at(-1);
      if (fiveSecondsBefore) expect(s.row).toBeGreaterThanOrEqual(fiveSecondsBefore.written);
    }
    // Idle with nothing new: no further fsyncs.
    await vi.advanceTimersByTimeAsync(20_000);
    expect(mem.state.syncs).toHaveLength(3);
    const stopped = await recordings.stop(recordingId);
    expect(mem.state.syncs).toHaveLength(4);
    expect(mem.state.closed).toBe(true);
    expect(stopped.stats?.syncs).toBe(4);
    expectBytes(Buffer.from(mem.state.data), concat(Array.from({ length: 12 }, (_, i) => chunk(i))));
  });

  it('pause fsyncs and marks the row paused; chunks that still arrive are written; resume goes back to recording', async () => {
    const counting = countingFs();
    const { services, recordings, sessionId } = setup({ fs: counting.fs });
    const { recordingId, path } = await recordings.start({ sessionId, mimeType: MIME });
    await recordings.appendChunk(recordingId, 0, chunk(0));
    expect(counting.counts.syncs).toBe(0);
    const paused = await recordings.pause(recordingId);
    expect(paused.status).toBe('paused');
    expect(counting.counts.syncs).toBe(1);
    expect(rowOf(services, recordingId)).toMatchObject({ status: 'paused', bytes: chunk(0).byteLength, last_seq: 0 });
    expect((await recordings.pause(recordingId)).status).toBe('paused');
    expect(counting.counts.syncs).toBe(1);
    // MediaRecorder.pause() flushes one last chunk after the pause.
    await recordings.appendChunk(recordingId, 1, chunk(1));
    expect((await recordings.resume(recordingId)).status).toBe('recording');
    expect(rowOf(services, recordingId).status).toBe('recording');
    expect((await recordings.resume(recordingId)).status).toBe('recording');
    await recordings.appendChunk(recordingId, 2, chunk(2));
    await recordings.pause(recordingId);
    const stopped = await recordings.stop(recordingId);
    expect(stopped).toMatchObject({ status: 'completed', lastSeq: 2 });
    expectBytes(readFileSync(path), concat([chunk(0), chunk(1), chunk(2)]));
  });

  it('refuses a second stop, and any call after it, with conflict', async () => {
    const { services, recordings, sessionId } = setup();
    const { recordingId } = await recordings.start({ sessionId, mimeType: MIME });
    await recordings.appendChunk(recordingId, 0, chunk(0));
    const [first, second] = await Promise.allSettled([recordings.stop(recordingId), recordings.stop(recordingId)]);
    expect(first.status).toBe('fulfilled');
    expect(second).toMatchObject({ status: 'rejected', reason: { code: 'conflict' } });
    expect((await rejection(recordings.stop(recordingId), 'conflict')).message).toMatch(/already completed/);
    await rejection(recordings.appendChunk(recordingId, 1, chunk(1)), 'conflict');
    await rejection(recordings.pause(recordingId), 'conflict');
    await rejection(recordings.resume(recordingId), 'conflict');
    expect(rowOf(services, recordingId)).toMatchObject({ status: 'completed', bytes: chunk(0).byteLength });
  });

  it('stops cleanly with a seq still missing: writes up to the gap and notes what never arrived', async () => {
    const { services, recordings, sessionId } = setup();
    const { recordingId, path } = await recordings.start({ sessionId, mimeType: MIME });
    for (const seq of [0, 1, 3, 4, 6]) await recordings.appendChunk(recordingId, seq, chunk(seq));
    const stopped = await recordings.stop(recordingId);
    expect(stopped).toMatchObject({ status: 'completed', lastSeq: 1, stats: { missing: 2, gaps: 2, bufferedChunks: 0 } });
    expect(stopped.error).toMatch(/^Stopped while chunk 2 and 1 other\(s\) had not arrived: 3 later chunk\(s\)/);
    expect(rowOf(services, recordingId)).toMatchObject({ status: 'completed', last_seq: 1, error: stopped.error });
    expectBytes(readFileSync(path), concat([chunk(0), chunk(1)]));
  });

  it('stopAll stops every recording still being written; a new service sees them as finished, not writable', async () => {
    const { services, recordings, sessionId, clock } = setup();
    const { recordingId } = await recordings.start({ sessionId, mimeType: MIME });
    await recordings.appendChunk(recordingId, 0, chunk(0));
    await recordings.stopAll();
    expect(rowOf(services, recordingId).status).toBe('completed');
    const later = new RecordingService(services.db, services.paths.recordings, { now: clock.now });
    expect(later.get(recordingId)).toMatchObject({ status: 'completed', bytes: chunk(0).byteLength, lastSeq: 0, stats: null });
    expect((await rejection(later.appendChunk(recordingId, 1, chunk(1)), 'conflict')).message).toContain('is completed');
    await rejection(
      Promise.resolve().then(() => later.get('nope')),
      'not_found',
    );
  });
});

describe('RecordingService I/O failure', () => {
  it('on ENOSPC mid-recording: failed with the reason, earlier chunks kept exactly, later appends refused, nothing unhandled', async () => {
    const unhandled = watchUnhandled();
    const per = 1_000;
    // Chunks 0-6 fit; chunk 7 is cut after 500 bytes, then the disk is full.
    const { services, recordings, sessionId, clock } = setup({ fs: fullDiskFs(7 * per + 500) });
    const { recordingId, path } = await recordings.start({ sessionId, mimeType: MIME });
    for (let seq = 0; seq < 7; seq++) await recordings.appendChunk(recordingId, seq, chunk(seq, per));
    // A chunk held for a missing seq when the failure hits is dropped, not written later.
    expect((await recordings.appendChunk(recordingId, 9, chunk(9, per))).outcome).toBe('held');
    clock.advance(7_000);
    // Sends in flight together: the one that hits the full disk reports it, the one behind it is refused.
    const [hit, behind] = await Promise.allSettled([
      recordings.appendChunk(recordingId, 7, chunk(7, per)),
      recordings.appendChunk(recordingId, 8, chunk(8, per)),
    ]);
    expect(hit).toMatchObject({ status: 'rejected', reason: { code: 'internal' } });
    expect((hit as PromiseRejectedResult).reason.message).toMatch(/Writing the recording failed: ENOSPC: no space left on device/);
    expect(behind).toMatchObject({ status: 'rejected', reason: { code: 'conflict' } });

    const later = await rejection(recordings.appendChunk(recordingId, 10, chunk(10, per)), 'conflict');
    expect(later.message).toMatch(/has failed .*ENOSPC/);
    await rejection(recordings.stop(recordingId), 'conflict');
    await vi.waitFor(() => expect(rowOf(services, recordingId).status).toBe('failed'));
    const row = rowOf(services, recordingId);
    expect(row).toMatchObject({ bytes: 7 * per, last_seq: 6, ended_at: clock.iso() });
    expect(row.error).toMatch(/ENOSPC: no space left on device/);
    expectBytes(readFileSync(path), concat(Array.from({ length: 7 }, (_, i) => chunk(i, per))));
    expect(recordings.get(recordingId)).toMatchObject({
      status: 'failed',
      bytes: 7 * per,
      lastSeq: 6,
      stats: { chunks: 7, bufferedBytes: 0 },
    });
    await unhandled.settle();
    expect(unhandled.seen).toEqual([]);
  });

  it('a failing timer-driven fsync (EIO) fails the recording without any caller to hear it, and nothing goes unhandled', async () => {
    const unhandled = watchUnhandled();
    const fs: RecordingFileSystem = {
      async open(path) {
        const h = await nodeRecordingFs.open(path);
        return {
          write: (d) => h.write(d),
          sync: async () => {
            throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
          },
          close: () => h.close(),
        };
      },
    };
    const { services, recordings, sessionId } = setup({ fs, syncIntervalMs: 20 });
    const { recordingId, path } = await recordings.start({ sessionId, mimeType: MIME });
    await recordings.appendChunk(recordingId, 0, chunk(0));
    await vi.waitFor(() => expect(rowOf(services, recordingId).status).toBe('failed'));
    expect(rowOf(services, recordingId)).toMatchObject({ bytes: chunk(0).byteLength, last_seq: 0 });
    expect(rowOf(services, recordingId).error).toMatch(/Flushing the recording to disk failed: EIO/);
    await rejection(recordings.appendChunk(recordingId, 1, chunk(1)), 'conflict');
    expectBytes(readFileSync(path), concat([chunk(0)]));
    await unhandled.settle();
    expect(unhandled.seen).toEqual([]);
  });

  it('a real kernel write failure (file size limit, EFBIG) ends the same way, with the partial chunk cut away', async () => {
    // RLIMIT_FSIZE makes the kernel cut a write short and then refuse it with EFBIG, with no root and no
    // special file system (Node ignores SIGXFSZ). It is set on this test worker process only (vitest runs
    // each test file in its own forked process) and restored in `finally`.
    const unhandled = watchUnhandled();
    const { services, recordings, sessionId } = setup();
    const { recordingId, path } = await recordings.start({ sessionId, mimeType: MIME });
    const per = 300_000;
    const limit = 6 * per + 123_456;
    const pid = String(process.pid);
    const previous = execFileSync('prlimit', ['--pid', pid, '--fsize', '--output', 'SOFT', '--noheadings', '--raw'], {
      encoding: 'utf8',
    }).trim();
    execFileSync('prlimit', ['--pid', pid, `--fsize=${limit}:`]);
    let failure: unknown;
    try {
      // The limit really is in force for this process: a plain write past it fails.
      const probeDir = tempDataDir('ir-probe-');
      dirs.push(probeDir);
      const probe = await open(join(probeDir, 'probe'), 'w');
      await expect(probe.write(new Uint8Array(limit + 1))).resolves.toMatchObject({ bytesWritten: limit });
      await expect(probe.write(new Uint8Array(1))).rejects.toMatchObject({ code: 'EFBIG' });
      await probe.close();
      for (let seq = 0; seq < 10 && failure === undefined; seq++) {
        await recordings.appendChunk(recordingId, seq, chunk(seq, per)).catch((err: unknown) => {
          failure = err;
        });
      }
      await vi.waitFor(() => expect(rowOf(services, recordingId).status).toBe('failed'));
    } finally {
      execFileSync('prlimit', ['--pid', pid, `--fsize=${previous}:`]);
    }
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).message).toMatch(/Writing the recording failed: EFBIG/);
    expect(rowOf(services, recordingId)).toMatchObject({ bytes: 6 * per, last_seq: 5 });
    expect(rowOf(services, recordingId).error).toMatch(/EFBIG/);
    expectBytes(readFileSync(path), concat(Array.from({ length: 6 }, (_, i) => chunk(i, per))));
    await rejection(recordings.appendChunk(recordingId, 7, chunk(7, per)), 'conflict');
    await unhandled.settle();
    expect(unhandled.seen).toEqual([]);
  });
});

describe('disk space', () => {
  const MB = 1024 * 1024;
  const rate = 8_000_000; // 8 Mbit/s = 1 MB/s: 1 minute = 60 MB, 10 minutes = 600 MB

  it('diskVerdict: stop below max(1 minute, 200 MB), low within 10 minutes of that, ok above', () => {
    expect(diskStopThreshold(rate)).toBe(200 * MB);
    expect(diskVerdict(0, rate)).toBe('stop');
    expect(diskVerdict(200 * MB - 1, rate)).toBe('stop');
    expect(diskVerdict(200 * MB, rate)).toBe('low');
    expect(diskVerdict(200 * MB + 600_000_000 - 1, rate)).toBe('low');
    expect(diskVerdict(200 * MB + 600_000_000, rate)).toBe('ok');
    // At a high bitrate, a minute of recording outweighs the floor.
    const high = 80_000_000; // 10 MB/s
    expect(diskStopThreshold(high)).toBe(600_000_000);
    expect(diskVerdict(599_999_999, high)).toBe('stop');
    expect(diskVerdict(600_000_000, high)).toBe('low');
    expect(diskVerdict(600_000_000 + 6_000_000_000, high)).toBe('ok');
    // Audio only: the floor still stops it, and the warning still comes ten minutes earlier.
    expect(diskVerdict(200 * MB + (128_000 / 8) * 600 - 1, 128_000)).toBe('low');
    expect(diskVerdict(200 * MB + (128_000 / 8) * 600, 128_000)).toBe('ok');
    expect(diskVerdict(60_000_000, rate, { ...DEFAULT_DISK_POLICY, stopFloorBytes: 10 * MB })).toBe('low');
    expect(diskVerdict(59_999_999, rate, { ...DEFAULT_DISK_POLICY, stopFloorBytes: 10 * MB })).toBe('stop');
  });

  it('diskVerdict refuses nonsense instead of guessing', () => {
    expect(() => diskVerdict(-1, rate)).toThrow(RangeError);
    expect(() => diskVerdict(Number.NaN, rate)).toThrow(RangeError);
    expect(() => diskVerdict(1e12, 0)).toThrow(RangeError);
    expect(() => diskVerdict(1e12, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('diskSpace measures the file system, at the nearest existing folder when the path does not exist yet', async () => {
    const dir = tempDataDir('ir-disk-');
    dirs.push(dir);
    const here = await diskSpace(dir);
    expect(here.measuredPath).toBe(dir);
    expect(here.freeBytes).toBeGreaterThan(0);
    expect(here.totalBytes).toBeGreaterThanOrEqual(here.freeBytes);
    const missing = join(dir, 'recordings', 'not-yet');
    expect(existsSync(missing)).toBe(false);
    const there = await diskSpace(missing);
    expect(there.measuredPath).toBe(dir);
    expect(there.totalBytes).toBe(here.totalBytes);
  });
});
