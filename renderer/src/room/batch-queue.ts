export interface BatchLimits {
  /** Send at the latest this long after the first queued item. */
  flushMs: number;
  maxItems: number;
  /** Send once the queued items reach this size; a single larger item goes alone. */
  maxBytes: number;
}

/** What one send reports. `permanent`: the store refused the batch for what it holds (invalid input), so
 *  sending it again can never succeed. */
export type SendOutcome = { ok: true } | { ok: false; message: string; permanent?: boolean };

/**
 * Ordered batching for the room's telemetry: items are sent in the order they were pushed, within
 * `flushMs`, or at once when a batch reaches `maxItems` or `maxBytes`. A batch that fails to send
 * stays at the head of the queue and is retried, so a store that is briefly unavailable loses nothing.
 * A batch the store refuses for good is not retried forever (that would block everything after it):
 * its items are resent one by one to find the refused ones, which are handed to `onRejected` and
 * skipped, and the rest goes on.
 */
export class BatchQueue<T> {
  private queue: Array<{ item: T; bytes: number }> = [];
  private queuedBytes = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private sending: Promise<void> = Promise.resolve();
  private disposed = false;
  /** After a failed send, the next attempt waits for the retry timer, however much piles up. */
  private failing = false;
  /** Items still to send one at a time, after a batch holding them was refused for good. */
  private isolating = 0;

  constructor(
    private readonly limits: BatchLimits,
    private readonly sizeOf: (item: T) => number,
    private readonly send: (items: T[]) => Promise<SendOutcome>,
    private readonly onStatus: (error: string | null) => void,
    private readonly retryMs = 3000,
    /** An item for which this is true is the last of its batch (e.g. it carries a snapshot). */
    private readonly endsBatch: (item: T) => boolean = () => false,
    /** An item the store refused for good; it has been taken out of the queue. */
    private readonly onRejected: (item: T, message: string) => void = () => undefined,
  ) {}

  push(item: T): void {
    const bytes = this.sizeOf(item);
    this.queue.push({ item, bytes });
    this.queuedBytes += bytes;
    const full = this.queue.length >= this.limits.maxItems || this.queuedBytes >= this.limits.maxBytes;
    if (full && !this.failing) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.failing ? this.retryMs : this.limits.flushMs);
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Sends everything queued so far; resolves once it is stored, or has failed and stays queued. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.sending = this.sending.then(() => this.drain());
    return this.sending;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private takeBatch(): Array<{ item: T; bytes: number }> {
    if (this.isolating > 0) return this.queue.slice(0, 1);
    let count = 0;
    let bytes = 0;
    while (count < this.queue.length && count < this.limits.maxItems) {
      const next = this.queue[count]!.bytes;
      if (count > 0 && bytes + next > this.limits.maxBytes) break;
      bytes += next;
      count++;
      if (this.endsBatch(this.queue[count - 1]!.item)) break;
    }
    return this.queue.slice(0, count);
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.takeBatch();
      let result: SendOutcome;
      try {
        result = await this.send(batch.map((b) => b.item));
      } catch (err) {
        result = { ok: false, message: err instanceof Error ? err.message : String(err) };
      }
      if (!result.ok && result.permanent) {
        this.failing = false;
        if (batch.length > 1) {
          this.isolating = batch.length;
          continue;
        }
        this.take(batch);
        this.onRejected(batch[0]!.item, result.message);
        continue;
      }
      if (!result.ok) {
        this.failing = true;
        this.onStatus(result.message);
        if (!this.disposed) this.timer ??= setTimeout(() => void this.flush(), this.retryMs);
        return;
      }
      this.failing = false;
      this.take(batch);
      this.onStatus(null);
    }
  }

  private take(batch: Array<{ item: T; bytes: number }>): void {
    this.queue.splice(0, batch.length);
    this.queuedBytes -= batch.reduce((n, b) => n + b.bytes, 0);
    this.isolating = Math.max(0, this.isolating - batch.length);
  }
}
