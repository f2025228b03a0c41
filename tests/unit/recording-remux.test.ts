import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers, type AppServices } from '../../electron/services';
import { FfmpegRemuxer, FFMPEG_ENV, type RecordingService } from '../../electron/services/recording';
import { dispatch } from '../../shared/ipc/dispatch';
import { ffprobe, noise, requireFfmpeg, setupMedia } from '../support/media';
import { tempDataDir } from '../support/paths';
import { makeServices, validConfig } from '../support/services';

/**
 * The WebM fallback (where MediaRecorder writes no MP4): WebM files made here by ffmpeg's own VP9, VP8
 * and Opus encoders go through the real ffmpeg, the real writer and the real database; every MP4 that
 * comes out is judged by ffprobe, independently of the app's own MP4 parser.
 */

const WEBM_MIME = 'video/webm;codecs=vp9,opus';
const opened: AppServices[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) {
    await s.recording.stopAll();
    await s.recording.conversionsIdle();
    s.close();
  }
});

function services(options: Parameters<typeof makeServices>[0] = {}): AppServices {
  const s = makeServices(options);
  opened.push(s);
  return s;
}

let fixtures = '';
let vp9 = '';
let vp8 = '';
let vp9Seconds = 0;
setupMedia(() => {
  requireFfmpeg();
  const encoders = spawnSync('ffmpeg', ['-hide_banner', '-encoders'], { encoding: 'utf8' }).stdout;
  for (const needed of ['libvpx-vp9', 'libvpx', 'libopus']) {
    if (!new RegExp(`\\s${needed}\\s`).test(encoders))
      throw new Error(`ffmpeg here has no ${needed} encoder, which these tests need to make WebM files`);
  }
  fixtures = tempDataDir('ir-remux-');
  vp9 = makeWebm('vp9-opus.webm', ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8'], 6);
  vp8 = makeWebm('vp8-opus.webm', ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8'], 4);
  const probe = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', vp9], { encoding: 'utf8' });
  vp9Seconds = Number(probe.stdout.trim());
  if (!(vp9Seconds > 5)) throw new Error(`the VP9 fixture lasts ${probe.stdout} s, not about 6 s`);
}, 120_000);

/** A 320x240 30 fps test picture and a 440 Hz stereo tone, a keyframe every second (a cluster each). */
function makeWebm(name: string, videoArgs: string[], seconds: number): string {
  const file = join(fixtures, name);
  const args = [
    ...[
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=320x240:rate=30',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:sample_rate=48000',
    ],
    ...['-t', String(seconds), ...videoArgs, '-g', '30', '-c:a', 'libopus', '-ac', '2', '-f', 'webm', file],
  ];
  const r = spawnSync('ffmpeg', args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`ffmpeg ${args.join(' ')} failed: ${r.error?.message ?? r.stderr}`);
  return file;
}

/** Sends `bytes` through the writer the way the renderer does: ~48 KB chunks with sequence numbers, two of them swapped. */
async function appendInChunks(recording: RecordingService, recordingId: string, bytes: Buffer): Promise<number> {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += 48 * 1024) chunks.push(bytes.subarray(at, at + 48 * 1024));
  const order = chunks.map((_, i) => i);
  if (order.length > 3) [order[1], order[2]] = [order[2]!, order[1]!];
  for (const seq of order) await recording.appendChunk(recordingId, seq, new Uint8Array(chunks[seq]!));
  return chunks.length;
}

function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.converting'));
}

