import { MIN_TIMESLICE_MS, type RecordingSettings } from '../../../shared/settings/recording';

/**
 * MP4 types in the order we want them: H.264 + Opus plays everywhere and is cheap to encode; VP9 +
 * Opus in MP4 next; then whatever MP4 the recorder picks. Fragmented MP4 straight from MediaRecorder
 * is what makes crash recovery possible (every fragment is self-contained).
 */
export const MP4_TYPES = ['video/mp4;codecs=avc1,opus', 'video/mp4;codecs=vp9,opus', 'video/mp4'] as const;

/**
 * Only where the recorder writes no MP4 (an older Chromium): WebM, converted to MP4 with ffmpeg in main
 * after the interview. WebM is streamable, so a cut file still holds everything up to its last cluster.
 */
export const WEBM_TYPES = ['video/webm;codecs=vp9,opus', 'video/webm;codecs=vp8,opus', 'video/webm'] as const;

export interface RecordingType {
  mimeType: string;
  /** 'webm': the fallback, converted to MP4 after the interview when ffmpeg is there. */
  container: 'mp4' | 'webm';
}

const recorderSupports = (t: string) => typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(t);

/** The first MP4 type this recorder supports, or null when it writes no MP4 at all. */
export function chooseMp4Type(isTypeSupported: (type: string) => boolean = recorderSupports): string | null {
  return MP4_TYPES.find((t) => isTypeSupported(t)) ?? null;
}

/** MP4 when the recorder writes it; else the WebM fallback; null when it writes neither. */
export function chooseRecordingType(isTypeSupported: (type: string) => boolean = recorderSupports): RecordingType | null {
  const mp4 = chooseMp4Type(isTypeSupported);
  if (mp4) return { mimeType: mp4, container: 'mp4' };
  const webm = WEBM_TYPES.find((t) => isTypeSupported(t));
  return webm ? { mimeType: webm, container: 'webm' } : null;
}

export function timesliceOf(settings: RecordingSettings): number {
  return Math.max(MIN_TIMESLICE_MS, settings.timesliceMs);
}

/** What the screen capture asks for: at most `maxHeight` lines (never scaled up), `fps` frames a second. */
export function displayConstraints(settings: RecordingSettings): DisplayMediaStreamOptions {
  return {
    video: { height: { max: settings.maxHeight }, frameRate: { ideal: settings.fps, max: settings.fps } },
    audio: settings.includeSystemAudio,
  };
}

export function microphoneConstraints(deviceId: string | null): MediaStreamConstraints {
  return {
    audio: deviceId
      ? { deviceId: { exact: deviceId }, echoCancellation: true, noiseSuppression: true }
      : { echoCancellation: true, noiseSuppression: true },
    video: false,
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(2)} GB`;
}

/**
 * MediaRecorder's MP4 muxer closes a fragment only at a keyframe, so without a keyframe interval a
 * still screen could sit in one growing fragment for minutes (nothing reaches the disk, a crash loses
 * it all). A keyframe at least every second (or every chunk, for longer chunks) bounds both.
 */
export function keyframeIntervalMs(timesliceMs: number): number {
  return Math.max(1000, timesliceMs);
}

/** MediaRecorder options with Chromium's keyframe interval (not yet in TypeScript's DOM types). */
export function recorderOptions(
  mimeType: string,
  videoBitsPerSecond: number,
  audioBitsPerSecond: number,
  timesliceMs: number,
): MediaRecorderOptions {
  return {
    mimeType,
    videoBitsPerSecond,
    audioBitsPerSecond,
    videoKeyFrameIntervalDuration: keyframeIntervalMs(timesliceMs),
  } as MediaRecorderOptions;
}
