import type { InputOf } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import { BatchQueue } from './batch-queue';
import type { EditorFile } from './files';
import { sha256Hex } from './hash';

export interface TextChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

/** One Monaco content change, as the editor saw it. */
export interface RawEdit {
  file: EditorFile;
  changes: TextChange[];
  /** The file's whole text after the change. */
  text: string;
  cursor?: { line: number; column: number };
  ts: string;
  offsetMs: number;
}

interface EditItem {
  edit: RawEdit;
  beforeHash: string | undefined;
  afterHash: string;
}

type RecordInput = InputOf<'code:record'>;

/** Flushed within 500 ms, at 200 edits, or at 256 KB of change text, whichever comes first. */
export const EDIT_BATCH_LIMITS = { flushMs: 500, maxItems: 200, maxBytes: 256 * 1024 };
/** A full snapshot of a file every this many edits (or this often), so playback never replays far. */
export const SNAPSHOT_EVERY_EDITS = 100;
export const SNAPSHOT_EVERY_MS = 30_000;

/**
 * Turns editor changes into `code_edit` events (sizes, hashes, cursor) plus the change itself, and
 * sends them in order. Hashing is asynchronous (WebCrypto), so it runs on a promise chain that keeps
 * edits in the order they happened without ever blocking the editor.
 */
export class EditCapture {
  private chain: Promise<void> = Promise.resolve();
  private readonly hashes = new Map<string, string>();
  private readonly sinceSnapshot = new Map<string, { edits: number; at: number }>();
  private readonly queue: BatchQueue<EditItem>;

  constructor(
    private readonly sessionId: string,
    private readonly send: (input: RecordInput) => Promise<Result<unknown>>,
    onStatus: (error: string | null) => void,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.queue = new BatchQueue<EditItem>(
      EDIT_BATCH_LIMITS,
      (item) => item.edit.changes.reduce((n, c) => n + c.text.length, 0) + 256,
      (items) => this.sendBatch(items),
      (error) => onStatus(error && `Editor activity could not be saved yet (${error}). It will be retried.`),
    );
  }

  /**
   * Starts tracking the files with their current text. Files the store has never seen get an initial
   * snapshot, so playback knows what the candidate started from.
   */
  async start(files: Array<{ name: string; text: string; stored: boolean }>, offsetMs: number): Promise<void> {
    for (const f of files) this.hashes.set(f.name, await sha256Hex(f.text));
    const snapshots = files.filter((f) => !f.stored).map((f) => ({ offsetMs, file: f.name, text: f.text }));
    if (snapshots.length === 0) return;
    const result = await this.send({ interviewSessionId: this.sessionId, edits: [], snapshots });
    if (!result.ok) throw new Error(`The starting code could not be saved: ${result.error.message}`);
  }

  capture(edit: RawEdit): void {
    this.chain = this.chain.then(async () => {
      const afterHash = await sha256Hex(edit.text);
      const beforeHash = this.hashes.get(edit.file.name);
      this.hashes.set(edit.file.name, afterHash);
      this.queue.push({ edit, beforeHash, afterHash });
    });
  }

  /** Waits for pending hashes, then sends everything captured so far. */
  async flush(): Promise<void> {
    await this.chain;
    await this.queue.flush();
  }

  get pending(): number {
    return this.queue.pending;
  }

  dispose(): void {
    this.queue.dispose();
  }

  private async sendBatch(items: EditItem[]): Promise<{ ok: true } | { ok: false; message: string }> {
    const lastByFile = new Map<string, RawEdit>();
    for (const { edit } of items) lastByFile.set(edit.file.name, edit);
    const snapshots: RecordInput['snapshots'] = [];
    const counted = new Map<string, { edits: number; at: number }>();
    for (const [file, edit] of lastByFile) {
      const prev = this.sinceSnapshot.get(file) ?? { edits: 0, at: this.now() };
      const edits = prev.edits + items.filter((i) => i.edit.file.name === file).length;
      if (edits >= SNAPSHOT_EVERY_EDITS || this.now() - prev.at >= SNAPSHOT_EVERY_MS) {
        snapshots.push({ offsetMs: edit.offsetMs, file, text: edit.text });
        counted.set(file, { edits: 0, at: this.now() });
      } else counted.set(file, { edits, at: prev.at });
    }
    const result = await this.send({
      interviewSessionId: this.sessionId,
      edits: items.map(({ edit, beforeHash, afterHash }) => ({
        offsetMs: edit.offsetMs,
        changes: edit.changes,
        event: {
          type: 'code_edit',
          ts: edit.ts,
          sessionId: this.sessionId,
          source: 'client',
          file: edit.file.name,
          language: edit.file.language,
          diffChars: edit.changes.reduce((n, c) => n + c.rangeLength + c.text.length, 0),
          ...(beforeHash ? { beforeHash } : {}),
          afterHash,
          ...(edit.cursor ? { cursor: edit.cursor } : {}),
        },
      })),
      ...(snapshots.length ? { snapshots } : {}),
    });
    if (!result.ok) return { ok: false, message: result.error.message };
    for (const [file, state] of counted) this.sinceSnapshot.set(file, state);
    return { ok: true };
  }
}
