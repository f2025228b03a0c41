import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { yieldToEventLoop } from './zip-writer';
import { Inflate } from 'fflate';

/** The bundle file is not a complete, well-formed zip: cut short, damaged, or not a zip at all. */
export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  /** Where its compressed data starts (after the local header, checked against the directory). */
  dataStart: number;
}

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
const CHUNK = 1024 * 1024;
/**
 * Compressed bytes read per step when pulling an entry's text: deflate inflates at most about 1,032 times,
 * so one step never puts more than ~64 MB in memory, whatever a hostile entry claims.
 */
const PULL_CHUNK = 64 * 1024;

/**
 * Reads a zip through its central directory, with positional reads: an entry is streamed in chunks,
 * never loaded whole (a recording can be gigabytes). Everything the directory claims is checked before
 * any entry is read: against the file's real size (a truncated file is reported as such), and against the
 * other entries — each entry's local header must name the same file as the directory, and entries must lie
 * in the file in directory order without overlapping, so no two names share compressed data (the trick
 * that makes a 68 KB zip inflate to gigabytes). Written for the bundles fflate's `Zip` produces (stored and
 * deflate entries, data descriptors, no zip64); fflate's own `Unzip` would have to guess where a stored
 * entry with a data descriptor ends.
 */
export class ZipReader {
  readonly entries = new Map<string, ZipEntry>();
  private readonly size: number;
  private centralStart = 0;

  private constructor(private readonly fd: number) {
    this.size = fstatSync(fd).size;
  }

  static open(path: string): ZipReader {
    const fd = openSync(path, 'r');
    const reader = new ZipReader(fd);
    try {
      reader.readDirectory();
      return reader;
    } catch (err) {
      reader.close();
      throw err;
    }
  }

  close(): void {
    closeSync(this.fd);
  }

  /** What the directory says the entries inflate to, in all: checked against free disk space before any is. */
  declaredBytes(): number {
    let total = 0;
    for (const e of this.entries.values()) total += e.size;
    return total;
  }

  /**
   * An entry's uncompressed bytes, pulled a small step at a time (for text parts read line by line into a
   * transaction). Same checks as `read`; the caller holds at most one step's output.
   */
  *chunks(name: string, maxBytes: number): Generator<Uint8Array, void, void> {
    const out: Uint8Array[] = [];
    const steps = this.reading(name, (chunk) => out.push(chunk), maxBytes, PULL_CHUNK);
    for (;;) {
      const step = steps.next();
      while (out.length > 0) yield out.shift()!;
      if (step.done) return;
    }
  }

  /**
   * Streams an entry's uncompressed bytes to `onChunk`. Throws ZipFormatError when its data is damaged
   * or inflates to more than `maxBytes` (the size the manifest promised) — a zip bomb stops there.
   */
  read(name: string, onChunk: (chunk: Uint8Array) => void, maxBytes: number): void {
    const steps = this.reading(name, onChunk, maxBytes);
    while (!steps.next().done);
  }

  /**
   * `read`, yielding to the event loop after every chunk (for recordings, which may be gigabytes);
   * `signal` stops it between chunks.
   */
  async readYielding(name: string, onChunk: (chunk: Uint8Array) => void, maxBytes: number, signal?: AbortSignal): Promise<void> {
    const steps = this.reading(name, onChunk, maxBytes);
    while (!steps.next().done) {
      await yieldToEventLoop();
      signal?.throwIfAborted();
    }
  }

  /** The work of `read`, one chunk per step. */
  private *reading(name: string, onChunk: (chunk: Uint8Array) => void, maxBytes: number, chunkBytes = CHUNK): Generator<void, void, void> {
    const entry = this.entries.get(name);
    if (!entry) throw new ZipFormatError(`the bundle has no part "${name}"`);
    const dataStart = entry.dataStart;

    let produced = 0;
    const emit = (chunk: Uint8Array) => {
      produced += chunk.length;
      if (produced > maxBytes) throw new ZipFormatError(`the part "${name}" is larger than its manifest says`);
      if (chunk.length > 0) onChunk(chunk);
    };
    let inflate: Inflate | null = null;
    if (entry.method === 8) {
      inflate = new Inflate((chunk) => emit(chunk));
    } else if (entry.method !== 0) throw new ZipFormatError(`the part "${name}" uses an unsupported compression method (${entry.method})`);

    const buffer = Buffer.allocUnsafe(Math.min(chunkBytes, Math.max(1, entry.compressedSize)));
    let at = dataStart;
    const end = dataStart + entry.compressedSize;
    try {
      while (at < end) {
        const n = readSync(this.fd, buffer, 0, Math.min(buffer.length, end - at), at);
        if (n === 0) throw new ZipFormatError(`the part "${name}" is cut short`);
        at += n;
        // fflate may keep a reference to a pushed chunk, so the shared buffer is copied for it.
        if (inflate) inflate.push(Uint8Array.prototype.slice.call(buffer, 0, n), at >= end);
        else emit(buffer.subarray(0, n));
        if (at < end) yield;
      }
      if (inflate && entry.compressedSize === 0) inflate.push(new Uint8Array(0), true);
    } catch (err) {
      if (err instanceof ZipFormatError) throw err;
      throw new ZipFormatError(`the part "${name}" cannot be decompressed: ${(err as Error).message}`);
    }
    if (produced !== entry.size)
      throw new ZipFormatError(`the part "${name}" holds ${produced} bytes where its zip entry says ${entry.size}`);
  }

