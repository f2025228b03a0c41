import { dialog } from 'electron';
import { dataPaths } from '../services/paths';
import { DatabaseDamagedError, DatabaseHealth, openDatabaseWithBackups, type Db } from '../services/store';

/**
 * Opens the database for start-up: a backup before any migration and once a day, and, when the file
 * is damaged, the choice the health service plans (restore the latest good backup, start with an empty
 * database, or quit) in a dialog. Resolves to null when the user chose to quit. A newer app's database
 * and any other failure are thrown, for the fatal error box.
 */
export async function openAppDatabase(dataDir: string, nativeBinding: string | undefined): Promise<Db | null> {
  const paths = dataPaths(dataDir);
  const health = new DatabaseHealth(paths.database, paths.backups, { nativeBinding });
  for (;;) {
    try {
      const opened = await openDatabaseWithBackups(paths.database, { nativeBinding, backupsDir: paths.backups, daily: true });
      if (opened.backupError) console.error('The daily database backup failed', opened.backupError);
      return opened.db;
    } catch (err) {
      if (!(err instanceof DatabaseDamagedError)) throw err;
      const plan = health.recoveryPlan(err);
      const { response } = await dialog.showMessageBox({
        type: 'error',
        title: plan.title,
        message: plan.message,
        detail: plan.detail,
        buttons: plan.choices.map((c) => c.label),
        defaultId: 0,
        cancelId: plan.choices.length - 1,
        noLink: true,
      });
      const choice = plan.choices[response] ?? plan.choices[plan.choices.length - 1]!;
      if (choice.action === 'quit') return null;
      try {
        await health.recover(choice);
      } catch (recoverErr) {
        // The dialog comes back with what is possible now (another backup, or the same choice once the file is free).
        dialog.showErrorBox('The database could not be recovered', (recoverErr as Error).message);
      }
    }
  }
}
