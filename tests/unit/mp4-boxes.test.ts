import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBoxHeader, scanMp4, scanDurations, runSync, type Mp4Scan, type Reads } from '../../electron/services/recording/mp4';
import { readSampleEntry } from '../../electron/services/recording/mp4/codec';

/**
 * The box walker on hand-built bytes: header forms (64-bit size, size 0, uuid, garbage) and fragment layouts
 * that ffmpeg does not write but other muxers may (explicit base offsets, runs without data offsets, no
 * tfdt, signed composition offsets, several runs and track fragments).
 */

const u8 = (n: number) => Buffer.from([n]);
const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};
const i32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const u64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
};
const zeros = (n: number) => Buffer.alloc(n);

function box(type: string, ...parts: Buffer[]): Buffer {
  const payload = Buffer.concat(parts);
  return Buffer.concat([u32(8 + payload.length), Buffer.from(type, 'latin1'), payload]);
}
function fullBox(type: string, version: number, flags: number, ...parts: Buffer[]): Buffer {
  return box(type, u8(version), Buffer.from([(flags >> 16) & 0xff, (flags >> 8) & 0xff, flags & 0xff]), ...parts);
}

/** Runs a scan over an in-memory file. */
function scanBytes(bytes: Buffer): Mp4Scan {
  const reads: Reads<Mp4Scan> = scanMp4(bytes.length);
  let step = reads.next();
  while (!step.done) step = reads.next(bytes.subarray(step.value.offset, step.value.offset + step.value.length));
  return step.value;
}

const ftyp = box('ftyp', Buffer.from('isom', 'latin1'), u32(0x200), Buffer.from('isomiso6mp41', 'latin1'));

function trak(id: number, handler: 'vide' | 'soun', timescale: number, entry: Buffer): Buffer {
  return box(
    'trak',
    fullBox('tkhd', 0, 3, u32(0), u32(0), u32(id), u32(0), u32(0), zeros(8), zeros(8), zeros(36), u32(320 << 16), u32(240 << 16)),
    box(
      'mdia',
      fullBox('mdhd', 0, 0, u32(0), u32(0), u32(timescale), u32(0), zeros(4)),
      fullBox('hdlr', 0, 0, u32(0), Buffer.from(handler, 'latin1'), zeros(12), Buffer.from('handler\0', 'latin1')),
      box(
        'minf',
        box(
          'stbl',
          fullBox('stsd', 0, 0, u32(1), entry),
          fullBox('stts', 0, 0, u32(0)),
          fullBox('stsc', 0, 0, u32(0)),
          fullBox('stsz', 0, 0, u32(0), u32(0)),
          fullBox('stco', 0, 0, u32(0)),
        ),
      ),
    ),
  );
}

const avc1 = box(
  'avc1',
  zeros(6),
  u16(1),
  zeros(16),
  u16(640),
  u16(360),
  zeros(50),
  box('avcC', Buffer.from([1, 0x42, 0xc0, 0x1e, 0xff, 0xe0])),
);
const opus = box(
  'Opus',
  zeros(6),
  u16(1),
  zeros(8),
  u16(2),
  u16(16),
  zeros(4),
  u32(48000 << 16),
  box('dOps', Buffer.from([0, 2]), u16(312), u32(48000), u16(0), u8(0)),
);

/** A moov with a 90 kHz video track (1) and a 48 kHz audio track (2), trex defaults as given. */
function moov(defaults: { duration: number; size: number } = { duration: 0, size: 0 }): Buffer {
  return box(
    'moov',
    fullBox('mvhd', 0, 0, u32(0), u32(0), u32(1000), u32(0), zeros(80)),
    trak(1, 'vide', 90000, avc1),
    trak(2, 'soun', 48000, opus),
    box(
      'mvex',
      fullBox('trex', 0, 0, u32(1), u32(1), u32(defaults.duration), u32(defaults.size), u32(0)),
      fullBox('trex', 0, 0, u32(2), u32(1), u32(960), u32(0), u32(0)),
    ),
  );
}

