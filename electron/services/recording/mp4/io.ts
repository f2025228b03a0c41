import { closeSync, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { AppError } from '../../../../shared/ipc/result';
import type { Reads } from './scan';

/**
 * Drivers for the parsers in this folder, which are generators that ask for byte ranges: the same parsing
 * code runs synchronously (the CLI) or asynchronously (the app, which must not block its main process).
 */
export function runSync<T>(reads: Reads<T>, fd: number): T {
  let step = reads.next();
  while (!step.done) {
    const { offset, length } = step.value;
    const buffer = Buffer.alloc(length);
    let filled = 0;
    while (filled < length) {
      const n = readSync(fd, buffer, filled, length - filled, offset + filled);
      if (n === 0) break;
      filled += n;
    }
    step = reads.next(buffer.subarray(0, filled));
  }
  return step.value;
}

export async function runAsync<T>(reads: Reads<T>, handle: FileHandle): Promise<T> {
  let step = reads.next();
  while (!step.done) {
    const { offset, length } = step.value;
    const buffer = Buffer.alloc(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await handle.read(buffer, filled, length - filled, offset + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    step = reads.next(buffer.subarray(0, filled));
  }
  return step.value;
}

/** A file that cannot be opened or is not a regular file: invalid input, with the reason in one line. */
export function unreadable(file: string, err: unknown): AppError {
  const e = err as NodeJS.ErrnoException;
  const why =
    e.code === 'ENOENT'
      ? 'no such file'
      : e.code === 'EISDIR'
        ? 'it is a directory'
        : e.code === 'EACCES' || e.code === 'EPERM'
          ? 'permission denied'
          : (e.code ?? e.message);
  return new AppError('invalid_input', `cannot read ${file}: ${why}`);
}

function checkRegular(file: string, stats: Stats) {
  if (!stats.isFile())
    throw new AppError('invalid_input', `cannot read ${file}: ${stats.isDirectory() ? 'it is a directory' : 'not a regular file'}`);
}

/** Opens `file` read-only and stats it; a missing, unreadable or non-regular file is an invalid-input AppError. */
export function openReadSync(file: string): { fd: number; stats: Stats } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    throw unreadable(file, err);
  }
  try {
    const stats = fstatSync(fd);
    checkRegular(file, stats);
    return { fd, stats };
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

export async function openRead(file: string): Promise<{ handle: FileHandle; stats: Stats }> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    throw unreadable(file, err);
  }
  try {
    const stats = await handle.stat();
    checkRegular(file, stats);
    return { handle, stats };
  } catch (err) {
    await handle.close();
    throw err;
  }
}
