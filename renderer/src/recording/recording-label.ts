import type { RecordingConversion } from '../../../shared/recording/model';
import type { RecorderStatus } from './recorder';

/** The bar's words for the recorder's phase; after the stop, a WebM fallback's conversion decides. */
export function recordingLabel(
  status: Pick<RecorderStatus, 'phase' | 'heldForDisk' | 'userPaused'>,
  conversion: RecordingConversion | null,
): string {
  switch (status.phase) {
    case 'failed':
      return 'Recording failed';
    case 'stopped':
      if (conversion === 'converting') return 'Saved: converting to MP4…';
      if (conversion === 'kept_webm') return 'Saved as WebM';
      return 'Recording saved';
    case 'stopping':
      return 'Saving…';
    case 'paused':
      return status.heldForDisk && !status.userPaused ? 'Held: disk busy' : 'Paused';
    case 'starting':
      return 'Starting…';
    default:
      return 'REC';
  }
}