describe('box headers', () => {
  const at = (bytes: Buffer, limit = bytes.length) => parseBoxHeader(bytes, 0, 0, limit);

  it('reads 32-bit, 64-bit, size-0 and uuid headers', () => {
    expect(at(box('free', zeros(10)))).toEqual({
      kind: 'box',
      box: { type: 'free', start: 0, headerSize: 8, size: 18, toEnd: false, end: 18 },
    });
    const large = Buffer.concat([u32(1), Buffer.from('mdat'), u64(2 ** 33 + 5)]);
    expect(at(large, 2 ** 40)).toEqual({
      kind: 'box',
      box: { type: 'mdat', start: 0, headerSize: 16, size: 2 ** 33 + 5, toEnd: false, end: 2 ** 33 + 5 },
    });
    const toEnd = Buffer.concat([u32(0), Buffer.from('mdat'), zeros(100)]);
    expect(parseBoxHeader(toEnd, 0, 1000, 1108)).toEqual({
      kind: 'box',
      box: { type: 'mdat', start: 1000, headerSize: 8, size: 108, toEnd: true, end: 1108 },
    });
    const uuid = Buffer.concat([u32(40), Buffer.from('uuid'), zeros(16), zeros(16)]);
    expect(at(uuid)).toMatchObject({ kind: 'box', box: { type: 'uuid', headerSize: 24, size: 40 } });
  });

  it('says when the header itself is cut short', () => {
    expect(at(Buffer.from([0, 0, 0]))).toEqual({ kind: 'short', available: 3 });
    expect(at(Buffer.concat([u32(1), Buffer.from('mdat'), zeros(4)]))).toEqual({ kind: 'short', available: 12 });
    expect(at(Buffer.concat([u32(40), Buffer.from('uuid'), zeros(8)]))).toEqual({ kind: 'short', available: 16 });
    // The limit counts, not just the buffer: a container that ends inside the header.
    expect(at(box('free', zeros(10)), 6)).toEqual({ kind: 'short', available: 6 });
  });

  it('refuses what cannot be a box', () => {
    expect(at(Buffer.concat([u32(20), Buffer.from([0x00, 0xff, 0x10, 0x41]), zeros(12)]))).toMatchObject({
      kind: 'invalid',
      reason: 'bytes 00ff1041 are not a box type',
    });
    expect(at(Buffer.concat([u32(7), Buffer.from('free')]))).toMatchObject({
      kind: 'invalid',
      reason: "'free' box has a size of 7, below its own header",
    });
    expect(at(Buffer.concat([u32(1), Buffer.from('mdat'), u64(15)]))).toMatchObject({ kind: 'invalid' });
    expect(at(Buffer.concat([u32(1), Buffer.from('mdat'), Buffer.from('ffffffffffffffff', 'hex')]))).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('implausible'),
    });
    expect(at(Buffer.concat([u32(20), Buffer.from('uuid'), zeros(16)]))).toMatchObject({
      kind: 'invalid',
      reason: "'uuid' box of 20 bytes is smaller than its 24-byte header",
    });
  });
});

