import { open } from 'node:fs/promises';
import { AppError } from '../../../shared/ipc/result';

/**
 * What a WebM (Matroska) file holds, read from its first megabytes: the DocType, the tracks' codecs, the
 * duration when the file states one (MediaRecorder's WebMs do not), and whether media follows. Enough to
 * refuse a file that is not a playable WebM before it is imported; not a demuxer.
 */
export interface WebmProbe {
  container: 'webm';
  docType: string;
  /** Codec ids as Matroska names them (`V_VP9`, `A_OPUS`, …), one per track. */
  codecs: string[];
  hasVideo: boolean;
  durationMs: number | null;
  bytes: number;
}

const ID = {
  ebml: 0x1a45dfa3,
  docType: 0x4282,
  segment: 0x18538067,
  info: 0x1549a966,
  timecodeScale: 0x2ad7b1,
  duration: 0x4489,
  tracks: 0x1654ae6b,
  trackEntry: 0xae,
  trackType: 0x83,
  codecId: 0x86,
  cluster: 0x1f43b675,
} as const;

/** How far into the file the header, Info and Tracks must lie (they come first in every muxer's output). */
const HEAD_BYTES = 4 * 1024 * 1024;

interface Element {
  id: number;
  /** Start of the element's data. */
  start: number;
  /** End of its data; the end of the buffer for an element of unknown size (live-written files). */
  end: number;
}

/** An EBML variable-length integer at `at`: its value and length; null where the buffer ends first. */
function vint(buf: Buffer, at: number, keepMarker: boolean): { value: number; length: number; unknown: boolean } | null {
  if (at >= buf.length) return null;
  const first = buf[at]!;
  if (first === 0) return null;
  const length = Math.clz32(first) - 23;
  if (at + length > buf.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + buf[at + i]!;
    if (buf[at + i] !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

function element(buf: Buffer, at: number, limit: number): Element | null {
  const id = vint(buf, at, true);
  if (!id) return null;
  const size = vint(buf, at + id.length, false);
  if (!size) return null;
  const start = at + id.length + size.length;
  const end = size.unknown ? limit : start + size.value;
  return { id: id.value, start, end: Math.min(end, Math.max(limit, start)) };
}

function* children(buf: Buffer, parent: Element): Generator<Element> {
  let at = parent.start;
  const limit = Math.min(parent.end, buf.length);
  while (at < limit) {
    const el = element(buf, at, limit);
    if (!el) return;
    yield el;
    // An element of unknown size (a cluster being written) runs to the end: nothing after it is read.
    if (el.end <= at) return;
    at = el.end;
  }
}

const uint = (buf: Buffer, el: Element) => {
  let v = 0;
  for (let i = el.start; i < el.end; i++) v = v * 256 + buf[i]!;
  return v;
};
const float = (buf: Buffer, el: Element) =>
  el.end - el.start === 4 ? buf.readFloatBE(el.start) : el.end - el.start === 8 ? buf.readDoubleBE(el.start) : NaN;
const text = (buf: Buffer, el: Element) => buf.toString('latin1', el.start, el.end).replace(/\0+$/, '');

/** Describes a WebM file, or says in an invalid-input AppError why it is not one that plays. */
export async function probeWebm(file: string): Promise<WebmProbe> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    throw new AppError('invalid_input', `Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    const { size } = await handle.stat();
    const buf = Buffer.alloc(Math.min(size, HEAD_BYTES));
    await handle.read(buf, 0, buf.length, 0);
    return describe(file, buf, size);
  } finally {
    await handle.close();
  }
}

function describe(file: string, buf: Buffer, bytes: number): WebmProbe {
  const refuse = (why: string) => new AppError('invalid_input', `${file} is not a playable WebM file: ${why}.`);
  const header = element(buf, 0, buf.length);
  if (!header || header.id !== ID.ebml) throw refuse('it does not start with an EBML header');
  let docType = '';
  for (const el of children(buf, header)) if (el.id === ID.docType) docType = text(buf, el);
  if (docType !== 'webm' && docType !== 'matroska') throw refuse(`its document type is "${docType || 'missing'}"`);
  const segment = element(buf, header.end, buf.length);
  if (!segment || segment.id !== ID.segment) throw refuse('it has no segment after its header');

  let scale = 1_000_000;
  let duration: number | null = null;
  const codecs: string[] = [];
  let hasVideo = false;
  let clusters = 0;
  for (const el of children(buf, segment)) {
    if (el.id === ID.info) {
      for (const c of children(buf, el)) {
        if (c.id === ID.timecodeScale) scale = uint(buf, c);
        if (c.id === ID.duration) duration = float(buf, c);
      }
    } else if (el.id === ID.tracks) {
      for (const entry of children(buf, el)) {
        if (entry.id !== ID.trackEntry) continue;
        for (const c of children(buf, entry)) {
          if (c.id === ID.codecId) codecs.push(text(buf, c));
          if (c.id === ID.trackType && uint(buf, c) === 1) hasVideo = true;
        }
      }
    } else if (el.id === ID.cluster) {
      clusters++;
      break;
    }
  }
  if (codecs.length === 0) throw refuse('it has no tracks');
  if (clusters === 0) throw refuse('it holds no media (no cluster follows its tracks)');
  const durationMs = duration !== null && Number.isFinite(duration) && duration > 0 ? (duration * scale) / 1_000_000 : null;
  return { container: 'webm', docType, codecs, hasVideo, durationMs, bytes };
}
