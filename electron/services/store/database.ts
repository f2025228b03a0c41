import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This data was written by a newer version of Interview Recorder (database version ${found}; ` +
        `this app understands up to ${supported}). Update the app to open it; nothing was changed.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

export interface OpenOptions {
  /** Path to a better-sqlite3 binary built for another runtime (Electron's), when not the default. */
  nativeBinding?: string;
  migrations?: readonly Migration[];
}

export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

/**
 * Brings the schema up to date. All pending migrations and the version bump run in one
 * transaction: a crash or an error half-way leaves the database exactly as it was.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  const supported = latestVersion(migrations);
  const readVersion = () => db.pragma('user_version', { simple: true }) as number;
  const current = readVersion();
  if (current > supported) throw new DatabaseTooNewError(current, supported);
  if (current === supported) return { from: current, to: current };
  // IMMEDIATE takes the write lock before reading the version again, so the app and the CLI
  // opening a fresh data directory at the same moment cannot both run the same migrations.
  return db
    .transaction(() => {
      const from = readVersion();
      if (from > supported) throw new DatabaseTooNewError(from, supported);
      const pending = [...migrations].filter((m) => m.version > from).sort((a, b) => a.version - b.version);
      for (const m of pending) db.exec(m.sql);
      if (pending.length > 0) db.pragma(`user_version = ${supported}`);
      return { from, to: supported };
    })
    .immediate();
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    // Refuse a newer app's database before anything below writes to it (switching to WAL would).
    const found = db.pragma('user_version', { simple: true }) as number;
    const supported = latestVersion(options.migrations);
    if (found > supported) throw new DatabaseTooNewError(found, supported);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, options.migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
