import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/ipc/result';
import { dataPaths } from '../../electron/services/paths';
import {
  BACKUP_INTERVAL_MS,
  DatabaseBackups,
  DatabaseDamagedError,
  DatabaseHealth,
  DatabaseTooNewError,
  formatBackupTime,
  latestVersion,
  MIGRATIONS,
  openDatabase,
  openDatabaseWithBackups,
  parseBackupName,
  type Db,
  type Migration,
} from '../../electron/services/store';
import { REPO_ROOT, tempDataDir } from '../support/paths';
import { rng } from '../support/random';
import { makeServices, validConfig } from '../support/services';

const PAGE = 4096;
const opened: Db[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const track = (db: Db) => (opened.push(db), db);
const rawOpen = (file: string) => track(new Database(file, { readonly: true }));
const sessionIds = (file: string) =>
  (rawOpen(file).prepare(`SELECT id FROM sessions ORDER BY id`).all() as Array<{ id: string }>).map((r) => r.id);

/** A data directory whose database holds `count` real sessions (created through the services, then closed). */
function dataDirWithSessions(count: number): { dataDir: string; file: string; backupsDir: string; ids: string[] } {
  const dataDir = tempDataDir('ir-health-');
  const services = makeServices({ dataDir });
  const ids: string[] = [];
  try {
    for (let i = 0; i < count; i++) ids.push(services.sessions.create({ ...validConfig(), candidateName: `Candidate ${i}` }).id);
  } finally {
    services.close();
  }
  const paths = dataPaths(dataDir);
  return { dataDir, file: paths.database, backupsDir: paths.backups, ids: ids.sort() };
}

/** Overwrites `pages` whole pages from `firstPage` (1-based) with seeded random bytes: the header stays valid, the pages are garbage. */
function garblePages(file: string, firstPage: number, pages: number, seed = 7): void {
  const next = rng(seed);
  const bytes = Buffer.alloc(pages * PAGE);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(next() * 256);
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, (firstPage - 1) * PAGE);
  } finally {
    closeSync(fd);
  }
}

/** A process that commits a write and is killed before closing, as a crash does: its -wal and -shm stay behind. */
function crashWhileWriting(file: string): void {
  const writer = `
    const Database = require(${JSON.stringify(join(REPO_ROOT, 'node_modules', 'better-sqlite3'))});
    const db = new Database(${JSON.stringify(file)});
    db.pragma('journal_mode = WAL');
    db.exec("CREATE TABLE IF NOT EXISTS crash_test (n INTEGER)");
    db.prepare("INSERT INTO crash_test (n) VALUES (1)").run();
    process.kill(process.pid, 'SIGKILL');
  `;
  const result = spawnSync(process.execPath, ['-e', writer]);
  expect(result.signal).toBe('SIGKILL');
}

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected it to throw');
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected it to reject');
}

/** Another process with the database open, as the running app has it (WAL mode, a read done). */
async function holdOpen(file: string): Promise<ChildProcess> {
  const script = `
    const Database = require(${JSON.stringify(join(REPO_ROOT, 'node_modules', 'better-sqlite3'))});
    const db = new Database(${JSON.stringify(file)});
    db.pragma('journal_mode = WAL');
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    process.stdout.write('ready\\n');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the holder exited with ${code}`)));
  });
  return child;
}

