import type { InputOf } from '../../../shared/ipc/contract';
import type { TextChange } from '../../../shared/playback';
import type { Result } from '../../../shared/ipc/result';
import { BatchQueue, type SendOutcome } from './batch-queue';
import type { EditorFile } from './files';
import { localMirror, type TextMirror } from './mirror';

/** One Monaco content change, as the editor saw it. */
export interface RawEdit {
  file: EditorFile;
  changes: TextChange[];
  cursor?: { line: number; column: number };
  ts: string;
  offsetMs: number;
}

interface EditItem {
  edit: RawEdit;
  beforeHash: string | undefined;
  /** Missing only when the mirror could not hash this edit. */
  afterHash: string | undefined;
  /** The editor's whole text right after this edit, when a snapshot was due. */
  snapshot?: string;
}

type RecordInput = InputOf<'code:record'>;

/** Flushed within 500 ms, at 200 edits, or at 256 KB of change text, whichever comes first. */
export const EDIT_BATCH_LIMITS = { flushMs: 500, maxItems: 200, maxBytes: 256 * 1024 };
/** A full snapshot of a file every this many edits (or this often), so playback never replays far. */
export const SNAPSHOT_EVERY_EDITS = 100;
export const SNAPSHOT_EVERY_MS = 30_000;

const PROFILE = typeof window !== 'undefined' && new URLSearchParams(window.location.search).has('profile');

/**
 * Turns editor changes into `code_edit` events (sizes, hashes, cursor) plus the change itself, and
 * sends them in order. The typing thread only hands the change to a file mirror (a Web Worker in the
 * room) that applies it and hashes the whole text; the answers come back in order and the edits are
 * queued in that order. Every so often the editor's own text is sent as a snapshot, so a mirror that
 * ever disagreed with the editor shows up in `replay --verify` instead of going unnoticed.
 */
export class EditCapture {
  private chain: Promise<void> = Promise.resolve();
  /** Files whose mirror lost track; the next edit reopens them from the editor's text. */
  private readonly resync = new Set<string>();
  /** Files whose mirror answers are wrong until the reopening edit (they were asked before it). */
  private readonly tainted = new Set<string>();
  /** Edits captured but still waiting for their hash. */
  private awaitingHash = 0;
  private readonly hashes = new Map<string, string>();
  private readonly sinceSnapshot = new Map<string, { edits: number; at: number }>();
  private readonly queue: BatchQueue<EditItem>;

  constructor(
    private readonly sessionId: string,
    private readonly send: (input: RecordInput) => Promise<Result<unknown>>,
    private readonly onStatus: (error: string | null) => void,
    private readonly mirror: TextMirror = localMirror(),
    private readonly now: () => number = () => performance.now(),
    /** A lasting notice for the candidate: an edit was refused for good and skipped. */
    private readonly onRejected: (message: string) => void = onStatus,
  ) {
    this.queue = new BatchQueue<EditItem>(
      EDIT_BATCH_LIMITS,
      (item) => item.edit.changes.reduce((n, c) => n + c.text.length, 0) + (item.snapshot?.length ?? 0) + 256,
      (items) => this.sendBatch(items),
      (error) => onStatus(error && `Editor activity could not be saved yet (${error}). It will be retried.`),
      3000,
      // The store places a snapshot after the last change it has, so it must end its batch.
      (item) => item.snapshot !== undefined,
      (item, message) => this.rejected(item, message),
    );
  }

  /**
   * Starts tracking the files with their current text. Files the store has never seen get an initial
   * snapshot, so playback knows what the candidate started from.
   */
  async start(files: Array<{ name: string; text: string; stored: boolean }>, offsetMs: number): Promise<void> {
    for (const f of files) {
      this.hashes.set(f.name, await this.mirror.open(f.name, f.text));
      this.sinceSnapshot.set(f.name, { edits: 0, at: this.now() });
    }
    const snapshots = files.filter((f) => !f.stored).map((f) => ({ offsetMs, file: f.name, text: f.text }));
    if (snapshots.length === 0) return;
    const result = await this.send({ interviewSessionId: this.sessionId, edits: [], snapshots });
    if (!result.ok) throw new Error(`The starting code could not be saved: ${result.error.message}`);
  }

