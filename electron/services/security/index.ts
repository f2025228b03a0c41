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

/** Permissions the renderer may have: capture devices for our own page, nothing else. */
const ALLOWED_PERMISSIONS = new Set(['media', 'display-capture']);

export function allowPermission(permission: string, requestingUrl: string | undefined, devServerUrl?: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl, devServerUrl);
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
