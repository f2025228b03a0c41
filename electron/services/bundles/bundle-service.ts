import { join } from 'node:path';
import { BUNDLE_EXTENSION, type BundleExportResult, type BundleImportResult } from '../../../shared/ipc/contract-review';
import { AppError } from '../../../shared/ipc/result';
import type { Db } from '../store';
import { exportBundle } from './bundle-export';
import { importBundle } from './bundle-import';

/**
 * The system file dialogs, given by Electron's main process (services never import Electron). Absent
 * in the CLI and the browser harness, where paths come from the command line or the test.
 */
export interface FileDialogs {
  chooseSavePath(options: { title: string; defaultPath: string; filters: Array<{ name: string; extensions: string[] }> }): Promise<string | null>;
  chooseOpenPath(options: { title: string; filters: Array<{ name: string; extensions: string[] }> }): Promise<string | null>;
}

export interface BundleServiceOptions {
  db: Db;
  exportsDir: string;
  recordingsDir: string;
  appVersion: string;
  databaseVersion: number;
  now?: () => Date;
  dialogs?: FileDialogs | null;
}

const FILTERS = [{ name: 'Interview Recorder bundle', extensions: [BUNDLE_EXTENSION.slice(1)] }];

/** Session bundles (`.irbundle`): export one session to one file, import one back (verified, atomic). */
export class BundleService {
  private readonly now: () => Date;

  constructor(private readonly options: BundleServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  export(sessionId: string, path?: string): Promise<BundleExportResult> {
    const out = path ?? join(this.options.exportsDir, this.defaultFileName(sessionId));
    if (!out.endsWith(BUNDLE_EXTENSION)) return Promise.reject(new AppError('invalid_input', `A bundle file name ends with ${BUNDLE_EXTENSION}: ${out}`));
    return exportBundle({ db: this.options.db, appVersion: this.options.appVersion, databaseVersion: this.options.databaseVersion, now: this.now }, sessionId, out);
  }

  import(path: string, asCopy = false): Promise<BundleImportResult> {
    return importBundle({ db: this.options.db, recordingsDir: this.options.recordingsDir }, path, { asCopy });
  }

  async pickExportPath(sessionId: string): Promise<string | null> {
    const dialogs = this.requireDialogs();
    const path = await dialogs.chooseSavePath({ title: 'Export session bundle', defaultPath: join(this.options.exportsDir, this.defaultFileName(sessionId)), filters: FILTERS });
    if (path === null) return null;
    return path.endsWith(BUNDLE_EXTENSION) ? path : `${path}${BUNDLE_EXTENSION}`;
  }

  async pickImportPath(): Promise<string | null> {
    return this.requireDialogs().chooseOpenPath({ title: 'Import session bundle', filters: FILTERS });
  }

  /** `<candidate>-<YYYY-MM-DD>-<first 8 of the id>.irbundle`, safe on every file system. */
  defaultFileName(sessionId: string): string {
    const row = this.options.db
      .prepare(`SELECT json_extract(config_json, '$.candidateName') AS name, created_at FROM sessions WHERE id = ?`)
      .get(sessionId) as { name: string; created_at: string } | undefined;
    if (!row) throw new AppError('not_found', `No session with id "${sessionId}".`);
    const name =
      row.name
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .replace(/[^A-Za-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .toLowerCase()
        .slice(0, 60) || 'session';
    const id = sessionId.replace(/[^A-Za-z0-9]/g, '').slice(0, 8) || 'session';
    return `${name}-${row.created_at.slice(0, 10)}-${id}${BUNDLE_EXTENSION}`;
  }

  private requireDialogs(): FileDialogs {
    if (!this.options.dialogs) throw new AppError('forbidden', 'File dialogs are only available in the desktop app; give a path instead.');
    return this.options.dialogs;
  }
}
