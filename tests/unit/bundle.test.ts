import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import { sha256Hex } from '../../electron/services/code';
import { MANIFEST_NAME, ZipReader } from '../../electron/services/bundles';
import { eventContract } from '../../shared/ipc/contract';
import type { BundleProgress } from '../../shared/ipc/contract-bundles';
import { AppError } from '../../shared/ipc/result';
import { expectAppErrorAsync, rejected } from '../support/assertions';
import { runCliCaptured, runCliCapturedAsync } from '../support/cli';
import { makeRecording, requireFfmpeg, setupMedia } from '../support/media';
import { tempDataDir } from '../support/paths';
import { makeServices, validConfig } from '../support/services';
import { storeSynthetic, syntheticSession } from './review-fixture';

const opened: AppServices[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

let mp4 = '';
setupMedia(() => {
  requireFfmpeg();
  mp4 = makeRecording(tempDataDir('ir-bundle-media-'), 'source.mp4', { seconds: 3 });
});

function open(dataDir = tempDataDir('ir-bundle-')) {
  const services = makeServices({ dataDir });
  opened.push(services);
  return services;
}

/**
 * A finished session with every kind of part: code edits with snapshots, runs (one whose preview was
 * dropped for size), controls, turns, integrity signals, two annotations (one on a turn), a recording
 * made by ffmpeg with a pause, the recording consent and the interviewer's stored results.
 */
function richSession(services: AppServices): string {
  const s = syntheticSession(11, { edits: 600, others: 40, minutes: 2, snapshotEvery: 100 });
  const id = storeSynthetic(services, s, validConfig());
  services.telemetry.append(
    {
      interviewSessionId: id,
      events: [
        { type: 'run', ts: '2026-03-01T10:01:00.000Z', sessionId: id, status: 'success', durationMs: 20, stdoutPreview: 'x'.repeat(5000) },
      ],
    },
    { offsetsMs: [60_000] },
  );
  const turn = services.db.prepare(`SELECT id FROM turns WHERE session_id = ? ORDER BY t_ms LIMIT 1 OFFSET 2`).pluck().get(id) as number;
  services.annotations.create({ sessionId: id, turnId: turn, followUpType: 'depth', intent: 'probe the complexity claim', rating: 4 });
  services.annotations.create({
    sessionId: id,
    tMs: 30_000,
    note: 'Long silence before the first run',
    idealFollowUp: 'What are you checking?',
  });
  services.sessions.complete(id);
  const path = join(services.paths.recordings, `${id}.mp4`);
  mkdirSync(services.paths.recordings, { recursive: true });
  copyFileSync(mp4, path);
  services.db
    .prepare(
      `INSERT INTO recordings (id, session_id, path, status, mime_type, bytes, last_seq, start_offset_ms, end_offset_ms, started_at, ended_at) VALUES (?, ?, ?, 'completed', 'video/mp4', ?, 3, 812.5, 9812.5, ?, ?)`,
    )
    .run(`rec-${id.slice(0, 8)}`, id, path, statSync(path).size, '2026-03-01T10:00:01.000Z', '2026-03-01T10:02:00.000Z');
  services.db
    .prepare(`INSERT INTO recording_pauses (recording_id, at_ms, resumed_at_ms) VALUES (?, 20000, 26000)`)
    .run(`rec-${id.slice(0, 8)}`);
  services.db
    .prepare(
      `INSERT INTO recording_consents (session_id, decision, items_json, stored_in, may_be_sent_to, decided_at) VALUES (?, 'granted', '["screen","microphone"]', 'this computer', 'nowhere', ?)`,
    )
    .run(id, '2026-03-01T10:00:00.500Z');
  services.db
    .prepare(`INSERT INTO interviewer_results (session_id, results_json, created_at) VALUES (?, ?, '2026-03-01T10:02:01.000Z')`)
    .run(id, JSON.stringify({ sessionId: id, graded: false, note: 'Practice mode is not graded.' }));
  return id;
}

/** Every entry of a bundle, by name (tests only: small bundles fit in memory). */
const entries = (file: string) => unzipSync(readFileSync(file));

const sessionRows = (services: AppServices) => services.db.prepare(`SELECT COUNT(*) FROM sessions`).pluck().get() as number;
const eventRows = (services: AppServices) => services.db.prepare(`SELECT COUNT(*) FROM telemetry_events`).pluck().get() as number;

/** Nothing in the recordings folder but what was there: no staged or half-moved files. */
const recordingFiles = (services: AppServices) =>
  existsSync(services.paths.recordings) ? readdirSync(services.paths.recordings).sort() : [];

/** A second recording of 24 MB of random bytes, so a copy takes many chunks; returns its bytes. */
function addBigRecording(services: AppServices, id: string): Buffer {
  const big = join(services.paths.recordings, `${id}-2.mp4`);
  const bytes = randomBytes(24 * 1024 * 1024);
  writeFileSync(big, bytes);
  services.db
    .prepare(
      `INSERT INTO recordings (id, session_id, path, status, mime_type, bytes, last_seq, start_offset_ms, started_at, ended_at) VALUES ('rec-big', ?, ?, 'completed', 'video/mp4', ?, 24, 0, ?, ?)`,
    )
    .run(id, big, bytes.length, '2026-03-01T10:05:00.000Z', '2026-03-01T10:30:00.000Z');
  return bytes;
}

/** Counts event-loop turns while `work` runs: work that held the loop would give none. */
async function turnsDuring<T>(work: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  try {
    return { value: await work(), turns };
  } finally {
    running = false;
  }
}

/** Resolves after `n` turns of the event loop (work under way gets a chunk done in each). */
const afterTurns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

/** Rebuilds a bundle after `mutate` changed its parts, with a manifest whose sizes and hashes match again. */
function rewrite(file: string, out: string, mutate: (parts: Record<string, Uint8Array>) => void, formatVersion?: number): string {
  const parts = entries(file);
  const manifest = JSON.parse(Buffer.from(parts[MANIFEST_NAME]!).toString('utf8'));
  delete parts[MANIFEST_NAME];
  mutate(parts);
  manifest.sessionId = JSON.parse(Buffer.from(parts['session.json']!).toString('utf8')).id;
  if (formatVersion !== undefined) manifest.formatVersion = formatVersion;
  manifest.parts = Object.entries(parts).map(([name, data]) => ({
    name,
    bytes: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
  }));
  writeFileSync(out, zipSync({ ...parts, [MANIFEST_NAME]: Buffer.from(JSON.stringify(manifest)) }));
  return out;
}

describe('session bundles', () => {
  it('round-trips every part byte for byte into a fresh data directory, recording included', async () => {
    const a = open();
    const id = richSession(a);
    const first = await a.bundles.export(id, join(tempDataDir('ir-bundle-out-'), 'one.irbundle'));
    expect(first.parts).toBe(17);

    const b = open();
    const imported = await b.bundles.import(first.path);
    expect(imported).toMatchObject({ sessionId: id, originalId: id, asCopy: false, recordings: 1 });
    const again = await b.bundles.export(id, join(tempDataDir('ir-bundle-out-'), 'two.irbundle'));

    const one = entries(first.path);
    const two = entries(again.path);
    expect(Object.keys(two).sort()).toEqual(Object.keys(one).sort());
    for (const name of Object.keys(one)) {
      if (name === MANIFEST_NAME) continue;
      expect(Buffer.from(two[name]!).equals(Buffer.from(one[name]!)), `part ${name}`).toBe(true);
    }
    const m1 = JSON.parse(Buffer.from(one[MANIFEST_NAME]!).toString());
    const m2 = JSON.parse(Buffer.from(two[MANIFEST_NAME]!).toString());
    expect(m2.parts).toEqual(m1.parts);

    // The imported session is whole: the same review data (local row numbers aside), exact code, the MP4 intact.
    const ra = a.review.load(id);
    const rb = b.review.load(id);
    expect(rb.tracks.edits).toEqual(ra.tracks.edits);
    expect(rb.tracks.turns.map(({ id: _id, ...t }) => t)).toEqual(ra.tracks.turns.map(({ id: _id, ...t }) => t));
    expect(rb.tracks.runs.map(({ seq: _s, ...r }) => r)).toEqual(ra.tracks.runs.map(({ seq: _s, ...r }) => r));
    expect(rb.tracks.runs.some((r) => r.outputDropped)).toBe(true);
    expect(rb.code.final).toEqual(ra.code.final);
    expect(ra.code.final).toEqual(a.code.latest(id));
    expect(b.code.load(id).verify(sha256Hex)).toEqual([]);
    expect(rb.annotations.map((x) => [x.id, x.note, x.rating, x.tMs])).toEqual(ra.annotations.map((x) => [x.id, x.note, x.rating, x.tMs]));
    const onTurn = rb.annotations.find((x) => x.turnId !== null)!;
    expect(rb.tracks.turns.find((t) => t.id === onTurn.turnId)!.tMs).toBe(onTurn.tMs);
    expect(rb.recordings).toHaveLength(1);
    expect(rb.recordings[0]).toMatchObject({
      startOffsetMs: 812.5,
      pauses: [{ atMs: 20000, resumedAtMs: 26000 }],
      fileExists: true,
      status: 'completed',
    });
    // The end offset travels too: the duration the player is told is the same on both sides.
    expect(ra.recordings[0]!.durationMs).not.toBeNull();
    expect(rb.recordings[0]!.durationMs).toBe(ra.recordings[0]!.durationMs);
    const path = b.db.prepare(`SELECT path FROM recordings WHERE session_id = ?`).pluck().get(id) as string;
    expect(path.startsWith(b.paths.recordings)).toBe(true);
    expect(readFileSync(path).equals(readFileSync(mp4))).toBe(true);
    expect(recordingFiles(b)).toEqual([`${id}.mp4`]);
  });

  it('keeps a WebM that could not be converted as a .webm, with its conversion state; one still converting arrives kept as WebM', async () => {
    const a = open();
    const id = richSession(a);
    const webm = join(a.paths.recordings, `${id}-2.webm`);
    const bytes = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.from('a cut WebM that ffmpeg was missing for')]);
    writeFileSync(webm, bytes);
    const insert = a.db.prepare(
      `INSERT INTO recordings (id, session_id, path, status, mime_type, bytes, last_seq, start_offset_ms, end_offset_ms, conversion, started_at, ended_at, error)
       VALUES (?, ?, ?, 'completed', 'video/webm;codecs=vp9,opus', ?, 2, 100, 4100, ?, ?, ?, ?)`,
    );
    insert.run(
      'rec-kept',
      id,
      webm,
      bytes.length,
      'kept_webm',
      '2026-03-01T10:03:00.000Z',
      '2026-03-01T10:03:04.000Z',
      'ffmpeg was not found; the WebM is kept.',
    );
    const converting = join(a.paths.recordings, `${id}-3.webm`);
    writeFileSync(converting, bytes);
    insert.run('rec-conv', id, converting, bytes.length, 'converting', '2026-03-01T10:04:00.000Z', '2026-03-01T10:04:04.000Z', null);
    const out = await a.bundles.export(id, join(tempDataDir('ir-bundle-out-'), 'webm.irbundle'));
    expect(
      Object.keys(entries(out.path))
        .filter((n) => n.startsWith('media/'))
        .sort(),
    ).toEqual(['media/rec-conv.webm', 'media/rec-kept.webm', `media/rec-${id.slice(0, 8)}.mp4`].sort());

    const b = open();
    expect(await b.bundles.import(out.path)).toMatchObject({ recordings: 3 });
    const rows = b.db
      .prepare(`SELECT id, path, mime_type, conversion, end_offset_ms, error FROM recordings WHERE session_id = ? ORDER BY started_at`)
      .all(id) as Array<{
      id: string;
      path: string;
      mime_type: string;
      conversion: string | null;
      end_offset_ms: number | null;
      error: string | null;
    }>;
    expect(rows.map((r) => [r.id, r.path.slice(b.paths.recordings.length + 1), r.conversion, r.end_offset_ms])).toEqual([
      [`rec-${id.slice(0, 8)}`, `${id}.mp4`, null, 9812.5],
      ['rec-kept', `${id}.webm`, 'kept_webm', 4100],
      ['rec-conv', `${id}-2.webm`, 'kept_webm', 4100],
    ]);
    expect(rows[1]!.error).toBe('ffmpeg was not found; the WebM is kept.');
    expect(rows[2]!.error).toBe('It was still being converted to MP4 when the bundle was made, so it is kept as WebM.');
    expect(readFileSync(rows[1]!.path).equals(bytes)).toBe(true);
    expect(recordingFiles(b)).toEqual([`${id}-2.webm`, `${id}.mp4`, `${id}.webm`]);
    // The player is served each file with the type of its row.
    expect(b.review.load(id).recordings.map((r) => r.mimeType)).toEqual([
      'video/mp4',
      'video/webm;codecs=vp9,opus',
      'video/webm;codecs=vp9,opus',
    ]);
  });

  it('copies a large recording a chunk at a time, with the event loop free between chunks, both ways', async () => {
    const a = open();
    const id = richSession(a);
    const bytes = addBigRecording(a, id);
    const exported = await turnsDuring(() => a.bundles.export(id, join(tempDataDir('ir-bundle-out-'), 'big.irbundle')));
    expect(exported.turns).toBeGreaterThanOrEqual(20);
    const b = open();
    const imported = await turnsDuring(() => b.bundles.import(exported.value.path));
    expect(imported.turns).toBeGreaterThanOrEqual(20);
    expect(imported.value.recordings).toBe(2);
    const path = b.db.prepare(`SELECT path FROM recordings WHERE id = 'rec-big'`).pluck().get() as string;
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it("reports each export's and import's progress in recording bytes: from 0, rising, ending finished", async () => {
    const a = open();
    const id = richSession(a);
    addBigRecording(a, id);
    const total = a.db.prepare(`SELECT SUM(bytes) FROM recordings WHERE session_id = ?`).pluck().get(id) as number;
    const seen: BundleProgress[] = [];
    const collect = (services: AppServices) =>
      services.events.subscribe((channel, payload) => {
        if (channel === 'bundle:progress') seen.push(eventContract['bundle:progress'].parse(payload));
      });
    collect(a);
    const out = await a.bundles.export(id, join(tempDataDir('ir-bundle-out-'), 'progress.irbundle'));
    const check = (events: BundleProgress[], operation: 'export' | 'import') => {
      expect(new Set(events.map((e) => e.operationId)).size).toBe(1);
      expect(events.every((e) => e.operation === operation && e.totalBytes === total)).toBe(true);
      expect(events[0]).toMatchObject({ doneBytes: 0, finished: false });
      expect(events.at(-1)).toMatchObject({ doneBytes: total, finished: true });
      expect(events.filter((e) => e.finished)).toHaveLength(1);
      for (let i = 1; i < events.length; i++) expect(events[i]!.doneBytes).toBeGreaterThanOrEqual(events[i - 1]!.doneBytes);
    };
    check(seen.splice(0), 'export');

    const b = open();
    collect(b);
    await b.bundles.import(out.path);
    check(seen.splice(0), 'import');

    // One that fails before copying anything still ends with a finished report.
    await expectAppErrorAsync(() => b.bundles.import(out.path), 'conflict');
    expect(seen).toEqual([expect.objectContaining({ operation: 'import', doneBytes: 0, totalBytes: 0, finished: true })]);
  });

  it('still exports a recording whose file is deleted while the export runs (a conversion finishing)', async () => {
    const a = open();
    const id = richSession(a);
    const bytes = addBigRecording(a, id);
    const big = a.db.prepare(`SELECT path FROM recordings WHERE id = 'rec-big'`).pluck().get() as string;
    const running = a.bundles.export(id, join(tempDataDir('ir-bundle-out-'), 'race.irbundle'));
    await afterTurns(3);
    rmSync(big);
    const out = await running;
    const b = open();
    await b.bundles.import(out.path);
    const path = b.db.prepare(`SELECT path FROM recordings WHERE id = 'rec-big'`).pluck().get() as string;
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('stops an export or an import under way when the app closes, keeping nothing of either, and refuses new ones', async () => {
    const a = open();
    const id = richSession(a);
    addBigRecording(a, id);
    const done = await a.bundles.export(id, join(tempDataDir('ir-bundle-out-'), 'whole.irbundle'));

    const outDir = tempDataDir('ir-bundle-out-');
    const exporting = a.bundles.export(id, join(outDir, 'cut.irbundle'));
    const b = open();
    const importing = b.bundles.import(done.path);
    await afterTurns(3);
    await Promise.all([a.bundles.cancelAll(), b.bundles.cancelAll()]);
    expect((await expectAppErrorAsync(() => exporting, 'conflict')).message).toMatch(/app is closing; the export was stopped/);
    expect((await expectAppErrorAsync(() => importing, 'conflict')).message).toMatch(/app is closing; the import was stopped/);
    expect(readdirSync(outDir)).toEqual([]);
    expect(sessionRows(b)).toBe(0);
    expect(recordingFiles(b)).toEqual([]);
    expect((await expectAppErrorAsync(() => b.bundles.import(done.path), 'conflict')).message).toMatch(/the import was not started/);
  });

  it('removes staging folders a killed import left behind, but not one another process is writing', () => {
    const a = open();
    mkdirSync(a.paths.recordings, { recursive: true });
    const stale = join(a.paths.recordings, '.import-0b0f8d1c-3f4e-4c4e-9d7a-1f2e3d4c5b6a');
    const live = join(a.paths.recordings, '.import-7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f');
    const other = join(a.paths.recordings, '.imports-of-someone-else');
    for (const dir of [stale, live, other]) {
      mkdirSync(dir);
      writeFileSync(join(dir, '0.mp4'), 'part');
    }
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const path of [join(stale, '0.mp4'), stale, join(other, '0.mp4'), other]) utimesSync(path, hourAgo, hourAgo);
    expect(a.bundles.removeStaleStaging()).toBe(1);
    expect(recordingFiles(a)).toEqual(['.import-7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f', '.imports-of-someone-else']);
  });

  it('imports a version 1 bundle (no end offsets or conversion states)', async () => {
    const a = open();
    const id = richSession(a);
    const { path } = await a.bundles.export(id, join(tempDataDir('ir-bundle-out-'), 'v2.irbundle'));
    const v1 = rewrite(
      path,
      join(tempDataDir('ir-bundle-out-'), 'v1.irbundle'),
      (parts) => {
        const recordings = JSON.parse(Buffer.from(parts['recordings.json']!).toString()) as Array<Record<string, unknown>>;
        parts['recordings.json'] = Buffer.from(
          `${JSON.stringify(
            recordings.map(({ endOffsetMs: _e, conversion: _c, ...r }) => r),
            null,
            2,
          )}\n`,
        );
      },
      1,
    );
    const b = open();
    expect(await b.bundles.import(v1)).toMatchObject({ sessionId: id, recordings: 1 });
    expect(b.db.prepare(`SELECT end_offset_ms, conversion FROM recordings WHERE session_id = ?`).get(id)).toEqual({
      end_offset_ms: null,
      conversion: null,
    });
  });

  it('imports a version 3 bundle (no test runs), and refuses a version 4 bundle without them', async () => {
    const a = open();
    const id = richSession(a);
    const { path } = await a.bundles.export(id, join(tempDataDir('ir-bundle-out-'), 'v4.irbundle'));
    const drop = (parts: Record<string, Uint8Array>) => delete parts['test-runs.ndjson'];
    const v3 = rewrite(path, join(tempDataDir('ir-bundle-out-'), 'v3.irbundle'), drop, 3);
    const b = open();
    expect(await b.bundles.import(v3)).toMatchObject({ sessionId: id });
    expect(b.tests.runs(id)).toEqual([]);
    const broken = rewrite(path, join(tempDataDir('ir-bundle-out-'), 'v4-broken.irbundle'), drop, 4);
    const c = open();
    const err = await expectAppErrorAsync(() => c.bundles.import(broken), 'invalid_input');
    expect(err.message).toMatch(/test-runs\.ndjson/);
    expect(sessionRows(c)).toBe(0);
  });

  it('refuses a bundle with an altered part, and keeps nothing of it', async () => {
    const a = open();
    const id = richSession(a);
    const { path } = await a.bundles.export(id, join(tempDataDir('ir-bundle-out-'), 's.irbundle'));
    const reader = ZipReader.open(path);
    const media = [...reader.entries.values()].find((e) => e.name.startsWith('media/'))!;
    reader.close();
    const bytes = readFileSync(path);
    // One byte in the middle of the stored MP4 (its local header is 30 bytes plus the name).
    const at = media.localHeaderOffset + 30 + Buffer.byteLength(media.name) + Math.floor(media.compressedSize / 2);
    bytes[at] = bytes[at]! ^ 0xff;
    const tampered = join(tempDataDir('ir-bundle-out-'), 'tampered.irbundle');
    writeFileSync(tampered, bytes);

    const b = open();
    const err = await expectAppErrorAsync(() => b.bundles.import(tampered), 'invalid_input');
    expect(err.message).toMatch(/media\/.*\.mp4" does not match its SHA-256/);
    expect(err.message).toMatch(/Nothing was imported/);
    expect(sessionRows(b)).toBe(0);
    expect(eventRows(b)).toBe(0);
    expect(recordingFiles(b)).toEqual([]);

    // A changed text part whose manifest still has the old hash is refused the same way.
    const edited = rewrite(path, join(tempDataDir('ir-bundle-out-'), 'edited.irbundle'), () => {});
    const original = entries(path);
    const bad = entries(edited);
    bad['turns.ndjson'] = Buffer.from(Buffer.from(original['turns.ndjson']!).toString().replace('interviewer', 'INTERVIEWER'));
    writeFileSync(edited, zipSync(bad));
    expect((await expectAppErrorAsync(() => b.bundles.import(edited), 'invalid_input')).message).toMatch(
      /"turns.ndjson" does not match its SHA-256/,
    );
    expect(sessionRows(b)).toBe(0);
  });

  it('refuses a truncated bundle wherever it was cut', async () => {
    const a = open();
    const id = richSession(a);
    const { path } = await a.bundles.export(id, join(tempDataDir('ir-bundle-out-'), 's.irbundle'));
    const bytes = readFileSync(path);
    const b = open();
    for (const keep of [0, 10, 1000, Math.floor(bytes.length / 2), bytes.length - 30, bytes.length - 1]) {
      const cut = join(tempDataDir('ir-bundle-out-'), `cut-${keep}.irbundle`);
      writeFileSync(cut, bytes.subarray(0, keep));
      const err = await expectAppErrorAsync(() => b.bundles.import(cut), 'invalid_input');
      expect(err.message).toMatch(/truncated|too short|not a bundle/);
    }
    expect(sessionRows(b)).toBe(0);
    expect(recordingFiles(b)).toEqual([]);
    await expectAppErrorAsync(() => b.bundles.import(join(tempDataDir('ir-bundle-out-'), 'missing.irbundle')), 'invalid_input');
  });

  it('never overwrites a session with the same id; as a copy it gets new ids everywhere and leaves the original alone', async () => {
    const a = open();
    const id = richSession(a);
    const { path } = await a.bundles.export(id, join(tempDataDir('ir-bundle-out-'), 's.irbundle'));
    a.annotations.create({ sessionId: id, tMs: 1000, note: 'added after the export' });
    const before = a.review.load(id);
    const filesBefore = recordingFiles(a);

    const err = await expectAppErrorAsync(() => a.bundles.import(path), 'conflict');
    expect(err.message).toMatch(/already in this library/);
    expect(a.review.load(id)).toEqual(before);
    expect(recordingFiles(a)).toEqual(filesBefore);

    const copy = await a.bundles.import(path, true);
    expect(copy.asCopy).toBe(true);
    expect(copy.sessionId).not.toBe(id);
    expect(copy.originalId).toBe(id);
    expect(a.review.load(id)).toEqual(before);
    const c = a.review.load(copy.sessionId);
    expect(c.tracks.edits).toEqual(before.tracks.edits);
    expect(c.code.final).toEqual(before.code.final);
    expect(c.annotations).toHaveLength(2);
    for (const x of c.annotations) {
      expect(x.sessionId).toBe(copy.sessionId);
      expect(before.annotations.map((y) => y.id)).not.toContain(x.id);
    }
    const copyTurnIds = new Set(c.tracks.turns.map((t) => t.id));
    expect(c.annotations.filter((x) => x.turnId !== null).every((x) => copyTurnIds.has(x.turnId))).toBe(true);
    expect(c.recordings[0]!.id).not.toBe(before.recordings[0]!.id);
    // The events name their new session too.
    const names = a.db
      .prepare(`SELECT DISTINCT json_extract(event_json, '$.sessionId') FROM telemetry_events WHERE session_id = ?`)
      .pluck()
      .all(copy.sessionId);
    expect(names).toEqual([copy.sessionId]);
    expect(recordingFiles(a)).toEqual([...filesBefore, `${copy.sessionId}.mp4`].sort());
    expect(a.code.load(copy.sessionId).verify(sha256Hex)).toEqual([]);
    const results = a.db.prepare(`SELECT results_json FROM interviewer_results WHERE session_id = ?`).pluck().get(copy.sessionId) as string;
    expect(JSON.parse(results).sessionId).toBe(copy.sessionId);
  });

  it('is atomic: a failure while inserting rows leaves no rows and no files behind', async () => {
    const a = open();
    const id = richSession(a);
    const { path } = await a.bundles.export(id, join(tempDataDir('ir-bundle-out-'), 's.irbundle'));
    const c = open();
    await c.bundles.import(path);
    // The same bundle under another session id, consistently hashed, whose annotation ids collide with
    // the first import's: everything verifies, and the insert fails late, after the session, its
    // telemetry and code rows are written.
    const renamed = rewrite(path, join(tempDataDir('ir-bundle-out-'), 'renamed.irbundle'), (parts) => {
      const session = JSON.parse(Buffer.from(parts['session.json']!).toString());
      session.id = 'another-session-id';
      parts['session.json'] = Buffer.from(`${JSON.stringify(session, null, 2)}\n`);
    });
    const sessions = sessionRows(c);
    const events = eventRows(c);
    const files = recordingFiles(c);
    const err = await rejected(() => c.bundles.import(renamed));
    expect(err).not.toBeInstanceOf(AppError);
    expect(String(err)).toMatch(/UNIQUE|PRIMARY KEY/);
    expect(sessionRows(c)).toBe(sessions);
    expect(eventRows(c)).toBe(events);
    expect(c.db.prepare(`SELECT COUNT(*) FROM code_changes WHERE session_id = 'another-session-id'`).pluck().get()).toBe(0);
    expect(recordingFiles(c)).toEqual(files);
  });

  it('refuses a bundle whose manifest does not account for its parts', async () => {
    const a = open();
    const id = richSession(a);
    const { path } = await a.bundles.export(id, join(tempDataDir('ir-bundle-out-'), 's.irbundle'));
    const parts = entries(path);
    const manifest = JSON.parse(Buffer.from(parts[MANIFEST_NAME]!).toString());
    manifest.parts = manifest.parts.filter((p: { name: string }) => p.name !== 'annotations.ndjson');
    writeFileSync(path, zipSync({ ...parts, [MANIFEST_NAME]: Buffer.from(JSON.stringify(manifest)) }));
    const b = open();
    expect((await expectAppErrorAsync(() => b.bundles.import(path), 'invalid_input')).message).toMatch(/annotations.ndjson/);
    const newer = rewrite(path, join(tempDataDir('ir-bundle-out-'), 'n.irbundle'), () => {});
    const p2 = entries(newer);
    const m2 = JSON.parse(Buffer.from(p2[MANIFEST_NAME]!).toString());
    m2.formatVersion = 99;
    writeFileSync(newer, zipSync({ ...p2, [MANIFEST_NAME]: Buffer.from(JSON.stringify(m2)) }));
    expect((await expectAppErrorAsync(() => b.bundles.import(newer), 'invalid_input')).message).toMatch(/newer version/);
  });
});

describe('bundle CLI', () => {
  it('exports, imports into another data directory, and reports tampering (2) and duplicates (1)', async () => {
    const dirA = tempDataDir('ir-bundle-cli-');
    const a = open(dirA);
    const id = richSession(a);
    a.close();
    opened.splice(opened.indexOf(a), 1);
    const out = join(tempDataDir('ir-bundle-out-'), 'cli.irbundle');

    const exported = await runCliCapturedAsync(['bundle', 'export', id, out, '--data-dir', dirA]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/Exported session .* \(17 parts/);

    const dirB = tempDataDir('ir-bundle-cli-');
    const imported = await runCliCapturedAsync(['bundle', 'import', out, '--data-dir', dirB, '--json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ sessionId: id, asCopy: false });
    const shown = runCliCaptured(['session', 'show', id, '--json', '--data-dir', dirB]);
    expect(shown.code).toBe(0);
    const detail = JSON.parse(shown.stdout);
    expect(detail.annotations).toHaveLength(2);
    expect(detail.annotations.map((x: { rating: number | null }) => x.rating).sort()).toEqual([4, null]);

    const again = await runCliCapturedAsync(['bundle', 'import', out, '--data-dir', dirB]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already in this library/);
    const copy = await runCliCapturedAsync(['bundle', 'import', out, '--as-copy', '--data-dir', dirB]);
    expect(copy.code).toBe(0);
    expect(copy.stdout).toMatch(/as a copy/);

    const bytes = readFileSync(out);
    writeFileSync(out, bytes.subarray(0, bytes.length - 100));
    const truncated = await runCliCapturedAsync(['bundle', 'import', out, '--data-dir', tempDataDir('ir-bundle-cli-')]);
    expect(truncated.code).toBe(2);
    expect(truncated.stderr).toMatch(/cannot be imported.*truncated/);
  });
});