describe('fragment layouts', () => {
  it('explicit base data offsets, runs without a data offset, no tfdt: samples located and timed', () => {
    const init = Buffer.concat([ftyp, moov({ duration: 3000, size: 0 })]);
    // Fragment 1: video samples of 100, 200, 300 bytes in two runs (the second continues where the first
    // ended), audio after them; no tfdt anywhere, so times run on from the moov (0).
    const fragment = (moofStart: number, sequence: number) => {
      const mdatPayload = (moofLength: number) => moofStart + moofLength + 8;
      const build = (payloadAt: number) =>
        box(
          'moof',
          fullBox('mfhd', 0, 0, u32(sequence)),
          box(
            'traf',
            fullBox('tfhd', 0, 0x1, u32(1), u64(payloadAt)),
            fullBox('trun', 0, 0x200, u32(2), u32(100), u32(200)),
            fullBox('trun', 0, 0x200, u32(1), u32(300)),
          ),
          box('traf', fullBox('tfhd', 0, 0x1 | 0x10, u32(2), u64(payloadAt + 600), u32(50)), fullBox('trun', 0, 0, u32(4))),
        );
      const moof = build(mdatPayload(build(0).length));
      return Buffer.concat([moof, box('mdat', zeros(800))]);
    };
    const first = fragment(init.length, 1);
    const second = fragment(init.length + first.length, 2);
    const file = Buffer.concat([init, first, second]);

    const scan = scanBytes(file);
    expect(scan.problem).toBeNull();
    expect(scan.fragments).toHaveLength(2);
    expect(scan.goodEnd).toBe(file.length);
    // Video: 3 samples x 3000 / 90 kHz per fragment; audio: 4 x 960 / 48 kHz.
    expect(scan.timelines.get(1)).toMatchObject({ samples: 6, firstPresentation: 0, presentationEnd: 18000 });
    expect(scan.timelines.get(2)).toMatchObject({ samples: 8, firstPresentation: 0, presentationEnd: 7680 });
    expect(scanDurations(scan)).toEqual({
      overallMs: 200,
      tracks: new Map([
        [1, 200],
        [2, 160],
      ]),
    });

    // One byte short of the last sample: that fragment goes, the first stays.
    const short = scanBytes(file.subarray(0, file.length - 1));
    expect(short.fragments).toHaveLength(1);
    expect(short.goodEnd).toBe(init.length + first.length);
    expect(short.problem?.message).toMatch(/^incomplete 'mdat'/);
  });

  it('default-base-is-moof with data offsets, tfdt, signed composition offsets and several track fragments', () => {
    const init = Buffer.concat([ftyp, moov()]);
    const build = (videoOffset: number, audioOffset: number) =>
      box(
        'moof',
        fullBox('mfhd', 0, 0, u32(7)),
        box(
          'traf',
          fullBox('tfhd', 0, 0x20000 | 0x8, u32(1), u32(3000)),
          fullBox('tfdt', 1, 0, u64(90000)),
          // Three samples with sizes and signed composition offsets: presented at +3000, -3000, 0 (x 3000 apart).
          fullBox('trun', 1, 0x1 | 0x200 | 0x800, u32(3), i32(videoOffset), u32(10), i32(3000), u32(10), i32(-3000), u32(10), i32(0)),
        ),
        box(
          'traf',
          fullBox('tfhd', 0, 0x20000, u32(2)),
          fullBox('tfdt', 0, 0, u32(48000)),
          fullBox('trun', 0, 0x1 | 0x100 | 0x200, u32(2), i32(audioOffset), u32(960), u32(5), u32(1920), u32(5)),
        ),
      );
    const moofLength = build(0, 0).length;
    const moof = build(moofLength + 8, moofLength + 8 + 30);
    const file = Buffer.concat([init, moof, box('mdat', zeros(40))]);
    const scan = scanBytes(file);
    expect(scan.problem).toBeNull();
    expect(scan.fragments).toEqual([{ sequence: 7, moofStart: init.length, mdatStart: init.length + moof.length, end: file.length }]);
    // Video decode times 90000, 93000, 96000 → presented at 93000, 90000, 96000, ending 99000.
    expect(scan.timelines.get(1)).toMatchObject({ samples: 3, firstPresentation: 90000, presentationEnd: 99000, nextDecode: 99000 });
    expect(scan.timelines.get(2)).toMatchObject({ samples: 2, firstPresentation: 48000, presentationEnd: 48000 + 2880 });
    expect(scanDurations(scan).overallMs).toBe(100);

    // The audio run pointing one byte past the mdat: the fragment is refused.
    const astray = Buffer.concat([init, build(moofLength + 8, moofLength + 8 + 31), box('mdat', zeros(40))]);
    const refused = scanBytes(astray);
    expect(refused.fragments).toHaveLength(0);
    expect(refused.goodEnd).toBe(init.length);
    expect(refused.problem).toEqual({
      offset: init.length,
      message: expect.stringMatching(/puts sample data at bytes \d+–\d+, outside its mdat/),
    });
  });

  it('reads version-0 composition offsets as signed, as players do', () => {
    const init = Buffer.concat([ftyp, moov()]);
    const build = (offset: number) =>
      box(
        'moof',
        fullBox('mfhd', 0, 0, u32(1)),
        box(
          'traf',
          fullBox('tfhd', 0, 0x20000 | 0x8 | 0x10, u32(1), u32(3000), u32(1)),
          fullBox('tfdt', 0, 0, u32(6000)),
          fullBox('trun', 0, 0x1 | 0x800, u32(2), i32(offset), u32(0), i32(-6000)),
        ),
      );
    const moof = build(build(0).length + 8);
    const scan = scanBytes(Buffer.concat([init, moof, box('mdat', zeros(2))]));
    expect(scan.timelines.get(1)).toMatchObject({ firstPresentation: 3000, presentationEnd: 9000 });
  });

  it('a run with no per-sample fields takes every default, however many samples it has', () => {
    const init = Buffer.concat([ftyp, moov({ duration: 1500, size: 0 })]);
    const build = (offset: number) =>
      box(
        'moof',
        fullBox('mfhd', 0, 0, u32(1)),
        box('traf', fullBox('tfhd', 0, 0x20000 | 0x10, u32(1), u32(1)), fullBox('trun', 0, 0x1, u32(1_000_000), i32(offset))),
      );
    const moof = build(build(0).length + 8);
    const file = Buffer.concat([init, moof, box('mdat', zeros(1_000_000))]);
    const scan = scanBytes(file);
    expect(scan.problem).toBeNull();
    expect(scan.timelines.get(1)).toMatchObject({ samples: 1_000_000, presentationEnd: 1_500_000_000 });
  });

  it('refuses malformed fragments: samples without sizes, runs longer than their box, a missing mfhd', () => {
    const init = Buffer.concat([ftyp, moov()]);
    const cases: Array<[Buffer, RegExp]> = [
      [
        box('moof', fullBox('mfhd', 0, 0, u32(1)), box('traf', fullBox('tfhd', 0, 0x20000, u32(1)), fullBox('trun', 0, 0, u32(3)))),
        /gives no sample sizes and track 1 has no default/,
      ],
      [
        box(
          'moof',
          fullBox('mfhd', 0, 0, u32(1)),
          box('traf', fullBox('tfhd', 0, 0x20000, u32(1)), fullBox('trun', 0, 0x200, u32(3), u32(1))),
        ),
        /announces 3 samples and holds 1/,
      ],
      [box('moof', box('traf', fullBox('tfhd', 0, 0x20000, u32(1)))), /has no 'mfhd' box/],
      [box('moof', fullBox('mfhd', 0, 0, u32(1)), box('traf', fullBox('tfhd', 0, 0x20000, u32(1)), box('trun', zeros(2)))), /is too short/],
    ];
    for (const [moof, message] of cases) {
      const scan = scanBytes(Buffer.concat([init, moof, box('mdat', zeros(10))]));
      expect(scan.fragments).toHaveLength(0);
      expect(scan.goodEnd).toBe(init.length);
      expect(scan.problem?.message).toMatch(/^malformed moof at byte \d+: /);
      expect(scan.problem?.message).toMatch(message);
    }
  });

  it('refuses a malformed moov and says why', () => {
    const broken = Buffer.from(moov());
    broken.writeUInt32BE(9999, 8); // mvhd's size now runs past the moov
    const scan = scanBytes(Buffer.concat([ftyp, broken]));
    expect(scan.init).toBeNull();
    expect(scan.goodEnd).toBe(0);
    expect(scan.problem?.message).toMatch(/^malformed moov at byte 28: 'mvhd' at offset 36 runs past the end of 'moov'/);
    const noTracks = scanBytes(Buffer.concat([ftyp, box('moov', box('free'))]));
    expect(noTracks.problem?.message).toMatch(/has no 'mvhd' box/);
  });

  it('reads the sample entries of the hand-built moov', () => {
    const scan = scanBytes(Buffer.concat([ftyp, moov()]));
    expect(scan.init?.tracks.map(({ defaults: _d, ...t }) => t)).toEqual([
      {
        id: 1,
        type: 'video',
        handler: 'vide',
        codec: 'avc1.42c01e',
        timescale: 90000,
        width: 640,
        height: 360,
        mediaDuration: 0,
        sampleCount: 0,
        sampleDuration: 0,
      },
      {
        id: 2,
        type: 'audio',
        handler: 'soun',
        codec: 'opus',
        timescale: 48000,
        sampleRate: 48000,
        channels: 2,
        mediaDuration: 0,
        sampleCount: 0,
        sampleDuration: 0,
      },
    ]);
    expect(scan.problem).toBeNull(); // complete, though holding no fragment yet
    expect(scan.init?.fragmented).toBe(true);
  });
});

