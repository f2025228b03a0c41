import { ByteReader, childBoxes, Mp4ParseError, requireBox } from './box';
import type { InitInfo } from './init';

/** One track's part of a movie fragment (traf), with its sample times relative to its decode start. */
export interface TrackRun {
  trackId: number;
  /** tfdt baseMediaDecodeTime, in the track's timescale; null when the traf has no tfdt. */
  decodeTime: number | null;
  samples: number;
  /** Sum of the sample durations. */
  duration: number;
  /**
   * Earliest presentation time and latest presentation end (time + duration) of the samples, relative
   * to the fragment's decode start: composition offsets move them off [0, duration]. Null without samples.
   */
  firstPresentation: number | null;
  presentationEnd: number | null;
  /** File ranges [start, end) of the sample data, one per trun. */
  data: Array<[number, number]>;
}

export interface MovieFragment {
  /** mfhd sequence_number. */
  sequence: number;
  runs: TrackRun[];
}

const TFHD_BASE_DATA_OFFSET = 0x1;
const TFHD_SAMPLE_DESCRIPTION_INDEX = 0x2;
const TFHD_DEFAULT_DURATION = 0x8;
const TFHD_DEFAULT_SIZE = 0x10;
const TFHD_DEFAULT_FLAGS = 0x20;
const TFHD_DEFAULT_BASE_IS_MOOF = 0x20000;

const TRUN_DATA_OFFSET = 0x1;
const TRUN_FIRST_SAMPLE_FLAGS = 0x4;
const TRUN_DURATION = 0x100;
const TRUN_SIZE = 0x200;
const TRUN_FLAGS = 0x400;
const TRUN_COMPOSITION_OFFSET = 0x800;

/**
 * Parses a complete moof box held in `bytes` (the whole box); `base` is its file offset, which sample data
 * offsets are counted from when the track fragment says so (default-base-is-moof, or no base at all).
 */
export function parseMoof(bytes: Buffer, base: number, init: InitInfo): MovieFragment {
  const moof = childBoxes(bytes, 0, bytes.length, base, 'file')[0];
  if (!moof || moof.type !== 'moof') throw new Mp4ParseError(`expected a moof box at offset ${base}`);
  const children = childBoxes(bytes, moof.payload, moof.end, base, 'moof');
  const mfhd = ByteReader.forBox(bytes, requireBox(children, 'mfhd', 'moof', base, moof.start), base);
  mfhd.fullBox();
  const sequence = mfhd.u32();

  const runs: TrackRun[] = [];
  // Without an explicit base, the first traf's data starts at the moof and each later one where the previous ended.
  let previousEnd = base;
  for (const traf of children.filter((b) => b.type === 'traf')) {
    const trafChildren = childBoxes(bytes, traf.payload, traf.end, base, 'traf');
    const tfhd = ByteReader.forBox(bytes, requireBox(trafChildren, 'tfhd', 'traf', base, traf.start), base);
    const { flags } = tfhd.fullBox();
    const trackId = tfhd.u32();
    const track = init.tracks.find((t) => t.id === trackId);
    if (!track) throw new Mp4ParseError(`the traf at offset ${base + traf.start} is for track ${trackId}, which the moov does not have`);
    let dataBase = flags & TFHD_DEFAULT_BASE_IS_MOOF ? base : previousEnd;
    if (flags & TFHD_BASE_DATA_OFFSET) dataBase = tfhd.u64();
    if (flags & TFHD_SAMPLE_DESCRIPTION_INDEX) tfhd.skip(4);
    const defaultDuration = flags & TFHD_DEFAULT_DURATION ? tfhd.u32() : (track.defaults?.sampleDuration ?? 0);
    // A trex size of 0 is how muxers say "no default" (no real sample is empty).
    const defaultSize = flags & TFHD_DEFAULT_SIZE ? tfhd.u32() : track.defaults?.sampleSize || null;
    if (flags & TFHD_DEFAULT_FLAGS) tfhd.skip(4);

    const run: TrackRun = { trackId, decodeTime: null, samples: 0, duration: 0, firstPresentation: null, presentationEnd: null, data: [] };
    let dataAt = dataBase;
    for (const box of trafChildren) {
      if (box.type === 'tfdt') {
        const r = ByteReader.forBox(bytes, box, base);
        run.decodeTime = r.fullBox().version === 1 ? r.u64() : r.u32();
      } else if (box.type === 'trun') {
        const r = ByteReader.forBox(bytes, box, base);
        const { flags: trunFlags } = r.fullBox();
        const count = r.u32();
        if (trunFlags & TRUN_DATA_OFFSET) dataAt = dataBase + r.i32();
        if (trunFlags & TRUN_FIRST_SAMPLE_FLAGS) r.skip(4);
        const fields = [TRUN_DURATION, TRUN_SIZE, TRUN_FLAGS, TRUN_COMPOSITION_OFFSET].filter((f) => trunFlags & f).length;
        if (count * fields * 4 > r.remaining)
          throw new Mp4ParseError(`${r.what} announces ${count} samples and holds ${Math.floor(r.remaining / (fields * 4))}`);
        if (!(trunFlags & TRUN_SIZE) && defaultSize === null)
          throw new Mp4ParseError(`${r.what} gives no sample sizes and track ${trackId} has no default`);

        let bytesInRun = 0;
        if (fields === 0) {
          // Every sample takes the defaults: no need to walk them one by one.
          bytesInRun = count * defaultSize!;
          if (count > 0) widen(run, run.duration, run.duration + count * defaultDuration);
          run.duration += count * defaultDuration;
        } else {
          for (let i = 0; i < count; i++) {
            const duration = trunFlags & TRUN_DURATION ? r.u32() : defaultDuration;
            bytesInRun += trunFlags & TRUN_SIZE ? r.u32() : defaultSize!;
            if (trunFlags & TRUN_FLAGS) r.skip(4);
            // Unsigned in version 0, signed in 1; read signed either way, as players do, since writers put
            // negative offsets in version 0 too and no real offset reaches 2^31 ticks.
            const offset = trunFlags & TRUN_COMPOSITION_OFFSET ? r.i32() : 0;
            widen(run, run.duration + offset, run.duration + offset + duration);
            run.duration += duration;
          }
        }
        run.samples += count;
        run.data.push([dataAt, dataAt + bytesInRun]);
        dataAt += bytesInRun;
      }
    }
    previousEnd = dataAt;
    runs.push(run);
  }
  return { sequence, runs };
}

function widen(run: TrackRun, start: number, end: number) {
  run.firstPresentation = run.firstPresentation === null ? start : Math.min(run.firstPresentation, start);
  run.presentationEnd = run.presentationEnd === null ? end : Math.max(run.presentationEnd, end);
}
