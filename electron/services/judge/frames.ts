/**
 * Splits a test run's stdout into the driver's frames and the candidate's own printing
 * (docs/judge.md, "Frames"). A frame is a record separator (U+001E), the run's nonce, a space, one line
 * of JSON and a newline; the nonce is new for every run, so nothing the candidate prints by accident can
 * pass for one. Text arrives in chunks cut anywhere, a frame's start included.
 */
export type DriverFrame =
  | { t: 'ready'; loadError: DriverError | null }
  | { t: 'fatal'; kind: 'compile' | 'load' | 'missing'; error: DriverError }
  | { t: 'start'; i: number }
  | { t: 'done'; i: number; ok: true; value: unknown; cpuMs: number }
  | { t: 'done'; i: number; ok: false; error: DriverError; call: number; value: unknown; cpuMs: number }
  | { t: 'end' };

export interface DriverError {
  type: string;
  message: string;
  line: number | null;
}

export class FrameReader {
  private readonly marker: string;
  private buffer = '';

  constructor(
    nonce: string,
    private readonly onFrame: (frame: DriverFrame) => void,
    private readonly onText: (text: string) => void,
  ) {
    this.marker = `\u001e${nonce} `;
  }

  push(chunk: string): void {
    this.buffer += chunk;
    for (;;) {
      const at = this.buffer.indexOf(this.marker);
      if (at < 0) {
        // Keep a tail that could be the start of a marker cut by the chunk boundary.
        const keep = partialMarker(this.buffer, this.marker);
        this.text(this.buffer.slice(0, this.buffer.length - keep));
        this.buffer = this.buffer.slice(this.buffer.length - keep);
        return;
      }
      const end = this.buffer.indexOf('\n', at + this.marker.length);
      if (end < 0) {
        this.text(this.buffer.slice(0, at));
        this.buffer = this.buffer.slice(at);
        return;
      }
      this.text(this.buffer.slice(0, at));
      const json = this.buffer.slice(at + this.marker.length, end);
      this.buffer = this.buffer.slice(end + 1);
      const frame = parseFrame(json);
      if (frame) this.onFrame(frame);
      else this.text(json);
    }
  }

  /** The stream ended: whatever is left was the candidate's. */
  end(): void {
    this.text(this.buffer);
    this.buffer = '';
  }

  private text(t: string): void {
    if (t) this.onText(t);
  }
}

function partialMarker(buffer: string, marker: string): number {
  for (let n = Math.min(marker.length - 1, buffer.length); n > 0; n--) {
    if (marker.startsWith(buffer.slice(buffer.length - n))) return n;
  }
  return 0;
}

function parseFrame(json: string): DriverFrame | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  const f = value as Record<string, unknown>;
  switch (f.t) {
    case 'ready':
      return { t: 'ready', loadError: driverError(f.loadError) };
    case 'fatal': {
      const error = driverError(f.error);
      const kind = f.kind === 'compile' || f.kind === 'missing' ? f.kind : 'load';
      return error ? { t: 'fatal', kind, error } : null;
    }
    case 'start':
      return Number.isInteger(f.i) ? { t: 'start', i: f.i as number } : null;
    case 'done': {
      if (!Number.isInteger(f.i)) return null;
      const cpuMs = typeof f.cpuMs === 'number' && Number.isFinite(f.cpuMs) && f.cpuMs >= 0 ? f.cpuMs : 0;
      if (f.ok === true) return { t: 'done', i: f.i as number, ok: true, value: f.value ?? null, cpuMs };
      const error = driverError(f.error) ?? { type: 'Error', message: 'The call failed.', line: null };
      return {
        t: 'done',
        i: f.i as number,
        ok: false,
        error,
        call: Number.isInteger(f.call) ? (f.call as number) : -1,
        value: f.value ?? null,
        cpuMs,
      };
    }
    case 'end':
      return { t: 'end' };
    default:
      return null;
  }
}

function driverError(value: unknown): DriverError | null {
  if (value === null || typeof value !== 'object') return null;
  const e = value as Record<string, unknown>;
  const line = Number.isInteger(e.line) && (e.line as number) > 0 ? (e.line as number) : null;
  return {
    type: typeof e.type === 'string' ? e.type.slice(0, 200) : 'Error',
    message: typeof e.message === 'string' ? e.message.slice(0, 4000) : 'An error without a message.',
    line,
  };
}