describe('codec strings', () => {
  const entry = (bytes: Buffer, handler: string) =>
    readSampleEntry(bytes, { type: bytes.toString('latin1', 4, 8), start: 0, payload: 8, end: bytes.length }, handler, 0);
  const visual = (type: string, child: Buffer) => box(type, zeros(6), u16(1), zeros(16), u16(1920), u16(1080), zeros(50), child);

  it('names HEVC, AV1, VP9 and AAC the way WebCodecs does', () => {
    const hvcC = box('hvcC', Buffer.from([1, 0x01, 0x60, 0, 0, 0, 0xb0, 0, 0, 0, 0, 0, 93]));
    expect(entry(visual('hvc1', hvcC), 'vide')).toEqual({ codec: 'hvc1.1.6.L93.b0', width: 1920, height: 1080 });
    expect(entry(visual('av01', box('av1C', Buffer.from([0x81, 0x08, 0x0c, 0]))), 'vide').codec).toBe('av01.0.08M.08');
    expect(entry(visual('av01', box('av1C', Buffer.from([0x81, 0x4d, 0xc0, 0]))), 'vide').codec).toBe('av01.2.13H.10');
    expect(entry(visual('vp09', fullBox('vpcC', 1, 0, Buffer.from([2, 31, 0xa0, 1, 1, 1]), u16(0))), 'vide').codec).toBe('vp09.02.31.10');
    expect(entry(visual('vp08', box('free')), 'vide').codec).toBe('vp8');
    // esds: ES_Descriptor > DecoderConfigDescriptor (OTI 0x40) > DecoderSpecificInfo (AOT 5, HE-AAC).
    const esds = fullBox(
      'esds',
      0,
      0,
      Buffer.from([0x03, 0x19, 0, 1, 0, 0x04, 0x11, 0x40, 0x15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x05, 0x02, 0x2b, 0x10, 0x06, 0x01, 0x02]),
    );
    const mp4a = box('mp4a', zeros(6), u16(1), zeros(8), u16(2), u16(16), zeros(4), u32(44100 << 16), esds);
    expect(entry(mp4a, 'soun')).toEqual({ codec: 'mp4a.40.5', channels: 2, sampleRate: 44100 });
    // Without the configuration boxes, the sample entry type is all there is.
    expect(entry(box('avc1', zeros(6), u16(1), zeros(16), u16(2), u16(2), zeros(50)), 'vide').codec).toBe('avc1');
  });

  it('ignores padding at the end of a sample entry, and falls back to the entry type when the details are unreadable', () => {
    const padded = box(
      'avc1',
      zeros(6),
      u16(1),
      zeros(16),
      u16(640),
      u16(360),
      zeros(50),
      box('avcC', Buffer.from([1, 0x4d, 0x40, 0x1f])),
      zeros(4),
    );
    expect(entry(padded, 'vide').codec).toBe('avc1.4d401f');
    const cut = box('avc1', zeros(6), u16(1), zeros(16), u16(640), u16(360), zeros(50), box('avcC', Buffer.from([1, 0x4d])));
    expect(() => entry(cut, 'vide')).toThrow(/'avcC' at offset 86 is too short/);
    // In a moov, that only costs the entry's details (the size comes from tkhd then): the file stays usable.
    const withCut = box(
      'moov',
      fullBox('mvhd', 0, 0, u32(0), u32(0), u32(1000), u32(0), zeros(80)),
      trak(1, 'vide', 90000, cut),
      box('mvex', fullBox('trex', 0, 0, u32(1), u32(1), u32(0), u32(0), u32(0))),
    );
    const scan = scanBytes(Buffer.concat([ftyp, withCut]));
    expect(scan.problem).toBeNull();
    expect(scan.init?.tracks[0]).toMatchObject({ codec: 'avc1', width: 320, height: 240 });
  });

  it('sees through encryption to the original format', () => {
    const sinf = box('sinf', box('frma', Buffer.from('avc1')));
    const encv = box(
      'encv',
      zeros(6),
      u16(1),
      zeros(16),
      u16(640),
      u16(480),
      zeros(50),
      box('avcC', Buffer.from([1, 0x64, 0, 0x1f])),
      sinf,
    );
    expect(entry(encv, 'vide').codec).toBe('avc1.64001f');
  });
});

describe('drivers', () => {
  it('runSync feeds a scan from a file descriptor', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ir-mp4-driver-'));
    try {
      const bytes = Buffer.concat([ftyp, moov(), box('free', zeros(3))]);
      writeFileSync(join(dir, 'a.mp4'), bytes);
      const fd = openSync(join(dir, 'a.mp4'), 'r');
      try {
        const viaFile = runSync(scanMp4(bytes.length), fd);
        expect(viaFile).toEqual(scanBytes(bytes));
        expect(viaFile.goodEnd).toBe(bytes.length);
      } finally {
        closeSync(fd);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
