import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import { BUNDLE_LIMITS } from '../../electron/services/bundles/bundle-import';
import { craftZip, deflated, editJson, rebuildBundle, stored, type LocalEntry } from '../fixtures/crafted-bundles';
import { expectAppErrorAsync } from '../support/assertions';
import { tempDataDir } from '../support/paths';
import { makeServices, validConfig } from '../support/services';

/**
 * Bundles from strangers: every crafted bundle is refused with a message that says what is wrong, nothing
 * is written outside the import's staging folder, and the staging folder is gone afterwards.
 */

const opened: AppServices[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});
const open = () => {
  const s = makeServices({ dataDir: tempDataDir('ir-harden-') });
  opened.push(s);
  return s;
};

/** A small real bundle: a session with code, turns and an annotation. */
async function realBundle(): Promise<string> {
  const a = open();
  const { id } = a.sessions.create(validConfig());
  a.sessions.start(id);
  a.code.record({ interviewSessionId: id, edits: [], snapshots: [{ offsetMs: 0, file: 'main.py', text: 'print(1)\n' }] });
  await a.interviewer.begin(id, 0);
  await a.interviewer.answer({ sessionId: id, text: 'A hash map, O(n).', offsetMs: 5_000 });
  a.sessions.complete(id);
  const path = join(tempDataDir('ir-harden-src-'), 'real.irbundle');
  await a.bundles.export(id, path);
  return path;
}

/** Every file under a folder, relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else out.push(`${rel}${e.name}`);
    }
  };
  walk(dir, '');
  return out.sort();
}

/** Imports `file` into a fresh data directory and expects a refusal that leaves the directory as it was. */
async function expectRefused(file: string, message: RegExp) {
  const b = open();
  const before = filesUnder(b.paths.dataDir).filter((f) => !f.startsWith('interview-recorder.db'));
  const err = await expectAppErrorAsync(() => b.bundles.import(file), 'invalid_input');
  expect(err.message).toMatch(message);
  expect(err.message).toMatch(/Nothing was imported\.$/);
  expect(b.sessions.list()).toEqual([]);
  // No staging folder left, no recording placed: the data directory holds what it held before.
  expect(filesUnder(b.paths.dataDir).filter((f) => !f.startsWith('interview-recorder.db'))).toEqual(before);
  return b;
}

