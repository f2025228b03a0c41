import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, resolve, sep } from 'node:path';
import { AppError } from '../../../shared/ipc/result';
import { copyDatabase, DatabaseBackups, removeWithSidecars, SIDECAR_SUFFIXES, type BackupInfo, type BackupOptions } from './backups';
import { latestVersion, type DatabaseDamagedError, type Db } from './database';
import { inspectDatabaseFile } from './inspect';

export type DatabaseStatus = 'healthy' | 'damaged' | 'too_new' | 'missing';

export interface DatabaseReport {
  file: string;
  status: DatabaseStatus;
  bytes: number | null;
  schemaVersion: number | null;
  supportedVersion: number;
  /** quick_check's findings and schema differences; for a newer database, why it is left alone. */
  problems: string[];
  backupsDir: string;
  /** Newest first. */
  backups: BackupInfo[];
}

export interface RestoreResult {
  /** The backup file that was copied in. */
  restored: string;
  schemaVersion: number;
  /** Where the database that was replaced now is (the main file first, then its -wal/-shm); empty when there was none. */
  movedAside: string[];
}

export type RecoveryChoice =
  { action: 'restore'; label: string; backup: BackupInfo } | { action: 'fresh'; label: string } | { action: 'quit'; label: string };

/** What the start-up dialog says and offers; main shows it as it is. */
export interface RecoveryPlan {
  title: string;
  message: string;
  detail: string;
  choices: RecoveryChoice[];
}

export type RecoveryOutcome = { action: 'restore'; result: RestoreResult } | { action: 'fresh'; movedAside: string[] } | { action: 'quit' };

/** Why a database file is moved aside: it was damaged, or a restore put a backup in its place. */
type AsideReason = 'damaged' | 'replaced';

const stampOf = (at: Date) => at.toISOString().replace(/:/g, '-').replace('.', '-');

export function formatBackupTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/**
 * The database file's health and what can be done when it is damaged: check it (read-only), list its
 * backups, move a damaged file aside, restore a backup. The file is only ever renamed, never deleted
 * or rewritten, and recordings are not this service's business at all. Main asks it for the start-up
 * dialog's words and choices; the `db` CLI commands use it directly, without opening the services
 * (which would migrate, and fail on a damaged file). docs/data-safety.md says what it promises.
 */
export class DatabaseHealth {
  readonly backups: DatabaseBackups;

