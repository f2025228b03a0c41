import { ByteReader, childBoxes, findBox, Mp4ParseError, requireBox, type Box } from './box';
import { readSampleEntry, type SampleEntryInfo } from './codec';

export type TrackType = 'video' | 'audio' | 'subtitle' | 'metadata' | 'other';

/** Per-track defaults for movie fragments (mvex/trex). */
export interface TrackExtends {
  sampleDescriptionIndex: number;
  sampleDuration: number;
  sampleSize: number;
  sampleFlags: number;
}

export interface InitTrack {
  id: number;
  type: TrackType;
  /** The handler type from hdlr ('vide', 'soun', 'text', …). */
  handler: string;
  codec: string;
  /** mdhd timescale: units per second of this track's sample times. */
  timescale: number;
  width?: number;
  height?: number;
  sampleRate?: number;
  channels?: number;
  /** mdhd duration, in `timescale` units (0 in a fragmented recording's moov). */
  mediaDuration: number;
  /** Samples described by the moov itself (stsz/stz2); 0 when they all live in fragments. */
  sampleCount: number;
  /** Sum of the stts deltas of those samples, in `timescale` units. */
  sampleDuration: number;
  /** The trex for this track, when the moov has mvex. */
  defaults: TrackExtends | null;
}

/** What the moov box says. */
export interface InitInfo {
  /** mvhd timescale and duration. */
  timescale: number;
  duration: number;
  /** moov has mvex: the media follows in movie fragments (moof + mdat). */
  fragmented: boolean;
  /** mehd fragment_duration in mvhd timescale units, when present. */
  fragmentDuration: number | null;
  tracks: InitTrack[];
}

const TRACK_TYPES: Record<string, TrackType> = {
  vide: 'video',
  soun: 'audio',
  subt: 'subtitle',
  sbtl: 'subtitle',
  text: 'subtitle',
  meta: 'metadata',
};

/** Parses a complete moov box held in `bytes` (the whole box, header included); `base` is its file offset. */
export function parseMoov(bytes: Buffer, base: number): InitInfo {
  const moov = childBoxes(bytes, 0, bytes.length, base, 'file')[0];
  if (!moov || moov.type !== 'moov') throw new Mp4ParseError(`expected a moov box at offset ${base}`);
  const children = childBoxes(bytes, moov.payload, moov.end, base, 'moov');

  const mvhd = ByteReader.forBox(bytes, requireBox(children, 'mvhd', 'moov', base, moov.start), base);
  const { version } = mvhd.fullBox();
  mvhd.skip(version === 1 ? 16 : 8); // creation and modification times
  const timescale = mvhd.u32();
  const duration = version === 1 ? mvhd.u64() : mvhd.u32();
  if (timescale === 0) throw new Mp4ParseError(`mvhd at offset ${base + mvhd.pos} has a timescale of 0`);

  const mvex = findBox(children, 'mvex');
  const defaults = new Map<number, TrackExtends>();
  let fragmentDuration: number | null = null;
  if (mvex) {
    for (const box of childBoxes(bytes, mvex.payload, mvex.end, base, 'mvex')) {
      const r = ByteReader.forBox(bytes, box, base);
      if (box.type === 'mehd') {
        const v = r.fullBox().version;
        fragmentDuration = v === 1 ? r.u64() : r.u32();
      } else if (box.type === 'trex') {
        r.fullBox();
        const trackId = r.u32();
        defaults.set(trackId, { sampleDescriptionIndex: r.u32(), sampleDuration: r.u32(), sampleSize: r.u32(), sampleFlags: r.u32() });
      }
    }
  }

  const tracks: InitTrack[] = [];
  for (const trak of children.filter((b) => b.type === 'trak')) {
    const track = parseTrak(bytes, trak, base, defaults);
    if (tracks.some((t) => t.id === track.id)) throw new Mp4ParseError(`moov has two tracks with id ${track.id}`);
    tracks.push(track);
  }
  return { timescale, duration, fragmented: mvex !== undefined, fragmentDuration, tracks };
}

