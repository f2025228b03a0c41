import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT, USAGE } from '../../electron/cli/run';
import type { ProbeReport, RecoveryReport } from '../../electron/services/recording';
import {
  decodeErrors,
  expectedDuration,
  ffprobe,
  fragmentsOf,
  makeRecording,
  mapLimit,
  noise,
  packetsOf,
  requireFfmpeg,
  setupMedia,
  topLevelBoxes,
  type FragmentBoxes,
  type Packet,
} from '../support/media';
import { runCliCaptured } from '../support/cli';

const FRAME = 1 / 30;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let dir: string;
/** Where the CLI is told its data directory is: it must never be created by these commands. */
let dataDir: string;
let original: string;
let intact: Buffer;
let fragments: FragmentBoxes[];
let moovEnd: number;
let packets: Packet[];

setupMedia(async () => {
  requireFfmpeg();
  dir = mkdtempSync(join(tmpdir(), 'ir-cli-recording-'));
  dataDir = join(dir, 'no-data-dir');
  original = makeRecording(dir, 'recording.mp4');
  intact = readFileSync(original);
  fragments = fragmentsOf(intact);
  moovEnd = topLevelBoxes(intact).find((b) => b.type === 'moov')!.end;
  packets = await packetsOf(original);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function cli(argv: string[]): Run {
  return runCliCaptured(argv, { env: { INTERVIEW_RECORDER_DATA_DIR: dataDir } });
}

let n = 0;
function copyOf(bytes: Buffer, name = `copy-${++n}.mp4`): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

const oneLineError = (r: Run) => {
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^error: [^\n]+\n$/);
};

describe('recording probe', () => {
  it('prints the tracks, fragments and duration of a MediaRecorder-shaped recording, agreeing with ffprobe', async () => {
    const r = cli(['recording', 'probe', original]);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(r.stderr).toBe('');
    const probe = JSON.parse(r.stdout) as ProbeReport;
    expect(probe).toMatchObject({ container: 'mp4', fragmented: true, complete: true, bytes: intact.length, problem: null });
    expect(probe.tracks).toHaveLength(2);
    expect(probe.tracks[0]).toMatchObject({ id: 1, type: 'video', width: 320, height: 240 });
    expect(probe.tracks[0]!.codec).toMatch(/^avc1\.[0-9a-f]{6}$/);
    expect(probe.tracks[1]).toMatchObject({ id: 2, type: 'audio', codec: 'opus', timescale: 48000, sampleRate: 48000, channels: 2 });

    // Fragments: the independent box walk, and ffprobe's keyframes (one per fragment with frag_keyframe).
    const keyframes = packets.filter((p) => p.stream === 0 && p.key).length;
    expect(probe.fragmentCount).toBe(fragments.length);
    expect(probe.fragmentCount).toBe(keyframes);
    expect(probe.fragmentCount).toBeGreaterThanOrEqual(6);

    const seen = await ffprobe(original);
    expect(seen.accepted, seen.stderr).toBe(true);
    expect(Math.abs(probe.durationMs / 1000 - seen.duration!)).toBeLessThanOrEqual(Math.min(0.05, FRAME));
    expect(probe.tracks.map((t) => t.samples)).toEqual([0, 1].map((s) => packets.filter((p) => p.stream === s).length));
  });

  it('reports a recording cut in the middle as incomplete, counting only whole fragments', () => {
    const cut = fragments[3]!.mdat.start + 100;
    const r = cli(['recording', 'probe', copyOf(intact.subarray(0, cut))]);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    const probe = JSON.parse(r.stdout) as ProbeReport;
    expect(probe).toMatchObject({ complete: false, fragmentCount: 3, bytes: cut });
    expect(probe.problem).toContain(`incomplete 'mdat' at byte ${fragments[3]!.mdat.start}`);
  });

  it('exits 2 with a one-line error for files that are not MP4 or cannot be read', () => {
    const cases: Array<[string, string | RegExp]> = [
      [copyOf(noise(4096, 7), 'noise.bin'), /is not an MP4 file: it does not start with an ftyp box/],
      [
        copyOf(Buffer.from('hello, this is a text file\n'), 'notes.txt'),
        /is not an MP4 file: it does not start with an ftyp box \(the first box is 'o, t'\)/,
      ],
      [copyOf(Buffer.alloc(0), 'empty.mp4'), /is not an MP4 file: the file is empty \(0 bytes\)/],
      [copyOf(intact.subarray(0, 6), 'six-bytes.mp4'), /too short for an MP4 box header/],
      [join(dir, 'missing.mp4'), /cannot read .*missing\.mp4: no such file/],
      [dir, /cannot read .*: it is a directory/],
    ];
    for (const [file, message] of cases) {
      const r = cli(['recording', 'probe', file]);
      expect(r.code, file).toBe(EXIT.invalid);
      oneLineError(r);
      expect(r.stderr).toMatch(message);
    }
  });

  it('checks its arguments and needs no data directory', () => {
    for (const argv of [['recording', 'probe'], ['recording', 'probe', 'a', 'b'], ['recording'], ['recording', 'play', original]]) {
      const r = cli(argv);
      expect(r.code, argv.join(' ')).toBe(EXIT.invalid);
      oneLineError(r);
    }
    expect(cli(['recording', 'probe', original, '--json']).code).toBe(EXIT.ok);
    expect(existsSync(dataDir)).toBe(false);
    expect(USAGE).toContain('recording probe FILE');
    expect(USAGE).toContain('recording recover FILE');
  });
});

interface CutCase {
  at: number;
  label: string;
}

/** Every fragment boundary, several points inside each moof and each mdat, inside the ftyp and the moov, and 0. */
function cutPoints(): CutCase[] {
  const boxes = topLevelBoxes(intact);
  const ftyp = boxes[0]!;
  const moov = boxes.find((b) => b.type === 'moov')!;
  const cuts: CutCase[] = [
    { at: 0, label: 'zero bytes' },
    { at: 4, label: 'inside the ftyp header' },
    { at: ftyp.end - 3, label: 'inside the ftyp' },
    { at: moov.start + 4, label: 'inside the moov header' },
    { at: moov.start + 8, label: 'just after the moov header' },
    { at: Math.floor((moov.start + moov.end) / 2), label: 'middle of the moov' },
    { at: moov.end - 1, label: 'last byte of the moov missing' },
    { at: moov.end, label: 'init segment only' },
  ];
  fragments.forEach(({ moof, mdat }, i) => {
    const f = `fragment ${i + 1}`;
    cuts.push(
      { at: moof.start + 3, label: `${f}: inside the moof size` },
      { at: moof.start + 8, label: `${f}: after the moof header` },
      { at: moof.start + 40, label: `${f}: inside the mfhd/traf` },
      { at: Math.floor((moof.start + moof.end) / 2), label: `${f}: middle of the moof` },
      { at: moof.end - 1, label: `${f}: moof missing its last byte` },
      { at: moof.end, label: `${f}: moof complete, no mdat` },
      { at: mdat.start + 5, label: `${f}: inside the mdat header` },
      { at: mdat.start + 8, label: `${f}: mdat header only` },
      { at: mdat.start + 100, label: `${f}: start of the mdat` },
      { at: Math.floor((mdat.start + mdat.end) / 2), label: `${f}: middle of the mdat` },
      { at: mdat.end - 1, label: `${f}: mdat missing its last byte` },
      { at: mdat.end, label: `${f}: fragment boundary` },
    );
  });
  return cuts;
}

describe('recording recover', () => {
  it('leaves an intact recording exactly as it was', () => {
    const file = copyOf(intact);
    const r = cli(['recording', 'recover', file]);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    const report = JSON.parse(r.stdout) as RecoveryReport;
    expect(report).toMatchObject({
      ok: true,
      playable: true,
      truncated: false,
      originalBytes: intact.length,
      keptBytes: intact.length,
      fragments: fragments.length,
    });
    expect(readFileSync(file).equals(intact)).toBe(true);
  });

  it('cuts a recording interrupted anywhere back to its last complete fragment, which ffprobe accepts in full', async () => {
    const cuts = cutPoints();
    expect(cuts.length).toBeGreaterThan(70);
    const checks: Array<{ cut: CutCase; file: string; report: RecoveryReport; kept: FragmentBoxes[] }> = [];
    for (const cut of cuts) {
      const what = `cut at byte ${cut.at} (${cut.label})`;
      const cutBytes = intact.subarray(0, cut.at);
      const file = copyOf(cutBytes);
      const r = cli(['recording', 'recover', file]);
      const report = JSON.parse(r.stdout) as RecoveryReport;
      const kept = fragments.filter((f) => f.mdat.end <= cut.at);
      expect(report.originalBytes, what).toBe(cut.at);

      if (cut.at < moovEnd) {
        // No complete init segment: not recoverable, and the file is left alone.
        expect(r.code, what).toBe(EXIT.error);
        expect(report, what).toMatchObject({ ok: false, playable: false, truncated: false, keptBytes: cut.at, fragments: 0 });
        expect(report.reason, what).toMatch(cut.at < 8 ? /not an MP4 file/ : /no complete init segment/);
        expect(readFileSync(file).equals(cutBytes), what).toBe(true);
        continue;
      }
      const keep = kept.length > 0 ? kept.at(-1)!.mdat.end : moovEnd;
      expect(r.code, `${what}: ${r.stdout}`).toBe(kept.length > 0 ? EXIT.ok : EXIT.error);
      expect(report, what).toMatchObject({
        ok: true,
        playable: kept.length > 0,
        keptBytes: keep,
        fragments: kept.length,
        truncated: cut.at > keep,
      });
      expect(statSync(file).size, what).toBe(keep);
      expect(readFileSync(file).equals(intact.subarray(0, keep)), what).toBe(true);
      checks.push({ cut, file, report, kept });
    }

    // ffprobe accepts every result without a complaint, with both streams and every kept fragment's time.
    // Each result was just checked to be byte for byte the file's first keptBytes, so each distinct length
    // is probed once (from its first cut), which keeps this at a few ffprobe runs instead of ~80.
    const distinct = [...new Map(checks.map((c) => [c.report.keptBytes, c])).values()];
    expect(distinct).toHaveLength(fragments.length + 1);
    const probes = new Map(await mapLimit(distinct, 2, async (c) => [c.report.keptBytes, await ffprobe(c.file)] as const));
    for (const { cut, report, kept } of checks) {
      const what = `cut at byte ${cut.at} (${cut.label})`;
      const seen = probes.get(report.keptBytes)!;
      expect(seen.accepted, `${what}: ${seen.stderr}`).toBe(true);
      expect(
        seen.streams.map((s) => `${s.codec_type}:${s.codec_name}`),
        what,
      ).toEqual(['video:h264', 'audio:opus']);
      if (kept.length === 0) {
        expect(seen.duration, what).toBeNull();
        expect(report.durationMs, what).toBe(0);
        continue;
      }
      // No shorter (nor longer) than the kept fragments' packets, within one frame; the report agrees.
      const expected = expectedDuration(packets, kept);
      expect(seen.duration, what).not.toBeNull();
      expect(seen.duration!, what).toBeGreaterThanOrEqual(expected - FRAME - 1e-6);
      expect(seen.duration!, what).toBeLessThanOrEqual(expected + FRAME + 1e-6);
      expect(Math.abs(report.durationMs / 1000 - seen.duration!), what).toBeLessThanOrEqual(0.05);
    }
  }, 30_000);

  it('leaves files that decode without a single error', async () => {
    const files = fragments.map(({ mdat }, i) => {
      const file = copyOf(intact.subarray(0, Math.floor((mdat.start + mdat.end) / 2)), `decode-${i}.mp4`);
      expect(cli(['recording', 'recover', file]).code).toBe(i === 0 ? EXIT.error : EXIT.ok);
      return file;
    });
    const errors = await mapLimit(files.slice(1), 2, decodeErrors);
    expect(errors).toEqual(files.slice(1).map(() => ''));
  }, 30_000);

  it('cuts garbage appended after the last fragment, and a second run finds nothing to do', () => {
    const tails = [
      noise(5000, 3),
      Buffer.from('\n\n-- garbage from a crashed writer --\n'),
      Buffer.from([0, 0, 0, 0x20, 0xff, 0xfe, 0xfd, 0xfc]),
    ];
    for (const tail of tails) {
      const file = copyOf(Buffer.concat([intact, tail]));
      const r = cli(['recording', 'recover', file]);
      expect(r.code, r.stdout).toBe(EXIT.ok);
      expect(JSON.parse(r.stdout)).toMatchObject({
        ok: true,
        playable: true,
        truncated: true,
        originalBytes: intact.length + tail.length,
        keptBytes: intact.length,
        fragments: fragments.length,
      });
      expect(readFileSync(file).equals(intact)).toBe(true);
      const again = cli(['recording', 'recover', file]);
      expect(again.code).toBe(EXIT.ok);
      expect(JSON.parse(again.stdout)).toMatchObject({ truncated: false, keptBytes: intact.length });
    }
  });

  it('exits 1 for what cannot be recovered and leaves it untouched, 2 for a path it cannot read', () => {
    const notMp4 = noise(3000, 11);
    const file = copyOf(notMp4, 'noise.mp4');
    const r = cli(['recording', 'recover', file]);
    expect(r.code).toBe(EXIT.error);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, playable: false, truncated: false, keptBytes: 3000 });
    expect((JSON.parse(r.stdout) as RecoveryReport).reason).toMatch(/^not an MP4 file/);
    expect(readFileSync(file).equals(notMp4)).toBe(true);

    for (const path of [join(dir, 'nope.mp4'), dir]) {
      const missing = cli(['recording', 'recover', path]);
      expect(missing.code).toBe(EXIT.invalid);
      oneLineError(missing);
    }
    expect(cli(['recording', 'recover']).code).toBe(EXIT.invalid);
    expect(existsSync(dataDir)).toBe(false);
  });
});
