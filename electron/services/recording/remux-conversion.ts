import { open, rm, stat } from 'node:fs/promises';
import type { Db } from '../store';
import type { FfmpegRemuxer, RemuxResult } from './remux';

/**
 * The WebM fallback's conversions, kept in step with the `recordings` row (migration 0060's
 * `conversion` column): 'pending' while the WebM is written, 'converting' from the stop until ffmpeg is
 * done, then 'converted' (the row names the MP4, the WebM is deleted) or 'kept_webm' (the WebM stays and
 * `error` says why it could not be converted). A row left 'converting' by a run that died is converted
 * again at the next start; the WebM is deleted only after the row names the verified MP4, so no crash
 * loses both.
 */

export type ConversionState = 'pending' | 'converting' | 'converted' | 'kept_webm';

const WEBM_PATH = /\.webm$/i;
/** The first bytes of every Matroska/WebM file (the EBML header's id). */
const EBML_MAGIC = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

interface Row {
  id: string;
  path: string;
  status: string;
  error: string | null;
  conversion: ConversionState | null;
}

export type InterruptedOutcome = { status: 'recovered' | 'failed'; reason: string | null };

export class WebmConversions {
  private readonly running = new Map<string, Promise<void>>();
  private readonly abort = new AbortController();

  constructor(
    private readonly db: Db,
    private readonly remuxer: FfmpegRemuxer,
    /** Announces the row's new state (the `recording:state` event). */
    private readonly announce: (id: string) => void,
    private readonly now: () => Date,
  ) {}

  /** True while this process converts the recording. */
  isConverting(id: string): boolean {
    return this.running.has(id);
  }

  /** Converts a stopped recording in the background; the row says 'converting' until it is done. */
  startAfterStop(id: string): void {
    this.track(id, async () => {
      const result = await this.remux(id);
      if (result) await this.finishStopped(id, result);
    });
  }

  /** At start-up: converts every recording an earlier run left 'converting'. */
  async resumeLeftOver(): Promise<void> {
    const rows = this.db.prepare(`SELECT id FROM recordings WHERE conversion = 'converting' ORDER BY started_at, rowid`).all() as Array<{
      id: string;
    }>;
    for (const { id } of rows) if (!this.running.has(id)) this.startAfterStop(id);
    await this.idle();
  }

  /**
   * A WebM recording an earlier run left open: ffmpeg reads it up to its last complete cluster. The row
   * ends 'recovered' with the MP4, 'recovered' with the WebM kept when ffmpeg is missing (Chromium plays
   * a cut WebM), or 'failed' with the reason when nothing could be made of it.
   */
  async recoverInterrupted(id: string): Promise<InterruptedOutcome> {
    const row = this.row(id);
    const result = await this.remux(id);
    if (!result) return { status: 'failed', reason: 'the app was closing' };
    const endedAt = this.now().toISOString();
    if (result.ok) {
      this.db
        .prepare(
          `UPDATE recordings SET status = 'recovered', ended_at = ?, path = ?, mime_type = ?, bytes = ?, conversion = 'converted', error = NULL WHERE id = ?`,
        )
        .run(endedAt, result.output, result.mimeType, result.bytes, id);
      await rm(row.path, { force: true }).catch(() => undefined);
      this.announce(id);
      return { status: 'recovered', reason: null };
    }
    const bytes = await sizeOf(row.path);
    const looksLikeWebm = result.ffmpegMissing && bytes > 0 && (await startsWith(row.path, EBML_MAGIC));
    const status = looksLikeWebm ? 'recovered' : 'failed';
    const reason = looksLikeWebm
      ? `${keptNote(result.reason)} The app stopped while recording; the WebM holds what was written until then.`
      : `The app stopped while recording and the WebM could not be converted to MP4: ${result.reason}. The WebM file is kept.`;
    this.db
      .prepare(`UPDATE recordings SET status = ?, ended_at = ?, bytes = ?, conversion = 'kept_webm', error = ? WHERE id = ?`)
      .run(status, endedAt, bytes, reason, id);
    this.announce(id);
    return { status, reason };
  }

  /** Resolves once every conversion under way has ended. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** Stops every ffmpeg run (the app is closing); their rows stay 'converting' for the next start. */
  close(): void {
    this.abort.abort();
  }

  private track(id: string, work: () => Promise<void>): void {
    const run = work()
      .catch(() => {
        // The database was closed under the conversion: the row still says 'converting', so the next start converts again.
      })
      .finally(() => this.running.delete(id));
    this.running.set(id, run);
  }

  /** Runs ffmpeg for the row's WebM; null when the app is closing (the row is left for the next start). */
  private async remux(id: string): Promise<RemuxResult | null> {
    const row = this.row(id);
    const result = await this.remuxer.remux(row.path, this.target(row), { signal: this.abort.signal });
    return this.abort.signal.aborted ? null : result;
  }

  private async finishStopped(id: string, result: RemuxResult): Promise<void> {
    const row = this.row(id);
    if (result.ok) {
      this.db
        .prepare(`UPDATE recordings SET path = ?, mime_type = ?, bytes = ?, conversion = 'converted' WHERE id = ?`)
        .run(result.output, result.mimeType, result.bytes, id);
      // The row names the verified MP4 now; a failed delete leaves a stray file, never a lost recording.
      await rm(row.path, { force: true }).catch(() => undefined);
      this.announce(id);
      return;
    }
    const note = keptNote(result.reason);
    this.db
      .prepare(`UPDATE recordings SET conversion = 'kept_webm', error = ? WHERE id = ?`)
      .run(row.error ? `${row.error} ${note}` : note, id);
    this.announce(id);
  }

  private row(id: string): Row {
    const row = this.db.prepare(`SELECT id, path, status, error, conversion FROM recordings WHERE id = ?`).get(id) as Row | undefined;
    if (!row) throw new Error(`No recording with id "${id}".`);
    return row;
  }

  /**
   * `<name>.mp4` beside `<name>.webm` (the writer reserved it when it created the WebM), or a
   * `-converted` name if another recording's row took it since. A file there that no row names is a
   * leftover of an interrupted conversion and is replaced.
   */
  private target(row: Row): string {
    const base = row.path.replace(WEBM_PATH, '');
    const used = this.db.prepare(`SELECT 1 FROM recordings WHERE path = ? AND id <> ?`);
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? `${base}.mp4` : `${base}-converted${n === 2 ? '' : `-${n - 1}`}.mp4`;
      if (!used.get(candidate, row.id)) return candidate;
    }
  }
}

/** The note a completed recording carries when it stays WebM. */
export function keptNote(reason: string): string {
  return `This system’s recorder cannot write MP4, so the interview was recorded as WebM, and it could not be converted to MP4: ${reason}. The WebM file is kept and plays in this app.`;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

async function startsWith(path: string, magic: Buffer): Promise<boolean> {
  try {
    const handle = await open(path, 'r');
    try {
      const head = Buffer.alloc(magic.length);
      const { bytesRead } = await handle.read(head, 0, magic.length, 0);
      return bytesRead === magic.length && head.equals(magic);
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}
