import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible server for tests (never the real service): Chat Completions with SSE
 * streaming and `response_format: json_schema` output, plus `GET /v1/models`. It speaks the real
 * wire protocol, so the real `openai` client is exercised end to end. Each request takes the next
 * scripted reply (or the default one); every request is recorded so tests can assert on prompts.
 */
export interface ScriptedReply {
  /** The reply's text; streamed word by word when the request streams. */
  content?: string;
  /** Exact stream pieces, instead of splitting `content`. */
  tokens?: string[];
  /** Sent as the JSON content (for json_schema requests). */
  json?: unknown;
  /** Answer with this HTTP status and an OpenAI-style error body instead. */
  status?: number;
  /** `retry-after-ms` header with an error, so the client's retry waits only this long. */
  retryAfterMs?: number;
  delayBeforeFirstTokenMs?: number;
  tokenDelayMs?: number;
  /** Accept the request and never answer (until the client gives up). */
  hang?: boolean;
  /** Cut the connection after this many streamed tokens. */
  dropAfterTokens?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the body is whatever the client sent
  body: any;
}

export type Responder = (request: RecordedRequest) => ScriptedReply;

export interface OpenAiServer {
  /** Base URL for the client, ending in `/v1`. */
  url: string;
  requests: RecordedRequest[];
  /** Replies for the next requests, in order. */
  enqueue(...replies: Array<ScriptedReply | Responder>): void;
  /** The reply when the queue is empty. */
  setDefault(reply: ScriptedReply | Responder): void;
  /** Chat completion requests only. */
  chatRequests(): RecordedRequest[];
  close(): Promise<void>;
}

const MODEL_ID = 'local-test-model';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startOpenAiServer(): Promise<OpenAiServer> {
  const queue: Array<ScriptedReply | Responder> = [];
  let fallback: ScriptedReply | Responder = { content: 'Thanks. Could you tell me more about that?' };
  const requests: RecordedRequest[] = [];
  const open = new Set<ServerResponse>();

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        body = raw;
      }
      const recorded: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body };
      requests.push(recorded);
      open.add(res);
      res.on('close', () => open.delete(res));
      void handle(recorded, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: String(err), type: 'server_error' } }));
      });
    });
  });

  async function handle(request: RecordedRequest, res: ServerResponse): Promise<void> {
    if (request.method === 'GET' && request.path === '/v1/models') {
      json(res, 200, { object: 'list', data: [{ id: MODEL_ID, object: 'model', created: 0, owned_by: 'test' }] });
      return;
    }
    if (request.method !== 'POST' || request.path !== '/v1/chat/completions') {
      json(res, 404, { error: { message: `no route ${request.method} ${request.path}`, type: 'invalid_request_error' } });
      return;
    }
    const next = queue.shift() ?? fallback;
    const reply = typeof next === 'function' ? next(request) : next;
    if (reply.hang) return; // The response stays open until the client aborts or the server closes.
    if (reply.delayBeforeFirstTokenMs) await sleep(reply.delayBeforeFirstTokenMs);
    if (res.destroyed) return;
    if (reply.status && reply.status >= 400) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (reply.retryAfterMs !== undefined) headers['retry-after-ms'] = String(reply.retryAfterMs);
      res.writeHead(reply.status, headers);
      res.end(
        JSON.stringify({
          error: { message: `scripted ${reply.status}`, type: reply.status === 429 ? 'rate_limit_error' : 'server_error', code: null },
        }),
      );
      return;
    }
    const content = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.content ?? reply.tokens?.join('') ?? '');
    const body = request.body as { stream?: boolean; model?: string; stream_options?: { include_usage?: boolean } };
    const model = body?.model ?? MODEL_ID;
    const tokens = reply.tokens ?? content.match(/\S+\s*/g) ?? [];
    if (!body?.stream) {
      json(res, 200, {
        id: 'chatcmpl-test',
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
        usage: { prompt_tokens: 10, completion_tokens: tokens.length, total_tokens: 10 + tokens.length },
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const chunk = (delta: Record<string, unknown>, finish: string | null) =>
      `data: ${JSON.stringify({ id: 'chatcmpl-test', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] })}\n\n`;
    res.write(chunk({ role: 'assistant', content: '' }, null));
    for (const [i, token] of tokens.entries()) {
      if (reply.dropAfterTokens !== undefined && i >= reply.dropAfterTokens) {
        res.destroy();
        return;
      }
      if (i > 0 && reply.tokenDelayMs) await sleep(reply.tokenDelayMs);
      if (res.destroyed) return;
      res.write(chunk({ content: token }, null));
    }
    res.write(chunk({}, 'stop'));
    if (body.stream_options?.include_usage) {
      res.write(
        `data: ${JSON.stringify({ id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 0, model, choices: [], usage: { prompt_tokens: 10, completion_tokens: tokens.length, total_tokens: 10 + tokens.length } })}\n\n`,
      );
    }
    res.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => queue.push(...replies),
    setDefault: (reply) => {
      fallback = reply;
    },
    chatRequests: () => requests.filter((r) => r.path === '/v1/chat/completions'),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
