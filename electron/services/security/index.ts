import { isAbsolute, normalize, relative, resolve, sep } from 'node:path';

/**
 * Security decisions as plain functions, so they are unit-tested here and the Electron layer only
 * wires them to `will-navigate`, `setWindowOpenHandler`, the permission handlers and the protocol.
 */

/** The app's own scheme: the renderer is served from `app://renderer/`, never from `file://`. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True when `url` belongs to the app's own page (the packaged origin or the dev server's). */
export function isAppUrl(url: string | undefined, devServerUrl?: string): boolean {
  if (!url) return false;
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST) return true;
  if (devServerUrl) {
    const dev = parse(devServerUrl);
    if (dev && u.origin === dev.origin) return true;
  }
  return false;
}

/** Links the user clicks may open in the system browser: plain web pages and mail only. */
export function isSafeExternalUrl(url: string): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === 'mailto:') return true;
  return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password && u.hostname.length > 0;
}

/**
 * What Electron's permission request handler is told about a request (`MediaAccessPermissionRequest`
 * for capture). `mediaTypes` says what is captured: for `media` 'audio' is the microphone and 'video'
 * the camera; for `display-capture` 'video' is the screen or a window and 'audio' its sound.
 */
export interface PermissionRequestDetails {
  requestingUrl?: string;
  securityOrigin?: string;
  isMainFrame?: boolean;
  mediaTypes?: readonly string[];
}

/** What Electron's permission check handler is told: one `mediaType` per check ('audio', 'video' or 'unknown'). */
export interface PermissionCheckDetails {
  requestingOrigin: string;
  requestingUrl?: string;
  securityOrigin?: string;
  embeddingOrigin?: string;
  isMainFrame?: boolean;
  mediaType?: string;
}

/** Every URL Electron names for the request is our own page, and it is the top frame (the app has no frames). */
function fromAppPage(urls: Array<string | undefined>, isMainFrame: boolean | undefined, devServerUrl: string | undefined): boolean {
  if (isMainFrame === false) return false;
  const given = urls.filter((u): u is string => u !== undefined && u !== '');
  return given.length > 0 && given.every((u) => isAppUrl(u, devServerUrl));
}

/**
 * Permission requests: the interview records the microphone (`media` with audio only) and the screen
 * (`display-capture`, video and its sound), for our own page. The camera is never used, so a `media`
 * request that includes video is refused whole: Electron answers a request with one yes or no, and
 * saying yes to audio+video would hand out the camera too. A `media` request that does not say what it
 * wants is refused as well (docs/data-safety.md).
 */
export function allowPermissionRequest(permission: string, details: PermissionRequestDetails, devServerUrl?: string): boolean {
  if (!fromAppPage([details.requestingUrl, details.securityOrigin], details.isMainFrame, devServerUrl)) return false;
  const types = details.mediaTypes;
  if (permission === 'media') return Array.isArray(types) && types.length > 0 && types.every((t) => t === 'audio');
  // The source itself is chosen in our own picker (setDisplayMediaRequestHandler), never by the page.
  if (permission === 'display-capture') return types === undefined || types.every((t) => t === 'video' || t === 'audio');
  return false;
}

/**
 * Permission checks (asked before a request, and by enumerateDevices and the Permissions API): yes for
 * the microphone and screen capture on our own page, no for the camera and for a check that does not
 * say which device it is about.
 */
export function allowPermissionCheck(permission: string, details: PermissionCheckDetails, devServerUrl?: string): boolean {
  const urls = [details.requestingOrigin, details.requestingUrl, details.securityOrigin, details.embeddingOrigin];
  if (!fromAppPage(urls, details.isMainFrame, devServerUrl)) return false;
  if (permission === 'media') return details.mediaType === 'audio';
  return permission === 'display-capture';
}

/**
 * Maps a request path under the app scheme to a file inside `root`, or null when it would escape
 * `root` (`..`, encoded separators, absolute paths). `/` serves `index.html`.
 */
export function resolveAppFile(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const rel = normalize(decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, ''));
  const absRoot = resolve(root);
  const target = resolve(absRoot, rel);
  const fromRoot = relative(absRoot, target);
  if (fromRoot === '' || fromRoot.startsWith('..') || isAbsolute(fromRoot) || fromRoot.split(sep).includes('..')) return null;
  return target;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.mp4': 'video/mp4',
};

export function mimeTypeFor(file: string): string {
  const dot = file.lastIndexOf('.');
  return (dot >= 0 && MIME[file.slice(dot).toLowerCase()]) || 'application/octet-stream';
}
