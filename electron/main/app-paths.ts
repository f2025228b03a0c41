import { join } from 'node:path';

/**
 * Where the running app is: Electron's `app.getAppPath()` and `process.resourcesPath`, `app.isPackaged`, and
 * the folder of the built main bundle (its `__dirname`). Passed in rather than read here, so this module never
 * imports 'electron' and the packaging check can compute the same paths for a packaged layout.
 */
export interface AppLocation {
  appPath: string;
  resourcesPath: string;
  isPackaged: boolean;
  mainDir: string;
}

/** The page main loads, relative to the renderer folder that app:// serves. */
export const RENDERER_ENTRY = 'index.html';

/** Every file or folder main reads at run time. Main computes none of these anywhere else. */
export function appFiles(at: AppLocation) {
  // Packaged, resources/ ships beside app.asar (extraResources), not inside it.
  const resourcesDir = at.isPackaged ? join(at.resourcesPath, 'resources') : join(at.appPath, 'resources');
  return {
    preload: join(at.mainDir, '..', 'preload', 'index.js'),
    rendererDir: join(at.mainDir, '..', 'renderer'),
    resourcesDir,
    windowIcon: join(resourcesDir, 'build', 'icon.png'),
    /** Only in development: scripts/electron-native.mjs builds it (see native.ts). */
    devNativeBinding: join(at.appPath, '.cache', 'electron-native', 'better_sqlite3.node'),
  };
}
