import { closeSync } from 'node:fs';
import { AppError } from '../../../../shared/ipc/result';
import type { TrackType } from './init';
import { openRead, openReadSync, runAsync, runSync } from './io';
import { scanDurations, scanMp4, type Mp4Scan } from './scan';

export interface ProbeTrack {
  id: number;
  type: TrackType;
  /** RFC 6381 / WebCodecs codec string: 'avc1.64001f', 'vp09.00.10.08', 'opus', 'mp4a.40.2', … */
  codec: string;
  timescale: number;
  width?: number;
  height?: number;
  sampleRate?: number;
  channels?: number;
  /** Samples in the moov and the complete fragments. */
  samples: number;
  durationMs: number;
}

export interface ProbeReport {
  container: 'mp4';
  /** The moov has mvex: the media is in movie fragments (how MediaRecorder writes). */
  fragmented: boolean;
  tracks: ProbeTrack[];
  /**
   * Presentation time from the earliest to the latest sample end over all tracks, in ms: from the complete
   * fragments' tfdt, trun durations and composition offsets; for a regular MP4, from mvhd (else mdhd).
   */
  durationMs: number;
  /** Complete fragments (a moof followed by the whole mdat holding its samples). */
  fragmentCount: number;
  /**
   * The file ends exactly at a box boundary, with nothing incomplete or out of order: after a complete
   * fragment (or the boxes that may follow it) for a fragmented file; after a complete moov for a regular one.
   */
  complete: boolean;
  bytes: number;
  /** What is wrong, and where, when the file is not complete; null otherwise. */
  problem: string | null;
}

/** Describes an MP4 file. A missing or unreadable file, or one that is not MP4, is an invalid-input AppError. */
export async function probeMp4(file: string): Promise<ProbeReport> {
  const { handle, stats } = await openRead(file);
  try {
    return toProbe(file, await runAsync(scanMp4(stats.size), handle));
  } finally {
    await handle.close();
  }
}

/** `probeMp4` for callers that may block (the CLI). */
export function probeMp4Sync(file: string): ProbeReport {
  const { fd, stats } = openReadSync(file);
  try {
    return toProbe(file, runSync(scanMp4(stats.size), fd));
  } finally {
    closeSync(fd);
  }
}

function toProbe(file: string, scan: Mp4Scan): ProbeReport {
  if (scan.notMp4 !== null) throw new AppError('invalid_input', `${file} is not an MP4 file: ${scan.notMp4}`);
  const init = scan.init;
  const durations = scanDurations(scan);
  // Absent fields stay undefined, which JSON leaves out.
  const tracks: ProbeTrack[] = (init?.tracks ?? []).map((t) => ({
    id: t.id,
    type: t.type,
    codec: t.codec,
    timescale: t.timescale,
    width: t.width,
    height: t.height,
    sampleRate: t.sampleRate,
    channels: t.channels,
    samples: scan.timelines.get(t.id)?.samples ?? 0,
    durationMs: durations.tracks.get(t.id) ?? 0,
  }));
  const fragmented = init?.fragmented ?? false;
  const complete = scan.problem === null && init !== null && (!fragmented || scan.fragments.length > 0);
  let problem = scan.problem?.message ?? null;
  if (problem === null && !complete) problem = 'the file holds no complete fragment: no media was written after the moov';
  return {
    container: 'mp4',
    fragmented,
    tracks,
    durationMs: durations.overallMs,
    fragmentCount: scan.fragments.length,
    complete,
    bytes: scan.bytes,
    problem,
  };
}
