import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';

/**
 * Serving a media file with HTTP byte ranges, as a plain `Request → Response` function: Electron's
 * `protocol.handle` for the `media:` scheme calls it, and the browser test harness's loopback server
 * serves the very same function, so seeking is tested end to end. A video element needs ranges to
 * seek (and to read a fragmented MP4's end without downloading the whole file).
 */

export type ByteRange = { start: number; end: number };

/**
 * The range a `Range` header asks for within `size` bytes: a single `bytes=a-b`, `bytes=a-` or
 * `bytes=-n`; 'unsatisfiable' for a range wholly past the end (416); null to serve the whole file
 * (no header, a unit other than bytes, several ranges, or a malformed header — RFC 9110 lets a
 * server ignore a Range it does not support).
 */
export function parseRange(header: string | null, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return null;
  const [, first, last] = m as unknown as [string, string, string];
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

/** Answers `request` (GET or HEAD) with the file at `path`, honouring a single byte range. */
export async function serveFileRange(request: Request, path: string, contentType: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed', { status: 405, headers: { Allow: 'GET, HEAD' } });
  }
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) return new Response('Not found', { status: 404 });
    size = s.size;
  } catch {
    return new Response('Not found', { status: 404 });
  }
  const base: Record<string, string> = {
    'Accept-Ranges': 'bytes',
    'Content-Type': contentType,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
  const range = parseRange(request.headers.get('range'), size);
  if (range === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...base, 'Content-Range': `bytes */${size}` } });
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  const length = size === 0 ? 0 : end - start + 1;
  const headers = { ...base, 'Content-Length': String(length), ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}) };
  const status = range ? 206 : 200;
  if (request.method === 'HEAD' || length === 0) return new Response(null, { status, headers });
  // A file still being recorded grows; the stream stops at the length announced above.
  const body = Readable.toWeb(createReadStream(path, { start, end })) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, { status, headers });
}
