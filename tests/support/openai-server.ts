import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';

/**
 * A local OpenAI-compatible server for tests (never the real service): Chat Completions with SSE
 * streaming and `response_format: json_schema` output, plus `GET /v1/models`. It speaks the real
 * wire protocol, so the real `openai` client is exercised end to end. Each request takes the next
 * scripted reply (or the default one); every request is recorded so tests can assert on prompts.
 *
 * For twins it also speaks `/v1/embeddings` (a hashed bag of words, so texts sharing words are close;
 * float or base64 as asked), `/v1/files` (multipart uploads, JSONL checked line by line) and
 * `/v1/fine_tuning/jobs` (create, retrieve, events): a job moves one state per retrieve
 * (validating_files → queued → running → succeeded), or fails as `failJobsWith` says; an unknown base
 * model is refused at create, as the real service does.
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

/** A scripted answer of the audio routes. */
export interface AudioReply {
  /** Answer with this HTTP status and an OpenAI-style error instead. */
  status?: number;
  /** Wait this long before answering (the model's own time). */
  delayMs?: number;
  /** Accept the request and never answer. */
  hang?: boolean;
  /** Transcriptions: the text to return (else the default transcript, or "" for silence). */
  text?: string;
  /** Speech: answer 200 with this content type and body instead of audio. */
  body?: { contentType: string; text: string };
}

/** What the transcription route received, for tests to check the audio was real. */
export interface ReceivedAudio {
  model: string;
  language: string | null;
  responseFormat: string | null;
  fileName: string;
  bytes: number;
  durationMs: number;
  /** Root mean square of the samples (0…1): near 0 is silence. */
  rms: number;
}

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
  /** Uploaded files by id: their purpose, name and text. */
  files: Map<string, { purpose: string; filename: string; text: string }>;
  /** Fine-tuning jobs created so far, by id. */
  jobs: Map<string, FineTuneJob>;
  /** Jobs created from now on fail when they run, with this error (null: they succeed). */
  failJobsWith(error: { code: string; message: string } | null): void;
  /** Answers of `/v1/audio/speech`, in order (default: a WAV spoken by espeak-ng). */
  enqueueSpeech(...replies: AudioReply[]): void;
  /** Answers of `/v1/audio/transcriptions`, in order (default: `defaultTranscript`). */
  enqueueTranscription(...replies: AudioReply[]): void;
  /** What a transcription of non-silent audio returns when nothing is queued. */
  setTranscript(text: string): void;
  /** Delay of every audio answer with no delay of its own (a model's fixed time, for benches). */
  setAudioDelay(ms: number): void;
  speechRequests(): RecordedRequest[];
  received: ReceivedAudio[];
  close(): Promise<void>;
}

const MODEL_ID = 'local-test-model';
/** Base models this server fine-tunes; others are refused at job creation. */
export const FINE_TUNABLE = ['gpt-4o-mini-2024-07-18', 'local-test-model'];

export interface FineTuneJob {
  id: string;
  model: string;
  suffix: string | null;
  trainingFile: string;
  validationFile: string | null;
  step: number;
  fail: { code: string; message: string } | null;
  createdAt: number;
}

