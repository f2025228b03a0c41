/**
 * ISO BMFF (MP4) box headers and a bounds-checked reader for box payloads.
 *
 * A box is `size:u32 type:4cc [largesize:u64 if size == 1] [usertype:16 bytes if type == 'uuid']`
 * followed by its payload. `size` counts the whole box, header included; `size == 0` means the box runs
 * to the end of its container (for a top-level box: to the end of the file).
 */

/** A malformed box: the bytes contradict the format (as opposed to a file that merely ends early). */
export class Mp4ParseError extends Error {
  override readonly name = 'Mp4ParseError';
}

export interface BoxHeader {
  type: string;
  /** Offset of the box's first byte, in the same coordinates as the `start` given to `parseBoxHeader`. */
  start: number;
  headerSize: number;
  /** The whole box, header included. For a size-0 box: up to the `limit` given to `parseBoxHeader`. */
  size: number;
  /** The size field was 0: the box runs to the end of its container. */
  toEnd: boolean;
  /** start + size. */
  end: number;
}

export type HeaderResult =
  | { kind: 'box'; box: BoxHeader }
  /** Fewer bytes are available than the header needs (the file or container ends inside it). */
  | { kind: 'short'; available: number }
  /** The bytes cannot be a box header. */
  | { kind: 'invalid'; reason: string };

/** Enough bytes for any header: size + type + largesize + usertype. */
export const MAX_HEADER_SIZE = 32;

/**
 * A 4CC is four printable ASCII characters; '©' (0xA9) starts the iTunes-style metadata names. Anything
 * else is not a box type, which is how garbage after the last box is told apart from a box.
 */
function isFourCcByte(b: number): boolean {
  return (b >= 0x20 && b <= 0x7e) || b === 0xa9;
}

export function fourCc(bytes: Buffer, at: number): string {
  return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
}

/**
 * Parses the box header at `bytes[at]`. `start` is that position's absolute offset (in the file, or
 * wherever the caller counts from) and `limit` the absolute end of the enclosing container or file, which
 * bounds how many header bytes can exist and is where a size-0 box ends. Whether the box fits before
 * `limit` is for the caller to judge: at the top level a box that runs past the end of the file is
 * incomplete, inside a container it is malformed.
 */
export function parseBoxHeader(bytes: Buffer, at: number, start: number, limit: number): HeaderResult {
  const available = Math.max(0, Math.min(bytes.length - at, limit - start));
  if (available < 8) return { kind: 'short', available };
  for (let i = 0; i < 4; i++) {
    if (!isFourCcByte(bytes[at + 4 + i]!)) {
      return { kind: 'invalid', reason: `bytes ${bytes.subarray(at + 4, at + 8).toString('hex')} are not a box type` };
    }
  }
  const type = fourCc(bytes, at + 4);
  const size32 = bytes.readUInt32BE(at);
  let headerSize = 8;
  let size: number;
  let toEnd = false;
  if (size32 === 1) {
    headerSize = 16;
    if (available < 16) return { kind: 'short', available };
    const large = bytes.readBigUInt64BE(at + 8);
    if (large < 16n) return { kind: 'invalid', reason: `'${type}' box has a 64-bit size of ${large}, below its own header` };
    if (large > BigInt(Number.MAX_SAFE_INTEGER))
      return { kind: 'invalid', reason: `'${type}' box has an implausible 64-bit size of ${large}` };
    size = Number(large);
  } else if (size32 === 0) {
    toEnd = true;
    size = limit - start;
  } else if (size32 < 8) {
    return { kind: 'invalid', reason: `'${type}' box has a size of ${size32}, below its own header` };
  } else {
    size = size32;
  }
  if (type === 'uuid') {
    headerSize += 16;
    if (available < headerSize) return { kind: 'short', available };
  }
  if (size < headerSize) return { kind: 'invalid', reason: `'${type}' box of ${size} bytes is smaller than its ${headerSize}-byte header` };
  return { kind: 'box', box: { type, start, headerSize, size, toEnd, end: start + size } };
}

