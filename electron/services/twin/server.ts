import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { AppError } from '../../../shared/ipc/result';
import { ServeRespondSchema, ServeTrainSchema } from '../../../shared/twin/requests';
import { issuesFromZod } from '../../../shared/util/issues';
import type { TwinService } from './twin-service';

/**
 * The twin as an HTTP API (docs/twin.md, "Serve"), so another interview tool can use it:
 *
 *   POST /api/digital-twin/respond         the twin's next turn
 *   POST /api/digital-twin/train           starts a fine-tuning job
 *   GET  /api/digital-twin/eval/:name      the latest evaluation and its trend
 *
 * Every request needs `Authorization: Bearer <token>`; bodies are JSON, checked field by field (400 with
 * the field and the reason), and refused over `maxBodyBytes` (413) before they are read whole.
 */
export interface TwinServerOptions {
  twins: TwinService;
  token: string;
  host?: string;
  port?: number;
  maxBodyBytes?: number;
  /** Phrase offline even when a model is set up. */
  offline?: boolean;
  /** One line per request (method, path, status, ms), never a body. */
  log?: (line: string) => void;
}

export interface TwinServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const ROUTE_EVAL = /^\/api\/digital-twin\/eval\/([^/]+)$/;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: Array<{ field: string; message: string }>,
  ) {
    super(message);
  }
}

export async function startTwinServer(options: TwinServerOptions): Promise<TwinServer> {
  if (options.token.length < 16) throw new AppError('invalid_input', 'The token must be at least 16 characters.');
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const expected = Buffer.from(`Bearer ${options.token}`);
  const server: Server = createServer((req, res) => {
    const started = performance.now();
    handle(req, res)
      .catch((err: unknown) => {
        if (!(err instanceof HttpError) && !(err instanceof AppError))
          options.log?.(`error: ${err instanceof Error ? err.message : String(err)}`);
        sendError(res, err);
      })
      .finally(() => {
        const path = (req.url ?? '/').split('?')[0];
        options.log?.(`${req.method} ${path} ${res.statusCode} ${Math.round(performance.now() - started)} ms`);
      });
  });
  server.requestTimeout = 120_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.setHeader('www-authenticate', 'Bearer');
      throw new HttpError(401, 'unauthorized', 'A bearer token is required: Authorization: Bearer <token>.');
    }
    const url = new URL(req.url ?? '/', 'http://twin.local');
    const path = url.pathname;
    if (path === '/api/digital-twin/respond' || path === '/api/digital-twin/train') {
      if (req.method !== 'POST') throw methodNotAllowed(res, 'POST');
      if (path.endsWith('respond')) {
        const body = parse(ServeRespondSchema, await readBody(req, limit));
        const reply = await options.twins.respond(body.interviewerId, {
          history: [...body.history, { role: 'candidate', text: body.candidateTurn }],
          controls: { ...body.controls, ...(body.temperature !== undefined ? { temperature: body.temperature } : {}) },
          offline: options.offline,
        });
        const d = reply.traces.decision;
        send(res, 200, {
          text: reply.text,
          functionCalls: [{ name: d.action, args: { followUpType: d.followUpType, skill: d.skill, rule: d.rule } }],
          traces: reply.traces,
          safety: reply.safety ?? { blocked: false, categories: [], redactions: [] },
          latencyMs: reply.latencyMs,
          sessionId: body.sessionId,
        });
        return;
      }
      const body = parse(ServeTrainSchema, await readBody(req, limit));
      const job = await options.twins.startTraining(body.interviewerId, { baseModel: body.options?.baseModel });
      send(res, 202, { jobId: job.id, status: job.status });
      return;
    }
    const evalMatch = ROUTE_EVAL.exec(path);
    if (evalMatch) {
      if (req.method !== 'GET') throw methodNotAllowed(res, 'GET');
      let name: string;
      try {
        name = decodeURIComponent(evalMatch[1]!);
      } catch {
        throw new HttpError(400, 'invalid_input', 'The interviewer id is not valid URL encoding.', [
          { field: 'interviewerId', message: 'is not valid URL encoding' },
        ]);
      }
      const { latest, trend } = options.twins.evaluations(name);
      const scores = (s: { similarity: number; styleAgreement: number; followUpTypeAgreement: number; safety: number }) => ({
        similarity: s.similarity,
        styleAgreement: s.styleAgreement,
        followUpTypeAgreement: s.followUpTypeAgreement,
        safety: s.safety,
      });
      send(res, 200, {
        latestScores: latest ? scores(latest.twin) : null,
        trend: trend.map((r) => ({ at: r.createdAt, mode: r.mode, turns: r.turns, ...scores(r.twin), baseline: scores(r.baseline) })),
      });
      return;
    }
    throw new HttpError(404, 'not_found', `No route ${req.method} ${path}.`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function methodNotAllowed(res: ServerResponse, allow: string): HttpError {
  res.setHeader('allow', allow);
  return new HttpError(405, 'method_not_allowed', `Use ${allow}.`);
}

/** Reads a JSON body, refusing it as soon as it passes the limit (and at once when Content-Length says it will). */
function readBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json')
    return Promise.reject(new HttpError(415, 'unsupported_media_type', 'The body must be application/json.'));
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(new HttpError(413, 'payload_too_large', `The body is over the ${limit}-byte limit.`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        reject(new HttpError(413, 'payload_too_large', `The body is over the ${limit}-byte limit.`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (refused) return;
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (err) {
        reject(new HttpError(400, 'invalid_json', `The body is not valid JSON: ${(err as Error).message}`));
      }
    });
  });
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = issuesFromZod(parsed.error, body);
  throw new HttpError(400, 'invalid_input', issues.map((i) => `${i.field || '(body)'}: ${i.message}`).join('; '), issues);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

function sendError(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (err instanceof HttpError) {
    // A refused body may still be arriving: answer, then close rather than read the rest.
    if (err.status === 413) res.setHeader('connection', 'close');
    send(res, err.status, { error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } });
    return;
  }
  if (err instanceof AppError) {
    const status = err.code === 'not_found' ? 404 : err.code === 'invalid_input' ? 400 : err.code === 'conflict' ? 409 : 500;
    send(res, status, { error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } });
    return;
  }
  send(res, 500, { error: { code: 'internal', message: 'The twin failed to answer; the server log has the details.' } });
}