const JOB_STEPS = ['validating_files', 'queued', 'running', 'succeeded'] as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startOpenAiServer(): Promise<OpenAiServer> {
  const queue: Array<ScriptedReply | Responder> = [];
  let fallback: ScriptedReply | Responder = { content: 'Thanks. Could you tell me more about that?' };
  const requests: RecordedRequest[] = [];
  const open = new Set<ServerResponse>();
  const files = new Map<string, { purpose: string; filename: string; text: string }>();
  const jobs = new Map<string, FineTuneJob>();
  let failWith: { code: string; message: string } | null = null;
  const speechQueue: AudioReply[] = [];
  const transcriptionQueue: AudioReply[] = [];
  const received: ReceivedAudio[] = [];
  let transcript = 'I would use a hash map from each value to its index.';
  let audioDelayMs = 0;

  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const rawBytes = Buffer.concat(parts);
      let body: unknown;
      if (/^multipart\//i.test(req.headers['content-type'] ?? '')) body = rawBytes;
      else {
        const raw = rawBytes.toString('utf8');
        try {
          body = raw ? JSON.parse(raw) : null;
        } catch {
          body = raw;
        }
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
    if (request.path.startsWith('/v1/embeddings') || request.path.startsWith('/v1/files') || request.path.startsWith('/v1/fine_tuning/')) {
      twinRoutes(request, res);
      return;
    }
    if (request.method === 'POST' && request.path === '/v1/audio/speech') return speech(request, res, speechQueue.shift() ?? {});
    if (request.method === 'POST' && request.path === '/v1/audio/transcriptions')
      return transcription(request, res, transcriptionQueue.shift() ?? {});
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

  function twinRoutes(request: RecordedRequest, res: ServerResponse): void {
    const path = request.path.split('?')[0]!;
    if (request.method === 'POST' && path === '/v1/embeddings') {
      const body = request.body as { input?: string | string[]; model?: string; encoding_format?: string };
      const inputs = typeof body?.input === 'string' ? [body.input] : Array.isArray(body?.input) ? body.input : null;
      if (!inputs || !body.model) return errorOut(res, 400, 'input and model are required', 'invalid_request_error');
      json(res, 200, {
        object: 'list',
        model: body.model,
        data: inputs.map((text, index) => {
          const vector = embed(text);
          const embedding = body.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
          return { object: 'embedding', index, embedding };
        }),
        usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
      });
      return;
    }
    if (request.method === 'POST' && path === '/v1/files') {
      const parts = multipart(
        String(request.headers['content-type'] ?? ''),
        Buffer.isBuffer(request.body) ? request.body.toString('utf8') : typeof request.body === 'string' ? request.body : '',
      );
      const file = parts.find((p) => p.name === 'file');
      const purpose = parts.find((p) => p.name === 'purpose')?.text;
      if (!file || !purpose) return errorOut(res, 400, 'a file and its purpose are required', 'invalid_request_error');
      if (purpose === 'fine-tune') {
        const bad = file.text
          .split('\n')
          .filter((l) => l.trim())
          .findIndex((l) => {
            try {
              return !Array.isArray((JSON.parse(l) as { messages?: unknown }).messages);
            } catch {
              return true;
            }
          });
        if (bad >= 0)
          return errorOut(
            res,
            400,
            `Invalid file format for Fine-Tuning API: line ${bad + 1} is not a chat example`,
            'invalid_request_error',
          );
      }
      const id = `file-${files.size + 1}`;
      files.set(id, { purpose, filename: file.filename ?? 'upload', text: file.text });
      json(res, 200, {
        id,
        object: 'file',
        bytes: Buffer.byteLength(file.text),
        created_at: Math.floor(Date.now() / 1000),
        filename: file.filename,
        purpose,
        status: 'processed',
      });
      return;
    }
    if (request.method === 'POST' && path === '/v1/fine_tuning/jobs') {
      const body = request.body as { model?: string; training_file?: string; validation_file?: string; suffix?: string };
      if (!body?.model || !FINE_TUNABLE.includes(body.model))
        return errorOut(
          res,
          400,
          `Model ${body?.model ?? '(none)'} is not available for fine-tuning or does not exist.`,
          'invalid_request_error',
        );
      if (!body.training_file || !files.has(body.training_file))
        return errorOut(res, 400, `File ${body.training_file ?? '(none)'} not found.`, 'invalid_request_error');
      const job: FineTuneJob = {
        id: `ftjob-${jobs.size + 1}`,
        model: body.model,
        suffix: body.suffix ?? null,
        trainingFile: body.training_file,
        validationFile: body.validation_file ?? null,
        step: 0,
        fail: failWith,
        createdAt: Math.floor(Date.now() / 1000),
      };
      jobs.set(job.id, job);
      json(res, 200, jobBody(job));
      return;
    }
    const m = /^\/v1\/fine_tuning\/jobs\/([^/]+)(\/events)?$/.exec(path);
    const job = m ? jobs.get(m[1]!) : undefined;
    if (m && request.method === 'GET' && !job) return errorOut(res, 404, `No fine-tuning job ${m[1]}.`, 'invalid_request_error');
    if (m && job && request.method === 'GET' && !m[2]) {
      // Each look moves the job one step on, so a test sees it pass through every state.
      if (job.step < JOB_STEPS.length - 1) job.step++;
      json(res, 200, jobBody(job));
      return;
    }
    if (m && job && request.method === 'GET' && m[2]) {
      json(res, 200, { object: 'list', data: jobEvents(job).reverse(), has_more: false });
      return;
    }
    errorOut(res, 404, `no route ${request.method} ${request.path}`, 'invalid_request_error');
  }

  /** Before an audio answer: the scripted wait, hang or error; true when the answer is already given. */
  async function audioPreamble(res: ServerResponse, reply: AudioReply): Promise<boolean> {
    if (reply.hang) return true;
    const delay = reply.delayMs ?? audioDelayMs;
    if (delay) await sleep(delay);
    if (res.destroyed) return true;
    if (reply.status && reply.status >= 400) {
      json(res, reply.status, { error: { message: `scripted ${reply.status}`, type: 'server_error', code: null } });
      return true;
    }
    return false;
  }

  /** Real audio of the text: espeak-ng speaks it to WAV; ffmpeg converts when another format is asked for. */
  async function speech(request: RecordedRequest, res: ServerResponse, reply: AudioReply): Promise<void> {
    const body = request.body as { input?: unknown; voice?: unknown; model?: unknown; response_format?: string; speed?: number } | null;
    if (!body || typeof body.input !== 'string' || !body.input.trim() || typeof body.voice !== 'string' || typeof body.model !== 'string') {
      json(res, 400, { error: { message: 'input, voice and model are required', type: 'invalid_request_error' } });
      return;
    }
    if (await audioPreamble(res, reply)) return;
    if (reply.body) {
      res.writeHead(200, { 'content-type': reply.body.contentType });
      res.end(reply.body.text);
      return;
    }
    const format = body.response_format ?? 'mp3';
    const audio = await speak(body.input, typeof body.speed === 'number' ? body.speed : 1, format);
    const types: Record<string, string> = { wav: 'audio/wav', mp3: 'audio/mpeg', opus: 'audio/ogg', aac: 'audio/aac', flac: 'audio/flac' };
    res.writeHead(200, { 'content-type': types[format] ?? 'application/octet-stream', 'content-length': String(audio.byteLength) });
    res.end(audio);
  }

  async function transcription(request: RecordedRequest, res: ServerResponse, reply: AudioReply): Promise<void> {
    const form = await new Response(new Uint8Array(request.body as Buffer), {
      headers: { 'content-type': String(request.headers['content-type']) },
    })
      .formData()
      .catch(() => null);
    const file = form?.get('file');
    const model = form?.get('model');
    if (!form || !(file instanceof Blob) || typeof model !== 'string') {
      json(res, 400, { error: { message: 'a multipart body with file and model is required', type: 'invalid_request_error' } });
      return;
    }
    const bytes = Buffer.from(await file.arrayBuffer());
    const level = wavLevel(bytes);
    if (!level) {
      json(res, 400, { error: { message: 'the file is not audio this server can read (PCM WAV)', type: 'invalid_request_error' } });
      return;
    }
    const format = form.get('response_format');
    const language = form.get('language');
    received.push({
      model,
      language: typeof language === 'string' ? language : null,
      responseFormat: typeof format === 'string' ? format : null,
      fileName: file instanceof File ? file.name : 'blob',
      bytes: bytes.byteLength,
      durationMs: level.durationMs,
      rms: level.rms,
    });
    if (await audioPreamble(res, reply)) return;
    // Silence transcribes to nothing, as a real model's would.
    const text = reply.text ?? (level.rms < 0.005 ? '' : transcript);
    if (format === 'verbose_json') {
      const seconds = level.durationMs / 1000;
      json(res, 200, {
        task: 'transcribe',
        language: 'english',
        duration: seconds,
        text,
        segments: text
          ? [
              {
                id: 0,
                seek: 0,
                start: 0,
                end: seconds,
                text,
                tokens: [],
                temperature: 0,
                avg_logprob: 0,
                compression_ratio: 1,
                no_speech_prob: 0,
              },
            ]
          : [],
      });
      return;
    }
    if (format === 'text') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(text);
      return;
    }
    json(res, 200, { text, usage: { type: 'duration', seconds: Math.ceil(level.durationMs / 1000) } });
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
    files,
    jobs,
    failJobsWith: (error) => {
      failWith = error;
    },
    enqueueSpeech: (...replies) => speechQueue.push(...replies),
    enqueueTranscription: (...replies) => transcriptionQueue.push(...replies),
    setTranscript: (text) => {
      transcript = text;
    },
    setAudioDelay: (ms) => {
      audioDelayMs = ms;
    },
    speechRequests: () => requests.filter((r) => r.path === '/v1/audio/speech'),
    received,
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

function errorOut(res: ServerResponse, status: number, message: string, type: string): void {
  json(res, status, { error: { message, type, param: null, code: null } });
}

function jobState(job: FineTuneJob): string {
  const state = JOB_STEPS[job.step]!;
  return job.fail && state === 'succeeded' ? 'failed' : state;
}

function jobBody(job: FineTuneJob) {
  const status = jobState(job);
  return {
    id: job.id,
    object: 'fine_tuning.job',
    created_at: job.createdAt,
    finished_at: status === 'succeeded' || status === 'failed' ? job.createdAt + 60 : null,
    model: job.model,
    fine_tuned_model: status === 'succeeded' ? `ft:${job.model}:local:${job.suffix ?? 'twin'}:${job.id.slice(6)}` : null,
    organization_id: 'org-local',
    result_files: [],
    status,
    validation_file: job.validationFile,
    training_file: job.trainingFile,
    hyperparameters: { n_epochs: 3, batch_size: 1, learning_rate_multiplier: 1 },
    trained_tokens: status === 'succeeded' ? 1234 : null,
    error: status === 'failed' ? { code: job.fail!.code, message: job.fail!.message, param: 'training_file' } : null,
    seed: 42,
  };
}

/** The events a job has had so far, oldest first. */
function jobEvents(job: FineTuneJob) {
  const messages = ['Validating training file', 'Files validated, moving job to queued state', 'Fine-tuning job started'];
  const out = messages.slice(0, job.step + 1).map((message) => ({ message, level: 'info' }));
  const state = jobState(job);
  if (state === 'succeeded') out.push({ message: 'The job has successfully completed', level: 'info' });
  if (state === 'failed') out.push({ message: `The job failed: ${job.fail!.message}`, level: 'error' });
  return out.map((e, i) => ({
    object: 'fine_tuning.job.event',
    id: `${job.id}-ev${i}`,
    created_at: job.createdAt + i,
    level: e.level,
    message: e.message,
    type: 'message',
  }));
}

/** A hashed bag of words, normalised: texts that share words point the same way. */
function embed(text: string): number[] {
  const v = new Array<number>(64).fill(0);
  for (const w of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    let h = 2166136261;
    for (const c of w) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
    v[(h >>> 0) % 64]! += 1;
  }
  const norm = Math.sqrt(v.reduce((a, b) => a + b * b, 0)) || 1;
  return v.map((x) => x / norm);
}

/** The parts of a multipart/form-data body (text files only, which is all fine-tuning uploads are). */
function multipart(contentType: string, body: string): Array<{ name: string; filename: string | null; text: string }> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) return [];
  const sep = `--${boundary[1] ?? boundary[2]}`;
  return body
    .split(sep)
    .slice(1, -1)
    .map((chunk) => {
      const split = chunk.indexOf('\r\n\r\n');
      const head = chunk.slice(0, split);
      const text = chunk.slice(split + 4).replace(/\r\n$/, '');
      return { name: /name="([^"]*)"/.exec(head)?.[1] ?? '', filename: /filename="([^"]*)"/.exec(head)?.[1] ?? null, text };
    });
}

const run = promisify(execFile);

/** espeak-ng's words per minute at speed 1. */
const ESPEAK_WPM = 175;

/** The text spoken by espeak-ng as WAV, or converted by ffmpeg to another container. */
export async function speak(text: string, speed: number, format: string): Promise<Buffer> {
  const wpm = String(Math.round(Math.min(450, Math.max(80, ESPEAK_WPM * speed))));
  const { stdout } = await run('espeak-ng', ['--stdout', '-v', 'en-us', '-s', wpm, '--', text], {
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (format === 'wav' || format === 'pcm') return stdout;
  return convert(stdout, format);
}

function convert(wav: Buffer, format: string): Promise<Buffer> {
  const args: Record<string, string[]> = {
    mp3: ['-f', 'mp3', '-b:a', '64k'],
    opus: ['-c:a', 'libopus', '-f', 'ogg'],
    aac: ['-c:a', 'aac', '-f', 'adts'],
    flac: ['-f', 'flac'],
  };
  return new Promise((resolve, reject) => {
    const child = execFile(
      'ffmpeg',
      ['-hide_banner', '-loglevel', 'error', '-i', 'pipe:0', ...(args[format] ?? args.mp3!), 'pipe:1'],
      { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
      (err, stdout) => (err ? reject(err) : resolve(stdout)),
    );
    child.stdin!.end(wav);
  });
}

/** Duration and loudness of a PCM WAV (16-bit or float), or null when it is not one. */
export function wavLevel(bytes: Buffer): { durationMs: number; rms: number } | null {
  if (bytes.byteLength < 44 || bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WAVE') return null;
  let at = 12;
  let channels = 1;
  let rate = 0;
  let bits = 16;
  let format = 1;
  while (at + 8 <= bytes.byteLength) {
    const id = bytes.toString('latin1', at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      format = bytes.readUInt16LE(at + 8);
      channels = bytes.readUInt16LE(at + 10);
      rate = bytes.readUInt32LE(at + 12);
      bits = bytes.readUInt16LE(at + 22);
    } else if (id === 'data') {
      if (!rate || (bits !== 16 && !(bits === 32 && format === 3))) return null;
      const end = Math.min(bytes.byteLength, at + 8 + size);
      const step = bits / 8;
      let sum = 0;
      let n = 0;
      for (let i = at + 8; i + step <= end; i += step) {
        const v = bits === 16 ? bytes.readInt16LE(i) / 32768 : bytes.readFloatLE(i);
        sum += v * v;
        n++;
      }
      return { durationMs: (n / channels / rate) * 1000, rms: n ? Math.sqrt(sum / n) : 0 };
    }
    at += 8 + size + (size % 2);
  }
  return null;
}
