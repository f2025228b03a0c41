import { mkdirSync } from 'node:fs';
import { CodeService } from './code';
import { AppEvents } from './events';
import { IntegrityService } from './integrity';
import { dataPaths } from './paths';
import { loadCatalog } from './questions';
import { CodeRunner, type JsLauncher } from './runner';
import { RunService } from './runs';
import { SessionService } from './sessions';
import { latestVersion, openDatabase, type Db } from './store';
import { TelemetryService } from './telemetry';

export interface AppServicesOptions {
  dataDir: string;
  resourcesDir: string;
  appVersion: string;
  /** better-sqlite3 binary built for Electron's ABI, when running inside Electron in development. */
  nativeBinding?: string;
  /** How candidate JavaScript is started; Electron's main passes a utilityProcess launcher. */
  jsLauncher?: JsLauncher;
  now?: () => Date;
}

export interface AppServices {
  db: Db;
  paths: ReturnType<typeof dataPaths>;
  /** Main→renderer events raised by services. */
  events: AppEvents;
  sessions: SessionService;
  telemetry: TelemetryService;
  /** Code edits with their changes and snapshots; code playback. */
  code: CodeService;
  integrity: IntegrityService;
  runner: CodeRunner;
  /** Runs from the interview room: output events and `run` telemetry. */
  runs: RunService;
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
  const events = new AppEvents();
  const telemetry = new TelemetryService(db, now);
  const integrity = new IntegrityService(db);
  const sessions = new SessionService(db, catalog, { now, integrity });
  const runner = new CodeRunner(options.jsLauncher ? { jsLauncher: options.jsLauncher } : {});
  return {
    db,
    paths,
    events,
    sessions,
    telemetry,
    code: new CodeService(db, telemetry),
    integrity,
    runner,
    runs: new RunService(runner, sessions, telemetry, events, now),
    info: () => ({
      name: 'Interview Recorder',
      version: options.appVersion,
      dataDir: paths.dataDir,
      platform: process.platform,
      databaseVersion: latestVersion(),
    }),
    close: () => {
      runner.stopAll();
      db.close();
    },
  };
}
