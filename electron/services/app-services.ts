import { mkdirSync } from 'node:fs';
import { dataPaths } from './paths';
import { loadCatalog } from './questions';
import { SessionService } from './sessions';
import { latestVersion, openDatabase, type Db } from './store';
import { TelemetryService } from './telemetry';

export interface AppServicesOptions {
  dataDir: string;
  resourcesDir: string;
  appVersion: string;
  /** better-sqlite3 binary built for Electron's ABI, when running inside Electron in development. */
  nativeBinding?: string;
  now?: () => Date;
}

export interface AppServices {
  db: Db;
  paths: ReturnType<typeof dataPaths>;
  sessions: SessionService;
  telemetry: TelemetryService;
  info(): { name: string; version: string; dataDir: string; platform: string; databaseVersion: number };
  close(): void;
}

/** Builds every service on one data directory. The app, the CLI and the test harness all start here. */
export function createAppServices(options: AppServicesOptions): AppServices {
  const paths = dataPaths(options.dataDir);
  mkdirSync(paths.dataDir, { recursive: true });
  const catalog = loadCatalog(options.resourcesDir);
  const db = openDatabase(paths.database, { nativeBinding: options.nativeBinding });
  const now = options.now ?? (() => new Date());
  return {
    db,
    paths,
    sessions: new SessionService(db, catalog, { now }),
    telemetry: new TelemetryService(db, now),
    info: () => ({
      name: 'Interview Recorder',
      version: options.appVersion,
      dataDir: paths.dataDir,
      platform: process.platform,
      databaseVersion: latestVersion(),
    }),
    close: () => db.close(),
  };
}
