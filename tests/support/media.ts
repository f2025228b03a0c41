import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, beforeEach } from 'vitest';

/**
 * Recording fixtures made on the spot with ffmpeg (CI installs it; without it the tests fail, they do not
 * skip), and an independent look at them: a top-level box walk written separately from the code under
 * test, and ffprobe's view of streams, duration and packets.
 */

const execFileAsync = promisify(execFile);

/** Throws with the way to get ffmpeg when ffmpeg or ffprobe is missing: call it in beforeAll. */
export function requireFfmpeg(): void {
  for (const tool of ['ffmpeg', 'ffprobe']) {
    const r = spawnSync(tool, ['-version'], { encoding: 'utf8' });
    if (r.error || r.status !== 0) {
      throw new Error(
        `${tool} is required by the recording tests and was not found on PATH (${r.error?.message ?? `exit ${r.status}`}). ` +
          'Install it (Debian/Ubuntu: apt-get install -y ffmpeg; .ci/run does this in CI).',
      );
    }
  }
}

/**
 * Runs `setup` (requireFfmpeg, then making the media) once before the file's tests. If it throws, every
 * test fails with that error: a failing beforeAll alone would leave them counted as skipped.
 */
export function setupMedia(setup: () => void | Promise<void>, timeoutMs = 60_000): void {
  let failure: unknown;
  beforeAll(async () => {
    try {
      await setup();
    } catch (err) {
      failure = err;
    }
  }, timeoutMs);
  beforeEach(() => {
    if (failure) throw failure;
  });
}

export interface RecordingOptions {
  seconds?: number;
  video?: 'libx264' | 'libvpx-vp9' | 'mpeg4';
  audio?: 'libopus' | 'aac';
  /**
   * 'chromium': fragmented like MediaRecorder writes (empty moov, moof + mdat pairs, no mfra);
   * 'ffmpeg-fragmented': the same with ffmpeg's mfra trailer; 'regular': a non-fragmented MP4 (faststart).
   */
  shape?: 'chromium' | 'ffmpeg-fragmented' | 'regular';
}

const MOVFLAGS = {
  chromium: '+frag_keyframe+empty_moov+default_base_moof+skip_trailer',
  'ffmpeg-fragmented': '+frag_keyframe+empty_moov+default_base_moof',
  regular: '+faststart',
} as const;

/**
 * Writes `name` in `dir`: a 320x240 30 fps test picture and a 440 Hz stereo tone, a keyframe every
 * second, so each fragment holds one second of both tracks.
 */
export function makeRecording(dir: string, name: string, options: RecordingOptions = {}): string {
  const { seconds = 6, video = 'libx264', audio = 'libopus', shape = 'chromium' } = options;
  const file = join(dir, name);
  const videoArgs =
    video === 'libx264'
      ? ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p']
      : video === 'libvpx-vp9'
        ? ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8']
        : ['-c:v', 'mpeg4'];
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
    ...['-t', String(seconds), ...videoArgs, '-g', '30', '-c:a', audio, '-ac', '2'],
    ...['-movflags', MOVFLAGS[shape], '-f', 'mp4', file],
  ];
  const r = spawnSync('ffmpeg', args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`ffmpeg ${args.join(' ')} failed: ${r.error?.message ?? r.stderr}`);
  return file;
}

export interface TopBox {
  type: string;
  start: number;
  end: number;
  headerSize: number;
}

/** The complete top-level boxes of `bytes`, stopping at the first one that does not fit. */
export function topLevelBoxes(bytes: Buffer): TopBox[] {
  const boxes: TopBox[] = [];
  let at = 0;
  while (at + 8 <= bytes.length) {
    let size = bytes.readUInt32BE(at);
    let headerSize = 8;
    if (size === 1) {
      size = Number(bytes.readBigUInt64BE(at + 8));
      headerSize = 16;
    } else if (size === 0) size = bytes.length - at;
    if (size < headerSize || at + size > bytes.length) break;
    boxes.push({ type: bytes.toString('latin1', at + 4, at + 8), start: at, end: at + size, headerSize });
    at += size;
  }
  return boxes;
}

export interface FragmentBoxes {
  moof: TopBox;
  mdat: TopBox;
}

/** moof + mdat pairs among the top-level boxes. */
export function fragmentsOf(bytes: Buffer): FragmentBoxes[] {
  const boxes = topLevelBoxes(bytes);
  const fragments: FragmentBoxes[] = [];
  boxes.forEach((box, i) => {
    const next = boxes[i + 1];
    if (box.type === 'moof' && next?.type === 'mdat') fragments.push({ moof: box, mdat: next });
  });
  return fragments;
}

/** Offsets (in the file) of every trun's data_offset field inside `moof`, found by walking moof/traf/trun. */
export function trunDataOffsetFields(bytes: Buffer, moof: TopBox): number[] {
  const fields: number[] = [];
  const walk = (from: number, to: number, inside: string) => {
    for (let at = from; at < to;) {
      const size = bytes.readUInt32BE(at);
      const type = bytes.toString('latin1', at + 4, at + 8);
      if (inside === 'moof' && type === 'traf') walk(at + 8, at + size, 'traf');
      if (inside === 'traf' && type === 'trun' && bytes.readUInt32BE(at + 8) & 0x1) fields.push(at + 16);
      at += size;
    }
  };
  walk(moof.start + moof.headerSize, moof.end, 'moof');
  return fields;
}

