import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { userVersion, type Db } from './database';
import { inspectDatabaseFile, type InspectOptions } from './inspect';

/** How many backups are kept: enough to step back past a bad day, few enough not to fill a disk. */
export const BACKUPS_KEPT = 3;
/** The daily backup at start-up is taken when the newest one is at least this old. */
export const BACKUP_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** A `.partial` file older than this was left by a backup that never finished. */
const STALE_PARTIAL_MS = 60 * 60 * 1000;

export interface BackupInfo {
  /** The file name, which `db restore` also accepts. */
  name: string;
  file: string;
  /** When it was taken (ISO 8601, UTC), read from its name. */
  createdAt: string;
  /** The schema version the database had when it was copied. */
  schemaVersion: number;
  bytes: number;
}

// interview-recorder-2026-01-02T09-14-05-123Z-v70.sqlite (`-2`, `-3` … before the extension if taken in the same millisecond).
// Colons are not allowed in Windows file names, hence the dashes in the time.
const NAME = /^interview-recorder-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-v(\d+)(?:-(\d+))?\.sqlite$/;

export function backupName(at: Date, schemaVersion: number, sequence = 1): string {
  const stamp = at.toISOString().replace(/:/g, '-').replace('.', '-');
  return `interview-recorder-${stamp}-v${schemaVersion}${sequence > 1 ? `-${sequence}` : ''}.sqlite`;
}

export function parseBackupName(name: string): { createdAt: Date; schemaVersion: number; sequence: number } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const createdAt = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
  if (Number.isNaN(createdAt.getTime())) return null;
  return { createdAt, schemaVersion: Number(m[6]), sequence: m[7] ? Number(m[7]) : 1 };
}

/** The files SQLite keeps beside a database: part of it whenever they exist. */
export const SIDECAR_SUFFIXES = ['-wal', '-shm', '-journal'] as const;

/** Removes a database file and the journal files SQLite may have left beside it. */
export function removeWithSidecars(file: string): void {
  for (const suffix of ['', ...SIDECAR_SUFFIXES]) rmSync(`${file}${suffix}`, { force: true });
}

/**
 * Writes a consistent copy of an open database to `file` (which must not exist) with SQLite's online
 * backup API: pages written meanwhile through the same connection are copied too. The copy carries the
 * source's WAL flag; it is set back to a rollback journal so the copy stays one self-contained file
 * and opening it never leaves -wal/-shm files beside it.
 */
export async function copyDatabase(db: Db, file: string, nativeBinding?: string): Promise<void> {
  await db.backup(file);
  const copy = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

export interface BackupOptions extends InspectOptions {
  keep?: number;
  now?: () => Date;
}

/**
 * Rotating copies of the database in `<dataDir>/backups/`, taken with SQLite's online backup API so
 * the copy is consistent while the app keeps the database open. Each one is checked (read-only
 * connection, quick_check, the schema its version promises) before it counts, and only the newest
 * `BACKUPS_KEPT` are kept.
 */
export class DatabaseBackups {
  constructor(
    readonly dir: string,
    private readonly options: BackupOptions = {},
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Newest first. Files that are not backups of ours are left alone and not listed. */
  list(): BackupInfo[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return [];
      throw err;
    }
    const found = names.flatMap((name) => {
      const parsed = parseBackupName(name);
      if (!parsed) return [];
      const file = join(this.dir, name);
      let bytes: number;
      try {
        const stat = statSync(file);
        if (!stat.isFile()) return [];
        bytes = stat.size;
      } catch {
        return [];
      }
      return [{ info: { name, file, createdAt: parsed.createdAt.toISOString(), schemaVersion: parsed.schemaVersion, bytes }, parsed }];
    });
    found.sort((a, b) => b.parsed.createdAt.getTime() - a.parsed.createdAt.getTime() || b.parsed.sequence - a.parsed.sequence);
    return found.map((f) => f.info);
  }

  /** Whether the daily backup is due: none yet, the newest is a day old, or it is dated after now (the clock moved back). */
  isDue(): boolean {
    const newest = this.list()[0];
    if (!newest) return true;
    const age = this.now().getTime() - Date.parse(newest.createdAt);
    return age >= BACKUP_INTERVAL_MS || age < 0;
  }

  /** Checks a backup file without writing to it: its problems, none when it can be restored. */
  verify(file: string): { schemaVersion: number | null; problems: string[] } {
    const { schemaVersion, problems } = inspectDatabaseFile(file, this.options);
    return { schemaVersion, problems };
  }

  /**
   * Copies the open database into a new backup and checks the copy; then drops the oldest beyond
   * `BACKUPS_KEPT`. A copy that fails its check is deleted and the error says why, so a half-written
   * file never counts as a backup.
   */
  async create(db: Db): Promise<BackupInfo> {
    const schemaVersion = userVersion(db);
    const at = this.now();
    let sequence = 1;
    let name = backupName(at, schemaVersion);
    while (existsSync(join(this.dir, name))) name = backupName(at, schemaVersion, ++sequence);
    const file = join(this.dir, name);
    const partial = `${file}.partial`;
    try {
      mkdirSync(this.dir, { recursive: true });
      removeWithSidecars(partial);
      await copyDatabase(db, partial, this.options.nativeBinding);
      const check = this.verify(partial);
      if (check.problems.length > 0) throw new Error(`the copy did not pass its check (${check.problems[0]})`);
      if (check.schemaVersion !== schemaVersion) {
        throw new Error(`the copy holds schema version ${check.schemaVersion}, not ${schemaVersion}`);
      }
      renameSync(partial, file);
    } catch (err) {
      try {
        removeWithSidecars(partial);
      } catch {
        // Nothing was written where nothing could be (a file in the folder's place): nothing to clean.
      }
      throw new Error(`The database could not be backed up to ${this.dir}: ${(err as Error).message}`, { cause: err });
    }
    this.rotate();
    return { name, file, createdAt: at.toISOString(), schemaVersion, bytes: statSync(file).size };
  }

  private rotate(): void {
    for (const old of this.list().slice(this.options.keep ?? BACKUPS_KEPT)) rmSync(old.file, { force: true });
    const now = this.now().getTime();
    for (const name of readdirSync(this.dir)) {
      if (!name.endsWith('.partial')) continue;
      const file = join(this.dir, name);
      if (now - statSync(file).mtimeMs > STALE_PARTIAL_MS) removeWithSidecars(file);
    }
  }
}