describe('FfmpegRemuxer', () => {
  it('finds ffmpeg on PATH, and says plainly when an override names something that is not there or not ffmpeg', async () => {
    const found = await new FfmpegRemuxer().locate();
    expect(found).toMatchObject({ available: true, source: 'path', version: expect.stringMatching(/\d/) });

    const missing = await new FfmpegRemuxer({ ffmpegPath: '/nonexistent/bin/ffmpeg' }).locate();
    expect(missing).toEqual({
      available: false,
      path: '/nonexistent/bin/ffmpeg',
      source: 'setting',
      reason: 'ffmpeg was not found at /nonexistent/bin/ffmpeg (named by the ffmpeg path in the settings)',
    });

    const fromEnv = await new FfmpegRemuxer({ env: { ...process.env, [FFMPEG_ENV]: '/nonexistent/ffmpeg-env' } }).locate();
    expect(fromEnv).toMatchObject({
      available: false,
      source: 'env',
      reason: `ffmpeg was not found at /nonexistent/ffmpeg-env (named by the ${FFMPEG_ENV} environment variable)`,
    });

    const notOnPath = await new FfmpegRemuxer({ env: { PATH: fixtures } }).locate();
    expect(notOnPath).toEqual({
      available: false,
      path: null,
      source: 'path',
      reason: 'ffmpeg was not found on this system (it is not on PATH)',
    });

    // A file that runs but is not ffmpeg.
    const impostor = join(fixtures, 'not-ffmpeg.sh');
    writeFileSync(impostor, '#!/bin/sh\necho hello\n', { mode: 0o755 });
    const wrong = await new FfmpegRemuxer({ ffmpegPath: impostor }).locate();
    expect(wrong).toMatchObject({ available: false, reason: expect.stringContaining('is not a working ffmpeg') });
  });

  it('VP9 + Opus WebM → MP4 by stream copy: ffprobe finds both streams, unchanged, with the same duration; the WebM is untouched', async () => {
    const dir = tempDataDir('ir-remux-copy-');
    const output = join(dir, 'out.mp4');
    const before = readFileSync(vp9);
    const result = await new FfmpegRemuxer().remux(vp9, output);
    expect(result.ok, result.ok ? '' : result.reason).toBe(true);
    if (!result.ok) return;
    expect(result).toMatchObject({
      method: 'copy',
      output,
      bytes: statSync(output).size,
      mimeType: expect.stringMatching(/^video\/mp4;codecs=vp09\.[\d.]+,opus$/),
    });
    expect(result.summary).toBe('Converted from WebM to MP4 with ffmpeg: its streams were copied as they are.');
    const probe = await ffprobe(output);
    expect(probe.accepted, probe.stderr).toBe(true);
    expect(probe.streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort()).toEqual(['audio:opus', 'video:vp9']);
    expect(Math.abs(probe.duration! - vp9Seconds)).toBeLessThan(0.5);
    expect(Math.abs(result.durationMs / 1000 - vp9Seconds)).toBeLessThan(0.5);
    expect(readFileSync(vp9).equals(before)).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it('VP8 cannot go into MP4 as it is: the video is re-encoded (H.264 here), the Opus audio copied, and it says so', async () => {
    const dir = tempDataDir('ir-remux-vp8-');
    const output = join(dir, 'out.mp4');
    const result = await new FfmpegRemuxer().remux(vp8, output);
    expect(result.ok, result.ok ? '' : result.reason).toBe(true);
    if (!result.ok) return;
    expect(result.method).toBe('transcode-video');
    expect(result.summary).toContain(
      'its video was re-encoded with libx264 because its codec cannot go into MP4 as it is; the audio was copied',
    );
    const probe = await ffprobe(output);
    expect(probe.accepted, probe.stderr).toBe(true);
    expect(probe.streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort()).toEqual(['audio:opus', 'video:h264']);
    expect(Math.abs(probe.duration! - 4)).toBeLessThan(0.5);
    expect(leftovers(dir)).toEqual([]);
  });

  it('a corrupt input fails with ffmpeg’s own words and leaves no MP4, half-written or whole', async () => {
    const dir = tempDataDir('ir-remux-bad-');
    const input = join(dir, 'broken.webm');
    writeFileSync(input, Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), noise(20_000, 7)]));
    const output = join(dir, 'broken.mp4');
    const result = await new FfmpegRemuxer().remux(input, output);
    expect(result).toMatchObject({ ok: false, ffmpegMissing: false });
    if (result.ok) return;
    expect(result.reason).toMatch(/^ffmpeg could not convert it: .*(EBML header parsing failed|Invalid data found when processing input)/);
    expect(existsSync(output)).toBe(false);
    expect(leftovers(dir)).toEqual([]);
  });

  it('a run past its time limit is stopped, and nothing is left behind', async () => {
    const dir = tempDataDir('ir-remux-slow-');
    const output = join(dir, 'out.mp4');
    const result = await new FfmpegRemuxer({ timeLimitMs: 5 }).remux(vp9, output);
    expect(result).toEqual({ ok: false, ffmpegMissing: false, reason: 'ffmpeg did not finish within 5 ms and was stopped' });
    expect(existsSync(output)).toBe(false);
    expect(leftovers(dir)).toEqual([]);
  });

  it('ffmpeg missing: no MP4, and the reason names where it was looked for', async () => {
    const dir = tempDataDir('ir-remux-none-');
    const result = await new FfmpegRemuxer({ ffmpegPath: join(dir, 'no-ffmpeg') }).remux(vp9, join(dir, 'out.mp4'));
    expect(result).toEqual({
      ok: false,
      ffmpegMissing: true,
      reason: `ffmpeg was not found at ${join(dir, 'no-ffmpeg')} (named by the ffmpeg path in the settings)`,
    });
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('the WebM fallback through RecordingService', () => {
  it('a WebM recording written in chunks is converted after the stop: converting → completed with the MP4, the WebM gone', async () => {
    const s = services();
    const sessionId = s.sessions.create(validConfig()).id;
    const states: Array<{ status: string; conversion: string | null; path: string }> = [];
    s.events.subscribe((channel, payload) => {
      if (channel === 'recording:state') {
        const r = payload as { status: string; conversion: string | null; path: string };
        states.push({ status: r.status, conversion: r.conversion, path: r.path });
      }
    });
    const started = await s.recording.start({ sessionId, mimeType: WEBM_MIME, startOffsetMs: 100 });
    expect(started.path).toBe(join(s.paths.recordings, `${sessionId}.webm`));
    expect(s.recording.get(started.recordingId)).toMatchObject({ status: 'recording', conversion: 'pending', mimeType: WEBM_MIME });
    const bytes = readFileSync(vp9);
    const chunks = await appendInChunks(s.recording, started.recordingId, bytes);
    expect(chunks).toBeGreaterThan(3);

    const stopped = await s.recording.stop(started.recordingId, 6100);
    expect(stopped).toMatchObject({
      status: 'completed',
      conversion: 'converting',
      path: started.path,
      bytes: bytes.length,
      lastSeq: chunks - 1,
    });
    // Until the MP4 exists, the WebM is what plays.
    expect(s.media.url(started.recordingId).mimeType).toBe('video/webm');
    await s.recording.conversionsIdle();

    const done = s.recording.get(started.recordingId);
    const mp4 = join(s.paths.recordings, `${sessionId}.mp4`);
    expect(done).toMatchObject({
      status: 'completed',
      conversion: 'converted',
      path: mp4,
      error: null,
      startOffsetMs: 100,
      endOffsetMs: 6100,
    });
    expect(done.mimeType).toMatch(/^video\/mp4;codecs=vp09/);
    expect(done.bytes).toBe(statSync(mp4).size);
    expect(existsSync(started.path)).toBe(false);
    expect(leftovers(s.paths.recordings)).toEqual([]);
    const probe = await ffprobe(mp4);
    expect(probe.accepted, probe.stderr).toBe(true);
    expect(probe.streams.map((x) => x.codec_type).sort()).toEqual(['audio', 'video']);
    expect(Math.abs(probe.duration! - vp9Seconds)).toBeLessThan(0.5);
    expect(s.media.url(started.recordingId).mimeType).toBe('video/mp4');
    expect(await s.media.file(started.recordingId)).toBe(mp4);
    expect(states).toEqual([
      { status: 'completed', conversion: 'converting', path: started.path },
      { status: 'completed', conversion: 'converted', path: mp4 },
    ]);
  });

  it('ffmpeg missing (the override names no file): completed, the WebM kept and served as WebM, with a note that says why', async () => {
    const missing = join(tempDataDir('ir-no-ffmpeg-'), 'ffmpeg');
    const s = services({ recordingOptions: { ffmpegPath: missing } });
    const handlers = createHandlers(s);
    expect(await dispatch(handlers, 'recording:ffmpeg', {})).toEqual({
      ok: true,
      value: {
        available: false,
        path: missing,
        version: null,
        reason: `ffmpeg was not found at ${missing} (named by the ffmpeg path in the settings)`,
      },
    });
    const sessionId = s.sessions.create(validConfig()).id;
    const started = await s.recording.start({ sessionId, mimeType: WEBM_MIME });
    await appendInChunks(s.recording, started.recordingId, readFileSync(vp9));
    await s.recording.stop(started.recordingId);
    await s.recording.conversionsIdle();
    const kept = s.recording.get(started.recordingId);
    expect(kept).toMatchObject({ status: 'completed', conversion: 'kept_webm', path: started.path, mimeType: WEBM_MIME });
    expect(kept.error).toBe(
      `This system’s recorder cannot write MP4, so the interview was recorded as WebM, and it could not be converted to MP4: ffmpeg was not found at ${missing} (named by the ffmpeg path in the settings). The WebM file is kept and plays in this app.`,
    );
    expect(readFileSync(started.path).equals(readFileSync(vp9))).toBe(true);
    expect(existsSync(join(s.paths.recordings, `${sessionId}.mp4`))).toBe(false);
    expect(await dispatch(handlers, 'recording:media', { recordingId: started.recordingId })).toMatchObject({
      ok: true,
      value: { mimeType: 'video/webm' },
    });
    const served = await s.media.respond(new Request(s.media.url(started.recordingId).url, { headers: { Range: 'bytes=0-3' } }));
    expect(served.status).toBe(206);
    expect(served.headers.get('content-type')).toBe('video/webm');
  });

  it('ffmpeg failing on a corrupt recording: completed, the WebM kept, the note carries ffmpeg’s error', async () => {
    const s = services();
    expect(await dispatch(createHandlers(s), 'recording:ffmpeg', {})).toMatchObject({
      ok: true,
      value: { available: true, reason: null, version: expect.any(String) },
    });
    const sessionId = s.sessions.create(validConfig()).id;
    const started = await s.recording.start({ sessionId, mimeType: WEBM_MIME });
    const garbage = noise(200_000, 11);
    await appendInChunks(s.recording, started.recordingId, garbage);
    await s.recording.stop(started.recordingId);
    await s.recording.conversionsIdle();
    const kept = s.recording.get(started.recordingId);
    expect(kept).toMatchObject({ status: 'completed', conversion: 'kept_webm', path: started.path });
    expect(kept.error).toMatch(
      /could not be converted to MP4: ffmpeg could not convert it: .*Invalid data found when processing input.*The WebM file is kept/,
    );
    expect(readFileSync(started.path).equals(garbage)).toBe(true);
    expect(leftovers(s.paths.recordings)).toEqual([]);
  });

  it('names: a WebM never takes a name whose MP4 another recording of the session already has', async () => {
    const s = services();
    const sessionId = s.sessions.create(validConfig()).id;
    const first = await s.recording.start({ sessionId, mimeType: 'video/mp4' });
    await s.recording.stop(first.recordingId);
    const second = await s.recording.start({ sessionId, mimeType: WEBM_MIME });
    expect(second.path).toBe(join(s.paths.recordings, `${sessionId}-2.webm`));
    await s.recording.stop(second.recordingId);
    // An empty WebM: nothing to convert, and it says so.
    await s.recording.conversionsIdle();
    expect(s.recording.get(second.recordingId)).toMatchObject({
      conversion: 'kept_webm',
      error: expect.stringContaining('the WebM file is empty: nothing was recorded'),
    });
  });
});

describe('start-up: WebM recordings an earlier run left behind', () => {
  it('a WebM cut mid-cluster by a crash is converted from what was written and marked recovered; garbage becomes failed', async () => {
    const dataDir = tempDataDir();
    const first = services({ dataDir });
    const sessionId = first.sessions.create(validConfig()).id;
    const cut = await first.recording.start({ sessionId, mimeType: WEBM_MIME });
    const bytes = readFileSync(vp9);
    await appendInChunks(first.recording, cut.recordingId, bytes);
    const other = first.sessions.create(validConfig()).id;
    const broken = await first.recording.start({ sessionId: other, mimeType: WEBM_MIME });
    await first.recording.appendChunk(broken.recordingId, 0, new Uint8Array(noise(30_000, 5)));
    // The "crash": nothing is stopped, the process is gone; the power cut lands inside a cluster.
    first.db.close();
    opened.splice(opened.indexOf(first), 1);
    truncateSync(cut.path, Math.floor(bytes.length * 0.6));

    const second = services({ dataDir });
    expect(
      second.recording
        .interrupted()
        .map((r) => r.id)
        .sort(),
    ).toEqual([cut.recordingId, broken.recordingId].sort());
    await second.initialize();
    const recovered = second.recording.get(cut.recordingId);
    const mp4 = join(second.paths.recordings, `${sessionId}.mp4`);
    expect(recovered).toMatchObject({ status: 'recovered', conversion: 'converted', path: mp4, error: null, bytes: statSync(mp4).size });
    expect(recovered.endedAt).not.toBeNull();
    expect(existsSync(cut.path)).toBe(false);
    const probe = await ffprobe(mp4);
    expect(probe.accepted, probe.stderr).toBe(true);
    expect(probe.streams.map((x) => x.codec_type).sort()).toEqual(['audio', 'video']);
    // About 60 % of six seconds survived; ffmpeg read up to the last complete block.
    expect(probe.duration!).toBeGreaterThan(2);
    expect(probe.duration!).toBeLessThan(vp9Seconds - 1);

    const failed = second.recording.get(broken.recordingId);
    expect(failed).toMatchObject({ status: 'failed', conversion: 'kept_webm', path: broken.path });
    expect(failed.error).toMatch(
      /^The app stopped while recording and the WebM could not be converted to MP4: ffmpeg could not convert it: .+\. The WebM file is kept\.$/,
    );
    expect(existsSync(broken.path)).toBe(true);
    expect(second.recording.interrupted()).toEqual([]);
  });

  it('without ffmpeg an interrupted WebM is kept as recovered with the reason; a conversion cut short by quitting is finished at the next start', async () => {
    const dataDir = tempDataDir();
    const first = services({ dataDir });
    const sessionId = first.sessions.create(validConfig()).id;
    const open = await first.recording.start({ sessionId, mimeType: WEBM_MIME });
    await appendInChunks(first.recording, open.recordingId, readFileSync(vp9));
    const quitting = await first.recording.start({ sessionId: first.sessions.create(validConfig()).id, mimeType: WEBM_MIME });
    await appendInChunks(first.recording, quitting.recordingId, readFileSync(vp9));
    await first.recording.stop(quitting.recordingId);
    // The app quits while ffmpeg converts: the run is stopped, the row stays 'converting', the WebM stays.
    first.close();
    opened.splice(opened.indexOf(first), 1);

    const noFfmpeg = join(dataDir, 'nowhere', 'ffmpeg');
    const second = services({ dataDir, recordingOptions: { ffmpegPath: noFfmpeg } });
    expect(second.recording.get(quitting.recordingId)).toMatchObject({
      status: 'completed',
      conversion: 'converting',
      path: quitting.path,
    });
    expect(existsSync(quitting.path)).toBe(true);
    await second.initialize();
    const kept = second.recording.get(open.recordingId);
    expect(kept).toMatchObject({ status: 'recovered', conversion: 'kept_webm', path: open.path, bytes: statSync(open.path).size });
    expect(kept.error).toContain(`could not be converted to MP4: ffmpeg was not found at ${noFfmpeg}`);
    expect(kept.error).toContain('The app stopped while recording; the WebM holds what was written until then.');
    expect(second.recording.get(quitting.recordingId)).toMatchObject({
      conversion: 'kept_webm',
      error: expect.stringContaining('ffmpeg was not found'),
    });
    second.close();
    opened.splice(opened.indexOf(second), 1);

    // A left-over 'converting' row with ffmpeg there: the next start finishes the job.
    const third = services({ dataDir });
    third.db.prepare(`UPDATE recordings SET conversion = 'converting', error = NULL WHERE id = ?`).run(quitting.recordingId);
    await third.initialize();
    const converted = third.recording.get(quitting.recordingId);
    expect(converted).toMatchObject({ status: 'completed', conversion: 'converted', path: quitting.path.replace(/\.webm$/, '.mp4') });
    expect(existsSync(quitting.path)).toBe(false);
    const probe = await ffprobe(converted.path);
    expect(probe.accepted, probe.stderr).toBe(true);
    expect(Math.abs(probe.duration! - vp9Seconds)).toBeLessThan(0.5);
  });
});
