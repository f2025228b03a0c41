import { existsSync } from 'node:fs';

/**
 * In development, `node_modules/better-sqlite3` is built for Node (tests and the CLI use it), so the
 * Electron process loads a copy built for Electron's ABI by `scripts/electron-native.mjs`.
 * A packaged app has its modules rebuilt for Electron by electron-builder and needs no override.
 */
export function electronNativeBinding(file: string, isPackaged: boolean): string | undefined {
  if (isPackaged) return undefined;
  return existsSync(file) ? file : undefined;
}
