export { openDatabase, migrate, latestVersion, DatabaseTooNewError, type Db, type OpenOptions } from './database';
export { MIGRATIONS, type Migration } from './migrations';
