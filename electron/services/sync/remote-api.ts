import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { z } from 'zod';

/**
 * The team server's API as the app calls it (docs/remote-api.md): four endpoints, every request with the
 * bearer token and the item's idempotency key, every answer checked. Plain node:http(s): an upload is
 * streamed from disk with a known length, never held in memory (Node's global fetch buffers a streamed
 * body whole), and a redirect is never followed, so the token never goes anywhere but the server's origin.
 */

export const API_PATHS = {
  session: '/api/interviews/session',
  recording: '/api/interviews/session/screen-recording',
  telemetry: '/api/interviews/session/telemetry',
} as const;

/** What is read of an answer at most: a JSON answer of this API is small, anything longer is refused. */
const MAX_ANSWER_BYTES = 1024 * 1024;
const JSON_TIMEOUT_MS = 30_000;
/** An upload with no progress for this long is given up (and retried): the connection is dead. */
const UPLOAD_IDLE_MS = 60_000;
/** Bytes read from the recording per chunk: large enough for a fast network, small enough to be nothing in memory. */
const UPLOAD_CHUNK_BYTES = 1024 * 1024;

export type RemoteFailureKind = 'network' | 'http' | 'answer' | 'refused';

/** A call that did not do what was asked: why, with the status and the start of the answer when there was one. */
export class RemoteError extends Error {
  constructor(
    readonly kind: RemoteFailureKind,
    message: string,
    readonly status: number | null = null,
    /** From Retry-After (seconds or an HTTP date), in milliseconds from now. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

export interface RemoteServer {
  /** The server's base URL, no trailing slash. */
  baseUrl: string;
  token: string;
}

export const CreateAnswerSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(128)
    .refine((v) => v.trim() === v, 'must not start or end with white space'),
});
export const UploadAnswerSchema = z.object({ url: z.string().min(1).max(4096) });

export interface SessionCreateBody {
  clientSessionId: string;
  candidateName: string;
  jobTitle: string;
  company: string;
  interviewType: string;
  status: string;
  startedAt: string | null;
  completedAt: string | null;
  config: unknown;
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

interface CallOptions {
  idempotencyKey: string;
  signal?: AbortSignal;
}

export class RemoteApi {
  constructor(
    private readonly server: RemoteServer,
    private readonly userAgent = 'InterviewRecorder',
  ) {}

  url(path: string): string {
    return `${this.server.baseUrl}${path}`;
  }

  async createSession(body: SessionCreateBody, options: CallOptions): Promise<{ id: string }> {
    const answer = await this.json('POST', API_PATHS.session, body, options);
    return expectJson(answer, [200, 201], CreateAnswerSchema, 'the create call');
  }

  async patchSession(serverId: string, body: Record<string, unknown>, options: CallOptions): Promise<void> {
    const answer = await this.json('PATCH', `${API_PATHS.session}/${encodeURIComponent(serverId)}`, body, options);
    expectSuccess(answer, 'the update');
  }

  async telemetry(body: { interviewSessionId: string; events?: unknown[] }, options: CallOptions): Promise<void> {
    expectSuccess(await this.json('POST', API_PATHS.telemetry, body, options), 'the telemetry call');
  }

  /** Whether the upload endpoint speaks tus (an OPTIONS answer with Tus-Version), and which versions. */
  async tusVersions(signal?: AbortSignal): Promise<string[]> {
    const answer = await this.send('OPTIONS', API_PATHS.recording, { headers: {}, body: null, signal, timeoutMs: JSON_TIMEOUT_MS });
    if (answer.status === 401 || answer.status === 403) expectSuccess(answer, 'the upload probe');
    const header = answer.headers['tus-version'];
    if (answer.status >= 300 || typeof header !== 'string') return [];
    return header
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
  }

  /**
   * Sends the recording as `multipart/form-data` (the field `interviewSessionId`, the part `file`),
   * streamed from disk a chunk at a time with its length known up front. `onProgress` gets the file's
   * bytes handed to the connection so far.
   */
  async uploadRecording(
    file: string,
    fields: { serverSessionId: string; fileName: string },
    options: CallOptions & { onProgress?: (sent: number, total: number) => void },
  ): Promise<{ url: string; bytes: number }> {
    const handle = await open(file, 'r');
    let size: number;
    try {
      size = (await handle.stat()).size;
    } catch (err) {
      await handle.close();
      throw err;
    }
    const boundary = `----InterviewRecorder${randomBytes(12).toString('hex')}`;
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="interviewSessionId"\r\n\r\n${fields.serverSessionId}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fields.fileName}"\r\nContent-Type: video/mp4\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const stream = createReadStream('', { fd: handle, start: 0, end: Math.max(0, size - 1), highWaterMark: UPLOAD_CHUNK_BYTES });
    const body = size === 0 ? null : stream;
    if (size === 0) stream.destroy();
    const answer = await this.send('POST', API_PATHS.recording, {
      headers: {
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': head.length + size + tail.length,
        'Idempotency-Key': options.idempotencyKey,
      },
      body: { head, stream: body, tail, size },
      signal: options.signal,
      timeoutMs: UPLOAD_IDLE_MS,
      onProgress: options.onProgress,
    }).finally(() => stream.destroy());
    const parsed = expectJson(answer, [200, 201], UploadAnswerSchema, 'the upload');
    return { url: parsed.url, bytes: size };
  }