describe('a damaged database at start-up', () => {
  it('a truncated file is refused as damaged, before anything reads or writes it, and stays byte for byte as it was', () => {
    const { dataDir, file } = dataDirWithSessions(40);
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const hash = sha256(file);

    const err = thrownBy(() => openDatabase(file));
    expect(err).toBeInstanceOf(DatabaseDamagedError);
    expect((err as DatabaseDamagedError).message).toMatch(/is damaged: database disk image is malformed.*Nothing was changed/);
    // The services fail at the same point, before any service (the interrupted-session sweep) touches the file.
    expect(() => makeServices({ dataDir })).toThrow(DatabaseDamagedError);
    expect(sha256(file)).toBe(hash);
    // Looking through a read-only connection may leave an empty -wal, never one with anything in it.
    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
  });

  it('a damaged file with a -wal left by a crash: the refusal writes neither (no checkpoint into the damaged file)', () => {
    const { file } = dataDirWithSessions(60);
    crashWhileWriting(file);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    garblePages(file, Math.floor(statSync(file).size / PAGE / 2), 1);
    const before = [sha256(file), sha256(`${file}-wal`)];

    expect(() => openDatabase(file)).toThrow(DatabaseDamagedError);
    expect([sha256(file), sha256(`${file}-wal`)]).toEqual(before);
  });

  it('a file with garbage pages (valid header) is refused with what quick_check found, and the file is unchanged', () => {
    const { file } = dataDirWithSessions(200);
    const pages = statSync(file).size / PAGE;
    expect(pages).toBeGreaterThan(20);
    garblePages(file, Math.floor(pages / 2), 2);
    const hash = sha256(file);
    // The header is intact: SQLite still reads the version from it.
    expect(rawOpen(file).pragma('user_version', { simple: true })).toBe(latestVersion());
    opened.pop()!.close();

    const err = thrownBy(() => openDatabase(file)) as DatabaseDamagedError;
    expect(err).toBeInstanceOf(DatabaseDamagedError);
    expect(err.problems.length).toBeGreaterThan(0);
    expect(err.problems.join('\n')).toMatch(/malformed|btreeInitPage|never used|Page \d+|corrupt/i);
    expect(sha256(file)).toBe(hash);
  });

  it('a newer version’s database keeps its message, is not backed up, and stays byte-identical, -wal included', async () => {
    const { file, backupsDir } = dataDirWithSessions(3);
    const db = new Database(file);
    db.pragma(`user_version = ${latestVersion() + 10}`);
    db.close();
    // The newer app crashed with work in its -wal: that must not be checkpointed into its file either.
    crashWhileWriting(file);
    const hash = sha256(file);
    const walHash = sha256(`${file}-wal`);

    const err = await rejectionOf(openDatabaseWithBackups(file, { backupsDir, daily: true }));
    expect(err).toBeInstanceOf(DatabaseTooNewError);
    expect((err as Error).message).toBe(
      `This data was written by a newer version of Interview Recorder (database version ${latestVersion() + 10}; ` +
        `this app understands up to ${latestVersion()}). Update the app to open it; nothing was changed.`,
    );
    expect(sha256(file)).toBe(hash);
    expect(existsSync(backupsDir)).toBe(false);

    const report = new DatabaseHealth(file, backupsDir).check();
    expect(report.status).toBe('too_new');
    expect(report.schemaVersion).toBe(latestVersion() + 10);
    expect(report.problems[0]).toMatch(/newer version of Interview Recorder/);
    expect(sha256(file)).toBe(hash);
    expect(sha256(`${file}-wal`)).toBe(walHash);
  });
});

