import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, USAGE } from '../../electron/cli/run';
import { dataPaths } from '../../electron/services/paths';
import { DatabaseBackups, latestVersion, MIGRATIONS, openDatabase, openDatabaseWithBackups } from '../../electron/services/store';
import { runCliCaptured, runCliCapturedAsync } from '../support/cli';
import { REPO_ROOT, tempDataDir } from '../support/paths';
import { makeServices, validConfig } from '../support/services';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function workspace(sessions: number) {
  const dataDir = tempDataDir('ir-cli-db-');
  const services = makeServices({ dataDir });
  const ids: string[] = [];
  for (let i = 0; i < sessions; i++) ids.push(services.sessions.create({ ...validConfig(), candidateName: `Person ${i}` }).id);
  services.close();
  const env = { INTERVIEW_RECORDER_DATA_DIR: dataDir };
  return {
    ...dataPaths(dataDir),
    ids: ids.sort(),
    run: (argv: string[]) => runCliCaptured(argv, { env }),
    runAsync: (argv: string[]) => runCliCapturedAsync(argv, { env }),
  };
}

function garbleMiddlePage(file: string): void {
  const page = Math.floor(statSync(file).size / 4096 / 2);
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, page * 4096);
  closeSync(fd);
}

function ids(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT id FROM sessions ORDER BY id`).all() as Array<{ id: string }>).map((r) => r.id);
  } finally {
    db.close();
  }
}

describe('interview-recorder db check', () => {
  it('says healthy (exit 0) and lists the backups', async () => {
    const w = workspace(3);
    const { db } = await openDatabaseWithBackups(w.database, { backupsDir: w.backups, daily: true });
    db.close();
    const [backup] = new DatabaseBackups(w.backups).list();

    const text = w.run(['db', 'check']);
    expect(text.code, text.stderr).toBe(EXIT.ok);
    expect(text.stdout).toContain(`Database  ${w.database}`);
    expect(text.stdout).toContain(`healthy: every page reads back and the schema matches version ${latestVersion()}`);
    expect(text.stdout).toContain(backup!.name);

    const json = w.run(['db', 'check', '--json']);
    expect(json.code).toBe(EXIT.ok);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      status: 'healthy',
      schemaVersion: latestVersion(),
      problems: [],
      backups: [{ name: backup!.name, schemaVersion: latestVersion() }],
    });
  });

  it('says damaged (exit 1) with the problems and the restore command, and changes nothing', async () => {
    const w = workspace(60);
    const { db } = await openDatabaseWithBackups(w.database, { backupsDir: w.backups, daily: true });
    db.close();
    garbleMiddlePage(w.database);
    const hash = sha256(w.database);

    const text = w.run(['db', 'check']);
    expect(text.code).toBe(EXIT.error);
    expect(text.stdout).toMatch(/Status {4}damaged/);
    expect(text.stdout).toMatch(/^ {2}- /m);
    expect(text.stdout).toContain(`interview-recorder db restore ${new DatabaseBackups(w.backups).list()[0]!.name}`);
    const json = JSON.parse(w.run(['db', 'check', '--json']).stdout);
    expect(json).toMatchObject({ ok: false, status: 'damaged' });
    expect(json.problems.length).toBeGreaterThan(0);
    expect(sha256(w.database)).toBe(hash);
    // The other commands refuse it as damaged instead of failing half-way through.
    const list = w.run(['session', 'list']);
    expect(list.code).toBe(EXIT.error);
    expect(list.stderr).toMatch(/is damaged/);
    expect(sha256(w.database)).toBe(hash);
  });

  it('leaves a newer version’s database byte-identical and says so (exit 1); a missing one is exit 0', () => {
    const w = workspace(1);
    const db = new Database(w.database);
    db.pragma(`user_version = ${latestVersion() + 1}`);
    db.close();
    const hash = sha256(w.database);
    const r = w.run(['db', 'check']);
    expect(r.code).toBe(EXIT.error);
    expect(r.stdout).toContain('from a newer version of Interview Recorder: left as it is');
    expect(sha256(w.database)).toBe(hash);

    const empty = tempDataDir('ir-cli-db-empty-');
    const missing = runCliCaptured(['db', 'check', '--data-dir', empty]);
    expect(missing.code).toBe(EXIT.ok);
    expect(missing.stdout).toContain('not created yet');
    expect(readdirSync(empty)).toEqual([]);
  });

  it('is in the usage text, and refuses stray arguments and unknown db commands (exit 2)', () => {
    expect(USAGE).toContain('db check');
    expect(USAGE).toContain('db restore BACKUP');
    const w = workspace(0);
    expect(w.run(['db', 'check', 'extra']).code).toBe(EXIT.invalid);
    expect(w.run(['db', 'vacuum']).code).toBe(EXIT.invalid);
    expect(w.run(['db']).code).toBe(EXIT.invalid);
  });
});

describe('interview-recorder db restore', () => {
  it('puts the backup back (its rows return) and keeps the replaced file aside', async () => {
    const w = workspace(70);
    const { db } = await openDatabaseWithBackups(w.database, { backupsDir: w.backups, daily: true });
    db.close();
    garbleMiddlePage(w.database);
    const damagedHash = sha256(w.database);
    const [backup] = new DatabaseBackups(w.backups).list();

    const r = await w.runAsync(['db', 'restore', backup!.name, '--json']);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ ok: true, restored: backup!.file, schemaVersion: latestVersion() });
    expect(result.movedAside[0]).toMatch(/interview-recorder\.replaced-.*\.sqlite$/);
    expect(dirname(result.movedAside[0])).toBe(w.dataDir);
    expect(sha256(result.movedAside[0])).toBe(damagedHash);
    expect(ids(w.database)).toEqual(w.ids);
    expect(w.run(['db', 'check']).code).toBe(EXIT.ok);
    expect(JSON.parse(w.run(['session', 'list', '--json']).stdout)).toHaveLength(70);
  });

  it('refuses while the database is open in another process (exit 1), and a backup that does not check out (exit 2)', async () => {
    const w = workspace(2);
    const { db } = await openDatabaseWithBackups(w.database, { backupsDir: w.backups, daily: true });
    db.close();
    const [backup] = new DatabaseBackups(w.backups).list();
    const hash = sha256(w.database);

    const script = `
      const Database = require(${JSON.stringify(join(REPO_ROOT, 'node_modules', 'better-sqlite3'))});
      const db = new Database(${JSON.stringify(w.database)});
      db.pragma('journal_mode = WAL');
      db.prepare('SELECT 1 FROM sessions').get();
      process.stdout.write('ready\\n');
      setInterval(() => {}, 1000);
    `;
    const holder = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(holder);
    await new Promise((resolve) => holder.stdout!.once('data', resolve));
    const busy = await w.runAsync(['db', 'restore', backup!.name]);
    expect(busy.code).toBe(EXIT.error);
    expect(busy.stderr).toMatch(/is open in another program .*Close it and try again; nothing was changed/);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    expect(sha256(w.database)).toBe(hash);

    const notABackup = await w.runAsync(['db', 'restore', join(w.dataDir, 'nope.sqlite')]);
    expect(notABackup.code).toBe(EXIT.invalid);
    expect(notABackup.stderr).toMatch(/No backup at/);
    expect(sha256(w.database)).toBe(hash);
    expect(existsSync(`${w.database}.restoring`)).toBe(false);
  });
});

describe('a command on an older app’s database', () => {
  it('backs the database up before the services migrate it', async () => {
    const dataDir = tempDataDir('ir-cli-db-old-');
    const { database, backups } = dataPaths(dataDir);
    const older = MIGRATIONS.filter((m) => m.version < latestVersion());
    const db = openDatabase(database, { migrations: older });
    const olderVersion = db.pragma('user_version', { simple: true }) as number;
    db.close();
    expect(olderVersion).toBeLessThan(latestVersion());

    const r = await runCliCapturedAsync(['session', 'list', '--json'], { env: { INTERVIEW_RECORDER_DATA_DIR: dataDir } });
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(JSON.parse(r.stdout)).toEqual([]);
    const taken = new DatabaseBackups(backups).list();
    expect(taken).toHaveLength(1);
    expect(taken[0]!.schemaVersion).toBe(olderVersion);
    const check = new Database(database, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(latestVersion());
    check.close();
    // Once upgraded, commands run as before: synchronously, and without another backup.
    expect(runCliCaptured(['session', 'list'], { env: { INTERVIEW_RECORDER_DATA_DIR: dataDir } }).code).toBe(EXIT.ok);
    expect(new DatabaseBackups(backups).list()).toHaveLength(1);
  });
});