  private readDirectory(): void {
    if (this.size < EOCD_MIN) throw new ZipFormatError('the file is too short to be a bundle');
    const tailLength = Math.min(this.size, EOCD_MIN + MAX_COMMENT);
    const tail = this.bytes(this.size - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - EOCD_MIN; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIG && i + EOCD_MIN + tail.readUInt16LE(i + 20) === tail.length) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipFormatError('the file is truncated or is not a bundle (no end of the zip directory)');
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    const eocdAt = this.size - tailLength + eocd;
    if (tail.readUInt16LE(eocd + 4) !== 0 || tail.readUInt16LE(eocd + 6) !== 0) throw new ZipFormatError('multi-part zips are not bundles');
    if (cdOffset + cdSize > eocdAt) throw new ZipFormatError('the file is truncated or damaged (the zip directory lies outside it)');
    this.centralStart = cdOffset;

    const cd = this.bytes(cdOffset, cdSize);
    let p = 0;
    let end = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL_SIG) throw new ZipFormatError('the zip directory is damaged');
      const flags = cd.readUInt16LE(p + 8);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      if (p + 46 + nameLength > cd.length) throw new ZipFormatError('the zip directory is damaged');
      const nameBytes = cd.subarray(p + 46, p + 46 + nameLength);
      const entry: ZipEntry = {
        name: nameBytes.toString('utf8'),
        method: cd.readUInt16LE(p + 10),
        compressedSize: cd.readUInt32LE(p + 20),
        size: cd.readUInt32LE(p + 24),
        localHeaderOffset: cd.readUInt32LE(p + 42),
        dataStart: 0,
      };
      if (flags & 1) throw new ZipFormatError(`the part "${entry.name}" is encrypted`);
      if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff || entry.localHeaderOffset === 0xffffffff) {
        throw new ZipFormatError(`the part "${entry.name}" needs zip64, which bundles never use`);
      }
      if (entry.localHeaderOffset + 30 > cdOffset) throw new ZipFormatError(`the part "${entry.name}" lies outside the file's data`);
      if (this.entries.has(entry.name)) throw new ZipFormatError(`the part "${entry.name}" appears twice`);
      const local = this.bytes(entry.localHeaderOffset, 30);
      if (local.readUInt32LE(0) !== LOCAL_SIG) throw new ZipFormatError(`the part "${entry.name}" has no valid local header`);
      const localNameLength = local.readUInt16LE(26);
      entry.dataStart = entry.localHeaderOffset + 30 + localNameLength + local.readUInt16LE(28);
      if (entry.dataStart > cdOffset || !this.bytes(entry.localHeaderOffset + 30, localNameLength).equals(nameBytes)) {
        throw new ZipFormatError(`the part "${entry.name}" is named differently in its local header than in the zip directory`);
      }
      if (entry.dataStart + entry.compressedSize > cdOffset)
        throw new ZipFormatError(`the part "${entry.name}" runs past the end of its data`);
      // In directory order, each entry starts after the previous one's data ends: never before, never inside.
      if (entry.localHeaderOffset < end) {
        throw new ZipFormatError(`the part "${entry.name}" overlaps another part or is out of order (two names may not share data)`);
      }
      end = entry.dataStart + entry.compressedSize;
      this.entries.set(entry.name, entry);
      p += 46 + nameLength + extraLength + commentLength;
    }
  }

  private bytes(position: number, length: number): Buffer {
    const out = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const n = readSync(this.fd, out, read, length - read, position + read);
      if (n === 0) throw new ZipFormatError('the file is truncated');
      read += n;
    }
    return out;
  }
}
