import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Free space on the file system that holds a path. */
export interface DiskSpace {
  /** Bytes this (unprivileged) process may still write: available blocks × block size. */
  freeBytes: number;
  /** Size of the whole file system, in bytes. */
  totalBytes: number;
  /** The path that was measured: `path` itself, or its nearest existing ancestor. */
  measuredPath: string;
}

/**
 * Free space where `path` lives, via statfs (Node ≥ 18.15). A path that does not exist yet (the
 * recordings folder before the first recording) is measured at its nearest existing ancestor, which
 * is on the same file system unless a mount point sits in between.
 */
export async function diskSpace(path: string): Promise<DiskSpace> {
  let current = path;
  for (;;) {
    try {
      const s = await statfs(current);
      return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize, measuredPath: current };
    } catch (err) {
      const parent = dirname(current);
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || parent === current) throw err;
      current = parent;
    }
  }
}

/** 'ok'; 'low': warn the user; 'stop': end the recording gracefully now, while it can still be closed cleanly. */
export type DiskVerdict = 'ok' | 'low' | 'stop';

export interface DiskPolicy {
  /** Stop when less than this much recording time is left. */
  stopSeconds: number;
  /** …or when less than this many bytes are free, whatever the bitrate (the OS and SQLite need room too). */
  stopFloorBytes: number;
  /** Warn when less than this much recording time is left before the stop threshold is reached. */
  lowSeconds: number;
}

export const DEFAULT_DISK_POLICY: Readonly<DiskPolicy> = Object.freeze({
  stopSeconds: 60,
  stopFloorBytes: 200 * 1024 * 1024,
  lowSeconds: 10 * 60,
});

/** Bytes below which recording must stop, for a bitrate in bits per second. */
export function diskStopThreshold(bitsPerSecond: number, policy: DiskPolicy = DEFAULT_DISK_POLICY): number {
  checkBitrate(bitsPerSecond);
  return Math.max(policy.stopSeconds * (bitsPerSecond / 8), policy.stopFloorBytes);
}

/**
 * What free space means for a recording at `bitsPerSecond` (the MediaRecorder's audio + video bitrate):
 * - 'stop' below max(1 minute of recording, 200 MB);
 * - 'low' when less than 10 minutes of recording are left before that stop threshold, so the warning
 *   always comes well ahead of the stop, even for a low bitrate where the 200 MB floor dominates;
 * - 'ok' otherwise.
 * Pure: throws RangeError for a negative or non-finite `freeBytes` or a bitrate that is not positive.
 */
export function diskVerdict(freeBytes: number, bitsPerSecond: number, policy: DiskPolicy = DEFAULT_DISK_POLICY): DiskVerdict {
  if (!Number.isFinite(freeBytes) || freeBytes < 0) throw new RangeError(`freeBytes must be a finite number ≥ 0, got ${freeBytes}`);
  const stopBelow = diskStopThreshold(bitsPerSecond, policy);
  if (freeBytes < stopBelow) return 'stop';
  if (freeBytes < stopBelow + policy.lowSeconds * (bitsPerSecond / 8)) return 'low';
  return 'ok';
}

function checkBitrate(bitsPerSecond: number): void {
  if (!Number.isFinite(bitsPerSecond) || bitsPerSecond <= 0) {
    throw new RangeError(`bitsPerSecond must be a finite number > 0, got ${bitsPerSecond}`);
  }
}
