import { open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { findOnPath } from '../runner/toolchains';
import { probeMp4, type ProbeTrack } from './mp4';
import { runProcess, stderrTail, type ProcessOutcome } from './remux-process';

/**
 * WebM → MP4 with ffmpeg, for systems whose MediaRecorder cannot write MP4 (older Chromium): the
 * recording is captured as WebM and converted once it is stopped (or found interrupted at start-up).
 *
 * Stream copy first: VP9 and AV1 video and Opus audio are all valid in MP4 (ffmpeg ≥ 4.3 writes Opus
 * in MP4 without `-strict experimental`; older ones need it, which is why it is passed). VP8 has no MP4
 * mapping, so only when ffmpeg refuses a codec for the container is the video re-encoded (H.264 when
 * ffmpeg has an encoder for it, else VP9), and, if the audio is refused too, the audio as AAC.
 *
 * Safety: ffmpeg writes `<output>.converting`, never the output itself. That file is checked with our own
 * MP4 parser (complete, with video samples and a duration), fsynced, and only then renamed to the output,
 * so the output name never holds a half-written MP4. The input is never touched.
 */

/** Environment variable naming the ffmpeg binary to use instead of the one on PATH. */
export const FFMPEG_ENV = 'INTERVIEW_RECORDER_FFMPEG';

export type FfmpegSource = 'setting' | 'env' | 'path';

export type FfmpegStatus =
  | { available: true; path: string; version: string; source: FfmpegSource }
  | { available: false; path: string | null; source: FfmpegSource; reason: string };

/** How the MP4 was made: stream copy, or which streams were re-encoded. */
export type RemuxMethod = 'copy' | 'transcode-video' | 'transcode';

export type RemuxResult =
  | {
      ok: true;
      output: string;
      method: RemuxMethod;
      bytes: number;
      durationMs: number;
      tracks: ProbeTrack[];
      /** The MP4's type with its codecs, as a recording row stores it. */
      mimeType: string;
      /** One sentence for people: what was done. */
      summary: string;
    }
  | {
      ok: false;
      /** One sentence for people: why there is no MP4. */
      reason: string;
      /** ffmpeg itself is missing or unusable (as opposed to failing on this file). */
      ffmpegMissing: boolean;
    };

export interface FfmpegRemuxerOptions {
  /** An ffmpeg binary chosen by the user; wins over the environment variable and PATH. A function is
   *  asked every time ffmpeg is looked for, so a change in the settings applies to the next conversion. */
  ffmpegPath?: string | null | (() => string | null);
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** One time limit for every ffmpeg run; by default it grows with the input's size (see `timeLimitFor`). */
  timeLimitMs?: number;
}

const VERSION_TIME_LIMIT_MS = 10_000;
/** ffmpeg's words when a stream's codec has no mapping in the output container. */
const CODEC_NOT_IN_CONTAINER = /codec not currently supported in container|Could not find tag for codec/i;
/** Video encoders for the re-encode, first choice first: H.264 plays everywhere, VP9 is the open fallback. */
const VIDEO_ENCODERS: ReadonlyArray<{ name: string; args: string[] }> = [
  { name: 'libx264', args: ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p'] },
  { name: 'libopenh264', args: ['-c:v', 'libopenh264', '-pix_fmt', 'yuv420p'] },
  {
    name: 'libvpx-vp9',
    args: ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1', '-b:v', '0', '-crf', '32'],
  },
];

/**
 * How long one run may take. A copy is bound by the disk (a minute, plus a second per 10 MB); a re-encode
 * by the CPU: two minutes plus eight times the media's length at the default 2.5 Mbps, so a slow machine
 * still finishes while a hung ffmpeg is still stopped.
 */
export function timeLimitFor(method: RemuxMethod, inputBytes: number): number {
  if (method === 'copy') return 60_000 + Math.ceil(inputBytes / (10 * 1024 * 1024)) * 1000;
  const mediaSeconds = inputBytes / (2_500_000 / 8);
  return 120_000 + Math.ceil(mediaSeconds * 8) * 1000;
}

export class FfmpegRemuxer {
  private readonly env: NodeJS.ProcessEnv;
  private readonly platform: NodeJS.Platform;

  constructor(private readonly options: FfmpegRemuxerOptions = {}) {
    this.env = options.env ?? process.env;
    this.platform = options.platform ?? process.platform;
  }

  /** Finds ffmpeg (the setting, else `INTERVIEW_RECORDER_FFMPEG`, else PATH) and checks that it runs. */
  async locate(): Promise<FfmpegStatus> {
    const chosen = this.options.ffmpegPath;
    const setting = (typeof chosen === 'function' ? chosen() : chosen)?.trim();
    const fromEnv = this.env[FFMPEG_ENV]?.trim();
    const source: FfmpegSource = setting ? 'setting' : fromEnv ? 'env' : 'path';
    let path: string | null;
    if (setting || fromEnv) {
      path = (setting || fromEnv)!;
      const where = setting ? 'the ffmpeg path in the settings' : `the ${FFMPEG_ENV} environment variable`;
      if (!(await isFile(path))) return { available: false, path, source, reason: `ffmpeg was not found at ${path} (named by ${where})` };
    } else {
      path = await findOnPath('ffmpeg', this.env.PATH ?? this.env.Path ?? '', this.platform, this.env.PATHEXT ?? '');
      if (!path) return { available: false, path: null, source, reason: 'ffmpeg was not found on this system (it is not on PATH)' };
    }
    const run = await runProcess(path, ['-hide_banner', '-version'], { timeLimitMs: VERSION_TIME_LIMIT_MS });
    const version = /ffmpeg version (\S+)/.exec(run.stdout)?.[1];
    if (run.code !== 0 || !version) {
      const why =
        run.spawnError?.message ??
        (run.timedOut ? 'it did not answer within 10 s' : stderrTail(run.stderr) || `it exited with ${String(run.code)}`);
      return { available: false, path, source, reason: `${path} is not a working ffmpeg (${why})` };
    }
    return { available: true, path, version, source };
  }

  /**
   * Converts `input` (WebM) to `output` (MP4). Never throws; the input is left as it is either way. An
   * existing file at `output` is replaced: the caller chooses a name no recording uses.
   */
  async remux(input: string, output: string, options: { signal?: AbortSignal } = {}): Promise<RemuxResult> {
    const ffmpeg = await this.locate();
    if (!ffmpeg.available) return { ok: false, ffmpegMissing: true, reason: ffmpeg.reason };
    let inputBytes: number;
    try {
      inputBytes = (await stat(input)).size;
    } catch (err) {
      return {
        ok: false,
        ffmpegMissing: false,
        reason: `the WebM file cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      };
    }
    if (inputBytes === 0) return { ok: false, ffmpegMissing: false, reason: 'the WebM file is empty: nothing was recorded' };

    const temp = `${output}.converting`;
    const methods: RemuxMethod[] = ['copy', 'transcode-video', 'transcode'];
    let videoEncoder: (typeof VIDEO_ENCODERS)[number] | null = null;
    try {
      for (const method of methods) {
        if (method !== 'copy' && !videoEncoder) {
          videoEncoder = await this.videoEncoder(ffmpeg.path);
          if (!videoEncoder) {
            return {
              ok: false,
              ffmpegMissing: false,
              reason: `its video codec cannot go into MP4 as it is, and this ffmpeg has none of the encoders to convert it (${VIDEO_ENCODERS.map((e) => e.name).join(', ')})`,
            };
          }
        }
        await rm(temp, { force: true });
        const timeLimitMs = this.options.timeLimitMs ?? timeLimitFor(method, inputBytes);
        const run = await runProcess(ffmpeg.path, ffmpegArgs(input, temp, method, videoEncoder?.args ?? []), {
          timeLimitMs,
          signal: options.signal,
        });
        if (run.code === 0) return await this.verified(temp, output, method, videoEncoder?.name ?? null);
        const failed = failure(run, timeLimitMs);
        if (failed) return failed;
        // Only "this codec cannot go into MP4" is worth another, slower try; any other error would repeat.
        if (!CODEC_NOT_IN_CONTAINER.test(run.stderr) || method === 'transcode')
          return {
            ok: false,
            ffmpegMissing: false,
            reason: `ffmpeg could not convert it: ${stderrTail(run.stderr) || `exit ${String(run.code)}`}`,
          };
      }
      return { ok: false, ffmpegMissing: false, reason: 'ffmpeg could not convert it' };
    } finally {
      await rm(temp, { force: true }).catch(() => undefined);
    }
  }

  /** Checks ffmpeg's MP4 with our own parser, makes it durable and gives it its name. */
  private async verified(temp: string, output: string, method: RemuxMethod, encoder: string | null): Promise<RemuxResult> {
    let probe;
    try {
      probe = await probeMp4(temp);
    } catch (err) {
      return { ok: false, ffmpegMissing: false, reason: `ffmpeg wrote a file that is not a valid MP4 (${(err as Error).message})` };
    }
    const video = probe.tracks.find((t) => t.type === 'video' && t.samples > 0);
    if (!probe.complete || !video || !(probe.durationMs > 0)) {
      return {
        ok: false,
        ffmpegMissing: false,
        reason: `ffmpeg wrote an MP4 that does not check out (${probe.problem ?? (video ? 'it has no duration' : 'it has no video frames')})`,
      };
    }
    const handle = await open(temp, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, output);
    await syncDir(dirname(output));
    const codecs = probe.tracks.filter((t) => t.samples > 0).map((t) => t.codec);
    const how =
      method === 'copy'
        ? 'its streams were copied as they are'
        : method === 'transcode-video'
          ? `its video was re-encoded with ${encoder} because its codec cannot go into MP4 as it is; the audio was copied`
          : `its video (${encoder}) and audio (AAC) were re-encoded because their codecs cannot go into MP4 as they are`;
    return {
      ok: true,
      output,
      method,
      bytes: probe.bytes,
      durationMs: probe.durationMs,
      tracks: probe.tracks,
      mimeType: `video/mp4;codecs=${codecs.join(',')}`,
      summary: `Converted from WebM to MP4 with ffmpeg: ${how}.`,
    };
  }

  private async videoEncoder(ffmpeg: string): Promise<(typeof VIDEO_ENCODERS)[number] | null> {
    const run = await runProcess(ffmpeg, ['-hide_banner', '-encoders'], { timeLimitMs: VERSION_TIME_LIMIT_MS });
    const listed = new Set(run.stdout.split('\n').map((line) => line.trim().split(/\s+/)[1]));
    return VIDEO_ENCODERS.find((e) => listed.has(e.name)) ?? null;
  }
}

function ffmpegArgs(input: string, output: string, method: RemuxMethod, videoEncoderArgs: string[]): string[] {
  const codecs =
    method === 'copy'
      ? ['-c', 'copy']
      : method === 'transcode-video'
        ? [...videoEncoderArgs, '-c:a', 'copy']
        : [...videoEncoderArgs, '-c:a', 'aac', '-b:a', '128k'];
  return [
    ...['-hide_banner', '-nostdin', '-v', 'error', '-y'],
    // A WebM cut short by a crash ends in a partial block: drop it rather than copy a damaged frame.
    ...['-fflags', '+discardcorrupt', '-i', input],
    ...['-map', '0:v:0', '-map', '0:a:0?', ...codecs],
    ...['-strict', 'experimental', '-f', 'mp4', output],
  ];
}

function failure(run: ProcessOutcome, timeLimitMs: number): RemuxResult | null {
  if (run.aborted)
    return { ok: false, ffmpegMissing: false, reason: 'the conversion was stopped before it finished (the app was closing)' };
  if (run.timedOut) {
    const limit = timeLimitMs < 1000 ? `${timeLimitMs} ms` : `${Math.round(timeLimitMs / 1000)} s`;
    return { ok: false, ffmpegMissing: false, reason: `ffmpeg did not finish within ${limit} and was stopped` };
  }
  if (run.spawnError) return { ok: false, ffmpegMissing: true, reason: `ffmpeg could not be started (${run.spawnError.message})` };
  return null;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Makes a rename durable where the platform allows fsync on a directory (not on Windows). */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not supported here; the rename is still atomic.
  }
}
