import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRange, RecordingMedia, RecordingService, serveFileRange } from '../../electron/services/recording';
import { openDatabase, type Db } from '../../electron/services/store';
import { serveMediaRequest } from '../support/binary-transport';
import { noise } from '../support/media';
import { tempDataDir } from '../support/paths';

/**
 * The media handler over a real loopback HTTP server and a real file: the harness serves recordings
 * exactly this way, and Electron's media: protocol calls the same Request → Response function.
 */

const servers: Server[] = [];
const dbs: Db[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  for (const d of dbs.splice(0)) d.close();
});

interface Got {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(origin: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${origin}${path}`, { method, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A data dir with one recording row whose file holds `content`, served under /media/. */
async function setup(content: Buffer) {
  const dir = tempDataDir();
  const recordingsDir = join(dir, 'recordings');
  mkdirSync(recordingsDir);
  const db = openDatabase(join(dir, 'db.sqlite'));
  dbs.push(db);
  db.prepare(
    `INSERT INTO sessions (id, status, config_json, created_at) VALUES ('s1', 'in_progress', '{}', '2026-01-01T00:00:00.000Z')`,
  ).run();
  const recordings = new RecordingService(db, recordingsDir);
  const started = await recordings.start({ sessionId: 's1', mimeType: 'video/mp4' });
  await recordings.appendChunk(started.recordingId, 0, new Uint8Array(content));
  await recordings.stop(started.recordingId);
  const media = new RecordingMedia(recordings, recordingsDir);
  const services = { media } as unknown as Parameters<typeof serveMediaRequest>[0];
  const server = createServer((req, res) => void serveMediaRequest(services, `http://${req.headers.host}`, req, res));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { db, media, recordings, recordingId: started.recordingId, origin, dir, recordingsDir };
}

describe('parseRange', () => {
  it('reads single byte ranges and says when one cannot be satisfied', () => {
    expect(parseRange(null, 100)).toBeNull();
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=50-5000', 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
    // Ignored (whole file): other units, several ranges, garbage, a reversed range.
    expect(parseRange('items=0-1', 100)).toBeNull();
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange('bytes=abc', 100)).toBeNull();
    expect(parseRange('bytes=9-3', 100)).toBeNull();
  });
});

describe('media handler over HTTP', () => {
  const content = noise(200_000, 7);

  it('serves the whole file with Accept-Ranges, and exact byte ranges with 206 and Content-Range', async () => {
    const { origin, recordingId } = await setup(content);
    const whole = await get(origin, `/media/${recordingId}`);
    expect(whole.status).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['content-type']).toBe('video/mp4');
    expect(whole.headers['content-length']).toBe(String(content.length));
    expect(whole.body.equals(content)).toBe(true);

    const middle = await get(origin, `/media/${recordingId}`, { Range: 'bytes=1000-1999' });
    expect(middle.status).toBe(206);
    expect(middle.headers['content-range']).toBe(`bytes 1000-1999/${content.length}`);
    expect(middle.headers['content-length']).toBe('1000');
    expect(middle.body.equals(content.subarray(1000, 2000))).toBe(true);

    const tail = await get(origin, `/media/${recordingId}`, { Range: 'bytes=-16' });
    expect(tail.status).toBe(206);
    expect(tail.body.equals(content.subarray(content.length - 16))).toBe(true);

    const open = await get(origin, `/media/${recordingId}`, { Range: `bytes=${content.length - 5}-` });
    expect(open.body.equals(content.subarray(content.length - 5))).toBe(true);

    const past = await get(origin, `/media/${recordingId}`, { Range: `bytes=${content.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${content.length}`);

    const head = await get(origin, `/media/${recordingId}`, { Range: 'bytes=0-99' }, 'HEAD');
    expect(head.status).toBe(206);
    expect(head.headers['content-length']).toBe('100');
    expect(head.body.length).toBe(0);

    expect((await get(origin, `/media/${recordingId}`, {}, 'POST')).status).toBe(405);
  });

  it('never serves anything but a recording inside the recordings folder', async () => {
    const { origin, db, recordingId, dir, recordingsDir } = await setup(content);
    expect((await get(origin, '/media/no-such-recording')).status).toBe(404);
    expect((await get(origin, '/media/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
    expect((await get(origin, '/media/%E0%A4%A')).status).toBe(400);
    // A row pointing outside the folder (edited database), or through a link out of it, is refused.
    const outside = join(dir, 'secret.txt');
    writeFileSync(outside, 'secret');
    db.prepare(`UPDATE recordings SET path = ? WHERE id = ?`).run(outside, recordingId);
    expect((await get(origin, `/media/${recordingId}`)).status).toBe(404);
    const link = join(recordingsDir, 'link.mp4');
    symlinkSync(outside, link);
    db.prepare(`UPDATE recordings SET path = ? WHERE id = ?`).run(link, recordingId);
    expect((await get(origin, `/media/${recordingId}`)).status).toBe(404);
  });

  it('gives the playable URL from the base it is told (media:// in the app)', async () => {
    const { media, recordingId } = await setup(content);
    expect(media.url(recordingId)).toEqual({ url: `media://recording/${recordingId}`, mimeType: 'video/mp4' });
    media.setBaseUrl('http://127.0.0.1:9/media');
    expect(media.url(recordingId).url).toBe(`http://127.0.0.1:9/media/${recordingId}`);
  });

  it('serveFileRange answers a missing file with 404', async () => {
    const res = await serveFileRange(new Request('http://x/media/a'), join(tempDataDir(), 'missing.mp4'), 'video/mp4');
    expect(res.status).toBe(404);
  });
});
