import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allowPermissionCheck,
  allowPermissionRequest,
  APP_ORIGIN,
  isAppUrl,
  isSafeExternalUrl,
  mimeTypeFor,
  resolveAppFile,
} from '../../electron/services/security';

const DEV = 'http://localhost:5173';
const OTHER_PERMISSIONS = [
  'fullscreen',
  'clipboard-sanitized-write',
  'geolocation',
  'notifications',
  'midi',
  'midiSysex',
  'pointerLock',
  'openExternal',
  'clipboard-read',
  'hid',
  'serial',
  'usb',
  'speaker-selection',
  'window-management',
  'unknown',
  '',
];

describe('isAppUrl', () => {
  it('accepts the packaged app origin', () => {
    expect(APP_ORIGIN).toBe('app://renderer');
    for (const url of ['app://renderer/', 'app://renderer/index.html', 'app://renderer/assets/index-abc.js?x=1#top', 'app://renderer']) {
      expect(isAppUrl(url), url).toBe(true);
    }
  });

  it('accepts the dev server origin only when one is given, and only that exact origin', () => {
    expect(isAppUrl(`${DEV}/`, DEV)).toBe(true);
    expect(isAppUrl(`${DEV}/src/main.tsx?t=1`, `${DEV}/`)).toBe(true);
    expect(isAppUrl(`${DEV}/`)).toBe(false);
    expect(isAppUrl(`${DEV}/`, undefined)).toBe(false);
    for (const url of [
      'http://localhost:5174/',
      'https://localhost:5173/',
      'http://127.0.0.1:5173/',
      'http://localhost:5173.evil.com/',
      'http://localhost:5173@evil.com/',
    ]) {
      expect(isAppUrl(url, DEV), url).toBe(false);
    }
    // A dev server URL that does not parse does not open anything up.
    expect(isAppUrl('http://localhost:5173/', 'not a url')).toBe(false);
    // The packaged origin stays valid in development.
    expect(isAppUrl('app://renderer/index.html', DEV)).toBe(true);
  });

  it('rejects other origins, file:// and garbage', () => {
    const rejected = [
      undefined,
      '',
      'not a url',
      '//renderer/index.html',
      '/index.html',
      'file:///index.html',
      'file:///home/user/app/out/renderer/index.html',
      'app://other/index.html',
      'app://renderer.evil.com/',
      'app://renderer:8080/',
      'app://evil@renderer.com/',
      'apps://renderer/',
      'https://renderer/',
      'https://example.com/',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'about:blank',
      'devtools://devtools/bundled/inspector.html',
      'chrome://settings',
    ];
    for (const url of rejected) expect(isAppUrl(url, DEV), String(url)).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it('allows plain https and http pages and mailto', () => {
    for (const url of [
      'https://example.com',
      'https://example.com/docs?q=1#a',
      'http://example.org/',
      'https://sub.example.co.uk:8443/x',
      'mailto:someone@example.com',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(true);
    }
  });

  it('rejects URLs with credentials, script and local schemes, and garbage', () => {
    const rejected = [
      'https://user:pass@example.com/',
      'https://user@example.com/',
      'https://:secret@example.com/',
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'file:///etc/passwd',
      'file://C:/Windows/System32',
      'data:text/html,hi',
      'vbscript:msgbox',
      'app://renderer/index.html',
      'ftp://example.com/file',
      'smb://server/share',
      'ms-settings:privacy',
      'about:blank',
      '',
      'example.com',
      '//example.com',
      'https://',
      'not a url at all',
    ];
    for (const url of rejected) expect(isSafeExternalUrl(url), url).toBe(false);
  });
});

describe('allowPermissionRequest (the request handler: Electron’s MediaAccessPermissionRequest details)', () => {
  const PAGE = 'app://renderer/index.html';
  const request = (mediaTypes?: string[], requestingUrl = PAGE) => ({
    requestingUrl,
    securityOrigin: requestingUrl,
    isMainFrame: true,
    ...(mediaTypes ? { mediaTypes } : {}),
  });

  it('media: the microphone alone is granted; the camera, camera + microphone, and an unspecified request are refused', () => {
    expect(allowPermissionRequest('media', request(['audio']))).toBe(true);
    expect(allowPermissionRequest('media', request(['audio', 'audio']))).toBe(true);
    expect(allowPermissionRequest('media', request(['video']))).toBe(false);
    expect(allowPermissionRequest('media', request(['audio', 'video']))).toBe(false);
    expect(allowPermissionRequest('media', request(['video', 'audio']))).toBe(false);
    expect(allowPermissionRequest('media', request([]))).toBe(false);
    expect(allowPermissionRequest('media', request(undefined))).toBe(false);
    expect(allowPermissionRequest('media', request(['audio', 'screen']))).toBe(false);
  });

  it('display-capture: the screen, with or without its sound, is granted', () => {
    expect(allowPermissionRequest('display-capture', request(['video']))).toBe(true);
    expect(allowPermissionRequest('display-capture', request(['video', 'audio']))).toBe(true);
    expect(allowPermissionRequest('display-capture', request(['audio']))).toBe(true);
    expect(allowPermissionRequest('display-capture', request(undefined))).toBe(true);
    expect(allowPermissionRequest('display-capture', request(['video', 'camera']))).toBe(false);
  });

  it('only for the app’s own page, in its top frame (the dev server only when running against it)', () => {
    for (const url of ['https://example.com/', 'file:///index.html', 'app://other/index.html', undefined, '']) {
      const from = { requestingUrl: url, securityOrigin: url, isMainFrame: true };
      expect(allowPermissionRequest('media', { ...from, mediaTypes: ['audio'] }), String(url)).toBe(false);
      expect(allowPermissionRequest('display-capture', { ...from, mediaTypes: ['video'] }), String(url)).toBe(false);
    }
    expect(allowPermissionRequest('media', { ...request(['audio']), isMainFrame: false })).toBe(false);
    expect(allowPermissionRequest('media', { ...request(['audio']), securityOrigin: 'https://example.com' })).toBe(false);
    expect(allowPermissionRequest('media', request(['audio'], `${DEV}/`), DEV)).toBe(true);
    expect(allowPermissionRequest('media', request(['audio'], `${DEV}/`))).toBe(false);
    expect(allowPermissionRequest('media', request(['audio'], 'http://localhost:9999/'), DEV)).toBe(false);
    expect(allowPermissionRequest('media', request(['video'], `${DEV}/`), DEV)).toBe(false);
  });

  it('refuses every other permission, even to the app page', () => {
    for (const permission of OTHER_PERMISSIONS) {
      expect(allowPermissionRequest(permission, request(['audio']), DEV), permission).toBe(false);
    }
  });
});

describe('allowPermissionCheck (the check handler: one mediaType per check)', () => {
  const check = (mediaType?: string, requestingOrigin = APP_ORIGIN) => ({
    requestingOrigin,
    requestingUrl: `${requestingOrigin}/index.html`,
    securityOrigin: requestingOrigin,
    isMainFrame: true,
    ...(mediaType ? { mediaType } : {}),
  });

  it('media: yes for the microphone; no for the camera and for an unknown or missing media type', () => {
    expect(allowPermissionCheck('media', check('audio'))).toBe(true);
    expect(allowPermissionCheck('media', check('video'))).toBe(false);
    expect(allowPermissionCheck('media', check('unknown'))).toBe(false);
    expect(allowPermissionCheck('media', check(undefined))).toBe(false);
  });

  it('display-capture: yes for the app page', () => {
    expect(allowPermissionCheck('display-capture', check())).toBe(true);
  });

  it('only for the app’s own page: other origins, a frame embedded elsewhere, or no origin at all get nothing', () => {
    for (const origin of ['https://example.com', 'file://', 'null', '', 'app://other']) {
      expect(allowPermissionCheck('media', { requestingOrigin: origin, mediaType: 'audio' }), origin).toBe(false);
      expect(allowPermissionCheck('display-capture', { requestingOrigin: origin }), origin).toBe(false);
    }
    expect(allowPermissionCheck('media', { ...check('audio'), embeddingOrigin: 'https://example.com' })).toBe(false);
    expect(allowPermissionCheck('media', { ...check('audio'), isMainFrame: false })).toBe(false);
    expect(allowPermissionCheck('media', { requestingOrigin: APP_ORIGIN, mediaType: 'audio' })).toBe(true);
    expect(allowPermissionCheck('media', check('audio', DEV), DEV)).toBe(true);
    expect(allowPermissionCheck('media', check('audio', DEV))).toBe(false);
  });

  it('refuses every other permission, even to the app page', () => {
    for (const permission of OTHER_PERMISSIONS) expect(allowPermissionCheck(permission, check('audio'), DEV), permission).toBe(false);
  });
});

describe('resolveAppFile', () => {
  const root = resolve('/srv/app/renderer');

  it('serves index.html for the root', () => {
    expect(resolveAppFile(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, '')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, '%2F')).toBe(join(root, 'index.html'));
  });

  it('maps ordinary paths inside the root', () => {
    expect(resolveAppFile(root, '/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, '/assets/index-abc123.js')).toBe(join(root, 'assets', 'index-abc123.js'));
    expect(resolveAppFile(root, '/assets/my%20font.woff2')).toBe(join(root, 'assets', 'my font.woff2'));
    expect(resolveAppFile(root, '//assets/x.css')).toBe(join(root, 'assets', 'x.css'));
    // `..` that stays inside the root is harmless and normalised away.
    expect(resolveAppFile(root, '/assets/../index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, '/a/./b/../c.js')).toBe(join(root, 'a', 'c.js'));
  });

  it('works with a relative root too', () => {
    expect(resolveAppFile('out/renderer', '/index.html')).toBe(resolve('out/renderer/index.html'));
    expect(resolveAppFile('out/renderer', '/../main/index.js')).toBeNull();
  });

  it('rejects anything that would leave the root', () => {
    const escapes = [
      '/..',
      '/../',
      '/../secret.txt',
      '/../../../../etc/passwd',
      '/assets/../../secret.txt',
      '..',
      '../renderer-evil/index.html',
      '/%2e%2e/secret.txt',
      '/%2E%2E/%2E%2E/etc/passwd',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets%2f..%2f..%2fsecret.txt',
      '/.%2e/secret.txt',
      '/%2e./secret.txt',
    ];
    for (const pathname of escapes) expect(resolveAppFile(root, pathname), pathname).toBeNull();
  });

  it('decodes exactly once: a double-encoded `..` is a literal name inside the root', () => {
    expect(resolveAppFile(root, '/%252e%252e/secret.txt')).toBe(join(root, '%2e%2e', 'secret.txt'));
  });

  it('rejects the root directory itself (only files are served)', () => {
    expect(resolveAppFile(root, '/.')).toBeNull();
    expect(resolveAppFile(root, '/assets/..')).toBeNull();
  });

  it('rejects backslashes, NUL bytes and broken percent-encoding', () => {
    const bad = [
      '/..\\secret.txt',
      '\\..\\secret.txt',
      '/assets\\index.js',
      '/%5c..%5csecret.txt',
      '/%5C..%5Csecret.txt',
      '/index.html%00.js',
      '/index.html\0',
      '/%E0%A4%A',
      '/%',
      '/%zz',
    ];
    for (const pathname of bad) expect(resolveAppFile(root, pathname), JSON.stringify(pathname)).toBeNull();
  });

  it('never returns a path outside the root for any of a range of tricky inputs', () => {
    const tricky = ['/...', '/..../x', '/.../..', '/a/../../b', '/%2e/%2e%2e/x', '/./../x', '/a/b/c/../../../..', '/%2e%2e', '/.%2e/x'];
    for (const pathname of tricky) {
      const file = resolveAppFile(root, pathname);
      if (file !== null) expect(file.startsWith(root + '/') || file.startsWith(root + '\\'), `${pathname} → ${file}`).toBe(true);
    }
    expect(resolveAppFile(root, '/a/../../b')).toBeNull();
    expect(resolveAppFile(root, '/.%2e/x')).toBeNull();
  });
});

describe('mimeTypeFor', () => {
  it('knows the renderer’s file types and falls back to octet-stream', () => {
    expect(mimeTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('/x/app.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('/x/style.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('/x/editor.worker.wasm')).toBe('application/wasm');
    expect(mimeTypeFor('/x/README')).toBe('application/octet-stream');
    expect(mimeTypeFor('/x/archive.tar.gz')).toBe('application/octet-stream');
  });
});