/** The same file with fragment `index`'s mdat written with a 64-bit size (and its trun offsets moved to match). */
export function withLargesizeMdat(bytes: Buffer, index: number): Buffer {
  const fragment = fragmentsOf(bytes)[index]!;
  const out = Buffer.from(bytes);
  for (const field of trunDataOffsetFields(out, fragment.moof)) out.writeInt32BE(out.readInt32BE(field) + 8, field);
  const { mdat } = fragment;
  const header = Buffer.alloc(16);
  header.writeUInt32BE(1, 0);
  header.write('mdat', 4, 'latin1');
  header.writeBigUInt64BE(BigInt(mdat.end - mdat.start + 8), 8);
  return Buffer.concat([out.subarray(0, mdat.start), header, out.subarray(mdat.start + 8)]);
}

/** The same file with its last box's size field set to 0 ("runs to the end of the file"). */
export function withLastBoxToEnd(bytes: Buffer): Buffer {
  const last = topLevelBoxes(bytes).at(-1)!;
  const out = Buffer.from(bytes);
  out.writeUInt32BE(0, last.start);
  return out;
}

/** Deterministic noise (a linear congruential generator), so a failure reproduces. */
export function noise(length: number, seed = 1): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

export interface FfprobeResult {
  /** ffprobe exited 0 and printed nothing at -v error. */
  accepted: boolean;
  exitCode: number;
  stderr: string;
  streams: Array<{ codec_type: string; codec_name: string }>;
  /** format.duration in seconds; null when ffprobe gives none. */
  duration: number | null;
}

/** ffprobe -v error -show_entries format=duration -show_streams -of json FILE */
export async function ffprobe(file: string): Promise<FfprobeResult> {
  let stdout: string;
  let stderr: string;
  let exitCode = 0;
  try {
    ({ stdout, stderr } = await execFileAsync('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'format=duration',
      '-show_streams',
      '-of',
      'json',
      file,
    ]));
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    exitCode = typeof e.code === 'number' ? e.code : 1;
    stdout = e.stdout ?? '';
    stderr = e.stderr ?? String(err);
  }
  const parsed = (stdout ? JSON.parse(stdout) : {}) as { streams?: FfprobeResult['streams']; format?: { duration?: string } };
  const d = parsed.format?.duration;
  return {
    accepted: exitCode === 0 && stderr.trim() === '',
    exitCode,
    stderr: stderr.trim(),
    streams: parsed.streams ?? [],
    duration: d === undefined || d === 'N/A' ? null : Number(d),
  };
}

export interface Packet {
  stream: number;
  /** Presentation time and end, seconds. */
  pts: number;
  end: number;
  /** Byte position of the packet's data in the file. */
  pos: number;
  size: number;
  key: boolean;
}

/**
 * Every packet of the file with its time and byte position, as ffprobe demuxes them. ffprobe gives no
 * duration for some packets (Opus in MP4): those end where the stream's next packet starts, the last one a
 * typical packet later.
 */
export async function packetsOf(file: string): Promise<Packet[]> {
  const { stdout } = await execFileAsync(
    'ffprobe',
    ['-v', 'error', '-show_entries', 'packet=stream_index,pts_time,duration_time,pos,size,flags', '-of', 'json', file],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const raw = (JSON.parse(stdout) as { packets: Array<Record<string, string | number>> }).packets;
  const packets = raw.map((p) => {
    const duration = Number(p.duration_time);
    return {
      stream: Number(p.stream_index),
      pts: Number(p.pts_time),
      end: Number.isFinite(duration) ? Number(p.pts_time) + duration : NaN,
      pos: Number(p.pos),
      size: Number(p.size),
      key: String(p.flags).startsWith('K'),
    };
  });
  for (const stream of new Set(packets.map((p) => p.stream))) {
    const own = packets.filter((p) => p.stream === stream).sort((a, b) => a.pts - b.pts);
    own.forEach((p, i) => {
      if (Number.isNaN(p.end)) p.end = i + 1 < own.length ? own[i + 1]!.pts : p.pts + (own.length > 1 ? own[i]!.pts - own[i - 1]!.pts : 0);
    });
  }
  return packets;
}

/**
 * What ffprobe should say of the file cut back to `fragments` complete fragments: the span from the
 * earliest packet to the latest packet end among those whose data lies in the kept fragments' mdats.
 */
export function expectedDuration(packets: Packet[], fragments: FragmentBoxes[]): number {
  const kept = packets.filter((p) => fragments.some((f) => p.pos >= f.mdat.start && p.pos + p.size <= f.mdat.end));
  if (kept.length === 0) return 0;
  return Math.max(...kept.map((p) => p.end)) - Math.min(...kept.map((p) => p.pts));
}

/** Decodes the whole file with ffmpeg; resolves to its error output ('' when it decoded cleanly). */
export async function decodeErrors(file: string): Promise<string> {
  try {
    const { stderr } = await execFileAsync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-']);
    return stderr.trim();
  } catch (err) {
    return (err as { stderr?: string }).stderr?.trim() || String(err);
  }
}

/** Runs `fn` over `items` with at most `limit` at a time (two cores: a few ffprobes in flight). */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
