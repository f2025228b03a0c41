import { RemoteError } from './remote-api';

/** What follows a failed attempt (docs/remote-api.md, "Retries"). */
export type Verdict =
  | { action: 'retry'; delayMs: number; message: string }
  | { action: 'park'; message: string }
  /** The server refused the token: the whole queue waits for another one. */
  | { action: 'pause'; message: string };

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  /** Retry-After is followed up to this long; a longer one is read as this. */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, capMs: 5 * 60_000, maxRetryAfterMs: 60 * 60_000 };

/** Exponential backoff with full jitter: anywhere between 0 and base·2^(attempt−1), capped. */
export function backoffMs(attempts: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, Math.min(30, attempts - 1)));
  return Math.floor(random() * ceiling);
}

/**
 * Network errors, 5xx, 408, 409 and 429 are tried again (429 and 503 after their Retry-After); 401 and 403
 * pause the queue for a new token; any other 4xx, or an answer that is not what the API says, parks the
 * item with the reason, to be retried by hand.
 */
export function verdictFor(err: unknown, attempts: number, options: BackoffOptions, random?: () => number): Verdict {
  if (!(err instanceof RemoteError)) {
    return { action: 'park', message: `the app failed to send it: ${err instanceof Error ? err.message : String(err)}` };
  }
  const message = err.message;
  if (err.kind === 'network') return { action: 'retry', delayMs: backoffMs(attempts, options, random), message };
  if (err.kind === 'refused' || err.kind === 'answer') return { action: 'park', message };
  const status = err.status ?? 0;
  if (status === 401 || status === 403) return { action: 'pause', message };
  if ((status === 429 || status === 503) && err.retryAfterMs !== null)
    return { action: 'retry', delayMs: Math.min(err.retryAfterMs, options.maxRetryAfterMs), message };
  // 409: the server is still busy with an earlier attempt under the same idempotency key (one a crash cut off).
  if (status >= 500 || status === 408 || status === 409 || status === 429)
    return { action: 'retry', delayMs: backoffMs(attempts, options, random), message };
  return { action: 'park', message };
}
