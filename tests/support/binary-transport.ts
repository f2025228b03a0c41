import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { AppServices } from '../../electron/services';

/**
 * Binary payloads across the harness's Playwright binding. Electron's IPC clones a Uint8Array as is;
 * a Playwright binding carries JSON only, so the page side replaces every Uint8Array in a payload with
 * `{ [BINARY_TAG]: base64 }` and the Node side turns it back into a Uint8Array before `dispatch`, which
 * then validates exactly what Electron's main would see.
 */
export const BINARY_TAG = '__irBase64';

/** Page-side encoder, as source text for the preload shim (it runs before any bundle). */
export const PAGE_ENCODE_BINARY = `function encodeBinary(value) {
    if (value instanceof Uint8Array) {
      let text = '';
      for (let i = 0; i < value.length; i += 0x8000) text += String.fromCharCode.apply(null, value.subarray(i, i + 0x8000));
      return { ${BINARY_TAG}: btoa(text) };
    }
    if (Array.isArray(value)) return value.map(encodeBinary);
    if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      const out = {};
      for (const key of Object.keys(value)) out[key] = encodeBinary(value[key]);
      return out;
    }
    return value;
  }`;

/** Node-side decoder: every `{ __irBase64 }` back into a Uint8Array (not a Buffer, as Electron delivers). */
export function decodeBinary(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeBinary);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === BINARY_TAG && typeof record[BINARY_TAG] === 'string') {
      const bytes = Buffer.from(record[BINARY_TAG], 'base64');
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    return Object.fromEntries(keys.map((key) => [key, decodeBinary(record[key])]));
  }
  return value;
}

/** The harness's stand-in for desktopCapturer: Chromium's --auto-select-desktop-capture-source picks "Entire screen". */
export const HARNESS_CAPTURE_SOURCE = { id: 'screen:0:0', name: 'Entire screen', kind: 'screen' as const, thumbnail: null };

/** Under `MEDIA_PATH` the harness's loopback server answers with the app's own media handler. */
export const MEDIA_PATH = '/media/';

/** Serves a media request through `services.media.respond`, the function Electron's media: protocol calls. */
export async function serveMediaRequest(services: AppServices, origin: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(', '));
  }
  const response = await services.media.respond(new Request(new URL(req.url ?? '/', origin), { method: req.method, headers }));
  res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
  if (!response.body) {
    res.end();
    return;
  }
  const body = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
  body.on('error', () => res.destroy());
  res.on('close', () => body.destroy());
  body.pipe(res);
}
