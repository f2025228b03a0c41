import { ByteReader, childBoxes, findBox, parseBoxHeader, type Box } from './box';

/**
 * What a sample entry (the first child of `stsd`) says about a track: the codec string in the RFC 6381 /
 * WebCodecs form ('avc1.64001f', 'vp09.00.10.08', 'av01.0.04M.08', 'hvc1.1.6.L93.b0', 'mp4a.40.2',
 * 'opus') and the picture size or audio format.
 */
export interface SampleEntryInfo {
  codec: string;
  width?: number;
  height?: number;
  sampleRate?: number;
  channels?: number;
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0');
const dec2 = (n: number) => String(n).padStart(2, '0');

/** VisualSampleEntry: 6 reserved, data_reference_index, 16 bytes pre_defined/reserved, then width, height … */
const VISUAL_FIELDS = 78;
/** AudioSampleEntry (version 0): 8 bytes as above, 8 reserved, channelcount, samplesize, 4 reserved, samplerate. */
const AUDIO_FIELDS = 28;

/**
 * Reads a sample entry. `handler` is the track's handler type ('vide', 'soun', …), which decides the
 * entry's layout; `base` is the file offset of `bytes[0]`, for messages.
 */
export function readSampleEntry(bytes: Buffer, entry: Box, handler: string, base: number): SampleEntryInfo {
  let format = entry.type;
  const info: SampleEntryInfo = { codec: format.trim() };
  let childrenAt: number | null = null;

  if (handler === 'vide') {
    const r = ByteReader.forBox(bytes, entry, base);
    r.skip(24);
    info.width = r.u16();
    info.height = r.u16();
    childrenAt = entry.payload + VISUAL_FIELDS;
  } else if (handler === 'soun') {
    const r = ByteReader.forBox(bytes, entry, base);
    r.skip(8);
    const version = r.u16(); // QuickTime sound description version; 0 in ISO files
    r.skip(6);
    info.channels = r.u16();
    r.skip(6);
    info.sampleRate = r.u32() / 65536;
    childrenAt = entry.payload + AUDIO_FIELDS;
    if (version === 1) {
      r.skip(16);
      childrenAt += 16;
    } else if (version === 2) {
      r.skip(4);
      info.sampleRate = r.bytes.readDoubleBE(r.pos);
      r.skip(8);
      info.channels = r.u32();
      childrenAt += 36;
    }
  }
  if (childrenAt === null || childrenAt > entry.end) return info;

  const children = entryChildren(bytes, childrenAt, entry.end, base, entry.type);
  // Encrypted entries ('encv', 'enca') name the original format in sinf/frma.
  const sinf = findBox(children, 'sinf');
  if (sinf && (format === 'encv' || format === 'enca')) {
    const frma = findBox(childBoxes(bytes, sinf.payload, sinf.end, base, 'sinf'), 'frma');
    if (frma) format = ByteReader.forBox(bytes, frma, base).fourCc();
    info.codec = format.trim();
  }
  const child = (type: string) => {
    const box = findBox(children, type);
    return box ? ByteReader.forBox(bytes, box, base) : undefined;
  };

  switch (format) {
    case 'avc1':
    case 'avc2':
    case 'avc3':
    case 'avc4': {
      const r = child('avcC');
      if (r) {
        r.skip(1); // configurationVersion
        const profile = r.u8();
        const compatibility = r.u8();
        const level = r.u8();
        info.codec = `${format}.${hex2(profile)}${hex2(compatibility)}${hex2(level)}`;
      }
      break;
    }
    case 'hvc1':
    case 'hev1': {
      const r = child('hvcC');
      if (r) info.codec = `${format}.${hevcCodecSuffix(r)}`;
      break;
    }
    case 'vp08':
      info.codec = 'vp8';
      break;
    case 'vp09': {
      const r = child('vpcC');
      if (r) {
        r.fullBox();
        const profile = r.u8();
        const level = r.u8();
        const bitDepth = r.u8() >> 4;
        info.codec = `vp09.${dec2(profile)}.${dec2(level)}.${dec2(bitDepth)}`;
      }
      break;
    }
    case 'av01': {
      const r = child('av1C');
      if (r) {
        r.skip(1); // marker + version
        const b1 = r.u8();
        const b2 = r.u8();
        const profile = b1 >> 5;
        const level = b1 & 0x1f;
        const tier = b2 & 0x80 ? 'H' : 'M';
        const bitDepth = b2 & 0x40 ? (profile === 2 && b2 & 0x20 ? 12 : 10) : 8;
        info.codec = `av01.${profile}.${dec2(level)}${tier}.${dec2(bitDepth)}`;
      }
      break;
    }
    case 'mp4a':
    case 'mp4v': {
      const r = child('esds');
      if (r) info.codec = esdsCodec(format, r);
      break;
    }
    case 'Opus': {
      info.codec = 'opus';
      const r = child('dOps');
      if (r) {
        r.skip(1); // Version
        info.channels = r.u8();
      }
      break;
    }
    case 'fLaC':
      info.codec = 'flac';
      break;
    default:
      break;
  }
  return info;
}

/**
 * The boxes inside a sample entry. Some writers end an entry with a few padding bytes (QuickTime's 4-byte
 * terminator); those, and anything after them, are ignored rather than refused.
 */
function entryChildren(bytes: Buffer, from: number, to: number, base: number, parent: string): Box[] {
  let end = from;
  while (end + 8 <= to) {
    const header = parseBoxHeader(bytes, end, end, to);
    if (header.kind !== 'box' || header.box.end > to) break;
    end = header.box.end;
  }
  return childBoxes(bytes, from, end, base, parent);
}

/** hvcC → the RFC 6381 suffix: profile space + idc, compatibility flags (bit-reversed), tier + level, constraints. */
function hevcCodecSuffix(r: ByteReader): string {
  r.skip(1); // configurationVersion
  const b = r.u8();
  const space = ['', 'A', 'B', 'C'][b >> 6]!;
  const tier = b & 0x20 ? 'H' : 'L';
  const profileIdc = b & 0x1f;
  const compat = r.u32();
  let reversed = 0;
  for (let i = 0; i < 32; i++) if (compat & (1 << i)) reversed |= 1 << (31 - i);
  const constraints: number[] = [];
  for (let i = 0; i < 6; i++) constraints.push(r.u8());
  const level = r.u8();
  while (constraints.length > 0 && constraints.at(-1) === 0) constraints.pop();
  const parts = [`${space}${profileIdc}`, (reversed >>> 0).toString(16), `${tier}${level}`, ...constraints.map((c) => c.toString(16))];
  return parts.join('.');
}

/**
 * esds → 'mp4a.40.AOT' (e.g. 'mp4a.40.2' for AAC-LC) or 'mp4v.20[.PL]' (MPEG-4 Visual, with the profile and
 * level of a visual object sequence header when there is one); just the object type, or nothing, when the
 * descriptors say less.
 */
function esdsCodec(format: string, r: ByteReader): string {
  r.fullBox();
  const descriptor = (tag: number): number | null => {
    if (r.remaining < 2 || r.u8() !== tag) return null;
    let length = 0;
    for (let i = 0; i < 4; i++) {
      const b = r.u8();
      length = (length << 7) | (b & 0x7f);
      if (!(b & 0x80)) break;
    }
    return length;
  };
  if (descriptor(0x03) === null) return format;
  r.skip(2); // ES_ID
  const flags = r.u8();
  if (flags & 0x80) r.skip(2);
  if (flags & 0x40) r.skip(r.u8());
  if (flags & 0x20) r.skip(2);
  if (descriptor(0x04) === null) return format;
  const oti = r.u8();
  r.skip(12); // streamType/upStream/reserved, bufferSizeDB, maxBitrate, avgBitrate
  const codec = `${format}.${hex2(oti)}`;
  const info = descriptor(0x05);
  if (info === null || info === 0) return codec;
  if (format === 'mp4a' && oti === 0x40) {
    const b0 = r.u8();
    let aot = b0 >> 3;
    if (aot === 31) aot = 32 + (((b0 & 0x07) << 3) | (r.u8() >> 5));
    return `${codec}.${aot}`;
  }
  if (format === 'mp4v' && oti === 0x20 && info >= 5 && r.u32() === 0x1b0) return `${codec}.${r.u8()}`;
  return codec;
}