describe('DatabaseHealth.check', () => {
  it('reports a healthy database, a missing one, and a damaged one with its problems, without writing to any', () => {
    const { file, backupsDir } = dataDirWithSessions(60);
    const health = new DatabaseHealth(file, backupsDir);
    const healthy = health.check();
    expect(healthy).toMatchObject({ status: 'healthy', schemaVersion: latestVersion(), supportedVersion: latestVersion(), problems: [] });
    expect(healthy.bytes).toBe(statSync(file).size);

    garblePages(file, Math.floor(statSync(file).size / PAGE / 2), 1);
    const hash = sha256(file);
    const damaged = health.check();
    expect(damaged.status).toBe('damaged');
    expect(damaged.problems.length).toBeGreaterThan(0);
    expect(sha256(file)).toBe(hash);

    expect(new DatabaseHealth(join(dirname(file), 'nothing-here.sqlite'), backupsDir).check()).toMatchObject({
      status: 'missing',
      bytes: null,
      problems: [],
    });
  });

  it('checks the schema against its version: a missing table or an unknown version is a problem', () => {
    const { file, backupsDir } = dataDirWithSessions(1);
    const db = new Database(file);
    db.exec(`DROP TABLE annotations`);
    db.close();
    const health = new DatabaseHealth(file, backupsDir);
    expect(health.check()).toMatchObject({
      status: 'damaged',
      problems: expect.arrayContaining([`table annotations is missing for schema version ${latestVersion()}`]),
    });

    const other = new Database(file);
    other.pragma(`user_version = ${latestVersion() - 5}`);
    other.close();
    expect(health.check().problems).toEqual([
      expect.stringMatching(new RegExp(`schema version ${latestVersion() - 5} is not one this app knows`)),
    ]);
  });
});