function parseTrak(bytes: Buffer, trak: Box, base: number, defaults: Map<number, TrackExtends>): InitTrack {
  const children = childBoxes(bytes, trak.payload, trak.end, base, 'trak');
  const tkhd = ByteReader.forBox(bytes, requireBox(children, 'tkhd', 'trak', base, trak.start), base);
  const tkhdVersion = tkhd.fullBox().version;
  tkhd.skip(tkhdVersion === 1 ? 16 : 8);
  const id = tkhd.u32();
  if (id === 0) throw new Mp4ParseError(`tkhd in the trak at offset ${base + trak.start} has track id 0`);
  tkhd.skip(4 + (tkhdVersion === 1 ? 8 : 4) + 8 + 8 + 36);
  const displayWidth = tkhd.u32() / 65536;
  const displayHeight = tkhd.u32() / 65536;

  const mdia = requireBox(children, 'mdia', 'trak', base, trak.start);
  const mdiaChildren = childBoxes(bytes, mdia.payload, mdia.end, base, 'mdia');
  const mdhd = ByteReader.forBox(bytes, requireBox(mdiaChildren, 'mdhd', 'mdia', base, mdia.start), base);
  const mdhdVersion = mdhd.fullBox().version;
  mdhd.skip(mdhdVersion === 1 ? 16 : 8);
  const timescale = mdhd.u32();
  const mediaDuration = mdhdVersion === 1 ? mdhd.u64() : mdhd.u32();
  if (timescale === 0) throw new Mp4ParseError(`mdhd of track ${id} has a timescale of 0`);
  const hdlr = ByteReader.forBox(bytes, requireBox(mdiaChildren, 'hdlr', 'mdia', base, mdia.start), base);
  hdlr.fullBox();
  hdlr.skip(4); // pre_defined
  const handler = hdlr.fourCc();

  const track: InitTrack = {
    id,
    type: TRACK_TYPES[handler] ?? 'other',
    handler,
    codec: 'unknown',
    timescale,
    mediaDuration,
    sampleCount: 0,
    sampleDuration: 0,
    defaults: defaults.get(id) ?? null,
  };

  const minf = requireBox(mdiaChildren, 'minf', 'mdia', base, mdia.start);
  const stbl = requireBox(childBoxes(bytes, minf.payload, minf.end, base, 'minf'), 'stbl', 'minf', base, minf.start);
  const stblChildren = childBoxes(bytes, stbl.payload, stbl.end, base, 'stbl');
  const stsdBox = requireBox(stblChildren, 'stsd', 'stbl', base, stbl.start);
  const stsd = ByteReader.forBox(bytes, stsdBox, base);
  stsd.fullBox();
  const entryCount = stsd.u32();
  const entries = childBoxes(bytes, stsd.pos, stsdBox.end, base, 'stsd');
  if (entryCount === 0 || entries.length !== entryCount) {
    throw new Mp4ParseError(`stsd of track ${id} announces ${entryCount} sample entries and holds ${entries.length}`);
  }
  let entry: SampleEntryInfo;
  try {
    entry = readSampleEntry(bytes, entries[0]!, handler, base);
  } catch (err) {
    // Codec details are for reports; a sample entry we cannot read in full must not make the file unusable.
    if (!(err instanceof Mp4ParseError)) throw err;
    entry = { codec: entries[0]!.type.trim() };
  }
  track.codec = entry.codec;
  if (track.type === 'video') {
    track.width = entry.width || Math.round(displayWidth);
    track.height = entry.height || Math.round(displayHeight);
  }
  if (track.type === 'audio') {
    track.sampleRate = entry.sampleRate || timescale;
    if (entry.channels !== undefined) track.channels = entry.channels;
  }

  const stsz = findBox(stblChildren, 'stsz') ?? findBox(stblChildren, 'stz2');
  if (stsz) {
    const r = ByteReader.forBox(bytes, stsz, base);
    r.fullBox();
    r.skip(4); // sample_size, or reserved + field_size
    track.sampleCount = r.u32();
  }
  const sttsBox = findBox(stblChildren, 'stts');
  if (sttsBox) {
    const r = ByteReader.forBox(bytes, sttsBox, base);
    r.fullBox();
    const n = r.u32();
    if (n * 8 > r.remaining) throw new Mp4ParseError(`stts of track ${id} announces ${n} entries and holds ${Math.floor(r.remaining / 8)}`);
    for (let i = 0; i < n; i++) track.sampleDuration += r.u32() * r.u32();
  }
  return track;
}
