import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'Interview Recorder';
export const DATA_DIR_ENV = 'INTERVIEW_RECORDER_DATA_DIR';

/**
 * The data directory shared by the app and the CLI: `INTERVIEW_RECORDER_DATA_DIR` if set, else the
 * platform's per-user application data folder (the same one Electron's `userData` points at).
 */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const override = env[DATA_DIR_ENV]?.trim();
  if (override) return override;
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_DIR_NAME);
}

export function dataPaths(dataDir: string) {
  return {
    dataDir,
    database: join(dataDir, 'interview-recorder.sqlite'),
    recordings: join(dataDir, 'recordings'),
    exports: join(dataDir, 'exports'),
    bundles: join(dataDir, 'bundles'),
    /** Rotating copies of the database (store/backups.ts). */
    backups: join(dataDir, 'backups'),
    /** Caches kept between code Runs (Go's build cache). */
    cache: join(dataDir, 'cache'),
  };
}
