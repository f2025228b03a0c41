import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHANNEL_PREFIX, type EventChannel } from '../../shared/ipc/channels';
import { eventContract, type EventPayload } from '../../shared/ipc/contract';
import { dispatch } from '../../shared/ipc/dispatch';
import { fail } from '../../shared/ipc/result';
import { PRODUCTION_CSP_HEADER } from '../../shared/security/csp';
import { createHandlers, type AppServices } from '../../electron/services';
import { mimeTypeFor, resolveAppFile } from '../../electron/services/security';
import { decodeBinary, HARNESS_CAPTURE_SOURCE, MEDIA_PATH, PAGE_ENCODE_BINARY, serveMediaRequest } from './binary-transport';
import { OUT_DIR, REPO_ROOT, SCREENSHOT_DIR } from './paths';
import { makeServices } from './services';

/**
 * The browser harness: the built renderer in Debian's Chromium, talking to the real services of
 * this process through the very same IPC contract. The built preload bundle itself runs in the
 * page, with `require('electron')` answered by a shim whose ipcRenderer goes over a Playwright
 * binding — so the renderer cannot tell it is not in Electron. Only Electron's transport differs.
 */
export interface Harness {
  page: Page;
  services: AppServices;
  origin: string;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
  emit<E extends EventChannel>(channel: E, payload: EventPayload<E>): Promise<void>;
  screenshot(name: string): Promise<string>;
  /**
   * Runs axe-core on the page as it shows now, in the light and in the dark scheme, and fails on any
   * serious or critical violation (naming the screen, the rule and the elements).
   */
  checkAccessibility(name: string): Promise<void>;
  close(): Promise<void>;
}

const AXE_SOURCE = join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js');

interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** axe-core in the page (evaluated over the debugging protocol, so the app's CSP does not apply to it). */
async function axeFindings(page: Page): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(readFileSync(AXE_SOURCE, 'utf8'));
  return page.evaluate(async () => {
    type Result = {
      violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }>;
    };
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<Result> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? '',
        help: v.help,
        nodes: v.nodes
          .slice(0, 6)
          .map((n) => `${n.target.map(String).join(' ')} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ').trim()}`),
      }));
  });
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];
/** Chromium's fake screen, microphone and capture prompt, for recording tests (they work headless). */
export const CAPTURE_ARGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--auto-select-desktop-capture-source=Entire screen',
  '--autoplay-policy=no-user-gesture-required',
];

function preloadShim(preloadSource: string): string {
  return `(() => {
  const listeners = new Map();
  ${PAGE_ENCODE_BINARY}
  const electron = {
    // Chromium gives a page no path for a dropped File; a test that drops a bundle sets \`path\` on it
    // (as Electron did before webUtils), and this stand-in answers with it like webUtils would.
    webUtils: {
      getPathForFile(file) {
        if (!(file instanceof File)) throw new TypeError('getPathForFile needs a File');
        return typeof file.path === 'string' ? file.path : '';
      },
    },
    contextBridge: {
      exposeInMainWorld(key, value) {
        Object.defineProperty(window, key, { value: Object.freeze(value), writable: false, configurable: false, enumerable: true });
      },
    },
    ipcRenderer: {
      invoke: (channel, payload) =>
        window.__irInvoke(channel, encodeBinary(payload)).then((text) =>
          text.startsWith(${JSON.stringify(LARGE_ANSWER_MARK)})
            ? fetch(text.slice(${LARGE_ANSWER_MARK.length})).then((r) => r.text()).then((body) => JSON.parse(body))
            : JSON.parse(text),
        ),
      on(channel, handler) {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel).add(handler);
      },
      removeListener(channel, handler) {
        listeners.get(channel)?.delete(handler);
      },
    },
  };
  Object.defineProperty(window, '__irEmit', {
    value: (channel, payload) => { for (const h of listeners.get(channel) ?? []) h({ sender: null }, payload); },
  });
  const module = { exports: {} };
  const require = (name) => {
    if (name === 'electron') return electron;
    throw new Error('a sandboxed preload may only require electron, not ' + name);
  };
  (function (require, module, exports) {
${preloadSource}
  })(require, module, module.exports);
})();`;
}

