import { Server as TusServer, EVENTS } from '@tus/server';
import { Transform, type Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import busboy from 'busboy';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateTelemetryBatch, type TelemetryEvent } from '../../shared/telemetry';

/**
 * A local peer of the team server (docs/remote-api.md), for the sync tests and the bench: the four
 * endpoints with bearer auth, idempotency keys and the telemetry rules, multipart uploads (busboy) and,
 * when asked, tus resumable uploads (@tus/server), plus faults a test injects one request at a time.
 * It keeps what it was sent, so a test can check that everything arrived exactly once.
 */

export type Endpoint = 'create' | 'patch' | 'telemetry' | 'upload' | 'tus';

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: number; body?: string }
  /** The request takes effect, then the connection is cut before the answer: the client never hears. */
  | { kind: 'drop_after_effect' }
  /** The connection is reset once the upload has brought this many bytes (no effect). */
  | { kind: 'reset_after'; bytes: number }
  /** The answer is held until `release` is called (a test kills the client meanwhile); the effect happens first. */
  | { kind: 'hold_after_effect'; onHeld: () => void }
  /** The upload stops being read once this many bytes came (the client stalls mid-upload) until the connection goes. */
  | { kind: 'stall_after'; bytes: number; onStalled: () => void };

interface QueuedFault {
  on: Endpoint | 'any';
  fault: Fault;
  /** Matching requests that pass untouched before this fault applies. */
  skip: number;
}

export interface ServerSession {
  id: string;
  clientSessionId: string;
  body: Record<string, unknown>;
  status: string;
  completedAt: string | null;
  videoUrl: string | null;
  patches: Array<Record<string, unknown>>;
}

export interface ServerUpload {
  sessionId: string;
  fileName: string;
  bytes: number;
  sha256: string | null;
  url: string;
  via: 'multipart' | 'tus';
}

export interface RequestLog {
  method: string;
  path: string;
  endpoint: Endpoint | null;
  idempotencyKey: string | null;
  status: number | null;
  /** A fault was injected into this request. */
  fault: Fault['kind'] | null;
  replayed: boolean;
}

export interface ContractServerOptions {
  token?: string;
  /** Offer tus resumable uploads (OPTIONS answers with Tus-Version). */
  tus?: boolean;
  /** Hash what is uploaded (off for the bench's gigabyte, where only the count matters). */
  hashUploads?: boolean;
}

/** How long a stalled upload stays stalled: long enough for a test to kill its client. */
const STALL_MS = 300;

interface Stored {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export class ContractServer {
  readonly token: string;
  readonly sessions = new Map<string, ServerSession>();
  readonly telemetry = new Map<string, { events: TelemetryEvent[]; inits: number }>();
  readonly uploads: ServerUpload[] = [];
  readonly log: RequestLog[] = [];
  /** Bytes of multipart uploads received so far, counting ones cut off. */
  uploadBytesReceived = 0;
  /** The offset each tus PATCH started from, in order: a resumed upload starts above 0. */
  readonly tusPatchOffsets: number[] = [];
  private readonly faults: QueuedFault[] = [];
  private readonly keys = new Map<string, Stored>();
  private readonly busyKeys = new Set<string>();
  private readonly held: Array<() => void> = [];
  private server!: Server;
  private tusServer: TusServer | null = null;
  private readonly dir = mkdtempSync(join(tmpdir(), 'ir-contract-'));
  origin = '';

  constructor(private readonly options: ContractServerOptions = {}) {
    this.token = options.token ?? `team-token-${randomUUID()}`;
  }

  get url(): string {
    return this.origin;
  }

  async start(): Promise<this> {
    if (this.options.tus) this.tusServer = this.makeTus();
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(err));
        else res.destroy();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const release of this.held.splice(0)) release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** The next request to `on` (or any) meets `fault`; faults queue up and are used in order. */
  inject(on: Endpoint | 'any', fault: Fault, times = 1, skip = 0): void {
    for (let i = 0; i < times; i++) this.faults.push({ on, fault, skip: i === 0 ? skip : 0 });
  }

  /** Answers held by `hold_after_effect` go out now. */
  release(): void {
    for (const release of this.held.splice(0)) release();
  }

  pendingFaults(): number {
    return this.faults.length;
  }

  /** Every event the server holds for the session with this client id, in the order received. */
  eventsOf(clientSessionId: string): TelemetryEvent[] {
    const session = [...this.sessions.values()].find((s) => s.clientSessionId === clientSessionId);
    return session ? (this.telemetry.get(session.id)?.events ?? []) : [];
  }

  sessionOf(clientSessionId: string): ServerSession[] {
    return [...this.sessions.values()].filter((s) => s.clientSessionId === clientSessionId);
  }

