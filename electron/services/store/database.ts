import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
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

/**
 * The file is an SQLite database whose pages cannot all be read (a disk fault, a copy cut short, a
 * crash on a file system that lies about fsync). Nothing was written to it: the app offers to move it
 * aside and restore a backup or start fresh (`database-health.ts`).
 */
export class DatabaseDamagedError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    super(
      `The database ${file} is damaged: ${problems[0] ?? 'it cannot be read'}${more}. Nothing was changed; ` +
        '"interview-recorder db check" lists the problems and the backups.',
    );
    this.name = 'DatabaseDamagedError';
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

export const userVersion = (db: Db) => db.pragma('user_version', { simple: true }) as number;

/** SQLite's own words for a file it cannot read as a database: corrupt pages, or not a database at all. */
export function isDamageError(err: unknown): err is Error & { code: string } {
  const code = (err as { code?: unknown } | null)?.code;
  return err instanceof Error && typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/**
 * `PRAGMA quick_check`: every page and record well formed, without the index-versus-table comparison of
 * a full integrity_check, so it costs one read of the file. Returns the problems, none when healthy.
 */
export function quickCheck(db: Db): string[] {
  let rows: Array<{ quick_check: string }>;
  try {
    rows = db.prepare('PRAGMA quick_check').all() as Array<{ quick_check: string }>;
  } catch (err) {
    if (isDamageError(err)) return [err.message];
    throw err;
  }
  if (rows.length === 1 && rows[0]!.quick_check === 'ok') return [];
  return rows
    .flatMap((r) => r.quick_check.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !/^\*\*\* in database \w+ \*\*\*$/.test(line));
}

/**
 * Brings the schema up to date. All pending migrations and the version bump run in one
 * transaction: a crash or an error half-way leaves the database exactly as it was.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  const supported = latestVersion(migrations);
  const current = userVersion(db);
  if (current > supported) throw new DatabaseTooNewError(current, supported);
  if (current === supported) return { from: current, to: current };
  // IMMEDIATE takes the write lock before reading the version again, so the app and the CLI
  // opening a fresh data directory at the same moment cannot both run the same migrations.
  return db
    .transaction(() => {
      const from = userVersion(db);
      if (from > supported) throw new DatabaseTooNewError(from, supported);
      const pending = [...migrations].filter((m) => m.version > from).sort((a, b) => a.version - b.version);
      for (const m of pending) db.exec(m.sql);
      if (pending.length > 0) db.pragma(`user_version = ${supported}`);
      return { from, to: supported };
    })
    .immediate();
}

/**
 * Refuses a newer app's database and a damaged one through a read-only connection. A read-write one
 * would not do: closing it checkpoints a -wal left by a crash into the file, and neither a newer app's
 * file nor a damaged one may be written to. A file that needs a rollback journal played back (which only
 * a writer may do) is left to the read-write connection.
 */
function refuseTooNewOrDamaged(file: string, options: OpenOptions): void {
  let db: Db;
  try {
    db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (err) {
    if (isDamageError(err)) throw new DatabaseDamagedError(file, [err.message]);
    throw err;
  }
  try {
    const found = userVersion(db);
    const supported = latestVersion(options.migrations);
    if (found > supported) throw new DatabaseTooNewError(found, supported);
    const problems = quickCheck(db);
    if (problems.length > 0) throw new DatabaseDamagedError(file, problems);
  } catch (err) {
    if (isDamageError(err)) throw new DatabaseDamagedError(file, [err.message]);
    if ((err as { code?: string }).code?.startsWith('SQLITE_READONLY')) return;
    throw err;
  } finally {
    db.close();
  }
}

/**
 * Opens a connection without migrating: a newer app's database and a damaged one are refused before
 * anything writes to the file (switching to WAL would), then the pragmas the services rely on are set.
 */
export function connectDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true });
    if (existsSync(file)) refuseTooNewOrDamaged(file, options);
  }
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    // Again on this connection: the file may be new, or have been replaced since it was looked at.
    const found = userVersion(db);
    const supported = latestVersion(options.migrations);
    if (found > supported) throw new DatabaseTooNewError(found, supported);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (err) {
    db.close();
    throw isDamageError(err) ? new DatabaseDamagedError(file, [err.message]) : err;
  }
}

/** Opens, checks and migrates (no backup: the app's start-up uses `openDatabaseWithBackups`). */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = connectDatabase(file, options);
  try {
    migrate(db, options.migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
