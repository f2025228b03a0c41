import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  BUNDLE_EXTENSION,
  type BundleExportResult,
  type BundleImportResult,
  type BundleProgress,
} from '../../../shared/ipc/contract-bundles';
import { AppError } from '../../../shared/ipc/result';
import type { SessionService } from '../sessions';
import type { SessionSnapshots } from '../snapshot';
import { exportBundle, type ByteProgress } from './bundle-export';
import { importBundle } from './bundle-import';

/**
 * The system file dialogs, given by Electron's main process (services never import Electron). Absent
 * in the CLI and the browser harness, where paths come from the command line or the test.
 */
export interface FileDialogs {
  chooseSavePath(options: {
    title: string;
    defaultPath: string;
    filters: Array<{ name: string; extensions: string[] }>;
  }): Promise<string | null>;
  chooseOpenPath(options: { title: string; filters: Array<{ name: string; extensions: string[] }> }): Promise<string | null>;
}

export interface BundleServiceOptions {
  /** Bundles are made from, and restored as, session snapshots. */
  snapshots: SessionSnapshots;
  sessions: SessionService;
  exportsDir: string;
  recordingsDir: string;
  appVersion: string;
  databaseVersion: number;
  now?: () => Date;
  dialogs?: FileDialogs | null;
  /** Each export's and import's progress (the `bundle:progress` event). */
  onProgress?: (progress: BundleProgress) => void;
}

/** Minimum time between two progress reports of one operation, besides its first and its last. */
const PROGRESS_INTERVAL_MS = 100;

/** Counts an operation's bytes and reports them, at most every PROGRESS_INTERVAL_MS. */
class ProgressMeter implements ByteProgress {
  private readonly operationId = randomUUID();
  private done = 0;
  private total = 0;
  private lastSent = -Infinity;

  constructor(
    private readonly operation: BundleProgress['operation'],
    private readonly send: ((progress: BundleProgress) => void) | null,
  ) {}

  start(totalBytes: number): void {
    this.total = totalBytes;
    this.report(false);
  }

  add(bytes: number): void {
    this.done += bytes;
    if (performance.now() - this.lastSent >= PROGRESS_INTERVAL_MS) this.report(false);
  }

  finish(): void {
    this.report(true);
  }

  private report(finished: boolean): void {
    this.lastSent = performance.now();
    this.send?.({
      operationId: this.operationId,
      operation: this.operation,
      doneBytes: this.done,
      totalBytes: Math.max(this.total, this.done),
      finished,
    });
  }
}

/** The staging folder an import copies recordings into before they are moved into place. */
const STAGING_DIR = /^\.import-[0-9a-f-]{36}$/;

const FILTERS = [{ name: 'Interview Recorder bundle', extensions: [BUNDLE_EXTENSION.slice(1)] }];

/** Session bundles (`.irbundle`): export one session to one file, import one back (verified, atomic). */
export class BundleService {
  private readonly now: () => Date;
  /** Exports and imports under way (they copy recordings a chunk at a time). */
  private readonly running = new Set<Promise<unknown>>();
  private readonly closing = new AbortController();

  constructor(private readonly options: BundleServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  export(sessionId: string, path?: string): Promise<BundleExportResult> {
    return this.track('export', (progress) => {
      const out = path ?? join(this.options.exportsDir, this.defaultFileName(sessionId));
      if (!out.endsWith(BUNDLE_EXTENSION)) throw new AppError('invalid_input', `A bundle file name ends with ${BUNDLE_EXTENSION}: ${out}`);
      const ctx = {
        snapshots: this.options.snapshots,
        appVersion: this.options.appVersion,
        databaseVersion: this.options.databaseVersion,
        now: this.now,
        signal: this.closing.signal,
        progress,
      };
      return exportBundle(ctx, sessionId, out);
    });
  }

  import(path: string, asCopy = false): Promise<BundleImportResult> {
    return this.track('import', (progress) =>
      importBundle(
        { snapshots: this.options.snapshots, recordingsDir: this.options.recordingsDir, signal: this.closing.signal, progress },
        path,
        {
          asCopy,
        },
      ),
    );
  }

  /**
   * The app is closing: exports and imports under way stop at their next chunk and clean up after
   * themselves (no partial bundle, no staged recording, no rows); resolves once they have. Later calls
   * are refused.
   */
  async cancelAll(): Promise<void> {
    this.closing.abort();
    await Promise.allSettled([...this.running]);
  }

  /**
   * At start-up: removes the staging folders (`.import-<uuid>`) that imports of a killed process left in
   * the recordings folder. A folder written to in the last `quietMs` may belong to an import another
   * process (the CLI) is running, and is left alone. Returns how many were removed.
   */
  removeStaleStaging(quietMs = 10 * 60_000): number {
    const dir = this.options.recordingsDir;
    const cutoff = this.now().getTime() - quietMs;
    let removed = 0;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return 0;
    }
    for (const name of names) {
      if (!STAGING_DIR.test(name)) continue;
      const folder = join(dir, name);
      try {
        const latest = Math.max(statSync(folder).mtimeMs, ...readdirSync(folder).map((f) => statSync(join(folder, f)).mtimeMs));
        if (latest > cutoff) continue;
        rmSync(folder, { recursive: true, force: true });
        removed++;
      } catch {
        // Gone meanwhile (its import finished or failed): nothing to remove.
      }
    }
    return removed;
  }

  private track<T>(what: 'export' | 'import', work: (progress: ByteProgress) => Promise<T>): Promise<T> {
    if (this.closing.signal.aborted) return Promise.reject(new AppError('conflict', `The app is closing; the ${what} was not started.`));
    const meter = new ProgressMeter(what, this.options.onProgress ?? null);
    const done = (async () => {
      try {
        return await work(meter);
      } catch (err) {
        if (this.closing.signal.aborted && !(err instanceof AppError)) {
          throw new AppError('conflict', `The app is closing; the ${what} was stopped and nothing of it was kept.`);
        }
        throw err;
      } finally {
        meter.finish();
      }
    })();
    this.running.add(done);
    void done.then(
      () => this.running.delete(done),
      () => this.running.delete(done),
    );
    return done;
  }

  async pickExportPath(sessionId: string): Promise<string | null> {
    const dialogs = this.requireDialogs();
    const path = await dialogs.chooseSavePath({
      title: 'Export session bundle',
      defaultPath: join(this.options.exportsDir, this.defaultFileName(sessionId)),
      filters: FILTERS,
    });
    if (path === null) return null;
    return path.endsWith(BUNDLE_EXTENSION) ? path : `${path}${BUNDLE_EXTENSION}`;
  }

  async pickImportPath(): Promise<string | null> {
    return this.requireDialogs().chooseOpenPath({ title: 'Import session bundle', filters: FILTERS });
  }

  /** `<candidate>-<YYYY-MM-DD>-<first 8 of the id>.irbundle`, safe on every file system. */
  defaultFileName(sessionId: string): string {
    const session = this.options.sessions.get(sessionId);
    const row = { name: session.candidateName, created_at: session.createdAt };
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