describe('backups', () => {
  it('the daily backup at start-up: taken when due, verified, named with time and schema version, only the last 3 kept', async () => {
    const { file, backupsDir, ids } = dataDirWithSessions(5);
    let now = new Date('2026-03-01T08:00:00.000Z');
    const open = async () => {
      const result = await openDatabaseWithBackups(file, { backupsDir, daily: true, now: () => now });
      result.db.close();
      expect(result.backupError).toBeNull();
      return result;
    };

    const first = await open();
    expect(first.backup).toMatchObject({
      name: `interview-recorder-2026-03-01T08-00-00-000Z-v${latestVersion()}.sqlite`,
      schemaVersion: latestVersion(),
      createdAt: '2026-03-01T08:00:00.000Z',
    });
    // A backup is one self-contained file that holds the data and passes its own check.
    expect(sessionIds(first.backup!.file)).toEqual(ids);
    expect(readdirSync(backupsDir)).toEqual([first.backup!.name]);
    expect(new DatabaseBackups(backupsDir).verify(first.backup!.file)).toEqual({ schemaVersion: latestVersion(), problems: [] });

    // Not due again within the day.
    now = new Date(now.getTime() + BACKUP_INTERVAL_MS - 60_000);
    expect((await open()).backup).toBeNull();

    const taken = [first.backup!.name];
    for (let day = 1; day <= 4; day++) {
      now = new Date(Date.parse('2026-03-01T08:00:00.000Z') + day * BACKUP_INTERVAL_MS);
      taken.push((await open()).backup!.name);
    }
    expect(taken).toHaveLength(5);
    const kept = new DatabaseBackups(backupsDir).list();
    expect(kept.map((b) => b.name)).toEqual(taken.slice(-3).reverse());
    expect(readdirSync(backupsDir).sort()).toEqual(taken.slice(-3).sort());
    for (const b of kept) expect(parseBackupName(b.name)?.schemaVersion).toBe(latestVersion());
  });

  it('a migration that changes the version is preceded by a backup of the database as it was', async () => {
    const { file, backupsDir, ids } = dataDirWithSessions(4);
    const next: Migration[] = [
      ...MIGRATIONS,
      { version: latestVersion() + 10, name: 'notes', sql: `CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT;` },
    ];

    const result = await openDatabaseWithBackups(file, { backupsDir, migrations: next });
    track(result.db);
    expect(result.migrated).toEqual({ from: latestVersion(), to: latestVersion() + 10 });
    expect(result.backup?.schemaVersion).toBe(latestVersion());
    expect(result.backup?.name).toMatch(new RegExp(`-v${latestVersion()}\\.sqlite$`));
    const backup = rawOpen(result.backup!.file);
    expect(backup.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(backup.prepare(`SELECT name FROM sqlite_schema WHERE name = 'notes'`).get()).toBeUndefined();
    expect(sessionIds(result.backup!.file)).toEqual(ids);
    expect(result.db.pragma('user_version', { simple: true })).toBe(latestVersion() + 10);
  });

  it('a pre-migration backup that cannot be written stops the migration before it starts', async () => {
    const { file, dataDir } = dataDirWithSessions(2);
    const blocked = join(dataDir, 'not-a-folder');
    writeFileSync(blocked, 'a file where the backups folder would go');
    const next: Migration[] = [...MIGRATIONS, { version: latestVersion() + 10, name: 'x', sql: `CREATE TABLE x (id INTEGER) STRICT;` }];

    const err = await rejectionOf(openDatabaseWithBackups(file, { backupsDir: join(blocked, 'backups'), migrations: next }));
    expect((err as Error).message).toMatch(/could not be backed up.*upgrade did not start and nothing was changed/);
    expect(rawOpen(file).pragma('user_version', { simple: true })).toBe(latestVersion());
  });

  it('a failed daily backup is reported and the database still opens', async () => {
    const { file, dataDir } = dataDirWithSessions(1);
    const blocked = join(dataDir, 'not-a-folder');
    writeFileSync(blocked, 'x');
    const result = await openDatabaseWithBackups(file, { backupsDir: join(blocked, 'backups'), daily: true });
    track(result.db);
    expect(result.backup).toBeNull();
    expect(result.backupError?.message).toMatch(/could not be backed up/);
    expect(result.db.prepare(`SELECT count(*) AS n FROM sessions`).get()).toEqual({ n: 1 });
  });

  it('a fresh database is not backed up: there is nothing in it yet', async () => {
    const dataDir = tempDataDir('ir-health-');
    const paths = dataPaths(dataDir);
    const result = await openDatabaseWithBackups(paths.database, { backupsDir: paths.backups, daily: true });
    track(result.db);
    expect(result.backup).toBeNull();
    expect(existsSync(paths.backups)).toBe(false);
  });
});

describe('moving a damaged database aside and restoring a backup', () => {
  it('moves the file together with its -wal and -shm, byte for byte, and the next open starts fresh', () => {
    const { file, backupsDir } = dataDirWithSessions(60);
    crashWhileWriting(file);
    expect(existsSync(`${file}-wal`)).toBe(true);
    garblePages(file, Math.floor(statSync(file).size / PAGE / 2), 1);
    const before = ['', '-wal', '-shm'].map((s) => sha256(`${file}${s}`));

    const health = new DatabaseHealth(file, backupsDir, { now: () => new Date('2026-04-02T10:20:30.456Z') });
    const moved = health.moveAside('damaged');
    const aside = join(dirname(file), 'interview-recorder.damaged-2026-04-02T10-20-30-456Z.sqlite');
    expect(moved).toEqual([aside, `${aside}-wal`, `${aside}-shm`]);
    expect(moved.map(sha256)).toEqual(before);
    expect(['', '-wal', '-shm'].some((s) => existsSync(`${file}${s}`))).toBe(false);

    const fresh = track(openDatabase(file));
    expect(fresh.prepare(`SELECT count(*) AS n FROM sessions`).get()).toEqual({ n: 0 });
    fresh.close();
    // A second move the same moment does not overwrite the first.
    expect(health.moveAside('damaged')[0]).toBe(join(dirname(file), 'interview-recorder.damaged-2026-04-02T10-20-30-456Z-2.sqlite'));
    expect(sha256(aside)).toBe(before[0]);
  });

  it('a restore brings back the rows of the backup and keeps the damaged file aside', async () => {
    const { file, backupsDir, ids } = dataDirWithSessions(80);
    const { db, backup } = await openDatabaseWithBackups(file, { backupsDir, daily: true });
    db.close();
    // Work after the backup, then the damage.
    const services = makeServices({ dataDir: dirname(file) });
    services.sessions.create({ ...validConfig(), candidateName: 'After the backup' });
    services.close();
    garblePages(file, Math.floor(statSync(file).size / PAGE / 2), 2);
    const damagedHash = sha256(file);
    expect(() => openDatabase(file)).toThrow(DatabaseDamagedError);

    const health = new DatabaseHealth(file, backupsDir, { now: () => new Date('2026-04-03T00:00:00.000Z') });
    const result = await health.restore(backup!.name, 'damaged');
    expect(result.restored).toBe(backup!.file);
    expect(result.schemaVersion).toBe(latestVersion());
    expect(result.movedAside[0]).toBe(join(dirname(file), 'interview-recorder.damaged-2026-04-03T00-00-00-000Z.sqlite'));
    expect(sha256(result.movedAside[0]!)).toBe(damagedHash);
    expect(sessionIds(file)).toEqual(ids);
    opened.pop()!.close();
    // The backup itself is left as it was, and the restored database opens and works.
    expect(new DatabaseBackups(backupsDir).verify(backup!.file).problems).toEqual([]);
    const again = makeServices({ dataDir: dirname(file) });
    expect(again.sessions.list().length).toBe(80);
    again.close();
  });

  it('refuses a damaged or newer backup, and a missing one, and changes nothing', async () => {
    const { file, backupsDir } = dataDirWithSessions(60);
    const { db, backup } = await openDatabaseWithBackups(file, { backupsDir, daily: true });
    db.close();
    const hash = sha256(file);
    const health = new DatabaseHealth(file, backupsDir);

    garblePages(backup!.file, 10, 1);
    const damaged = await rejectionOf(health.restore(backup!.name));
    expect(damaged).toBeInstanceOf(AppError);
    expect((damaged as AppError).code).toBe('invalid_input');
    expect((damaged as AppError).message).toMatch(/cannot be restored: .*Nothing was changed/);

    const newer = join(dirname(file), 'from-the-future.sqlite');
    const future = new Database(newer);
    future.pragma('user_version = 9999');
    future.close();
    expect(((await rejectionOf(health.restore(newer))) as AppError).message).toMatch(/newer version of Interview Recorder/);
    expect(((await rejectionOf(health.restore('no-such-backup.sqlite'))) as AppError).code).toBe('invalid_input');

    expect(sha256(file)).toBe(hash);
    expect(readdirSync(dirname(file)).filter((n) => n.includes('.replaced-') || n.endsWith('.restoring'))).toEqual([]);
  });

  it('refuses to move or replace the database while another process has it open', async () => {
    const { file, backupsDir } = dataDirWithSessions(3);
    const { db, backup } = await openDatabaseWithBackups(file, { backupsDir, daily: true });
    db.close();
    const health = new DatabaseHealth(file, backupsDir);
    expect(health.inUse()).toBe(false);
    const hash = sha256(file);

    const holder = await holdOpen(file);
    expect(health.inUse()).toBe(true);
    const err = await rejectionOf(health.restore(backup!.name));
    expect((err as AppError).code).toBe('conflict');
    expect((err as AppError).message).toMatch(/is open in another program.*nothing was changed/);
    expect(() => health.moveAside('damaged')).toThrow(/is open in another program/);
    expect(existsSync(file)).toBe(true);
    expect(readdirSync(dirname(file)).filter((n) => n.includes('.probe-'))).toEqual([]);

    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    // The probe itself writes nothing: the file is as the holder left it.
    expect(sha256(file)).toBe(hash);
    expect(health.inUse()).toBe(false);
    // The killed holder left its -wal and -shm: they go aside with the file they belong to.
    const { movedAside } = await health.restore(backup!.name);
    expect(movedAside.map((f) => f.slice(movedAside[0]!.length))).toEqual(['', '-wal', '-shm']);
    expect(sha256(movedAside[0]!)).toBe(hash);
  });
});

describe('the start-up dialog’s plan', () => {
  it('offers the newest backup that passes its check, an empty database, or quitting, and carries each out', async () => {
    const { file, backupsDir, ids } = dataDirWithSessions(60);
    let now = new Date('2026-05-01T09:00:00.000Z');
    const older = await openDatabaseWithBackups(file, { backupsDir, daily: true, now: () => now });
    older.db.close();
    now = new Date(now.getTime() + BACKUP_INTERVAL_MS);
    const newer = await openDatabaseWithBackups(file, { backupsDir, daily: true, now: () => now });
    newer.db.close();
    garblePages(newer.backup!.file, 10, 1);
    garblePages(file, Math.floor(statSync(file).size / PAGE / 2), 1);

    const damage = thrownBy(() => openDatabase(file)) as DatabaseDamagedError;
    const health = new DatabaseHealth(file, backupsDir, { now: () => now });
    const plan = health.recoveryPlan(damage);
    expect(plan.message).toBe('The interview database is damaged');
    expect(plan.detail).toContain(`${basename(file)} in ${dirname(file)} cannot be read completely`);
    expect(plan.detail).toContain('your recordings are not touched');
    expect(plan.choices.map((c) => c.action)).toEqual(['restore', 'fresh', 'quit']);
    const restore = plan.choices[0]!;
    // The newest backup is damaged too: the one before it is offered.
    expect(restore.action === 'restore' && restore.backup.name).toBe(older.backup!.name);
    expect(restore.label).toBe(`Restore the backup of ${formatBackupTime(older.backup!.createdAt)}`);
    expect(restore.label).toMatch(/^Restore the backup of \d{1,2} May 2026, \d{2}:\d{2}$/);

    expect(await health.recover(plan.choices[2]!)).toEqual({ action: 'quit' });
    expect(existsSync(file)).toBe(true);
    const outcome = await health.recover(restore);
    expect(outcome.action).toBe('restore');
    expect(sessionIds(file)).toEqual(ids);
  });

  it('without a usable backup, offers only an empty database or quitting; the damaged file is moved aside', async () => {
    const { file, backupsDir } = dataDirWithSessions(60);
    garblePages(file, Math.floor(statSync(file).size / PAGE / 2), 1);
    const hash = sha256(file);
    const health = new DatabaseHealth(file, backupsDir);
    const plan = health.recoveryPlan(thrownBy(() => openDatabase(file)) as DatabaseDamagedError);
    expect(plan.choices.map((c) => c.action)).toEqual(['fresh', 'quit']);
    expect(plan.detail).toContain('There is no usable backup');
    const outcome = await health.recover(plan.choices[0]!);
    expect(outcome.action === 'fresh' && sha256(outcome.movedAside[0]!)).toBe(hash);
    const fresh = await openDatabaseWithBackups(file, { backupsDir, daily: true });
    track(fresh.db);
    expect(fresh.db.prepare(`SELECT count(*) AS n FROM sessions`).get()).toEqual({ n: 0 });
  });
});

// Kept apart so a test above that forgets to close cannot make these pass by accident.
describe('backup names', () => {
  it('round-trip the time and version, and ignore files that are not backups', () => {
    expect(parseBackupName('interview-recorder-2026-01-02T09-14-05-123Z-v70.sqlite')).toEqual({
      createdAt: new Date('2026-01-02T09:14:05.123Z'),
      schemaVersion: 70,
      sequence: 1,
    });
    expect(parseBackupName('interview-recorder-2026-01-02T09-14-05-123Z-v70-3.sqlite')?.sequence).toBe(3);
    for (const name of ['notes.txt', 'interview-recorder.sqlite', 'interview-recorder-2026-01-02T09-14-05-123Z-v70.sqlite.partial']) {
      expect(parseBackupName(name), name).toBeNull();
    }
    const dir = tempDataDir('ir-backup-names-');
    mkdirSync(join(dir, 'interview-recorder-2026-01-02T09-14-05-123Z-v70.sqlite'));
    writeFileSync(join(dir, 'readme.txt'), 'not a backup');
    expect(new DatabaseBackups(dir).list()).toEqual([]);
  });
});