/** Answers of at least this many characters reach the page over HTTP (see `launchHarness`). */
const LARGE_ANSWER_CHARS = 256 * 1024;
/** Starts a binding's answer that says where to fetch the real one; JSON text never starts with NUL. */
const LARGE_ANSWER_MARK = '\u0000fetch:';
const IPC_ANSWER_PATH = '/__ir-ipc/';

function serveRenderer(root: string, services: AppServices, largeAnswers: Map<string, string>): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith(IPC_ANSWER_PATH)) {
      const token = url.pathname.slice(IPC_ANSWER_PATH.length);
      const body = largeAnswers.get(token);
      largeAnswers.delete(token);
      if (body === undefined) res.writeHead(404).end('Not found');
      else res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(body);
      return;
    }
    if (url.pathname.startsWith(MEDIA_PATH)) {
      // Recordings: the same Request → Response function as Electron's media: protocol (byte ranges).
      void serveMediaRequest(services, `http://${req.headers.host ?? '127.0.0.1'}`, req, res).catch(() => res.writeHead(500).end());
      return;
    }
    const file = resolveAppFile(root, url.pathname);
    if (!file) {
      res.writeHead(404).end('Not found');
      return;
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, {
          'Content-Type': mimeTypeFor(file),
          'Content-Security-Policy': PRODUCTION_CSP_HEADER,
          'Cache-Control': 'no-store',
        });
        res.end(body);
      },
      () => res.writeHead(404).end('Not found'),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export interface HarnessOptions {
  services?: AppServices;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  launchArgs?: string[];
  /** Query string for the page, e.g. `?profile` to turn on the renderer's User Timing measures. */
  query?: string;
}

