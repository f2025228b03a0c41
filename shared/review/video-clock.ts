import type { ReviewRecording } from '../ipc/contract-review';

/**
 * Video time ↔ session time for one recording. The recording's first frame sits at `startOffsetMs` on
 * the session clock (the clock of every telemetry event), and MediaRecorder leaves paused time out of
 * the file, so every completed pause moves session time ahead of video time by its length. An unknown
 * start offset counts as 0 (the recording started with the session).
 */
export class VideoClock {
  private readonly startMs: number;
  private readonly pauses: ReadonlyArray<{ atMs: number; resumedAtMs: number | null }>;

  constructor(recording: Pick<ReviewRecording, 'startOffsetMs' | 'pauses'>) {
    this.startMs = recording.startOffsetMs ?? 0;
    this.pauses = [...recording.pauses].filter((p) => p.atMs >= this.startMs).sort((a, b) => a.atMs - b.atMs);
  }

  /** The session moment shown at `videoMs` into the file. */
  sessionTimeAt(videoMs: number): number {
    let t = this.startMs + videoMs;
    for (const p of this.pauses) {
      // The frame at a pause's start is the last one before it; the next frame is the resume.
      if (p.atMs >= t) break;
      if (p.resumedAtMs === null) return p.atMs;
      t += Math.max(0, p.resumedAtMs - p.atMs);
    }
    return t;
  }

  /**
   * Where the session moment `sessionMs` is in the file. A moment inside a pause shows the frame the
   * pause started on; a moment before the recording started is negative (clamp it to show the start).
   */
  videoTimeAt(sessionMs: number): number {
    let shift = 0;
    for (const p of this.pauses) {
      if (sessionMs < p.atMs) break;
      if (p.resumedAtMs === null || sessionMs < p.resumedAtMs) return p.atMs - this.startMs - shift;
      shift += Math.max(0, p.resumedAtMs - p.atMs);
    }
    return sessionMs - this.startMs - shift;
  }

  /** True when the session moment is inside a pause (the recording shows a still frame there). */
  isPausedAt(sessionMs: number): boolean {
    return this.pauses.some((p) => sessionMs >= p.atMs && (p.resumedAtMs === null || sessionMs < p.resumedAtMs));
  }
}

/**
 * The recording the review screen plays: the earliest one whose file exists, preferring one that did
 * not fail (a failed recording may still hold playable fragments, so it is the fallback, not nothing).
 */
export function primaryRecording<R extends Pick<ReviewRecording, 'status' | 'fileExists' | 'startedAt'>>(
  recordings: readonly R[],
): R | null {
  const withFile = recordings.filter((r) => r.fileExists);
  withFile.sort((a, b) => Number(a.status === 'failed') - Number(b.status === 'failed') || a.startedAt.localeCompare(b.startedAt));
  return withFile[0] ?? null;
}