  constructor(
    readonly file: string,
    backupsDir: string,
    private readonly options: BackupOptions = {},
  ) {
    this.backups = new DatabaseBackups(backupsDir, options);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Read-only: a newer app's database or a damaged one is left exactly as it was. */
  check(): DatabaseReport {
    const base = {
      file: this.file,
      supportedVersion: latestVersion(this.options.migrations),
      backupsDir: this.backups.dir,
      backups: this.backups.list(),
    };
    if (!existsSync(this.file)) return { ...base, status: 'missing', bytes: null, schemaVersion: null, problems: [] };
    const inspection = inspectDatabaseFile(this.file, this.options);
    const status: DatabaseStatus = inspection.tooNew ? 'too_new' : inspection.problems.length > 0 ? 'damaged' : 'healthy';
    return { ...base, status, bytes: statSync(this.file).size, schemaVersion: inspection.schemaVersion, problems: inspection.problems };
  }

  /**
   * Whether another connection (the app, a CLI command, any SQLite tool) has the database open. A
   * connection to a WAL database holds a shared lock on the file for as long as it is open, so an
   * exclusive lock that cannot be had means someone is there. The lock is tried through a hard link:
   * locks belong to the file, not its name, but SQLite looks for -wal and journal files by name, so the
   * probe sees none of them and cannot checkpoint or roll back anything into the file on closing.
   */
  inUse(): boolean {
    if (!existsSync(this.file)) return false;
    const link = `${this.file}.probe-${process.pid}`;
    let target = link;
    removeWithSidecars(link);
    try {
      linkSync(this.file, link);
    } catch {
      // No hard links on this file system (FAT, some network drives): the file itself. Closing may
      // then checkpoint its -wal into it, which keeps its content and only moves it between the two files.
      target = this.file;
    }
    let db: Db | undefined;
    try {
      db = new Database(target, {
        fileMustExist: true,
        timeout: 0,
        ...(this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {}),
      });
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE');
      db.exec('ROLLBACK');
      return false;
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      // Anything else (not a database, corrupt header) is a file nothing can be using as a database.
      return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
    } finally {
      db?.close();
      if (target === link) removeWithSidecars(link);
    }
  }

  private refuseWhileInUse(): void {
    if (this.inUse()) {
      throw new AppError(
        'conflict',
        `The database ${this.file} is open in another program (Interview Recorder, an interview-recorder command, or an SQLite tool). ` +
          'Close it and try again; nothing was changed.',
      );
    }
  }

  /**
   * Renames the database and its -wal/-shm/-journal files to `<name>.<reason>-<time>.sqlite…`, beside
   * it, keeping them together so the set still opens as the database it was. Refused while the
   * database is open elsewhere. Returns the new paths (main file first); empty when there was nothing.
   */
  moveAside(reason: AsideReason): string[] {
    this.refuseWhileInUse();
    return this.rename(reason);
  }

  private rename(reason: AsideReason): string[] {
    const present = ['', ...SIDECAR_SUFFIXES].filter((suffix) => existsSync(`${this.file}${suffix}`));
    if (present.length === 0) return [];
    const ext = extname(this.file);
    const stem = join(dirname(this.file), `${basename(this.file, ext)}.${reason}-${stampOf(this.now())}`);
    let aside = `${stem}${ext}`;
    for (let n = 2; ['', ...SIDECAR_SUFFIXES].some((suffix) => existsSync(`${aside}${suffix}`)); n++) aside = `${stem}-${n}${ext}`;
    const moved: Array<[string, string]> = [];
    try {
      for (const suffix of present) {
        renameSync(`${this.file}${suffix}`, `${aside}${suffix}`);
        moved.push([`${this.file}${suffix}`, `${aside}${suffix}`]);
      }
    } catch (err) {
      // Half a set is worse than none: whatever moved goes back, so the files stay together.
      for (const [from, to] of moved.reverse()) renameSync(to, from);
      throw new Error(`The database could not be moved aside (${(err as Error).message}); nothing was changed.`, { cause: err });
    }
    return moved.map(([, to]) => to);
  }

  /** A backup by its name in the backups folder (as `db check` lists it) or by path. */
  resolveBackup(nameOrPath: string): string {
    const inFolder = join(this.backups.dir, nameOrPath);
    if (!nameOrPath.includes('/') && !nameOrPath.includes(sep) && existsSync(inFolder)) return inFolder;
    return isAbsolute(nameOrPath) ? nameOrPath : resolve(nameOrPath);
  }

  /**
   * Puts a backup in the database's place. The backup is checked first (quick_check, a schema version
   * this app can open, the schema that version promises), copied beside the database and checked again;
   * only then is the current database moved aside (never deleted) and the copy renamed into place.
   * Refused while the database is open elsewhere: replacing the file under a running app would leave it
   * writing into the file that was moved aside. An older backup is migrated on the next open, with a
   * backup of its own first.
   */
  async restore(nameOrPath: string, reason: AsideReason = 'replaced'): Promise<RestoreResult> {
    const source = this.resolveBackup(nameOrPath);
    if (!existsSync(source) || !statSync(source).isFile()) {
      throw new AppError('invalid_input', `No backup at ${source}; "interview-recorder db check" lists the backups.`);
    }
    if (resolve(source) === resolve(this.file)) throw new AppError('invalid_input', 'That is the database itself, not a backup of it.');
    const checked = this.backups.verify(source);
    if (checked.problems.length > 0 || checked.schemaVersion === null) {
      throw new AppError(
        'invalid_input',
        `${source} cannot be restored: ${checked.problems[0] ?? 'it cannot be read'}. Nothing was changed.`,
      );
    }
    this.refuseWhileInUse();

    const staging = `${this.file}.restoring`;
    removeWithSidecars(staging);
    try {
      const from = new Database(source, {
        readonly: true,
        fileMustExist: true,
        ...(this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {}),
      });
      try {
        await copyDatabase(from, staging, this.options.nativeBinding);
      } finally {
        from.close();
      }
      const fd = openSync(staging, 'r+');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      const copied = this.backups.verify(staging);
      if (copied.problems.length > 0) throw new Error(`the copy did not pass its check (${copied.problems[0]})`);
    } catch (err) {
      removeWithSidecars(staging);
      throw new Error(`The backup could not be copied into place (${(err as Error).message}); nothing was changed.`, { cause: err });
    }

    // The copy went through the backup API, so a WAL-mode source with its -wal is restored whole.
    this.refuseWhileInUse();
    const movedAside = this.rename(reason);
    try {
      renameSync(staging, this.file);
    } catch (err) {
      for (const aside of movedAside) {
        const suffix = SIDECAR_SUFFIXES.find((s) => aside.endsWith(s)) ?? '';
        renameSync(aside, `${this.file}${suffix}`);
      }
      removeWithSidecars(staging);
      throw new Error(`The backup could not be put in place (${(err as Error).message}); nothing was changed.`, { cause: err });
    }
    return { restored: source, schemaVersion: checked.schemaVersion, movedAside };
  }

  /** The newest backup that passes its check, or null. Older ones are tried when a newer one is damaged too. */
  latestGoodBackup(): BackupInfo | null {
    return this.backups.list().find((b) => this.backups.verify(b.file).problems.length === 0) ?? null;
  }

  /** The start-up dialog for a damaged database: what happened, and restore / start fresh / quit. */
  recoveryPlan(error: DatabaseDamagedError): RecoveryPlan {
    const backup = this.latestGoodBackup();
    const when = backup ? formatBackupTime(backup.createdAt) : null;
    const choices: RecoveryChoice[] = [
      ...(backup ? [{ action: 'restore' as const, label: `Restore the backup of ${when}`, backup }] : []),
      { action: 'fresh', label: 'Start with an empty database' },
      { action: 'quit', label: 'Quit' },
    ];
    const detail = [
      `${basename(this.file)} in ${dirname(this.file)} cannot be read completely: ${error.problems[0] ?? 'it is not a database'}.`,
      backup
        ? `Restoring brings back everything saved up to ${when}; what was saved after that is only in the damaged file.`
        : 'There is no usable backup of it, so the app can only start with an empty database.',
      'Either way the damaged file is kept beside it, renamed with the date and time, and your recordings are not touched.',
    ].join('\n\n');
    return { title: 'Interview Recorder', message: 'The interview database is damaged', detail, choices };
  }

  /** Carries out the choice made in the dialog. */
  async recover(choice: RecoveryChoice): Promise<RecoveryOutcome> {
    if (choice.action === 'restore') return { action: 'restore', result: await this.restore(choice.backup.file, 'damaged') };
    if (choice.action === 'fresh') return { action: 'fresh', movedAside: this.moveAside('damaged') };
    return { action: 'quit' };
  }
}