export async function launchHarness(options: HarnessOptions = {}): Promise<Harness> {
  const rendererDir = join(OUT_DIR, 'renderer');
  const preloadFile = join(OUT_DIR, 'preload', 'index.js');
  if (!existsSync(join(rendererDir, 'index.html')) || !existsSync(preloadFile)) {
    throw new Error('The app is not built: run `npm run build` before the browser tests (npm test does it).');
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  const services = options.services ?? makeServices();
  const handlers = createHandlers(services);
  const largeAnswers = new Map<string, string>();
  const server = await serveRenderer(rendererDir, services, largeAnswers);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  services.media.setBaseUrl(`${origin}${MEDIA_PATH}`);
  // desktopCapturer cannot run here: the harness offers the one source Chromium's auto-select flag picks.
  if (!services.captureSources.integration)
    services.captureSources.setDesktop({ listCaptureSources: async () => [HARNESS_CAPTURE_SOURCE], showItemInFolder: () => undefined });
  await services.initialize();
  // As main does once the window is up: team sync sends on its own (with nothing set up, it only waits).
  services.sync.start();
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...(options.launchArgs ?? [])] });
    context = await browser.newContext({
      viewport: options.viewport ?? { width: 1360, height: 860 },
      colorScheme: options.colorScheme ?? 'light',
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));

    // Same checks as main's registerIpc: only the app's own page may call, and only known channels.
    await page.exposeBinding('__irInvoke', async (source, wire: unknown, payload: unknown) => {
      if (new URL(source.frame.url()).origin !== origin)
        return JSON.stringify(fail('forbidden', 'IPC call refused: the sender is not the app page'));
      if (typeof wire !== 'string' || !wire.startsWith(CHANNEL_PREFIX))
        return JSON.stringify(fail('unknown_channel', `No IPC call named "${String(wire)}"`));
      // The envelope crosses as one JSON string: Playwright serialises a string in one piece, where an
      // object of several MB (a long session's review data) would be walked value by value. Every
      // answer in the contract is plain JSON data, so this is what Electron's structured clone delivers.
      const text = JSON.stringify(await dispatch(handlers, wire.slice(CHANNEL_PREFIX.length), decodeBinary(payload)));
      if (text.length < LARGE_ANSWER_CHARS) return text;
      // A binding moves a string of several MB slowly (about 1 s for a long session's review data,
      // where Electron's IPC takes milliseconds): the page fetches a large answer from the loopback
      // server instead, once.
      const token = randomUUID();
      largeAnswers.set(token, text);
      return `${LARGE_ANSWER_MARK}${IPC_ANSWER_PATH}${token}`;
    });
    // Electron's main prints the window with webContents.printToPDF; the harness has no Electron, so this
    // stand-in prints the page with Playwright's page.pdf(), the same Chromium print-to-PDF.
    services.progress.setPrinter({
      printToPdf: async () =>
        new Uint8Array(
          await page.pdf({ format: 'A4', printBackground: true, margin: { top: '1cm', right: '1cm', bottom: '1cm', left: '1cm' } }),
        ),
    });
    await page.addInitScript({ content: preloadShim(readFileSync(preloadFile, 'utf8')) });
    const deliver = (channel: EventChannel, payload: unknown) =>
      page.evaluate(([wire, p]) => (window as unknown as { __irEmit: (c: string, p: unknown) => void }).__irEmit(wire, p), [
        `${CHANNEL_PREFIX}${channel}`,
        payload,
      ] as const);
    // Service events reach the page the way main's webContents.send would deliver them.
    const unsubscribe = services.events.subscribe((channel, payload) => {
      void deliver(channel, payload).catch(() => undefined);
    });
    await page.goto(`${origin}/index.html${options.query ?? ''}`);

    return {
      page,
      services,
      origin,
      problems,
      async emit(channel, payload) {
        eventContract[channel].parse(payload);
        await deliver(channel, payload);
      },
      async screenshot(name) {
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        const path = join(SCREENSHOT_DIR, `${name}.png`);
        await page.screenshot({ path });
        return path;
      },
      async checkAccessibility(name) {
        const problems: string[] = [];
        // Colours ease between schemes (buttons have short transitions): stop them, so the colours measured
        // are the settled ones.
        await page.evaluate(() => {
          const style = document.createElement('style');
          style.id = '__ir-axe-still';
          style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
          document.head.append(style);
        });
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          // Some colours follow the scheme through script (Monaco's theme), a frame or more after the media
          // query flips; on a loaded machine that can take a while. A finding that is still there after
          // several looks is a real one; one that went away was a screen caught mid-repaint.
          await page.waitForFunction((s) => matchMedia(`(prefers-color-scheme: ${s})`).matches, scheme);
          await page.waitForTimeout(150);
          let findings = await axeFindings(page);
          // A loaded machine can take seconds to repaint; a real problem is still there after every look.
          for (let look = 0; look < 4 && findings.length > 0; look++) {
            await page.waitForTimeout(750);
            findings = await axeFindings(page);
          }
          for (const f of findings) problems.push(`[${scheme}] ${f.impact} ${f.id}: ${f.help}\n    ${f.nodes.join('\n    ')}`);
        }
        await page.emulateMedia({ colorScheme: options.colorScheme ?? 'light' });
        await page.evaluate(() => document.getElementById('__ir-axe-still')?.remove());
        if (problems.length > 0) throw new Error(`Accessibility problems on "${name}":\n  ${problems.join('\n  ')}`);
      },
      async close() {
        unsubscribe();
        services.progress.setPrinter(null);
        await context?.close();
        await browser?.close();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        // As main does before quitting.
        await services.sync.stop();
        if (!options.services) services.close();
      },
    };
  } catch (err) {
    await browser?.close();
    server.close();
    await services.sync.stop();
    if (!options.services) services.close();
    throw err;
  }
}
