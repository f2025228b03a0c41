import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { openRead, openReadSync, runAsync, runSync } from './mp4/io';
import { scanDurations, scanMp4, type Mp4Scan } from './mp4/scan';

export interface RecoveryReport {
  /** The file is now a well-formed MP4: a complete init segment (ftyp + moov) and only complete fragments. */
  ok: boolean;
  /** ok, and it holds media: at least one complete fragment (or, for a regular MP4, samples). */
  playable: boolean;
  originalBytes: number;
  keptBytes: number;
  /** Complete fragments kept. */
  fragments: number;
  /** Presentation duration of what was kept (see ProbeReport.durationMs). */
  durationMs: number;
  /** Bytes were cut from the end of the file. */
  truncated: boolean;
  /** What was found and done, in one sentence. */
  reason: string;
}

/** What recovery decided from a scan: the report, and where to cut (null: leave the file as it is). */
interface Plan {
  report: RecoveryReport;
  cutTo: number | null;
}

/**
 * Cuts an MP4 recording back to its last complete fragment, as the app does at start-up for a recording
 * that was being written when it stopped (MediaRecorder appends moof + mdat pairs to the file).
 *
 * Safety: the file is scanned first; a cut happens only in a fragmented file with a complete init
 * segment, and only to the end of the last complete fragment (or of a complete box after it), so the bytes
 * removed never belong to a whole fragment. Right before cutting, with the file open for writing, the prefix
 * that will remain is scanned again on its own and must be clean with the same fragments, and the file must
 * not have changed since the first scan. The cut itself is one truncate + fsync: a crash leaves either the
 * old length or the new one, both at least as playable. Anything not recoverable (no complete moov, not MP4,
 * a regular MP4 with a broken end) is left untouched.
 *
 * A missing or unreadable path is an invalid-input AppError; everything else is a report.
 */
export async function recoverMp4(file: string): Promise<RecoveryReport> {
  const { handle, stats } = await openRead(file);
  let plan: Plan;
  try {
    plan = planRecovery(await runAsync(scanMp4(stats.size), handle));
  } finally {
    await handle.close();
  }
  const cutTo = plan.cutTo;
  if (cutTo === null) return plan.report;

  let writable: FileHandle;
  try {
    writable = await open(file, 'r+');
  } catch (err) {
    return cannotWrite(plan.report, err);
  }
  try {
    const now = await writable.stat();
    const changed = changedSince(stats, now);
    if (changed) return unchanged(plan.report, changed);
    const verify = verifyPrefix(await runAsync(scanMp4(cutTo), writable), plan);
    if (verify) return unchanged(plan.report, verify);
    await writable.truncate(cutTo);
    await writable.sync();
  } finally {
    await writable.close();
  }
  return plan.report;
}

/** `recoverMp4` for callers that may block (the CLI). */
export function recoverMp4Sync(file: string): RecoveryReport {
  const { fd, stats } = openReadSync(file);
  let plan: Plan;
  try {
    plan = planRecovery(runSync(scanMp4(stats.size), fd));
  } finally {
    closeSync(fd);
  }
  const cutTo = plan.cutTo;
  if (cutTo === null) return plan.report;

  let writable: number;
  try {
    writable = openSync(file, 'r+');
  } catch (err) {
    return cannotWrite(plan.report, err);
  }
  try {
    const changed = changedSince(stats, fstatSync(writable));
    if (changed) return unchanged(plan.report, changed);
    const verify = verifyPrefix(runSync(scanMp4(cutTo), writable), plan);
    if (verify) return unchanged(plan.report, verify);
    ftruncateSync(writable, cutTo);
    fsyncSync(writable);
  } finally {
    closeSync(writable);
  }
  return plan.report;
}

function planRecovery(scan: Mp4Scan): Plan {
  const bytes = scan.bytes;
  const notRecoverable = (reason: string): Plan => ({
    report: { ok: false, playable: false, originalBytes: bytes, keptBytes: bytes, fragments: 0, durationMs: 0, truncated: false, reason },
    cutTo: null,
  });
  if (scan.notMp4 !== null) return notRecoverable(`not an MP4 file: ${scan.notMp4}; left untouched`);
  const problem = scan.problem?.message;
  if (!scan.init)
    return notRecoverable(
      `no complete init segment (ftyp + moov): ${problem ?? 'the moov is missing'}; nothing can be recovered, left untouched`,
    );

  const durationMs = scanDurations(scan).overallMs;
  if (!scan.init.fragmented) {
    if (problem)
      return notRecoverable(
        `a regular (not fragmented) MP4 that does not end cleanly (${problem}): cutting it cannot repair it, left untouched`,
      );
    const hasMedia = scan.init.tracks.some((t) => t.sampleCount > 0);
    return {
      report: {
        ok: true,
        playable: hasMedia,
        originalBytes: bytes,
        keptBytes: bytes,
        fragments: 0,
        durationMs,
        truncated: false,
        reason: hasMedia ? 'a complete regular MP4; nothing to cut' : 'a complete regular MP4 without samples',
      },
      cutTo: null,
    };
  }

  const fragments = scan.fragments.length;
  const hasMedia = fragments > 0 || scan.init.tracks.some((t) => t.sampleCount > 0);
  const keptBytes = problem ? scan.goodEnd : bytes;
  const truncated = keptBytes < bytes;
  const kept = fragments === 0 ? 'only the init segment' : `${fragments} complete fragment${fragments === 1 ? '' : 's'}`;
  let reason = truncated
    ? `cut ${bytes - keptBytes} bytes after the last complete fragment (${problem}); kept ${kept}`
    : `the file ends after its last complete fragment; nothing to cut`;
  if (!hasMedia)
    reason = `${truncated ? `cut ${bytes - keptBytes} bytes (${problem}); ` : ''}the recording holds no complete fragment, so no media`;
  return {
    report: { ok: true, playable: hasMedia, originalBytes: bytes, keptBytes, fragments, durationMs, truncated, reason },
    cutTo: truncated ? keptBytes : null,
  };
}

/** Why the file may not be cut now, or null: it must be the same file, with the same length, as scanned. */
function changedSince(before: Stats, now: Stats): string | null {
  if (now.ino !== before.ino || now.dev !== before.dev) return 'the file was replaced while it was being checked';
  if (now.size !== before.size || now.mtimeMs !== before.mtimeMs) return 'the file changed while it was being checked';
  return null;
}

/** The prefix that will remain, scanned on its own, must be clean and hold the same fragments. */
function verifyPrefix(prefix: Mp4Scan, plan: Plan): string | null {
  if (prefix.problem || !prefix.init || prefix.fragments.length !== plan.report.fragments || prefix.goodEnd !== plan.cutTo) {
    return `the ${plan.cutTo} bytes to keep did not check out on their own (${prefix.problem?.message ?? `${prefix.fragments.length} fragments`})`;
  }
  return null;
}

function unchanged(report: RecoveryReport, why: string): RecoveryReport {
  return {
    ...report,
    ok: false,
    playable: false,
    keptBytes: report.originalBytes,
    truncated: false,
    reason: `not cut: ${why}; left untouched`,
  };
}

function cannotWrite(report: RecoveryReport, err: unknown): RecoveryReport {
  const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  return unchanged(report, `cannot open the file for writing (${code})`);
}