describe('bundles from strangers', () => {
  it('refuses a session id that walks out of the recordings folder, and writes nothing there or anywhere', async () => {
    const real = await realBundle();
    const evil = '../../somewhere/x';
    const out = rebuildBundle(real, join(tempDataDir('ir-harden-out-'), 'traversal.irbundle'), (parts, manifest) => {
      manifest.sessionId = evil;
      editJson(parts, 'session.json', (s) => ({ ...s, id: evil }));
    });
    const b = await expectRefused(out, /sessionId: is not an id this app makes/);
    expect(existsSync(join(b.paths.recordings, '..', '..', 'somewhere'))).toBe(false);
    expect(existsSync(join(dirname(b.paths.dataDir), 'somewhere'))).toBe(false);

    // The same through the session part alone, and through a recording's or an annotation's id.
    const sessionOnly = rebuildBundle(real, join(tempDataDir('ir-harden-out-'), 'session-id.irbundle'), (parts) =>
      editJson(parts, 'session.json', (s) => ({ ...s, id: '..%2F..' })),
    );
    await expectRefused(sessionOnly, /"session.json" is malformed \(id: is not an id this app makes/);
    const recordingId = rebuildBundle(real, join(tempDataDir('ir-harden-out-'), 'recording-id.irbundle'), (parts) => {
      parts['recordings.json'] = Buffer.from(
        JSON.stringify([
          {
            id: '../../../../tmp/owned',
            media: null,
            status: 'completed',
            mimeType: 'video/mp4',
            bytes: 0,
            lastSeq: -1,
            startOffsetMs: 0,
            startedAt: '2026-01-01T00:00:00.000Z',
            endedAt: null,
            error: null,
            pauses: [],
          },
        ]),
      );
    });
    await expectRefused(recordingId, /"recordings.json" is malformed \(\[0\]\.id: is not an id this app makes/);
  });

  it('refuses two names sharing one piece of compressed data (the 68 KB bundle that fills 512 MB)', async () => {
    // Inside the outer part's stored bytes sits a whole local entry of its own; the directory points a
    // second name at it, so every name checks out against its local header, but the data is shared.
    const inner = deflated('questions.ndjson', '{"x":1}\n'.repeat(1000));
    const innerZip = craftZip([inner]);
    const innerEntry = innerZip.subarray(0, 30 + Buffer.byteLength(inner.name) + inner.data.length);
    const outer = stored('telemetry.ndjson', innerEntry);
    const zip = craftZip(
      [outer, stored('manifest.json', '{}')],
      [
        { name: 'telemetry.ndjson', local: 0 },
        { name: 'manifest.json', local: 1 },
      ],
    );
    // Point a third directory entry into the outer part's data, at the inner local header.
    const withShared = craftZipWithExtra(zip, { name: 'questions.ndjson', offset: 30 + Buffer.byteLength(outer.name), entry: inner });
    await expectRefused(writeTemp('overlap.irbundle', withShared), /"questions.ndjson" overlaps another part or is out of order/);
  });

  it('refuses entries listed out of order, and an entry named differently in its local header', async () => {
    const a = stored('session.json', '{}');
    const b = stored('config.json', '{}');
    const reversed = craftZip(
      [a, b],
      [
        { name: 'config.json', local: 1 },
        { name: 'session.json', local: 0 },
      ],
    );
    await expectRefused(writeTemp('order.irbundle', reversed), /out of order/);
    const renamed = craftZip([{ ...stored('session.json', '{}'), localName: '../../evil.json' }]);
    await expectRefused(writeTemp('renamed.irbundle', renamed), /"session.json" is named differently in its local header/);
  });

  it('refuses a bundle that declares more than the disk has free, before writing anything', async () => {
    // Each entry claims 4 GB and holds a few bytes: the directory alone says how much would be written.
    const entries: LocalEntry[] = Array.from({ length: 1000 }, (_, i) => ({ ...deflated(`part-${i}.ndjson`, 'x'), size: 0xfffffff0 }));
    await expectRefused(writeTemp('huge.irbundle', craftZip(entries)), /it would write [\d.]+ GiB, but the disk has [\d.]+ GiB free/);
  });

  it('refuses a recording part that inflates (a recording does not compress), and text beyond any session', async () => {
    const zeros = deflated('media/r.mp4', new Uint8Array(8 * 1024 * 1024));
    await expectRefused(
      writeTemp('media-bomb.irbundle', craftZip([zeros, stored('manifest.json', '{}')])),
      /"media\/r.mp4" inflates \d+ times/,
    );

    const half = Math.floor(BUNDLE_LIMITS.textPartBytes * 0.9);
    const texts: LocalEntry[] = ['telemetry.ndjson', 'turns.ndjson', 'questions.ndjson'].map((name) => ({
      ...deflated(name, 'x'),
      size: half,
    }));
    await expectRefused(writeTemp('text.irbundle', craftZip(texts)), /its text parts add up to [\d.]+ GiB, more than any session has/);
  });

  it('reads text parts a line at a time: a part that is one endless line is refused at the line limit', async () => {
    const real = await realBundle();
    const line = 'x'.repeat(BUNDLE_LIMITS.lineBytes + 1024 * 1024);
    const out = rebuildBundle(
      real,
      join(tempDataDir('ir-harden-out-'), 'long-line.irbundle'),
      (parts) => {
        parts['telemetry.ndjson'] = Buffer.from(line);
      },
      (name) => name.endsWith('.ndjson'),
    );
    await expectRefused(out, /line 1 of "telemetry.ndjson" is longer than any row can be/);
  });
});

function writeTemp(name: string, bytes: Buffer): string {
  const path = join(tempDataDir('ir-harden-out-'), name);
  writeFileSync(path, bytes);
  return path;
}

/**
 * `zip` with one more directory entry, placed first, naming `entry` at local header offset `offset` (which a
 * test points inside another entry's data). The directory is rebuilt from the file's own entries.
 */
function craftZipWithExtra(zip: Buffer, extra: { name: string; offset: number; entry: LocalEntry }): Buffer {
  const eocd = zip.length - 22;
  const count = zip.readUInt16LE(eocd + 10);
  const cdSize = zip.readUInt32LE(eocd + 12);
  const cdStart = zip.readUInt32LE(eocd + 16);
  const name = Buffer.from(extra.name);
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(20, 6);
  h.writeUInt16LE(extra.entry.method, 10);
  h.writeUInt32LE(extra.entry.data.length, 20);
  h.writeUInt32LE(extra.entry.size, 24);
  h.writeUInt16LE(name.length, 28);
  h.writeUInt32LE(extra.offset, 42);
  const dir = Buffer.concat([zip.subarray(cdStart, cdStart + cdSize), h, name]);
  const end = Buffer.from(zip.subarray(eocd));
  end.writeUInt16LE(count + 1, 8);
  end.writeUInt16LE(count + 1, 10);
  end.writeUInt32LE(dir.length, 12);
  return Buffer.concat([zip.subarray(0, cdStart), dir, end]);
}
