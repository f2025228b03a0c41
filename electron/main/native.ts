import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * In development, `node_modules/better-sqlite3` is built for Node (tests and the CLI use it), so the
 * Electron process loads a copy built for Electron's ABI by `scripts/electron-native.mjs`.
 * A packaged app has its modules rebuilt for Electron by electron-builder and needs no override.
 */
export function electronNativeBinding(appPath: string, isPackaged: boolean): string | undefined {
  if (isPackaged) return undefined;
  const file = join(appPath, '.cache', 'electron-native', 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}
