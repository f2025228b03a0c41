import type { RecordingSettings } from '../../../shared/settings/recording';
import type { CaptureInputs } from './capture-devices';
import { peakLevel } from './capture-devices';
import { recorderOptions, timesliceOf } from './media-support';

export interface TestRecordingResult {
  /** The test clip, for playback in the check (kept in memory only, never written). */
  blob: Blob;
  width: number;
  height: number;
  frameRate: number | null;
  /** Loudest microphone sample during the test (0…1); null without a microphone. */
  micPeak: number | null;
  mimeType: string;
}

/** Below this the microphone is taken as silent (muted, or the wrong device). */
export const SILENT_PEAK = 0.01;

/**
 * Records `seconds` of the real capture chain (the same inputs, mix and MP4 type as the interview)
 * into memory, so problems show before the interview rather than in the recording.
 */
export async function recordTest(
  inputs: CaptureInputs,
  mimeType: string,
  settings: RecordingSettings,
  seconds = 3,
): Promise<TestRecordingResult> {
  const recorder = new MediaRecorder(
    inputs.recordable,
    recorderOptions(mimeType, settings.videoBitsPerSecond, settings.audioBitsPerSecond, timesliceOf(settings)),
  );
  const parts: Blob[] = [];
  recorder.addEventListener('dataavailable', (e) => e.data.size > 0 && parts.push(e.data));
  let micPeak: number | null = inputs.micAnalyser ? 0 : null;
  const buffer = inputs.micAnalyser ? new Float32Array(inputs.micAnalyser.fftSize) : null;
  const sampler = window.setInterval(() => {
    if (inputs.micAnalyser && buffer && micPeak !== null) micPeak = Math.max(micPeak, peakLevel(inputs.micAnalyser, buffer));
  }, 50);
  try {
    await new Promise<void>((resolve, reject) => {
      recorder.addEventListener('stop', () => resolve(), { once: true });
      recorder.addEventListener(
        'error',
        (e) => reject(new Error(`The test recording failed: ${(e as unknown as { error?: Error }).error?.message ?? 'unknown error'}`)),
        { once: true },
      );
      recorder.start(500);
      window.setTimeout(() => recorder.state !== 'inactive' && recorder.stop(), seconds * 1000);
    });
  } finally {
    window.clearInterval(sampler);
  }
  const settingsOfTrack = inputs.videoTrack?.getSettings() ?? {};
  return {
    blob: new Blob(parts, { type: recorder.mimeType || mimeType }),
    width: settingsOfTrack.width ?? 0,
    height: settingsOfTrack.height ?? 0,
    frameRate: settingsOfTrack.frameRate ?? null,
    micPeak,
    mimeType: recorder.mimeType || mimeType,
  };
}
