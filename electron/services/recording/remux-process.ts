import { spawn } from 'node:child_process';

/** What one ffmpeg run came to. */
export interface ProcessOutcome {
  /** Exit code; null when the process was killed or never started. */
  code: number | null;
  stdout: string;
  /** The end of stderr (bounded), where ffmpeg puts its reason for failing. */
  stderr: string;
  timedOut: boolean;
  aborted: boolean;
  /** The process could not be started (ENOENT, EACCES…). */
  spawnError: Error | null;
}

/** ffmpeg can print a line per frame when a stream is damaged: only the end is kept, which holds the reason. */
const MAX_CAPTURE = 16 * 1024;

/**
 * Runs `command args` with no shell and no stdin, killing it (SIGKILL) when `timeLimitMs` passes or
 * `signal` aborts. Never rejects: every way it can end is in the outcome.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { timeLimitMs: number; signal?: AbortSignal },
): Promise<ProcessOutcome> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let aborted = false;
    let settled = false;
    const finish = (outcome: Pick<ProcessOutcome, 'code' | 'spawnError'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ ...outcome, stdout, stderr, timedOut, aborted });
    };
    if (options.signal?.aborted) {
      aborted = true;
      resolve({ code: null, stdout, stderr, timedOut, aborted, spawnError: null });
      return;
    }
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, shell: false });
    const keep = (current: string, chunk: Buffer) => {
      const next = current + chunk.toString('utf8');
      return next.length > MAX_CAPTURE ? next.slice(next.length - MAX_CAPTURE) : next;
    };
    child.stdout.on('data', (chunk: Buffer) => (stdout = keep(stdout, chunk)));
    child.stderr.on('data', (chunk: Buffer) => (stderr = keep(stderr, chunk)));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeLimitMs);
    const onAbort = () => {
      aborted = true;
      child.kill('SIGKILL');
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (err) => finish({ code: null, spawnError: err }));
    child.on('close', (code) => finish({ code, spawnError: null }));
  });
}

/** The last lines of ffmpeg's error output, as one line for a message. */
export function stderrTail(stderr: string, lines = 3): string {
  const meaningful = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const tail = meaningful.slice(-lines).join(' / ');
  return tail.length > 600 ? `…${tail.slice(-600)}` : tail;
}
