import Database from 'better-sqlite3';
import { DatabaseTooNewError, isDamageError, latestVersion, quickCheck, userVersion, type Db } from './database';
import { MIGRATIONS, type Migration } from './migrations';

export interface InspectOptions {
  migrations?: readonly Migration[];
  nativeBinding?: string;
}

interface SchemaObject {
  type: string;
  name: string;
  sql: string | null;
}

const readSchema = (db: Db): SchemaObject[] =>
  db.prepare(`SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`).all() as SchemaObject[];

const references = new WeakMap<readonly Migration[], Map<number, SchemaObject[]>>();

/**
 * The schema the migrations up to `version` create, built once in memory. The app only ever reaches a
 * version by running exactly these statements, so a file at that version must hold exactly these
 * tables, indexes and triggers, with the same SQL text.
 */
function referenceSchema(version: number, migrations: readonly Migration[], nativeBinding?: string): SchemaObject[] {
  let byVersion = references.get(migrations);
  if (!byVersion) references.set(migrations, (byVersion = new Map()));
  const cached = byVersion.get(version);
  if (cached) return cached;
  const db = new Database(':memory:', nativeBinding ? { nativeBinding } : {});
  try {
    for (const m of [...migrations].filter((m) => m.version <= version).sort((a, b) => a.version - b.version)) db.exec(m.sql);
    const schema = readSchema(db);
    byVersion.set(version, schema);
    return schema;
  } finally {
    db.close();
  }
}

/**
 * Whether the file's schema is the one its `user_version` promises: a version this app knows, and the
 * very objects the migrations up to it create. Returns the differences, none when it matches.
 */
export function schemaProblems(db: Db, options: InspectOptions = {}): string[] {
  const migrations = options.migrations ?? MIGRATIONS;
  const version = userVersion(db);
  const known = migrations.map((m) => m.version);
  if (version !== 0 && !known.includes(version)) {
    return [`schema version ${version} is not one this app knows (it knows ${known.join(', ')})`];
  }
  const expected = referenceSchema(version, migrations, options.nativeBinding);
  const actual = readSchema(db);
  const key = (o: SchemaObject) => `${o.type} ${o.name}`;
  const found = new Map(actual.map((o) => [key(o), o]));
  const wanted = new Map(expected.map((o) => [key(o), o]));
  const problems: string[] = [];
  for (const [k, o] of wanted) {
    const got = found.get(k);
    if (!got) problems.push(`${k} is missing for schema version ${version}`);
    else if (got.sql !== o.sql) problems.push(`${k} is not defined as schema version ${version} defines it`);
  }
  for (const k of found.keys()) if (!wanted.has(k)) problems.push(`${k} does not belong to schema version ${version}`);
  return problems;
}

export interface FileInspection {
  /** `user_version`, or null when the file could not be read that far. */
  schemaVersion: number | null;
  supportedVersion: number;
  /** Written by a newer app: this one must not touch it. */
  tooNew: boolean;
  /** quick_check's findings and any difference from the schema the version promises; none when whole. */
  problems: string[];
}

/**
 * Looks at a database file through a read-only connection: nothing is written to it, so a newer app's
 * file or a damaged one stays exactly as it was. The file must exist.
 */
export function inspectDatabaseFile(file: string, options: InspectOptions = {}): FileInspection {
  const supportedVersion = latestVersion(options.migrations);
  let db: Db;
  try {
    db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (err) {
    if (isDamageError(err)) return { schemaVersion: null, supportedVersion, tooNew: false, problems: [err.message] };
    throw err;
  }
  let schemaVersion: number | null = null;
  try {
    schemaVersion = userVersion(db);
    const tooNew = schemaVersion > supportedVersion;
    const problems = quickCheck(db);
    if (tooNew)
      return {
        schemaVersion,
        supportedVersion,
        tooNew,
        problems: [new DatabaseTooNewError(schemaVersion, supportedVersion).message, ...problems],
      };
    if (problems.length === 0) problems.push(...schemaProblems(db, options));
    return { schemaVersion, supportedVersion, tooNew, problems };
  } catch (err) {
    if (isDamageError(err)) return { schemaVersion, supportedVersion, tooNew: false, problems: [err.message] };
    throw err;
  } finally {
    db.close();
  }
}
