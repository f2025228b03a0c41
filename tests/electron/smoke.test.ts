import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppServices } from '../../electron/services';
import { REPO_ROOT, RESOURCES_DIR, tempDataDir } from '../support/paths';
import { validConfig } from '../support/services';

/**
 * The real Electron app, through Playwright's _electron. It runs wherever an Electron binary exists
 * (ELECTRON_BIN, or the one `npm install` downloads) and says plainly why it skipped where none does.
 * The binary is looked up without calling the electron package's index.js, which would try to download it.
 */
function findElectron(): { path: string } | { reason: string } {
  const fromEnv = process.env.ELECTRON_BIN;
  if (fromEnv) return existsSync(fromEnv) ? { path: fromEnv } : { reason: `ELECTRON_BIN=${fromEnv} does not exist` };
  const pkg = join(REPO_ROOT, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile))
    return { reason: 'no Electron binary installed (npm ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1); set ELECTRON_BIN to run it' };
  const bin = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? { path: bin } : { reason: `the Electron binary ${bin} is missing; set ELECTRON_BIN to run it` };
}

const found = findElectron();
const title = 'Electron app smoke test' + ('reason' in found ? ` (skipped: ${found.reason})` : '');

describe.skipIf(!('path' in found))(title, () => {
  let app: ElectronApplication | undefined;
  afterAll(async () => {
    await app?.close();
  });

  it('opens the window with the preload API and round-trips a session through the real main process', async () => {
    if (!('path' in found)) return;
    // The Electron main process loads better-sqlite3 built for its own ABI.
    expect(spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'electron-native.mjs')], { stdio: 'inherit' }).status).toBe(0);
    const dataDir = tempDataDir('ir-electron-');
    app = await electron.launch({
      executablePath: found.path,
      args: [REPO_ROOT],
      env: { ...process.env, INTERVIEW_RECORDER_DATA_DIR: dataDir, ELECTRON_ENABLE_LOGGING: '1' },
    });
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    expect(page.url()).toMatch(/^app:\/\/renderer\//);
    await page.getByRole('heading', { name: 'Session library' }).waitFor();

    const shape = await page.evaluate(() => ({
      create: typeof window.api.session.create,
      onCommand: typeof window.api.app.onCommand,
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(shape).toEqual({ create: 'function', onCommand: 'function', require: 'undefined', process: 'undefined' });

    const created = await page.evaluate((config) => window.api.session.create(config), validConfig());
    expect(created.ok).toBe(true);
    const invalid = await page.evaluate(() => window.api.session.create({ jobTitle: '' } as never));
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const listed = await page.evaluate(() => window.api.session.list());
    expect(listed.ok && listed.value.map((s) => s.candidateName)).toEqual(['Jamie Chen']);

    // The Electron-only parts behind the contract: desktopCapturer's sources for the picker, and
    // whether safeStorage can keep an API key on this system (a yes or a no with a reason, never an error).
    const sources = await page.evaluate(() => window.api.recording.sources());
    expect(sources.ok && Array.isArray(sources.value)).toBe(true);
    const interviewer = await page.evaluate(() => window.api.interviewer.settings({}));
    expect(interviewer.ok && typeof interviewer.value.apiKey.canStore).toBe('boolean');

    await app.close();
    app = undefined;
    // The same data directory, read by the services on Node, holds what the app wrote.
    const services = createAppServices({ dataDir, resourcesDir: RESOURCES_DIR, appVersion: 'test' });
    try {
      expect(services.sessions.list()).toHaveLength(1);
    } finally {
      services.close();
    }
  });
});
