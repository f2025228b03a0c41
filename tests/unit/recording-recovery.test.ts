import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeMp4Sync, recoverMp4, recoverMp4Sync, type RecoveryReport } from '../../electron/services/recording';
import { AppError } from '../../shared/ipc/result';
import {
  ffprobe,
  fragmentsOf,
  makeRecording,
  mapLimit,
  noise,
  requireFfmpeg,
  setupMedia,
  topLevelBoxes,
  trunDataOffsetFields,
  withLargesizeMdat,
  withLastBoxToEnd,
  type FragmentBoxes,
} from '../support/media';

let dir: string;
/** MediaRecorder's shape: empty moov, moof + mdat pairs, no mfra. */
let chromium: Buffer;
let fragments: FragmentBoxes[];
let moovEnd: number;
/** ffmpeg's own fragmented output: the same, ending with an mfra index. */
let withMfra: Buffer;
/** A regular MP4 (samples indexed in the moov, moov first). */
let regular: Buffer;

setupMedia(() => {
  requireFfmpeg();
  dir = mkdtempSync(join(tmpdir(), 'ir-recovery-'));
  chromium = readFileSync(makeRecording(dir, 'chromium.mp4', { seconds: 4 }));
  fragments = fragmentsOf(chromium);
  moovEnd = topLevelBoxes(chromium).find((b) => b.type === 'moov')!.end;
  withMfra = readFileSync(makeRecording(dir, 'mfra.mp4', { seconds: 3, audio: 'aac', shape: 'ffmpeg-fragmented' }));
  regular = readFileSync(makeRecording(dir, 'regular.mp4', { seconds: 2, shape: 'regular' }));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function write(bytes: Buffer, name = `case-${++n}.mp4`): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** Recovers a copy of `bytes` with the async API and checks what the file holds afterwards. */
async function recover(bytes: Buffer): Promise<{ report: RecoveryReport; after: Buffer; file: string }> {
  const file = write(bytes);
  const report = await recoverMp4(file);
  return { report, after: readFileSync(file), file };
}

describe('recoverMp4', () => {
  it('keeps every complete fragment wherever the recording was cut, identically with the sync and async APIs', async () => {
    // A hundred points spread over the file, plus every box boundary and the bytes on either side of it.
    const cuts = new Set<number>();
    for (let at = 0; at <= chromium.length; at += Math.ceil(chromium.length / 100)) cuts.add(at);
    for (const box of topLevelBoxes(chromium))
      for (const at of [box.start - 1, box.start, box.start + 1, box.end - 1]) if (at >= 0) cuts.add(at);
    cuts.add(chromium.length);
    for (const at of [...cuts].sort((a, b) => a - b)) {
      const what = `cut at byte ${at}`;
      const cut = chromium.subarray(0, at);
      const a = write(cut, 'async.mp4');
      const b = write(cut, 'sync.mp4');
      const report = await recoverMp4(a);
      expect(recoverMp4Sync(b), what).toEqual(report);
      expect(readFileSync(a).equals(readFileSync(b)), what).toBe(true);

      const kept = fragments.filter((f) => f.mdat.end <= at);
      if (at < moovEnd) {
        expect(report, what).toMatchObject({ ok: false, playable: false, truncated: false, keptBytes: at });
        expect(readFileSync(a).equals(cut), what).toBe(true);
        continue;
      }
      const keep = kept.length > 0 ? kept.at(-1)!.mdat.end : moovEnd;
      expect(report, what).toMatchObject({
        ok: true,
        playable: kept.length > 0,
        fragments: kept.length,
        keptBytes: keep,
        truncated: keep < at,
        originalBytes: at,
      });
      expect(readFileSync(a).equals(chromium.subarray(0, keep)), what).toBe(true);
    }
  }, 30_000);

  it('reports what it kept: fragments, bytes and the duration probe gives for the result', async () => {
    const at = fragments[2]!.mdat.start + 1000;
    const { report, file } = await recover(chromium.subarray(0, at));
    const probe = probeMp4Sync(file);
    expect(report).toEqual({
      ok: true,
      playable: true,
      originalBytes: at,
      keptBytes: fragments[1]!.mdat.end,
      fragments: 2,
      durationMs: probe.durationMs,
      truncated: true,
      reason: `cut ${at - fragments[1]!.mdat.end} bytes after the last complete fragment (incomplete 'mdat' at byte ${fragments[2]!.mdat.start}: ${
        fragments[2]!.mdat.end - fragments[2]!.mdat.start
      } bytes announced, ${at - fragments[2]!.mdat.start} present); kept 2 complete fragments`,
    });
    expect(probe).toMatchObject({ complete: true, fragmentCount: 2 });
    expect(report.durationMs).toBeGreaterThan(1900);
    expect(report.durationMs).toBeLessThan(2200);
  });

  it('cuts back to the init segment when even the first fragment is incomplete: well-formed, but no media', async () => {
    const { report, after } = await recover(chromium.subarray(0, fragments[0]!.mdat.start + 50));
    expect(report).toMatchObject({ ok: true, playable: false, fragments: 0, durationMs: 0, truncated: true, keptBytes: moovEnd });
    expect(report.reason).toMatch(/no complete fragment, so no media/);
    expect(after.equals(chromium.subarray(0, moovEnd))).toBe(true);
  });

  it('leaves a file without a complete init segment untouched: zero bytes, a cut moov, not MP4 at all', async () => {
    const cases: Array<[Buffer, RegExp]> = [
      [Buffer.alloc(0), /^not an MP4 file: the file is empty \(0 bytes\); left untouched$/],
      [
        chromium.subarray(0, 20),
        /^no complete init segment \(ftyp \+ moov\): incomplete 'ftyp' at byte 0: \d+ bytes announced, 20 present/,
      ],
      [chromium.subarray(0, moovEnd - 1), /^no complete init segment \(ftyp \+ moov\): incomplete 'moov' at byte \d+/],
      [noise(10_000, 5), /^not an MP4 file: it does not start with an ftyp box/],
      [Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n'), noise(500)]), /^not an MP4 file/],
      // A moof before any moov: the init segment never came.
      [
        Buffer.concat([chromium.subarray(0, topLevelBoxes(chromium)[0]!.end), chromium.subarray(fragments[0]!.moof.start)]),
        /no complete init segment.*a moof at byte 28 before any moov/,
      ],
    ];
    for (const [bytes, reason] of cases) {
      const { report, after } = await recover(bytes);
      expect(report).toMatchObject({
        ok: false,
        playable: false,
        truncated: false,
        originalBytes: bytes.length,
        keptBytes: bytes.length,
        fragments: 0,
      });
      expect(report.reason).toMatch(reason);
      expect(after.equals(bytes)).toBe(true);
    }
  });

  it('cuts garbage after the last fragment, keeping complete boxes that may follow it', async () => {
    const free = Buffer.alloc(24);
    free.writeUInt32BE(24, 0);
    free.write('free', 4, 'latin1');
    const bogusHeader = Buffer.from([0x7f, 0xff, 0xff, 0xff, 0x6d, 0x64, 0x61, 0x74]); // an 'mdat' of 2 GB that never came
    const cases: Array<[Buffer, number]> = [
      [Buffer.concat([chromium, noise(3000, 9)]), chromium.length],
      [Buffer.concat([chromium, Buffer.from('garbage\n')]), chromium.length],
      [Buffer.concat([chromium, bogusHeader, noise(100)]), chromium.length],
      [Buffer.concat([chromium, free, noise(700, 2)]), chromium.length + free.length],
      [Buffer.concat([chromium, Buffer.alloc(5)]), chromium.length],
    ];
    for (const [bytes, keep] of cases) {
      const { report, after } = await recover(bytes);
      expect(report).toMatchObject({ ok: true, playable: true, truncated: true, keptBytes: keep, fragments: fragments.length });
      expect(after.equals(bytes.subarray(0, keep))).toBe(true);
    }
  });

  it('checks each fragment against its mdat: a moof without its mdat, or pointing outside it, ends what is kept', async () => {
    const third = fragments[2]!;
    // The third fragment's moof followed by another moof instead of its mdat.
    const orphan = Buffer.concat([chromium.subarray(0, third.moof.end), chromium.subarray(fragments[3]!.moof.start)]);
    // The third fragment's samples said to lie 1 MB further on.
    const astray = Buffer.from(chromium);
    const field = trunDataOffsetFields(astray, third.moof)[0]!;
    astray.writeInt32BE(astray.readInt32BE(field) + 1_000_000, field);
    // The third fragment for a track the moov does not have.
    const stranger = Buffer.from(chromium);
    const tfhd = stranger.indexOf('tfhd', third.moof.start, 'latin1');
    stranger.writeUInt32BE(99, tfhd + 8);

    const cases: Array<[Buffer, RegExp]> = [
      [orphan, /the moof at byte \d+ is followed by 'moof', not by its mdat/],
      [astray, /puts sample data at bytes \d+–\d+, outside its mdat/],
      [stranger, /malformed moof at byte \d+: the traf at offset \d+ is for track 99, which the moov does not have/],
    ];
    for (const [bytes, reason] of cases) {
      const { report, after } = await recover(bytes);
      expect(report).toMatchObject({ ok: true, playable: true, truncated: true, fragments: 2, keptBytes: fragments[1]!.mdat.end });
      expect(report.reason).toMatch(reason);
      expect(after.equals(chromium.subarray(0, fragments[1]!.mdat.end))).toBe(true);
    }
  });

  it('handles an mdat that runs to the end of the file (size 0) and one with a 64-bit size', async () => {
    const toEnd = withLastBoxToEnd(chromium);
    const intactToEnd = await recover(toEnd);
    expect(intactToEnd.report).toMatchObject({ ok: true, truncated: false, fragments: fragments.length });
    // Cut inside a size-0 mdat, the box still "ends" at the end of the file: its samples tell it is short.
    const cutToEnd = await recover(toEnd.subarray(0, fragments.at(-1)!.mdat.end - 10));
    expect(cutToEnd.report).toMatchObject({
      ok: true,
      truncated: true,
      fragments: fragments.length - 1,
      keptBytes: fragments.at(-1)!.moof.start,
    });
    expect(cutToEnd.report.reason).toMatch(/outside its mdat/);

    const large = withLargesizeMdat(chromium, 1);
    const intactLarge = await recover(large);
    expect(intactLarge.report).toMatchObject({ ok: true, truncated: false, fragments: fragments.length, keptBytes: large.length });
    const largeFragments = fragmentsOf(large);
    expect(largeFragments[1]!.mdat.headerSize).toBe(16);
    const cutLarge = await recover(large.subarray(0, largeFragments[1]!.mdat.start + 12));
    expect(cutLarge.report).toMatchObject({ ok: true, truncated: true, fragments: 1, keptBytes: largeFragments[0]!.mdat.end });
    const cutAfterLarge = await recover(large.subarray(0, largeFragments[2]!.mdat.start + 12));
    expect(cutAfterLarge.report).toMatchObject({ ok: true, truncated: true, fragments: 2, keptBytes: largeFragments[1]!.mdat.end });

    // ffprobe agrees these are whole files with both streams.
    const files = [intactToEnd.file, cutToEnd.file, intactLarge.file, cutAfterLarge.file];
    for (const seen of await mapLimit(files, 2, ffprobe)) {
      expect(seen.accepted, seen.stderr).toBe(true);
      expect(seen.streams).toHaveLength(2);
    }
  });

  it("cuts a truncated mfra (ffmpeg's fragment index) and keeps a complete one", async () => {
    const boxes = topLevelBoxes(withMfra);
    const mfra = boxes.at(-1)!;
    expect(mfra.type).toBe('mfra');
    const whole = await recover(withMfra);
    expect(whole.report).toMatchObject({ ok: true, playable: true, truncated: false, keptBytes: withMfra.length });
    const cut = await recover(withMfra.subarray(0, mfra.end - 4));
    expect(cut.report).toMatchObject({
      ok: true,
      playable: true,
      truncated: true,
      keptBytes: mfra.start,
      fragments: fragmentsOf(withMfra).length,
    });
    expect((await ffprobe(cut.file)).accepted).toBe(true);
  });

  it('accepts a complete regular MP4 as it is and leaves a broken one alone', async () => {
    const whole = await recover(regular);
    expect(whole.report).toMatchObject({ ok: true, playable: true, truncated: false, fragments: 0, keptBytes: regular.length });
    expect(whole.report.durationMs).toBe(2000);
    expect(whole.after.equals(regular)).toBe(true);

    const broken = regular.subarray(0, regular.length - 1000);
    const cut = await recover(broken);
    expect(cut.report).toMatchObject({ ok: false, playable: false, truncated: false, keptBytes: broken.length });
    expect(cut.report.reason).toMatch(/^a regular \(not fragmented\) MP4 that does not end cleanly/);
    expect(cut.after.equals(broken)).toBe(true);
  });

  it('rejects a path it cannot read with invalid_input, and changes nothing', async () => {
    for (const [path, message] of [
      [join(dir, 'missing.mp4'), /^cannot read .*missing\.mp4: no such file$/],
      [dir, /^cannot read .*: it is a directory$/],
    ] as const) {
      const err = await recoverMp4(path).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'invalid_input' });
      expect((err as Error).message).toMatch(message);
      expect(() => recoverMp4Sync(path)).toThrow(message);
    }
    expect(statSync(dir).isDirectory()).toBe(true);
  });
});