  /** Called on the typing path: cheap, never waits. `currentText` is read only when a snapshot is due. */
  capture(edit: RawEdit, currentText: () => string): void {
    const start = PROFILE ? performance.now() : 0;
    const file = edit.file.name;
    const since = this.sinceSnapshot.get(file) ?? { edits: 0, at: this.now() };
    const due = since.edits + 1 >= SNAPSHOT_EVERY_EDITS || this.now() - since.at >= SNAPSHOT_EVERY_MS;
    // A mirror that lost track of this file (a malformed change, or its worker died) is reopened
    // from the editor's text right here, while that text is exactly "after this edit"; the edit
    // carries it as a snapshot, so the stored record is exact again from this edit on.
    const reopen = this.resync.delete(file);
    const snapshot = due || reopen ? currentText() : undefined;
    this.sinceSnapshot.set(file, due || reopen ? { edits: 0, at: this.now() } : { edits: since.edits + 1, at: since.at });
    // Posted now, in order; the mirror answers in the same order.
    const hashing = reopen ? this.mirror.open(file, snapshot!) : this.mirror.apply(file, edit.changes);
    hashing.catch(() => undefined); // handled below, in order
    if (PROFILE) performance.measure('ir:edit-hash', { start });
    this.awaitingHash++;
    this.chain = this.chain
      .then(async () => {
        let afterHash: string | undefined;
        try {
          afterHash = await hashing;
          if (reopen) this.tainted.delete(file);
          // Edits posted after a failed one were hashed on a mirror missing that change.
          else if (this.tainted.has(file)) afterHash = undefined;
        } catch {
          // This edit cannot be hashed. Its change is still stored (Monaco's change is the truth),
          // without hashes; the next edit of the file reopens the mirror with a snapshot.
          this.resync.add(file);
          this.tainted.add(file);
        }
        this.enqueue({ edit, beforeHash: this.hashes.get(file), afterHash, ...(snapshot !== undefined ? { snapshot } : {}) });
      })
      .catch((err: unknown) => this.onStatus(`Editor activity could not be captured: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => this.awaitingHash--);
  }

  /** Waits for pending hashes, then sends everything captured so far. */
  async flush(): Promise<void> {
    await this.chain;
    await this.queue.flush();
  }

  /** Edits not yet stored: waiting for their hash or queued for the store. */
  get pending(): number {
    return this.awaitingHash + this.queue.pending;
  }

  dispose(): void {
    this.queue.dispose();
  }

  private enqueue(item: EditItem): void {
    if (item.afterHash === undefined) this.hashes.delete(item.edit.file.name);
    else this.hashes.set(item.edit.file.name, item.afterHash);
    this.queue.push(item);
    if (item.snapshot !== undefined) void this.queue.flush();
  }

  /**
   * The store refused this edit for good (say, a change over its size limit). Without it the stored
   * record of the file no longer leads to the editor's text, so the file's next edit reopens the mirror
   * and carries a full snapshot, which makes playback exact again from there on.
   */
  private rejected(item: EditItem, message: string): void {
    const file = item.edit.file.name;
    this.resync.add(file);
    this.onRejected(`One edit of ${file} could not be saved (${message}) and was skipped; the file's next edit saves its whole text.`);
  }

  private async sendBatch(items: EditItem[]): Promise<SendOutcome> {
    const last = items[items.length - 1]!;
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
          ...(afterHash ? { afterHash } : {}),
          ...(edit.cursor ? { cursor: edit.cursor } : {}),
        },
      })),
      ...(last.snapshot !== undefined
        ? { snapshots: [{ offsetMs: last.edit.offsetMs, file: last.edit.file.name, text: last.snapshot }] }
        : {}),
    });
    return result.ok ? { ok: true } : { ok: false, message: result.error.message, permanent: result.error.code === 'invalid_input' };
  }
}
