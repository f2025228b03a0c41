import { MAX_HEADER_SIZE, Mp4ParseError, parseBoxHeader } from './box';
import { parseMoof, type MovieFragment } from './fragment';
import { parseMoov, type InitInfo } from './init';

/** A request for `length` bytes at `offset`; the answer may be shorter only at the end of the file. */
export interface ReadRequest {
  offset: number;
  length: number;
}

/** A computation that reads the file through its driver (`runSync` / `runAsync` in io.ts). */
export type Reads<T> = Generator<ReadRequest, T, Buffer>;

/** moov and moof are read whole; a recording's are kilobytes, and anything beyond this is not ours. */
export const MAX_INDEX_BOX = 64 * 1024 * 1024;

/** A complete movie fragment: a moof and the mdat holding all its samples. */
export interface FragmentSpan {
  sequence: number;
  moofStart: number;
  mdatStart: number;
  /** End of the mdat: the file may be cut here. */
  end: number;
}

/** A track's timeline over the complete fragments, in its own timescale. */
export interface TrackTimeline {
  samples: number;
  /** Earliest presentation time and latest presentation end; null while the track has no samples. */
  firstPresentation: number | null;
  presentationEnd: number | null;
  /** Where the next fragment's decode time starts when it has no tfdt. */
  nextDecode: number;
}

export interface Mp4Scan {
  bytes: number;
  /** Why the file is not MP4 at all (it does not start with an ftyp box); null for an MP4 file. */
  notMp4: string | null;
  majorBrand: string | null;
  /** The parsed moov; null until a complete, well-formed one was found. */
  init: InitInfo | null;
  fragments: FragmentSpan[];
  /** Keyed by track id; only tracks of the moov. */
  timelines: Map<number, TrackTimeline>;
  /**
   * The longest prefix made only of complete boxes in order, ending after the moov and after whole
   * fragments (never inside one): where the file can be cut. 0 until the moov is complete.
   */
  goodEnd: number;
  /** Why and where the walk stopped before the end of the file; null when everything was complete and in order. */
  problem: { offset: number; message: string } | null;
}

/**
 * Walks the top-level boxes of a file of `bytes` bytes: the ftyp, the moov (parsed), then for a fragmented
 * file each moof (parsed) with the mdat that must follow it, checking that every sample of the fragment lies
 * inside that mdat. Stops at the first box that is incomplete, malformed or out of order. Never reads past
 * `bytes`, so scanning a prefix of a file checks exactly what a cut there would keep.
 */