  private json(method: string, path: string, body: unknown, options: CallOptions): Promise<HttpAnswer> {
    const payload = Buffer.from(JSON.stringify(body));
    return this.send(method, path, {
      headers: { 'Content-Type': 'application/json', 'Content-Length': payload.length, 'Idempotency-Key': options.idempotencyKey },
      body: payload,
      signal: options.signal,
      timeoutMs: JSON_TIMEOUT_MS,
    });
  }

  /** One request to this server's origin; resolves with any HTTP answer, rejects with a `network` RemoteError. */
  send(
    method: string,
    path: string,
    options: {
      headers: OutgoingHttpHeaders;
      body: Buffer | { head: Buffer; stream: NodeJS.ReadableStream | null; tail: Buffer; size: number } | null;
      signal?: AbortSignal;
      timeoutMs: number;
      onProgress?: (sent: number, total: number) => void;
    },
  ): Promise<HttpAnswer> {
    const target = new URL(this.url(path));
    const requestFn = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<HttpAnswer>((resolve, reject) => {
      if (options.signal?.aborted) return reject(new RemoteError('network', 'stopped before it was sent'));
      let settled = false;
      const finish = (err: RemoteError | null, answer?: HttpAnswer) => {
        if (settled) return;
        settled = true;
        options.signal?.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve(answer!);
      };
      const req = requestFn(target, {
        method,
        headers: {
          Accept: 'application/json',
          'User-Agent': this.userAgent,
          Authorization: `Bearer ${this.server.token}`,
          ...options.headers,
        },
      });
      const onAbort = () => {
        req.destroy();
        finish(new RemoteError('network', 'stopped'));
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      req.setTimeout(options.timeoutMs, () => {
        req.destroy();
        finish(new RemoteError('network', `no answer within ${Math.round(options.timeoutMs / 1000)} s`));
      });
      req.on('error', (err: NodeJS.ErrnoException) => finish(new RemoteError('network', networkMessage(err))));
      req.on('response', (res) => {
        readAnswer(res).then(
          (text) => finish(null, { status: res.statusCode ?? 0, headers: res.headers, text }),
          (err: Error) =>
            finish(
              err instanceof RemoteError
                ? err
                : new RemoteError(
                    'network',
                    `the answer was cut off (${networkMessage(err as NodeJS.ErrnoException)})`,
                    res.statusCode ?? null,
                  ),
            ),
        );
      });
      const body = options.body;
      if (body === null) req.end();
      else if (Buffer.isBuffer(body)) req.end(body);
      else {
        req.write(body.head);
        if (!body.stream) return void req.end(body.tail);
        let sent = 0;
        body.stream.on('data', (chunk: Buffer) => {
          sent += chunk.length;
          options.onProgress?.(sent, body.size);
          // Back-pressure: the next chunk is read only when the socket took this one.
          if (!req.write(chunk)) {
            body.stream!.pause();
            req.once('drain', () => body.stream!.resume());
          }
        });
        body.stream.on('end', () => req.end(body.tail));
        body.stream.on('error', (err: NodeJS.ErrnoException) => {
          req.destroy();
          finish(new RemoteError('refused', `the recording could not be read (${err.code ?? err.message})`));
        });
      }
    });
  }
}

function readAnswer(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    res.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > MAX_ANSWER_BYTES) {
        res.destroy();
        reject(new RemoteError('answer', `the answer is longer than ${MAX_ANSWER_BYTES / 1024} KB`, res.statusCode ?? null));
        return;
      }
      chunks.push(chunk);
    });
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
    res.on('aborted', () => reject(new Error('aborted')));
  });
}

function networkMessage(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'the server refused the connection';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'the connection was reset';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the server name could not be resolved';
    case 'ETIMEDOUT':
      return 'the connection timed out';
    default:
      return err.code ? `${err.message} (${err.code})` : err.message || 'the connection failed';
  }
}

/** The start of an answer, on one line, for an error message. */
export function excerpt(text: string, max = 160): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** Retry-After as milliseconds from now: a number of seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(headers: IncomingHttpHeaders, now = Date.now()): number | null {
  const value = headers['retry-after'];
  if (typeof value !== 'string' || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function httpError(answer: HttpAnswer, what: string): RemoteError {
  const body = excerpt(answer.text);
  return new RemoteError(
    'http',
    `the server answered ${what} with HTTP ${answer.status}${body ? `: ${body}` : ''}`,
    answer.status,
    retryAfterMs(answer.headers),
  );
}

function expectSuccess(answer: HttpAnswer, what: string): void {
  if (answer.status < 200 || answer.status >= 300) throw httpError(answer, what);
}

function expectJson<T>(answer: HttpAnswer, statuses: number[], schema: z.ZodType<T>, what: string): T {
  if (!statuses.includes(answer.status)) throw httpError(answer, what);
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    throw new RemoteError(
      'answer',
      `the server answered ${what} with HTTP ${answer.status} but not with JSON: ${excerpt(answer.text) || '(empty)'}`,
      answer.status,
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RemoteError(
      'answer',
      `the server's answer to ${what} (HTTP ${answer.status}) is not as the API says: ${issue ? `${issue.path.join('.') || 'the body'} ${issue.message}` : 'invalid'} (${excerpt(answer.text)})`,
      answer.status,
    );
  }
  return parsed.data;
}
