import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers, type AppServices } from '../../electron/services';
import { dispatch } from '../../shared/ipc/dispatch';
import { MAX_CHUNK_BYTES } from '../../shared/ipc/contract-recording';
import { videoTimeAt } from '../../shared/recording/model';
import { BINARY_TAG, decodeBinary, PAGE_ENCODE_BINARY } from '../support/binary-transport';
import { noise } from '../support/media';
import { makeServices, validConfig } from '../support/services';

const opened: AppServices[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) {
    await s.recording.stopAll();
    s.close();
  }
});

async function recordingUnderway() {
  const services = makeServices();
  opened.push(services);
  const handlers = createHandlers(services);
  const sessionId = services.sessions.create(validConfig()).id;
  expect(await dispatch(handlers, 'recording:consent', { sessionId, decision: 'granted', items: ['screen', 'microphone'] })).toMatchObject({
    ok: true,
  });
  const started = await dispatch(handlers, 'recording:start', { sessionId, mimeType: 'video/mp4;codecs=avc1,opus' });
  if (!started.ok) throw new Error(started.error.message);
  return { services, handlers, sessionId, recordingId: (started.value as { id: string }).id };
}

describe('recording:chunk validation at the IPC boundary', () => {
  it('accepts bytes with a seq and writes them; refuses anything else before it reaches the writer', async () => {
    const { services, handlers, recordingId } = await recordingUnderway();
    const bytes = new Uint8Array(noise(4096, 3));
    expect(await dispatch(handlers, 'recording:chunk', { recordingId, seq: 0, bytes })).toMatchObject({
      ok: true,
      value: { outcome: 'written', bytes: 4096, lastSeq: 0 },
    });

    const refused = async (payload: unknown) => {
      const r = await dispatch(handlers, 'recording:chunk', payload);
      expect(r.ok).toBe(false);
      return r.ok ? null : r.error;
    };
    // Bytes as JSON (what a base64 string or a plain array would be without the harness decoding it).
    expect(await refused({ recordingId, seq: 1, bytes: Array.from(bytes) })).toMatchObject({
      code: 'invalid_input',
      issues: [{ field: 'bytes', message: 'must be bytes (a Uint8Array)' }],
    });
    expect(await refused({ recordingId, seq: 1, bytes: { [BINARY_TAG]: 'AAAA' } })).toMatchObject({ code: 'invalid_input' });
    expect(await refused({ recordingId, seq: 1, bytes: 'AAAA' })).toMatchObject({ code: 'invalid_input' });
    expect(await refused({ recordingId, seq: 1, bytes: new Uint8Array(0) })).toMatchObject({
      issues: [{ field: 'bytes', message: 'must not be empty' }],
    });
    expect(await refused({ recordingId, seq: 1, bytes: new Uint8Array(MAX_CHUNK_BYTES + 1) })).toMatchObject({
      issues: [{ field: 'bytes' }],
    });
    expect(await refused({ recordingId, seq: -1, bytes })).toMatchObject({ issues: [{ field: 'seq' }] });
    expect(await refused({ recordingId, seq: 1.5, bytes })).toMatchObject({ issues: [{ field: 'seq' }] });
    expect(await refused({ recordingId: '../etc', seq: 1, bytes })).toMatchObject({ issues: [{ field: 'recordingId' }] });
    expect(await refused({ recordingId, seq: 1, bytes, extra: true })).toMatchObject({
      issues: [{ field: 'extra', message: 'unknown field' }],
    });
    expect(await refused({ recordingId: 'no-such-recording', seq: 1, bytes })).toMatchObject({ code: 'not_found' });

    // Nothing refused reached the file; the next good chunk carries on from seq 1.
    expect(await dispatch(handlers, 'recording:chunk', { recordingId, seq: 1, bytes })).toMatchObject({
      ok: true,
      value: { bytes: 8192, lastSeq: 1 },
    });
    const stopped = await dispatch(handlers, 'recording:stop', { recordingId, atMs: 5000 });
    expect(stopped).toMatchObject({ ok: true, value: { status: 'completed', bytes: 8192, endOffsetMs: 5000 } });
    expect(readFileSync(services.recording.get(recordingId).path).equals(Buffer.concat([bytes, bytes]))).toBe(true);
  });

  it('the harness transport carries bytes base64 and gives the writer exactly the Uint8Array Electron would', () => {
    const bytes = new Uint8Array(noise(100_000, 9));
    // The page-side encoder, run as the page runs it (btoa exists in Node too).
    const encode = new Function(`${PAGE_ENCODE_BINARY}; return encodeBinary;`)() as (v: unknown) => unknown;
    const wire = JSON.parse(JSON.stringify(encode({ recordingId: 'r', seq: 3, bytes, nested: [{ more: bytes.subarray(10, 20) }] })));
    expect(typeof wire.bytes[BINARY_TAG]).toBe('string');
    const back = decodeBinary(wire) as { bytes: Uint8Array; seq: number; nested: Array<{ more: Uint8Array }> };
    expect(back.seq).toBe(3);
    expect(back.bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(back.bytes)).toBe(false);
    expect(Buffer.from(back.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(Buffer.from(back.nested[0]!.more).equals(Buffer.from(bytes.subarray(10, 20)))).toBe(true);
    // Ordinary payloads pass through untouched.
    expect(decodeBinary({ a: [1, 'x', null], b: { c: true } })).toEqual({ a: [1, 'x', null], b: { c: true } });
  });

  it('refuses to start without a granted consent, through the contract', async () => {
    const services = makeServices();
    opened.push(services);
    const handlers = createHandlers(services);
    const sessionId = services.sessions.create(validConfig()).id;
    expect(await dispatch(handlers, 'recording:start', { sessionId, mimeType: 'video/mp4' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('no recording consent') },
    });
    await dispatch(handlers, 'recording:consent', { sessionId, decision: 'declined' });
    expect(await dispatch(handlers, 'recording:start', { sessionId, mimeType: 'video/mp4' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('declined') },
    });
    expect(services.recording.listForSession(sessionId)).toEqual([]);
    expect(await dispatch(handlers, 'recording:selectSource', { sourceId: 'window:42' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});

describe('videoTimeAt: a session moment on the recording', () => {
  it('subtracts the start and every pause before the moment; paused and out-of-range moments have no video time', () => {
    const pauses = [
      { atMs: 10_000, resumedAtMs: 15_000 },
      { atMs: 20_000, resumedAtMs: 21_000 },
    ];
    expect(videoTimeAt(2_000, 2_000, pauses)).toBe(0);
    expect(videoTimeAt(9_000, 2_000, pauses)).toBe(7_000);
    expect(videoTimeAt(12_000, 2_000, pauses)).toBeNull();
    expect(videoTimeAt(15_000, 2_000, pauses)).toBe(8_000);
    expect(videoTimeAt(25_000, 2_000, pauses)).toBe(25_000 - 2_000 - 5_000 - 1_000);
    expect(videoTimeAt(1_000, 2_000, pauses)).toBeNull();
    expect(videoTimeAt(5_000, null, [])).toBeNull();
    expect(videoTimeAt(40_000, 2_000, [], 30_000)).toBeNull();
    expect(videoTimeAt(30_000, 2_000, [{ atMs: 25_000, resumedAtMs: null }])).toBeNull();
  });

  it('pauses are stored on the session clock through pause/resume', async () => {
    const { services, handlers, recordingId } = await recordingUnderway();
    await dispatch(handlers, 'recording:setOffset', { recordingId, startOffsetMs: 1500 });
    await dispatch(handlers, 'recording:pause', { recordingId, atMs: 4000 });
    // A second pause while paused is idempotent, not a second pause.
    await dispatch(handlers, 'recording:pause', { recordingId, atMs: 4500 });
    await dispatch(handlers, 'recording:resume', { recordingId, atMs: 6000 });
    const r = services.recording.get(recordingId);
    expect(r).toMatchObject({ startOffsetMs: 1500, status: 'recording', pauses: [{ atMs: 4000, resumedAtMs: 6000 }] });
    expect(videoTimeAt(7000, r.startOffsetMs, r.pauses)).toBe(7000 - 1500 - 2000);
  });
});