/** A box inside an in-memory buffer: offsets are indexes into that buffer. */
export interface Box {
  type: string;
  start: number;
  /** First byte of the payload (after the header). */
  payload: number;
  end: number;
}

/**
 * The boxes that fill `bytes[from, to)` exactly. `base` is the file offset of `bytes[0]`, for messages.
 * Anything that does not parse as a sequence of boxes ending exactly at `to` throws Mp4ParseError.
 */
export function childBoxes(bytes: Buffer, from: number, to: number, base: number, parent: string): Box[] {
  const boxes: Box[] = [];
  let at = from;
  while (at < to) {
    const result = parseBoxHeader(bytes, at, at, to);
    if (result.kind === 'short') throw new Mp4ParseError(`${to - at} stray bytes at the end of '${parent}' (offset ${base + at})`);
    if (result.kind === 'invalid') throw new Mp4ParseError(`in '${parent}' at offset ${base + at}: ${result.reason}`);
    const { box } = result;
    if (box.end > to)
      throw new Mp4ParseError(`'${box.type}' at offset ${base + at} runs past the end of '${parent}' (${box.size} bytes, ${to - at} left)`);
    boxes.push({ type: box.type, start: at, payload: at + box.headerSize, end: box.end });
    at = box.end;
  }
  return boxes;
}

export function findBox(boxes: Box[], type: string): Box | undefined {
  return boxes.find((b) => b.type === type);
}

/** The one child of `type`; throws if it is missing. */
export function requireBox(boxes: Box[], type: string, parent: string, base: number, parentStart: number): Box {
  const box = findBox(boxes, type);
  if (!box) throw new Mp4ParseError(`'${parent}' at offset ${base + parentStart} has no '${type}' box`);
  return box;
}

/** Bounds-checked big-endian reads over `bytes[pos, end)`; reading past `end` throws Mp4ParseError. */
export class ByteReader {
  pos: number;

  constructor(
    readonly bytes: Buffer,
    start: number,
    readonly end: number,
    /** What is being read, for messages ("'tfhd' at offset 1237"). */
    readonly what: string,
  ) {
    this.pos = start;
  }

  static forBox(bytes: Buffer, box: Box, base: number): ByteReader {
    return new ByteReader(bytes, box.payload, box.end, `'${box.type}' at offset ${base + box.start}`);
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  private take(n: number): number {
    if (this.pos + n > this.end) throw new Mp4ParseError(`${this.what} is too short: needs ${this.pos + n - this.end} more bytes`);
    const at = this.pos;
    this.pos += n;
    return at;
  }

  skip(n: number): this {
    this.take(n);
    return this;
  }

  u8(): number {
    return this.bytes.readUInt8(this.take(1));
  }

  u16(): number {
    return this.bytes.readUInt16BE(this.take(2));
  }

  i16(): number {
    return this.bytes.readInt16BE(this.take(2));
  }

  u24(): number {
    const at = this.take(3);
    return (this.bytes[at]! << 16) | (this.bytes[at + 1]! << 8) | this.bytes[at + 2]!;
  }

  u32(): number {
    return this.bytes.readUInt32BE(this.take(4));
  }

  i32(): number {
    return this.bytes.readInt32BE(this.take(4));
  }

  /** A 64-bit unsigned value; throws beyond 2^53 - 1, which no real offset, duration or time reaches. */
  u64(): number {
    const v = this.bytes.readBigUInt64BE(this.take(8));
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Mp4ParseError(`${this.what} holds a 64-bit value (${v}) too large to handle`);
    return Number(v);
  }

  fourCc(): string {
    return fourCc(this.bytes, this.take(4));
  }

  /** Version and flags of a FullBox. */
  fullBox(): { version: number; flags: number } {
    const version = this.u8();
    return { version, flags: this.u24() };
  }
}
