import { recoverMp4 } from './recovery';
import type { RecordingService } from './recording-service';
import type { Recording } from './writer';

/**
 * At start-up: every recording an earlier run left 'recording' or 'paused' (the app, the renderer or the
 * machine died mid-recording) is cut back to its last complete fragment and marked 'recovered', or
 * 'failed' with the reason when nothing playable is left. One bad file never stops the others.
 * A WebM (the fallback where the recorder writes no MP4) is streamable: ffmpeg converts what was
 * written to MP4. Then the WebM conversions an earlier run did not finish are done.
 */
export async function recoverInterruptedRecordings(recordings: RecordingService): Promise<Recording[]> {
  const out: Recording[] = [];
  for (const recording of recordings.interrupted()) {
    if (recording.conversion !== null) {
      try {
        out.push(await recordings.recoverWebm(recording.id));
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        out.push(
          recordings.markRecovered(recording.id, {
            playable: false,
            bytes: 0,
            reason: `The app stopped while recording and the WebM could not be converted: ${message}`,
          }),
        );
      }
      continue;
    }
    let outcome: { playable: boolean; bytes: number; reason: string };
    try {
      const report = await recoverMp4(recording.path);
      outcome = {
        playable: report.playable,
        bytes: report.keptBytes,
        reason: report.playable ? report.reason : `The app stopped while recording and nothing playable was left: ${report.reason}`,
      };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      outcome = { playable: false, bytes: 0, reason: `The app stopped while recording and the file could not be repaired: ${message}` };
    }
    out.push(recordings.markRecovered(recording.id, outcome));
  }
  await recordings.resumeConversions();
  return out;
}
