import { randomUUID } from 'node:crypto';
import { closeSync, createReadStream, openSync, rmSync, statSync, ftruncateSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import { RemoteApi } from '../../electron/services/sync/remote-api';
import { outgoingEventRedactor } from '../../shared/sync/outgoing';
import { startContractServer, type ContractServer } from '../support/contract-server';
import { tempDataDir } from '../support/paths';
import { appendEvents, recordSession, servicesForServer } from '../support/sync';
import { report, wanted } from './support';

const MB = 1024 * 1024;
const UPLOAD_BYTES = 1024 * MB;
const BATCHES = 20;
const UPLOAD_ROUNDS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The least an upload can do: one http.request streaming the file (as multipart, to the same endpoint) with pipe. */
function bareUpload(server: ContractServer, file: string, serverId: string): Promise<number> {
  const size = statSync(file).size;
  const boundary = `----bare${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="interviewSessionId"\r\n\r\n${serverId}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bare.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(`${server.url}/api/interviews/session/screen-recording`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${server.token}`,
        'Idempotency-Key': randomUUID(),
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': head.length + size + tail.length,
      },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 201 ? resolve(performance.now() - t0) : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.write(head);
    const stream = createReadStream(file);
    stream.pipe(req, { end: false });
    stream.on('end', () => req.end(tail));
  });
}

/** Samples the process's RSS while `work` runs; returns the growth over the RSS before it, in MB. */
async function rssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growthMb: (peak - before) / MB };
  } finally {
    clearInterval(timer);
  }
}

/**
 * - `sync.upload_mb_s`: a 1 GB recording uploaded the way sync uploads one (RemoteApi.uploadRecording, the
 *   engine's multipart path: streamed from disk with its length known) to the contract server on loopback,
 *   in MB/s; baseline: a bare http.request piping the same file to the same endpoint. Target ratio ≥ 0.8.
 * - `sync.upload_rss_mb`: how much the process's RSS grew during that upload (client and the in-process
 *   server together, so an upper bound); baseline: the same for the bare upload. Target ≤ 64 MB.
 * - `sync.batch_overhead_ms`: ms per telemetry batch of 200 events sent by the engine (read from SQLite,
 *   redacted, posted, settled in the outbox); baseline: a bare POST of the same body.
 */
it('sync figures', async () => {
  const lines: string[] = [];
  if (wanted('sync.upload_mb_s') || wanted('sync.upload_rss_mb')) {
    const server = await startContractServer({ hashUploads: false });
    const dir = tempDataDir('ir-bench-sync-');
    const file = join(dir, 'recording.mp4');
    try {
      // Sparse: a gigabyte on disk without writing one; reading it still goes through the file system.
      const fd = openSync(file, 'w');
      ftruncateSync(fd, UPLOAD_BYTES);
      closeSync(fd);
      const api = new RemoteApi({ baseUrl: server.url, token: server.token });
      const body = {
        clientSessionId: 'bench',
        candidateName: 'Bench',
        jobTitle: 'Bench',
        company: '',
        interviewType: 'mixed',
        status: 'completed',
        startedAt: null,
        completedAt: null,
        config: {},
      };
      const { id } = await api.createSession(body, { idempotencyKey: randomUUID() });
      // Alternating runs, the median of each: the first transfer of a run warms the page cache and the JIT.
      const bareRuns: Array<{ result: number; growthMb: number }> = [];
      const ourRuns: Array<{ result: number; growthMb: number }> = [];
      for (let round = 0; round < UPLOAD_ROUNDS; round++) {
        bareRuns.push(await rssGrowth(() => bareUpload(server, file, id)));
        ourRuns.push(
          await rssGrowth(async () => {
            const t0 = performance.now();
            const result = await api.uploadRecording(
              file,
              { serverSessionId: id, fileName: `${id}.mp4` },
              { idempotencyKey: randomUUID() },
            );
            expect(result.bytes).toBe(UPLOAD_BYTES);
            return performance.now() - t0;
          }),
        );
      }
      expect(server.uploads.map((u) => u.bytes)).toEqual(Array.from({ length: 2 * UPLOAD_ROUNDS }, () => UPLOAD_BYTES));
      const bare = { result: median(bareRuns.map((r) => r.result)), growthMb: Math.max(...bareRuns.map((r) => r.growthMb)) };
      const ours = { result: median(ourRuns.map((r) => r.result)), growthMb: Math.max(...ourRuns.map((r) => r.growthMb)) };
      const mbs = (ms: number) => UPLOAD_BYTES / MB / (ms / 1000);
      if (wanted('sync.upload_mb_s')) lines.push(report('sync.upload_mb_s', mbs(ours.result), 'MB/s', mbs(bare.result)));
      if (wanted('sync.upload_rss_mb')) lines.push(report('sync.upload_rss_mb', ours.growthMb, 'MB', Math.max(0.01, bare.growthMb)));
    } finally {
      rmSync(file, { force: true });
      await server.close();
    }
  }
  if (wanted('sync.batch_overhead_ms')) {
    const server = await startContractServer();
    const services = servicesForServer(server);
    try {
      const id = await recordSession(services, { events: 10 });
      await services.sync.runUntilIdle(60_000);
      // Two rounds of each, the second one counted: the first warms SQLite's cache, the JIT and the server.
      const serverId = services.sync.outbox.session(id)!.serverId!;
      const redact = outgoingEventRedactor(services.sessions.get(id).config);
      const api = new RemoteApi({ baseUrl: server.url, token: server.token });
      let engineMs = 0;
      let bareMs = 0;
      for (let round = 0; round < 2; round++) {
        const seqBefore = services.sync.outbox.session(id)!.eventsQueuedSeq;
        appendEvents(services, id, BATCHES * 200, 10 + round * BATCHES * 200);
        const batches = services.sync.outbox.items(id).filter((i) => i.kind === 'telemetry_batch' && i.state === 'pending');
        expect(batches).toHaveLength(BATCHES);
        const t0 = performance.now();
        const outcome = await services.sync.runUntilIdle(120_000);
        engineMs = (performance.now() - t0) / BATCHES;
        expect(outcome).toMatchObject({ sent: BATCHES, failed: 0, pending: 0 });
        // The same bodies, made up front, each posted once more with a fresh key.
        const events = services.telemetry.storedAfter(id, seqBefore, 1_000_000).map((e) => redact(e.event, serverId));
        const t1 = performance.now();
        for (let b = 0; b < BATCHES; b++)
          await api.telemetry(
            { interviewSessionId: serverId, events: events.slice(b * 200, (b + 1) * 200) },
            { idempotencyKey: randomUUID() },
          );
        bareMs = (performance.now() - t1) / BATCHES;
      }
      lines.push(report('sync.batch_overhead_ms', engineMs, 'ms', bareMs));
    } finally {
      services.close();
      await server.close();
    }
  }
  for (const line of lines) expect(line).toMatch(/^bench: sync\.\S+ \d+\.\d+ (MB\/s|MB|ms) baseline \d+\.\d+ ratio \d+\.\d+$/);
});
