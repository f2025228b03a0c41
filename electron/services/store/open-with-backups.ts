import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { DatabaseBackups, type BackupInfo } from './backups';
import { connectDatabase, latestVersion, migrate, userVersion, type Db, type OpenOptions } from './database';

export interface BackedUpOpenOptions extends OpenOptions {
  /** Where the rotating backups live (`<dataDir>/backups`). */
  backupsDir: string;
  /** Also take the daily backup when the newest is a day old (the app's start-up does; one CLI command does not). */
  daily?: boolean;
  keep?: number;
  now?: () => Date;
}

export interface BackedUpDatabase {
  db: Db;
  /** The backup taken on the way in, if one was. */
  backup: BackupInfo | null;
  /** Why the daily backup failed; the database opened all the same. */
  backupError: Error | null;
  migrated: { from: number; to: number };
}

/** The database exists with data at a schema version older than the app's: opening it will migrate it. */
export function needsUpgrade(file: string, options: OpenOptions = {}): boolean {
  if (!existsSync(file)) return false;
  let db: Db | undefined;
  try {
    db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    const version = userVersion(db);
    return version > 0 && version < latestVersion(options.migrations);
  } catch {
    // Unreadable: the ordinary open reports why.
    return false;
  } finally {
    db?.close();
  }
}

/**
 * Opens the database as `openDatabase` does (newer and damaged files refused untouched), but first
 * copies it to a checked backup whenever a migration is about to change its version, and once a day.
 * A failed pre-migration backup stops the upgrade before it starts; a failed daily one is reported
 * and the app opens anyway.
 */
export async function openDatabaseWithBackups(file: string, options: BackedUpOpenOptions): Promise<BackedUpDatabase> {
  const db = connectDatabase(file, options);
  try {
    const backups = new DatabaseBackups(options.backupsDir, options);
    const from = userVersion(db);
    const to = latestVersion(options.migrations);
    let backup: BackupInfo | null = null;
    let backupError: Error | null = null;
    // Version 0 is a database created a moment ago: there is nothing in it to keep.
    if (from > 0 && from < to) {
      try {
        backup = await backups.create(db);
      } catch (err) {
        throw new Error(
          `${(err as Error).message}. The database is backed up before it is upgraded from schema version ${from} to ${to}, ` +
            'so the upgrade did not start and nothing was changed. Free some disk space and start again.',
          { cause: err },
        );
      }
    } else if (from > 0 && options.daily && backups.isDue()) {
      try {
        backup = await backups.create(db);
      } catch (err) {
        backupError = err as Error;
      }
    }
    const migrated = migrate(db, options.migrations);
    return { db, backup, backupError, migrated };
  } catch (err) {
    db.close();
    throw err;
  }
}
