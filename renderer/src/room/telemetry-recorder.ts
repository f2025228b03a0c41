import type { InputOf } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import { TELEMETRY_LIMITS, type TelemetryEventInput } from '../../../shared/telemetry/schema';

type AppendInput = InputOf<'telemetry:append'>;
type Send = (input: AppendInput) => Promise<Result<unknown>>;

export const FLUSH_INTERVAL_MS = 500;

/**
 * Collects the room's telemetry and sends it in batches: within 500 ms, or at once at 200 events.
 * A batch that fails to send stays queued, in order, and is retried; nothing is dropped on the way.
 */
export class TelemetryRecorder {
  private queue: Array<{ event: TelemetryEventInput; offsetMs: number }> = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly sessionId: string,
    private readonly send: Send,
    private readonly onError: (message: string | null) => void,
  ) {}

  push(event: TelemetryEventInput, offsetMs: number): void {
    this.queue.push({ event, offsetMs });
    if (this.queue.length >= TELEMETRY_LIMITS.maxEventsPerBatch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_INTERVAL_MS);
  }

  /** Sends everything queued so far; resolves when it has been stored (or has failed and stays queued). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.sending = this.sending.then(() => this.sendQueued());
    return this.sending;
  }

  get pending(): number {
    return this.queue.length;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async sendQueued(): Promise<void> {
    while (this.queue.length > 0) {
      const slice = this.queue.slice(0, TELEMETRY_LIMITS.maxEventsPerBatch);
      let result: Result<unknown>;
      try {
        result = await this.send({ interviewSessionId: this.sessionId, events: slice.map((q) => q.event), offsetsMs: slice.map((q) => q.offsetMs) });
      } catch (err) {
        result = { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } };
      }
      if (!result.ok) {
        this.onError(`Editor activity could not be saved yet (${result.error.message}). It will be retried.`);
        this.timer ??= setTimeout(() => void this.flush(), 3000);
        return;
      }
      this.queue.splice(0, slice.length);
      this.onError(null);
    }
  }
}

const encoder = new TextEncoder();

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