export function* scanMp4(bytes: number): Reads<Mp4Scan> {
  const scan: Mp4Scan = {
    bytes,
    notMp4: null,
    majorBrand: null,
    init: null,
    fragments: [],
    timelines: new Map(),
    goodEnd: 0,
    problem: null,
  };
  if (bytes === 0) {
    scan.notMp4 = 'the file is empty (0 bytes)';
    return scan;
  }
  const stop = (offset: number, message: string) => {
    scan.problem = { offset, message };
  };
  let pending: { start: number; fragment: MovieFragment } | null = null;
  let pos = 0;

  while (pos < bytes) {
    const head = yield { offset: pos, length: Math.min(MAX_HEADER_SIZE, bytes - pos) };
    const header = parseBoxHeader(head, 0, pos, bytes);
    if (pos === 0) {
      if (header.kind === 'short') {
        scan.notMp4 = `the file is ${bytes} bytes long, too short for an MP4 box header`;
        return scan;
      }
      if (header.kind === 'invalid' || header.box.type !== 'ftyp') {
        scan.notMp4 = `it does not start with an ftyp box (${header.kind === 'invalid' ? header.reason : `the first box is '${header.box.type}'`})`;
        return scan;
      }
    }
    if (header.kind === 'short') {
      stop(pos, `the file ends inside a box header at byte ${pos} (${header.available} bytes)`);
      break;
    }
    if (header.kind === 'invalid') {
      stop(pos, `no box at byte ${pos}: ${header.reason}`);
      break;
    }
    const box = header.box;
    if (box.end > bytes) {
      stop(pos, `incomplete '${box.type}' at byte ${pos}: ${box.size} bytes announced, ${bytes - pos} present`);
      break;
    }
    if (pending && box.type !== 'mdat') {
      stop(pending.start, `the moof at byte ${pending.start} is followed by '${box.type}', not by its mdat`);
      break;
    }

    if (box.type === 'ftyp' && pos === 0) {
      if (box.size >= box.headerSize + 4) scan.majorBrand = head.toString('latin1', box.headerSize, box.headerSize + 4);
    } else if (box.type === 'moov' || box.type === 'moof') {
      if (box.type === 'moov' && scan.init) {
        stop(pos, `a second moov at byte ${pos}`);
        break;
      }
      if (box.type === 'moof' && !scan.init?.fragmented) {
        stop(pos, scan.init ? `a moof at byte ${pos} in a file whose moov has no mvex` : `a moof at byte ${pos} before any moov`);
        break;
      }
      if (box.size > MAX_INDEX_BOX) {
        stop(pos, `the ${box.type} at byte ${pos} is ${box.size} bytes, more than the ${MAX_INDEX_BOX} this reader accepts`);
        break;
      }
      const whole = yield { offset: pos, length: box.size };
      if (whole.length !== box.size)
        throw new Error(
          `read ${whole.length} of the ${box.size} bytes of the ${box.type} at byte ${pos}: the file changed while it was read`,
        );
      try {
        if (box.type === 'moov') {
          const init = parseMoov(whole, pos);
          scan.init = init;
          for (const t of init.tracks) {
            const moovSamples = t.sampleCount > 0;
            scan.timelines.set(t.id, {
              samples: t.sampleCount,
              firstPresentation: moovSamples ? 0 : null,
              presentationEnd: moovSamples ? t.sampleDuration : null,
              nextDecode: t.sampleDuration,
            });
          }
        } else {
          pending = { start: pos, fragment: parseMoof(whole, pos, scan.init!) };
        }
      } catch (err) {
        if (!(err instanceof Mp4ParseError)) throw err;
        stop(pos, `malformed ${box.type} at byte ${pos}: ${err.message}`);
        break;
      }
    } else if (box.type === 'mdat' && pending) {
      const payload = box.start + box.headerSize;
      const outside = pending.fragment.runs.flatMap((r) => r.data).find(([a, b]) => b > a && (a < payload || b > box.end));
      if (outside) {
        stop(
          pending.start,
          `the moof at byte ${pending.start} puts sample data at bytes ${outside[0]}–${outside[1]}, outside its mdat (${payload}–${box.end})`,
        );
        break;
      }
      commit(scan, pending.fragment);
      scan.fragments.push({ sequence: pending.fragment.sequence, moofStart: pending.start, mdatStart: box.start, end: box.end });
      pending = null;
    }
    // Any complete box after the moov (and not inside a fragment) is a place the file may end.
    if (scan.init && !pending) scan.goodEnd = box.end;
    pos = box.end;
  }

  if (!scan.problem && pending) stop(pending.start, `the file ends after the moof at byte ${pending.start}, before its mdat`);
  if (!scan.problem && !scan.init) stop(bytes, 'the file has no moov box');
  return scan;
}

/** Adds a complete fragment to the track timelines. */
function commit(scan: Mp4Scan, fragment: MovieFragment) {
  for (const run of fragment.runs) {
    const t = scan.timelines.get(run.trackId)!;
    const start = run.decodeTime ?? t.nextDecode;
    if (run.firstPresentation !== null && run.presentationEnd !== null) {
      const first = start + run.firstPresentation;
      const end = start + run.presentationEnd;
      t.firstPresentation = t.firstPresentation === null ? first : Math.min(t.firstPresentation, first);
      t.presentationEnd = t.presentationEnd === null ? end : Math.max(t.presentationEnd, end);
    }
    t.nextDecode = start + run.duration;
    t.samples += run.samples;
  }
}

/** Per-track and overall presentation durations of what the scan found, in milliseconds. */
export function scanDurations(scan: Mp4Scan): { overallMs: number; tracks: Map<number, number> } {
  const tracks = new Map<number, number>();
  const init = scan.init;
  if (!init) return { overallMs: 0, tracks };
  if (!init.fragmented) {
    // A regular MP4 says its duration in the headers: mvhd, or the longest mdhd when mvhd has none.
    for (const t of init.tracks) tracks.set(t.id, ms(t.mediaDuration / t.timescale));
    const fromTracks = Math.max(0, ...tracks.values());
    return { overallMs: init.duration > 0 ? ms(init.duration / init.timescale) : fromTracks, tracks };
  }
  let first = Infinity;
  let end = -Infinity;
  for (const t of init.tracks) {
    const line = scan.timelines.get(t.id)!;
    if (line.firstPresentation === null || line.presentationEnd === null) {
      tracks.set(t.id, 0);
      continue;
    }
    tracks.set(t.id, ms((line.presentationEnd - line.firstPresentation) / t.timescale));
    first = Math.min(first, line.firstPresentation / t.timescale);
    end = Math.max(end, line.presentationEnd / t.timescale);
  }
  return { overallMs: end > first ? ms(end - first) : 0, tracks };
}

const ms = (seconds: number) => Math.round(seconds * 1000);
