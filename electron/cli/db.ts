import { AppError } from '../../shared/ipc/result';
import { dataPaths } from '../services/paths';
import { DatabaseHealth, formatBackupTime, openDatabaseWithBackups, type DatabaseReport } from '../services/store';
import { EXIT, printJson, type CliIo } from './io';

export const DB_USAGE = `Database (these work on a damaged or newer database: they never migrate it)
  db check                         quick_check, the schema against its version, and the backups;
                                   exit 0 when healthy (or not created yet), 1 when damaged or newer
  db restore BACKUP                Put a backup (a name from db check, or a file) in the database's place;
                                   the current file is moved aside, never deleted; refused while the
                                   database is open (the app, another command, an SQLite tool)`;

/** The printed problems stop here; --json has them all (quick_check itself reports at most 100). */
const PRINTED_PROBLEMS = 10;

/**
 * `db check` and `db restore`. They work on the database file through `DatabaseHealth`, never through
 * the services: those migrate on opening, which a damaged or newer file must not go through.
 */
export function dbCommand(
  dataDir: string,
  command: string | undefined,
  args: string[],
  options: { json: boolean },
  io: Pick<CliIo, 'stdout'>,
): number | Promise<number> {
  const paths = dataPaths(dataDir);
  const health = new DatabaseHealth(paths.database, paths.backups);
  switch (command) {
    case 'check': {
      if (args.length > 0) throw new AppError('invalid_input', 'expected: interview-recorder db check [--json]');
      const report = health.check();
      const ok = report.status === 'healthy' || report.status === 'missing';
      if (options.json) printJson(io, { ok, ...report });
      else io.stdout(describe(report));
      return ok ? EXIT.ok : EXIT.error;
    }
    case 'restore': {
      if (args.length !== 1) throw new AppError('invalid_input', 'expected: interview-recorder db restore BACKUP [--json]');
      return health.restore(args[0]!).then((result) => {
        if (options.json) printJson(io, { ok: true, ...result });
        else {
          const aside = result.movedAside[0];
          io.stdout(
            `Restored ${result.restored} (schema version ${result.schemaVersion}).\n` +
              (aside ? `The database it replaced is kept as ${aside}.\n` : 'There was no database to replace.\n'),
          );
        }
        return EXIT.ok;
      });
    }
    default:
      throw new AppError(
        'invalid_input',
        command === undefined ? 'expected: interview-recorder db check|restore …' : `unknown command "db ${command}"`,
      );
  }
}

/**
 * A command that would upgrade the database (an older app's data) backs it up first and upgrades it,
 * as the app's start-up does; the command then runs on the upgraded database.
 */
export async function upgradeWithBackup(dataDir: string): Promise<void> {
  const paths = dataPaths(dataDir);
  const { db } = await openDatabaseWithBackups(paths.database, { backupsDir: paths.backups });
  db.close();
}

function describe(report: DatabaseReport): string {
  const lines = [`Database  ${report.file}${report.bytes === null ? '' : ` (${formatBytes(report.bytes)})`}`];
  switch (report.status) {
    case 'missing':
      lines.push('Status    not created yet: the app or any command creates it when it first runs');
      break;
    case 'healthy':
      lines.push(
        `Status    healthy: every page reads back and the schema matches version ${report.schemaVersion} (this app: ${report.supportedVersion})`,
      );
      break;
    case 'too_new':
      lines.push('Status    from a newer version of Interview Recorder: left as it is', ...report.problems.map((p) => `  ${p}`));
      break;
    case 'damaged':
      lines.push(`Status    damaged (schema version ${report.schemaVersion ?? 'unreadable'})`);
      for (const p of report.problems.slice(0, PRINTED_PROBLEMS)) lines.push(`  - ${p}`);
      if (report.problems.length > PRINTED_PROBLEMS)
        lines.push(`  … and ${report.problems.length - PRINTED_PROBLEMS} more (--json lists them all)`);
      break;
  }
  lines.push(`Backups   ${report.backupsDir}`);
  if (report.backups.length === 0) lines.push('  none yet');
  for (const b of report.backups) {
    lines.push(`  ${b.name}   ${formatBackupTime(b.createdAt)}   schema ${b.schemaVersion}   ${formatBytes(b.bytes)}`);
  }
  if (report.status === 'damaged') {
    lines.push(
      report.backups[0]
        ? `To put the newest backup in its place: interview-recorder db restore ${report.backups[0].name}`
        : 'There is no backup; starting the app offers to move the damaged file aside and start with an empty database.',
    );
  }
  return `${lines.join('\n')}\n`;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
