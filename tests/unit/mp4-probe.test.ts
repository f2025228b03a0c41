import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeMp4, probeMp4Sync, type ProbeReport } from '../../electron/services/recording';
import { AppError } from '../../shared/ipc/result';
import {
  ffprobe,
  fragmentsOf,
  makeRecording,
  mapLimit,
  noise,
  packetsOf,
  requireFfmpeg,
  setupMedia,
  topLevelBoxes,
  withLargesizeMdat,
  withLastBoxToEnd,
  type RecordingOptions,
} from '../support/media';

const FRAME_MS = 1000 / 30;

interface Encoded {
  name: string;
  options: RecordingOptions;
  file: string;
  /** What probe should say of the tracks. */
  tracks: Array<Omit<Partial<ProbeReport['tracks'][number]>, 'codec'> & { codec: string | RegExp }>;
}

let dir: string;
const encoded: Encoded[] = [
  {
    name: 'H.264 + Opus, fragmented like MediaRecorder',
    options: { seconds: 3 },
    file: '',
    tracks: [
      { id: 1, type: 'video', codec: /^avc1\.64[0-9a-f]{4}$/, width: 320, height: 240 },
      { id: 2, type: 'audio', codec: 'opus', sampleRate: 48000, channels: 2 },
    ],
  },
  {
    name: 'VP9 + Opus, fragmented like MediaRecorder',
    options: { seconds: 3, video: 'libvpx-vp9' },
    file: '',
    tracks: [
      { id: 1, type: 'video', codec: /^vp09\.00\.\d\d\.08$/, width: 320, height: 240 },
      { id: 2, type: 'audio', codec: 'opus', sampleRate: 48000, channels: 2 },
    ],
  },
  {
    name: 'MPEG-4 part 2 + AAC, fragmented by ffmpeg with an mfra',
    options: { seconds: 3, video: 'mpeg4', audio: 'aac', shape: 'ffmpeg-fragmented' },
    file: '',
    tracks: [
      { id: 1, type: 'video', codec: /^mp4v\.20(\.\d+)?$/, width: 320, height: 240 },
      { id: 2, type: 'audio', codec: 'mp4a.40.2', sampleRate: 48000, channels: 2 },
    ],
  },
];
let regular: string;

