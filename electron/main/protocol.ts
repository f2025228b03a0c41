import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { PRODUCTION_CSP_HEADER } from '../../shared/security/csp';
import { MEDIA_SCHEME } from '../services/recording';
import { APP_HOST, APP_SCHEME, mimeTypeFor, resolveAppFile } from '../services/security';

/** Must run before `app.ready`: makes app:// (and media://) standard, secure origins (fetch, workers, storage, streaming). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
    // Recordings play from media://recording/<id>; `stream` lets a <video> read byte ranges while seeking.
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** Serves the built renderer from `rendererDir` at app://renderer/, with the production CSP. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveAppFile(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': mimeTypeFor(file),
          'Content-Security-Policy': PRODUCTION_CSP_HEADER,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
