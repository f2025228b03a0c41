import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/ipc/result';
import type { SessionSnapshot } from '../../../shared/session/snapshot';
import type { SessionSnapshots } from '../snapshot';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, MANIFEST_NAME, PART, toJson, toNdjson, type Manifest } from './format';
import { ZipFileWriter } from './zip-writer';

export interface ExportContext {
  snapshots: SessionSnapshots;
  appVersion: string;
  databaseVersion: number;
  now: () => Date;
  /** Aborted when the app closes: the export stops between two chunks and leaves nothing behind. */
  signal?: AbortSignal;
  /** Told the recordings' total size, then every chunk copied. */
  progress?: ByteProgress;
}

/** Where bundle work reports how many bytes of recordings it has copied. */
export interface ByteProgress {
  start(totalBytes: number): void;
  add(bytes: number): void;
}

export interface ExportOutcome {
  path: string;
  bytes: number;
  parts: number;
  sessionId: string;
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * Writes the session's bundle to `outPath`: the session snapshot (read in one transaction), then the
 * zip written to a temporary file beside `outPath` and renamed over it only once complete, so a failed
 * export never leaves a half-written bundle (nor destroys the file it would have replaced). Recordings
 * are copied a chunk at a time with the event loop free in between, so the app stays responsive.
 */
export async function exportBundle(ctx: ExportContext, sessionId: string, outPath: string): Promise<ExportOutcome> {
  const snapshot = ctx.snapshots.take(sessionId);
  const live = snapshot.recordings.find((r) => r.status === 'recording' || r.status === 'paused');
  if (live && snapshot.session.status === 'in_progress' && !snapshot.session.interrupted) {
    throw new AppError('conflict', 'This session is still being recorded. End the interview before exporting it.');
  }

  mkdirSync(dirname(outPath), { recursive: true });
  // Every recording is opened before the first pause in the work: a WebM whose conversion finishes
  // meanwhile (and is deleted) is still read whole through its descriptor.
  const media: Array<{ name: string; path: string; fd: number }> = [];
  try {
    for (const [name, path] of snapshot.mediaFiles) media.push({ name, path, fd: openSync(path, 'r') });
  } catch (err) {
    for (const m of media) closeSync(m.fd);
    throw err;
  }
  ctx.progress?.start(media.reduce((sum, m) => sum + fstatSync(m.fd).size, 0));
  const temp = `${outPath}.partial-${process.pid}-${Date.now()}`;
  let writer: ZipFileWriter;
  try {
    writer = new ZipFileWriter(temp);
  } catch (err) {
    for (const m of media) closeSync(m.fd);
    throw err;
  }
  try {
    const listed: Manifest['parts'] = [];
    const put = (name: string, data: Buffer) => {
      writer.addBytes(name, data);
      listed.push({ name, bytes: data.length, sha256: sha256(data) });
    };
    for (const [name, data] of bundleParts(snapshot)) put(name, data);
    for (const { name, path, fd } of media) {
      const hash = createHash('sha256');
      const bytes = await writer.addFile(
        name,
        fd,
        path,
        (chunk) => {
          hash.update(chunk);
          ctx.progress?.add(chunk.length);
        },
        ctx.signal,
      );
      listed.push({ name, bytes, sha256: hash.digest('hex') });
    }
    const manifest: Manifest = {
      format: BUNDLE_FORMAT,
      formatVersion: BUNDLE_FORMAT_VERSION,
      appVersion: ctx.appVersion,
      databaseVersion: ctx.databaseVersion,
      createdAt: ctx.now().toISOString(),
      sessionId,
      parts: listed,
    };
    // Last, once every part's hash is known; the reader finds it through the zip directory.
    writer.addBytes(MANIFEST_NAME, toJson(manifest));
    writer.finish();
    renameSync(temp, outPath);
    return { path: outPath, bytes: statSync(outPath).size, parts: listed.length, sessionId };
  } catch (err) {
    try {
      writer.abandon();
    } catch {
      // Already closed by finish(); the file is removed below either way.
    }
    rmSync(temp, { force: true });
    throw err;
  } finally {
    for (const m of media) closeSync(m.fd);
  }
}

/** Every snapshot part as the bytes of its file, in the order they go into the zip. */
function bundleParts(s: SessionSnapshot): Array<[string, Buffer]> {
  return [
    [PART.session, toJson(s.session)],
    [PART.config, toJson(s.config)],
    [PART.questions, toNdjson(s.questions)],
    [PART.telemetry, toNdjson(s.telemetry)],
    [PART.telemetryDrops, toNdjson(s.telemetryDrops)],
    [PART.codeChanges, toNdjson(s.codeChanges)],
    [PART.codeSnapshots, toNdjson(s.codeSnapshots)],
    [PART.integrity, toNdjson(s.integrity)],
    [PART.turns, toNdjson(s.turns)],
    [PART.annotations, toNdjson(s.annotations)],
    [PART.testRuns, toNdjson(s.testRuns)],
    [PART.recordings, toJson(s.recordings)],
    [PART.consent, toJson(s.consent)],
    [PART.results, toJson(s.results)],
    [PART.interviewerState, toJson(s.interviewerState)],
    [PART.syncConsent, toJson(s.syncConsent)],
  ];
}