setupMedia(() => {
  requireFfmpeg();
  dir = mkdtempSync(join(tmpdir(), 'ir-mp4-probe-'));
  encoded.forEach((e, i) => {
    e.file = makeRecording(dir, `encoded-${i}.mp4`, e.options);
  });
  regular = makeRecording(dir, 'regular.mp4', { seconds: 2, audio: 'aac', shape: 'regular' });
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function write(bytes: Buffer): string {
  const file = join(dir, `variant-${++n}.mp4`);
  writeFileSync(file, bytes);
  return file;
}

describe('probeMp4', () => {
  it('agrees with ffprobe on tracks, codecs, samples, fragments and duration', async () => {
    for (const e of encoded) {
      const probe = await probeMp4(e.file);
      const bytes = readFileSync(e.file);
      expect(probe, e.name).toMatchObject({ container: 'mp4', fragmented: true, complete: true, bytes: bytes.length, problem: null });
      expect(probe.tracks, e.name).toHaveLength(e.tracks.length);
      e.tracks.forEach(({ codec, ...rest }, i) => {
        expect(probe.tracks[i], e.name).toMatchObject(rest);
        expect(probe.tracks[i]!.codec, e.name).toMatch(codec);
      });

      const [seen, packets] = await Promise.all([ffprobe(e.file), packetsOf(e.file)]);
      expect(seen.accepted, seen.stderr).toBe(true);
      // One fragment per keyframe (frag_keyframe), and per moof + mdat pair in the file.
      expect(probe.fragmentCount, e.name).toBe(packets.filter((p) => p.stream === 0 && p.key).length);
      expect(probe.fragmentCount, e.name).toBe(fragmentsOf(bytes).length);
      expect(probe.fragmentCount, e.name).toBe(3);
      expect(
        probe.tracks.map((t) => t.samples),
        e.name,
      ).toEqual([0, 1].map((s) => packets.filter((p) => p.stream === s).length));
      expect(Math.abs(probe.durationMs - seen.duration! * 1000), e.name).toBeLessThanOrEqual(Math.min(50, FRAME_MS));
    }
  });

  it('takes a regular MP4 duration from its headers', async () => {
    const probe = probeMp4Sync(regular);
    expect(probe).toMatchObject({ fragmented: false, fragmentCount: 0, complete: true, problem: null });
    expect(probe.tracks.map((t) => t.codec)).toEqual([expect.stringMatching(/^avc1\./), 'mp4a.40.2']);
    const seen = await ffprobe(regular);
    expect(Math.abs(probe.durationMs - seen.duration! * 1000)).toBeLessThanOrEqual(Math.min(50, FRAME_MS));
  });

  it('gives the same answer synchronously and asynchronously', async () => {
    for (const file of [...encoded.map((e) => e.file), regular]) expect(probeMp4Sync(file)).toEqual(await probeMp4(file));
  });

  it('reads a size-0 last mdat and a 64-bit mdat size like their 32-bit forms, as ffprobe does', async () => {
    const original = readFileSync(encoded[0]!.file);
    const reference = probeMp4Sync(encoded[0]!.file);
    const variants = [withLastBoxToEnd(original), withLargesizeMdat(original, 0), withLargesizeMdat(withLargesizeMdat(original, 2), 1)].map(
      write,
    );
    const seen = await mapLimit(variants, 2, ffprobe);
    for (const [i, file] of variants.entries()) {
      const probe = probeMp4Sync(file);
      expect(probe).toEqual({ ...reference, bytes: readFileSync(file).length });
      expect(seen[i]!.accepted, seen[i]!.stderr).toBe(true);
      expect(Math.abs(probe.durationMs - seen[i]!.duration! * 1000)).toBeLessThanOrEqual(Math.min(50, FRAME_MS));
    }
  });

  it('says what is wrong with an incomplete file, counting only whole fragments', () => {
    const bytes = readFileSync(encoded[2]!.file);
    const fragments = fragmentsOf(bytes);
    const moov = topLevelBoxes(bytes).find((b) => b.type === 'moov')!;
    const cases: Array<[Buffer, Partial<ProbeReport>, RegExp]> = [
      [
        bytes.subarray(0, fragments[1]!.moof.start + 30),
        { fragmentCount: 1 },
        /^incomplete 'moof' at byte \d+: \d+ bytes announced, 30 present$/,
      ],
      [bytes.subarray(0, fragments[1]!.moof.end), { fragmentCount: 1 }, /^the file ends after the moof at byte \d+, before its mdat$/],
      [Buffer.concat([bytes, noise(64)]), { fragmentCount: 3 }, /^no box at byte \d+: bytes [0-9a-f]{8} are not a box type$/],
      [bytes.subarray(0, moov.end), { fragmentCount: 0, durationMs: 0 }, /^the file holds no complete fragment/],
      [bytes.subarray(0, moov.end - 10), { fragmentCount: 0, tracks: [], fragmented: false }, /^incomplete 'moov' at byte \d+/],
      [bytes.subarray(0, 12), { fragmentCount: 0, tracks: [] }, /^incomplete 'ftyp' at byte 0/],
    ];
    for (const [cut, expected, problem] of cases) {
      const probe = probeMp4Sync(write(cut));
      expect(probe).toMatchObject({ ...expected, complete: false, bytes: cut.length });
      expect(probe.problem).toMatch(problem);
    }
  });

  it('refuses a file that is not MP4, or that it cannot read, with invalid_input', async () => {
    const cases: Array<[string, RegExp]> = [
      [write(noise(2048, 4)), /is not an MP4 file: it does not start with an ftyp box/],
      [write(Buffer.alloc(0)), /is not an MP4 file: the file is empty \(0 bytes\)/],
      [
        write(Buffer.concat([Buffer.from([0, 0, 0, 16]), Buffer.from('moov'), Buffer.alloc(8)])),
        /it does not start with an ftyp box \(the first box is 'moov'\)/,
      ],
      [join(dir, 'absent.mp4'), /cannot read .*absent\.mp4: no such file/],
    ];
    for (const [file, message] of cases) {
      const err = await probeMp4(file).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
      expect(() => probeMp4Sync(file)).toThrow(message);
    }
  });
});
