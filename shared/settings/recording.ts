import { z } from 'zod';

/** MediaRecorder never gets a timeslice below this: smaller chunks cost more IPC and fsync work than they save. */
export const MIN_TIMESLICE_MS = 250;

export const RECORDING_MAX_HEIGHTS = [480, 720, 1080, 1440, 2160] as const;
export const RECORDING_FPS = [15, 24, 30, 60] as const;

/**
 * The `recording` settings section: what the capture asks MediaRecorder for. Every field has a
 * default, so a stored document from an older version (or none at all) still parses to a full section.
 */
export const RecordingSettingsSchema = z.strictObject({
  /** The screen is scaled down to at most this many lines (never up). */
  maxHeight: z
    .number()
    .int()
    .refine((v) => (RECORDING_MAX_HEIGHTS as readonly number[]).includes(v), {
      message: `must be one of ${RECORDING_MAX_HEIGHTS.join(', ')}`,
    })
    .default(1080),
  fps: z
    .number()
    .int()
    .refine((v) => (RECORDING_FPS as readonly number[]).includes(v), { message: `must be one of ${RECORDING_FPS.join(', ')}` })
    .default(30),
  /** Video bits per second. */
  videoBitsPerSecond: z.number().int().min(250_000, 'at least 0.25 Mbps').max(20_000_000, 'at most 20 Mbps').default(2_500_000),
  /** Audio bits per second (the mixed microphone + system audio track). */
  audioBitsPerSecond: z.number().int().min(32_000, 'at least 32 kbps').max(320_000, 'at most 320 kbps').default(128_000),
  /** How often MediaRecorder hands over a chunk, i.e. at most this much is lost if the machine dies. */
  timesliceMs: z.number().int().min(MIN_TIMESLICE_MS, `at least ${MIN_TIMESLICE_MS} ms`).max(10_000, 'at most 10 000 ms').default(1000),
  /** The microphone chosen last time (a MediaDeviceInfo.deviceId), tried first next time. */
  preferredMicrophoneId: z.string().max(512).nullable().default(null),
  /** Mix the system audio in when the OS offers it with the screen. */
  includeSystemAudio: z.boolean().default(true),
  /** The ffmpeg that converts a WebM fallback recording to MP4; null: $INTERVIEW_RECORDER_FFMPEG, else PATH. */
  ffmpegPath: z.string().trim().max(4096, 'at most 4096 characters').nullable().default(null),
});
export type RecordingSettings = z.infer<typeof RecordingSettingsSchema>;
