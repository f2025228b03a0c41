import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const RESOURCES_DIR = join(REPO_ROOT, 'resources');
/** The build the browser tests run against; `IR_OUT_DIR` points elsewhere (as for `electron-vite build`). */
export const OUT_DIR = resolve(REPO_ROOT, process.env.IR_OUT_DIR ?? 'out');
export const FIXTURES_DIR = join(REPO_ROOT, 'tests', 'fixtures');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');

const created: string[] = [];
// Removed when the test worker exits, so runs leave nothing behind in the temp folder.
process.once('exit', () => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A fresh, empty data directory per test, as a new user would have. */
export function tempDataDir(prefix = 'ir-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}