  private takeFault(endpoint: Endpoint): Fault | null {
    const i = this.faults.findIndex((f) => f.on === endpoint || f.on === 'any');
    if (i < 0) return null;
    if (this.faults[i]!.skip > 0) {
      this.faults[i]!.skip--;
      return null;
    }
    return this.faults.splice(i, 1)[0]!.fault;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const path = url.pathname;
    const key = headerOf(req, 'idempotency-key');
    const entry: RequestLog = {
      method: req.method ?? '',
      path,
      endpoint: null,
      idempotencyKey: key,
      status: null,
      fault: null,
      replayed: false,
    };
    this.log.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));

    const isTus =
      this.tusServer !== null &&
      (req.method === 'OPTIONS' || headerOf(req, 'tus-resumable') !== null) &&
      path.startsWith('/api/interviews/session/screen-recording');
    if (req.method === 'OPTIONS' && !isTus) return void res.writeHead(204, { Allow: 'POST' }).end();
    if (headerOf(req, 'authorization') !== `Bearer ${this.token}`) return this.json(res, 401, { error: 'unauthorized' });

    const endpoint: Endpoint | null = isTus
      ? 'tus'
      : req.method === 'POST' && path === '/api/interviews/session'
        ? 'create'
        : req.method === 'PATCH' && /^\/api\/interviews\/session\/[^/]+$/.test(path)
          ? 'patch'
          : req.method === 'POST' && path === '/api/interviews/session/telemetry'
            ? 'telemetry'
            : req.method === 'POST' && path === '/api/interviews/session/screen-recording'
              ? 'upload'
              : null;
    entry.endpoint = endpoint;
    if (endpoint === null) return this.json(res, 404, { error: `no route for ${req.method} ${path}` });
    if (endpoint === 'tus') return this.handleTus(req, res, key, entry);
    if (!key) return this.json(res, 400, { error: 'Idempotency-Key is required' });

    const replay = this.keys.get(key);
    if (replay) {
      entry.replayed = true;
      req.resume();
      return void res
        .writeHead(replay.status, { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true', ...replay.headers })
        .end(replay.body);
    }
    if (this.busyKeys.has(key)) {
      req.resume();
      return this.json(res, 409, { error: 'a request with this Idempotency-Key is in progress' });
    }

    const fault = this.takeFault(endpoint);
    entry.fault = fault?.kind ?? null;
    if (fault?.kind === 'status') {
      req.resume();
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {};
      return void res
        .writeHead(fault.status, { 'Content-Type': 'application/json', ...headers })
        .end(fault.body ?? JSON.stringify({ error: `injected ${fault.status}` }));
    }

    this.busyKeys.add(key);
    try {
      const result =
        endpoint === 'upload'
          ? await this.upload(req, fault?.kind === 'reset_after' || fault?.kind === 'stall_after' ? fault : null)
          : await this.jsonEffect(endpoint, req, path);
      if (result === null) return; // the connection was cut: nothing happened
      // Only an answer that took effect is kept for the key: a refused request may be sent again, corrected.
      if (result.status < 300) this.keys.set(key, result);
      if (fault?.kind === 'drop_after_effect') return void res.socket?.destroy();
      if (fault?.kind === 'hold_after_effect') {
        await new Promise<void>((resolve) => {
          this.held.push(resolve);
          fault.onHeld();
        });
        if (res.socket?.destroyed) return;
      }
      res.writeHead(result.status, { 'Content-Type': 'application/json', ...result.headers }).end(result.body);
    } finally {
      this.busyKeys.delete(key);
    }
  }

  private async jsonEffect(endpoint: Endpoint, req: IncomingMessage, path: string): Promise<Stored> {
    const text = await readBody(req);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return stored(400, { error: 'the body is not JSON' });
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return stored(400, { error: 'the body must be an object' });
    const b = body as Record<string, unknown>;
    if (endpoint === 'create') {
      for (const field of ['clientSessionId', 'candidateName', 'jobTitle', 'status']) {
        if (typeof b[field] !== 'string' || (b[field] as string).length === 0) return stored(400, { error: `${field} is required` });
      }
      const id = `srv_${randomUUID()}`;
      this.sessions.set(id, {
        id,
        clientSessionId: b.clientSessionId as string,
        body: b,
        status: b.status as string,
        completedAt: (b.completedAt as string | null) ?? null,
        videoUrl: null,
        patches: [],
      });
      return stored(201, { id });
    }
    if (endpoint === 'patch') {
      const id = decodeURIComponent(path.split('/').pop()!);
      const session = this.sessions.get(id);
      if (!session) return stored(404, { error: `no session ${id}` });
      const allowed = ['videoUrl', 'status', 'completedAt'];
      const unknown = Object.keys(b).find((k) => !allowed.includes(k));
      if (unknown) return stored(400, { error: `unknown field ${unknown}` });
      session.patches.push(b);
      if (typeof b.videoUrl === 'string') session.videoUrl = b.videoUrl;
      if (typeof b.status === 'string') session.status = b.status;
      if ('completedAt' in b) session.completedAt = (b.completedAt as string | null) ?? null;
      return stored(200, { id, status: session.status, videoUrl: session.videoUrl });
    }
    // telemetry: init, or a batch checked with the same rules the app's validator applies
    const id = b.interviewSessionId;
    if (typeof id !== 'string' || !this.sessions.has(id)) return stored(400, { error: 'interviewSessionId must name a session' });
    if (!('events' in b)) {
      const t = this.telemetry.get(id) ?? { events: [], inits: 0 };
      t.inits++;
      this.telemetry.set(id, t);
      return stored(200, { interviewSessionId: id, events: t.events.length });
    }
    const t = this.telemetry.get(id);
    if (!t) return stored(409, { error: 'telemetry was not initialised for this session' });
    const checked = validateTelemetryBatch(b);
    if (!checked.ok) return stored(400, { error: 'invalid batch', errors: checked.errors });
    if (Buffer.byteLength(text) > 256 * 1024) return stored(413, { error: 'batch over 256 KB' });
    t.events.push(...checked.local.events);
    return stored(200, { accepted: checked.accepted, total: t.events.length });
  }

  /** A multipart upload: the field interviewSessionId, then the part `file`, streamed to disk and hashed. */
  private upload(req: IncomingMessage, cutFault: Extract<Fault, { kind: 'reset_after' | 'stall_after' }> | null): Promise<Stored | null> {
    return new Promise((resolve) => {
      let sessionId: string | null = null;
      let file: { name: string; type: string; bytes: number; hash: ReturnType<typeof createHash> | null; done: Promise<void> } | null =
        null;
      let cut = false;
      const parser = busboy({ headers: req.headers, limits: { files: 1, fields: 5 } });
      parser.on('field', (name, value) => {
        if (name === 'interviewSessionId') sessionId = value;
      });
      parser.on('file', (name, stream, info) => {
        if (name !== 'file') return void stream.resume();
        const hash = this.options.hashUploads === false ? null : createHash('sha256');
        const f = { name: info.filename ?? '', type: info.mimeType, bytes: 0, hash, done: Promise.resolve() };
        file = f;
        const sink = this.options.hashUploads === false ? null : createWriteStream(join(this.dir, randomUUID()));
        f.done = new Promise((done) => {
          stream.on('data', (chunk: Buffer) => {
            f.bytes += chunk.length;
            this.uploadBytesReceived += chunk.length;
            hash?.update(chunk);
            if (cutFault && f.bytes >= cutFault.bytes && !cut) {
              cut = true;
              if (cutFault.kind === 'reset_after') req.socket.destroy();
              else {
                // Stop reading: the client's socket fills up and it stalls where it is. Once the test has had
                // its moment (it kills the client), what is left is read and thrown away, so the server sees
                // the connection end as a real one would.
                req.unpipe(parser);
                req.pause();
                req.on('end', () => resolve(null));
                req.on('close', () => resolve(null));
                cutFault.onStalled();
                setTimeout(() => req.resume(), STALL_MS);
              }
            }
          });
          if (sink) stream.pipe(sink);
          else stream.resume();
          stream.on('end', () => (sink ? sink.end(done) : done()));
          stream.on('error', () => done());
        });
      });
      parser.on('close', () => {
        if (cut || !file) {
          if (cut) return resolve(null);
          return resolve(stored(400, { error: 'the part "file" is missing' }));
        }
        const f = file;
        void f.done.then(() => {
          if (!sessionId || !this.sessions.has(sessionId)) return resolve(stored(400, { error: 'interviewSessionId must name a session' }));
          if (f.type !== 'video/mp4') return resolve(stored(400, { error: `the file must be video/mp4, not ${f.type}` }));
          const url = `${this.origin}/videos/${encodeURIComponent(f.name)}`;
          this.uploads.push({ sessionId, fileName: f.name, bytes: f.bytes, sha256: f.hash?.digest('hex') ?? null, url, via: 'multipart' });
          resolve(stored(201, { url }));
        });
      });
      parser.on('error', () => resolve(cut ? null : stored(400, { error: 'malformed multipart body' })));
      req.on('aborted', () => resolve(null));
      req.on('close', () => {
        if (!req.complete) resolve(null);
      });
      req.pipe(parser);
    });
  }

  private makeTus(): TusServer {
    const tus = new TusServer({
      path: '/api/interviews/session/screen-recording',
      datastore: new CountingFileStore({ directory: join(this.dir, 'tus') }, (id, bytes) => this.tusReceived(id, bytes)),
      onUploadCreate: async (_req, upload) => {
        const id = upload.metadata?.interviewSessionId;
        if (!id || !this.sessions.has(id)) throw { status_code: 400, body: 'interviewSessionId must name a session' };
        return {};
      },
      onUploadFinish: async (_req, upload) => {
        const file = join(this.dir, 'tus', upload.id);
        const sha256 = await hashFile(file);
        const url = `${this.origin}/videos/${encodeURIComponent(upload.metadata?.filename ?? upload.id)}`;
        this.uploads.push({
          sessionId: upload.metadata!.interviewSessionId!,
          fileName: upload.metadata?.filename ?? upload.id,
          bytes: upload.offset,
          sha256,
          url,
          via: 'tus',
        });
        return { status_code: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ url }) };
      },
    });
    tus.on(EVENTS.POST_CREATE, (req, _upload, url) => {
      const key = req.headers.get('idempotency-key');
      if (key) this.keys.set(key, { status: 201, body: '', headers: { Location: url, 'Tus-Resumable': '1.0.0' } });
    });
    return tus;
  }

  /** The PATCH writing each upload now, and after how many of its bytes it is to be cut. */
  private readonly tusWriters = new Map<
    string,
    { req: IncomingMessage; cut: Extract<Fault, { kind: 'reset_after' | 'stall_after' }> | null; bytes: number }
  >();

  /** Counts a tus upload's bytes as the store writes them; resolves when the store may go on (a stall holds it). */
  private tusReceived(id: string, bytes: number): Promise<void> | null {
    const writer = this.tusWriters.get(id);
    if (!writer) return null;
    writer.bytes += bytes;
    this.uploadBytesReceived += bytes;
    const cut = writer.cut;
    if (cut && writer.bytes >= cut.bytes) {
      writer.cut = null;
      if (cut.kind === 'reset_after') writer.req.socket.destroy();
      else {
        // Nothing more is written for a moment (the test kills the client meanwhile); then what is left
        // in the connection is written, and the upload's offset is whatever arrived.
        cut.onStalled();
        return new Promise<void>((resolve) => setTimeout(resolve, STALL_MS));
      }
    }
    return null;
  }

  private async handleTus(req: IncomingMessage, res: ServerResponse, key: string | null, entry: RequestLog): Promise<void> {
    if (req.method === 'POST' && key) {
      const replay = this.keys.get(key);
      if (replay) {
        entry.replayed = true;
        req.resume();
        return void res.writeHead(replay.status, replay.headers).end();
      }
    }
    const fault = req.method === 'PATCH' ? this.takeFault('tus') : null;
    entry.fault = fault?.kind ?? null;
    if (fault?.kind === 'status') {
      req.resume();
      return void res
        .writeHead(fault.status, {
          'Tus-Resumable': '1.0.0',
          ...(fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {}),
        })
        .end(fault.body ?? `injected ${fault.status}`);
    }
    if (req.method === 'PATCH') {
      this.tusPatchOffsets.push(Number(headerOf(req, 'upload-offset') ?? -1));
      const id = decodeURIComponent(new URL(req.url ?? '/', this.origin).pathname.split('/').pop() ?? '');
      this.tusWriters.set(id, { req, cut: fault?.kind === 'reset_after' || fault?.kind === 'stall_after' ? fault : null, bytes: 0 });
      res.on('close', () => {
        if (this.tusWriters.get(id)?.req === req) this.tusWriters.delete(id);
      });
    }
    await this.tusServer!.handle(req, res);
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  }
}

/** The tus file store, telling the server how many bytes of each upload it writes, as it writes them. */
class CountingFileStore extends FileStore {
  constructor(
    options: ConstructorParameters<typeof FileStore>[0],
    private readonly onBytes: (id: string, bytes: number) => Promise<void> | null,
  ) {
    super(options);
  }

  override write(readable: Readable, id: string, offset: number): Promise<number> {
    const counter = new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        const hold = this.onBytes(id, chunk.length);
        if (hold) void hold.then(() => callback(null, chunk));
        else callback(null, chunk);
      },
    });
    readable.on('error', (err) => counter.destroy(err));
    return super.write(readable.pipe(counter), id, offset);
  }
}

function stored(status: number, body: unknown): Stored {
  return { status, body: JSON.stringify(body) };
}

function headerOf(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return typeof v === 'string' ? v : null;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (c) => hash.update(c))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

export async function startContractServer(options: ContractServerOptions = {}): Promise<ContractServer> {
  return new ContractServer(options).start();
}
