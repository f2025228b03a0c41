export {
  openDatabase,
  connectDatabase,
  migrate,
  latestVersion,
  quickCheck,
  userVersion,
  DatabaseTooNewError,
  DatabaseDamagedError,
  type Db,
  type OpenOptions,
} from './database';
export { MIGRATIONS, type Migration } from './migrations';
export { inspectDatabaseFile, schemaProblems, type FileInspection } from './inspect';
export { DatabaseBackups, BACKUPS_KEPT, BACKUP_INTERVAL_MS, backupName, parseBackupName, type BackupInfo } from './backups';
export { openDatabaseWithBackups, needsUpgrade, type BackedUpDatabase, type BackedUpOpenOptions } from './open-with-backups';
export {
  DatabaseHealth,
  formatBackupTime,
  type DatabaseReport,
  type DatabaseStatus,
  type RecoveryChoice,
  type RecoveryOutcome,
  type RecoveryPlan,
  type RestoreResult,
} from './database-health';
