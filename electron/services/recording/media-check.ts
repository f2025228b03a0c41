import { open } from 'node:fs/promises';
import { AppError } from '../../../shared/ipc/result';
import { probeMp4 } from './mp4';
import { probeWebm } from './webm-probe';

/** A recording file from outside the app, checked before it is taken in. */
export interface CheckedRecording {
  container: 'mp4' | 'webm';
  mimeType: 'video/mp4' | 'video/webm';
  bytes: number;
  /** Known from the file (null for a WebM that states none, as MediaRecorder writes them). */
  durationMs: number | null;
  codecs: string[];
}

/**
 * Whether a file someone hands the app (a recording of an interview held before) is an MP4 or WebM that
 * plays: a video track, media after the header, an MP4 not cut short. Anything else is an invalid-input
 * AppError saying what is wrong, so nothing is copied or stored for it.
 */
export async function checkRecordingFile(file: string): Promise<CheckedRecording> {
  const head = Buffer.alloc(12);
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new AppError(
      'invalid_input',
      `Cannot read the recording ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? (err as Error).message)}.`,
    );
  }
  try {
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (bytesRead < head.length)
      throw new AppError('invalid_input', `The recording ${file} is too short to be a video (${bytesRead} bytes).`);
  } finally {
    await handle.close();
  }
  if (head.toString('latin1', 4, 8) === 'ftyp') {
    const probe = await probeMp4(file);
    const video = probe.tracks.find((t) => t.type === 'video');
    if (!video) throw new AppError('invalid_input', `The recording ${file} has no video track.`);
    if (probe.problem && !(probe.fragmented && probe.fragmentCount > 0)) {
      throw new AppError('invalid_input', `The recording ${file} does not play: ${probe.problem}.`);
    }
    if (probe.problem) {
      throw new AppError(
        'invalid_input',
        `The recording ${file} is cut short (${probe.problem}); repair it first with "interview-recorder recording recover ${file}".`,
      );
    }
    if (!(probe.durationMs > 0)) throw new AppError('invalid_input', `The recording ${file} holds no media (its duration is 0).`);
    return {
      container: 'mp4',
      mimeType: 'video/mp4',
      bytes: probe.bytes,
      durationMs: probe.durationMs,
      codecs: probe.tracks.map((t) => t.codec),
    };
  }
  if (head.readUInt32BE(0) === 0x1a45dfa3) {
    const probe = await probeWebm(file);
    if (!probe.hasVideo) throw new AppError('invalid_input', `The recording ${file} has no video track.`);
    return { container: 'webm', mimeType: 'video/webm', bytes: probe.bytes, durationMs: probe.durationMs, codecs: probe.codecs };
  }
  throw new AppError('invalid_input', `The recording ${file} is neither an MP4 nor a WebM file.`);
}
