import Database from 'better-sqlite3';
import { copyFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import { dataPaths } from '../../electron/services/paths';
import { DatabaseBackups, openDatabase } from '../../electron/services/store';
import { tempDataDir } from '../support/paths';
import { makeServices, validConfig } from '../support/services';
import { storeSynthetic, syntheticSession } from '../unit/review-fixture';
import { report, wanted } from './support';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

it('database safety figures', async () => {
  if (!wanted('db.')) return;
  // Four 60-minute sessions of 25,000 events each, stored through the services the room uses: the
  // database of a team that has run a few long interviews.
  const dataDir = tempDataDir('ir-bench-db-');
  const services = makeServices({ dataDir });
  for (let i = 0; i < 4; i++)
    storeSynthetic(services, syntheticSession(40 + i, { edits: 24_000, others: 1_000, minutes: 60 }), validConfig());
  services.close();
  const { database, backups } = dataPaths(dataDir);
  const megabytes = statSync(database).size / 1024 / 1024;
  report('db.size', megabytes, 'MB');

  // Opening at start-up: the read-only look first (version, quick_check over every page), then the
  // read-write connection with its pragmas. Baseline: the read-write connection and pragmas alone, as
  // opening was before the check.
  const checked: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < 5; i++) {
    let t0 = performance.now();
    const db = new Database(database);
    db.pragma('user_version', { simple: true });
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    plain.push(performance.now() - t0);
    db.close();

    t0 = performance.now();
    openDatabase(database).close();
    checked.push(performance.now() - t0);
  }
  report('db.open-checked', median(checked), 'ms', median(plain));

  // A backup: online backup API, switch to a rollback journal, check the copy (quick_check + schema).
  // Baseline: copying the closed file byte for byte.
  const backupTimes: number[] = [];
  const copyTimes: number[] = [];
  const copyTarget = join(dataDir, 'plain-copy.sqlite');
  for (let i = 0; i < 3; i++) {
    let t0 = performance.now();
    copyFileSync(database, copyTarget);
    copyTimes.push(performance.now() - t0);
    rmSync(copyTarget);

    const db = openDatabase(database);
    t0 = performance.now();
    const backup = await new DatabaseBackups(backups, { now: () => new Date(Date.UTC(2026, 0, 1 + i)) }).create(db);
    backupTimes.push(performance.now() - t0);
    db.close();
    expect(backup.bytes).toBeGreaterThan(0);
  }
  report('db.backup', median(backupTimes), 'ms', median(copyTimes));
});
