import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const RESOURCES_DIR = join(REPO_ROOT, 'resources');
export const OUT_DIR = join(REPO_ROOT, 'out');
export const FIXTURES_DIR = join(REPO_ROOT, 'tests', 'fixtures');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');

/** A fresh, empty data directory per test, as a new user would have. */
export function tempDataDir(prefix = 'ir-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
