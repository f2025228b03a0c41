import { z } from 'zod';
import { CONSENT_DECISIONS, CONSENT_ITEMS, ConsentSchema, RecordingSchema } from '../recording/model';
import { SessionIdSchema } from '../telemetry/schema';

/**
 * Recording: consent, capture sources, the chunk stream from MediaRecorder to the writer in main,
 * disk space, playback URL and reveal-in-folder.
 *
 * `recording:chunk` carries the bytes as a Uint8Array. Electron's IPC clones it as is; the browser
 * harness sends it base64 over its binding and turns it back into a Uint8Array before this schema
 * sees it, so the contract (and the validation) is the same for both.
 */

/** Largest chunk accepted: at 20 Mbps a 10 s timeslice is 25 MB, so 64 MB leaves room and still bounds memory. */
export const MAX_CHUNK_BYTES = 64 * 1024 * 1024;

const RecordingIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'is not a recording id');
const ByRecording = z.strictObject({ recordingId: RecordingIdSchema });
const SessionOffsetSchema = z.number().finite().min(0, 'must be ≥ 0');

export const CaptureSourceSchema = z.object({
  /** desktopCapturer's id (`screen:…` / `window:…`). */
  id: z.string(),
  name: z.string(),
  kind: z.enum(['screen', 'window']),
  /** A PNG data URL, or null when the platform gives none. */
  thumbnail: z.string().nullable(),
});
export type CaptureSource = z.infer<typeof CaptureSourceSchema>;

export const DiskStatusSchema = z.object({
  freeBytes: z.number().min(0),
  totalBytes: z.number().min(0),
  /** 'low': warn; 'stop': stop now, while the file can still be closed cleanly. */
  verdict: z.enum(['ok', 'low', 'stop']),
  /** Free bytes below which recording stops, for the bitrate asked about. */
  stopBelowBytes: z.number().min(0),
  /** Recording time left before the stop threshold, in seconds. */
  secondsLeft: z.number().min(0),
});
export type DiskStatus = z.infer<typeof DiskStatusSchema>;

/** Whether ffmpeg is there to convert the WebM fallback to MP4. */
export const FfmpegStatusSchema = z.object({
  available: z.boolean(),
  /** The binary found (or named by the setting/environment and missing). */
  path: z.string().nullable(),
  /** `ffmpeg -version`'s version, when it runs. */
  version: z.string().nullable(),
  /** Why it cannot be used, when it cannot. */
  reason: z.string().nullable(),
});
export type FfmpegStatus = z.infer<typeof FfmpegStatusSchema>;

const AppendResultSchema = z.object({
  outcome: z.enum(['written', 'held', 'duplicate']),
  bytes: z.number().int(),
  lastSeq: z.number().int(),
  buffered: z.number().int(),
  backpressure: z.boolean(),
});
export type ChunkResult = z.infer<typeof AppendResultSchema>;

export const ChunkInputSchema = z.strictObject({
  recordingId: RecordingIdSchema,
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  bytes: z
    .instanceof(Uint8Array, { message: 'must be bytes (a Uint8Array)' })
    .refine((b) => b.byteLength > 0, 'must not be empty')
    .refine((b) => b.byteLength <= MAX_CHUNK_BYTES, `must be at most ${MAX_CHUNK_BYTES / (1024 * 1024)} MB`),
});

export const recordingInvokeContract = {
  'recording:consent': {
    input: z.strictObject({
      sessionId: SessionIdSchema,
      decision: z.enum(CONSENT_DECISIONS),
      /** What is agreed to; required (and non-empty) for 'granted', ignored for 'declined'. */
      items: z.array(z.enum(CONSENT_ITEMS)).max(CONSENT_ITEMS.length).default([]),
      /** The separate answer to "may this interview be sent to the team's server?", asked when one is set up. */
      sync: z.enum(CONSENT_DECISIONS).optional(),
    }),
    output: ConsentSchema,
  },
  'recording:getConsent': { input: z.strictObject({ sessionId: SessionIdSchema }), output: ConsentSchema.nullable() },
  /** Every session's consent decision, for the library's "not recorded" marks. */
  'recording:consents': { input: z.strictObject({}).optional(), output: z.array(ConsentSchema) },
  /** Screens and windows to record, with thumbnails (Electron); empty where the browser's own picker is used. */
  'recording:sources': { input: z.strictObject({}).optional(), output: z.array(CaptureSourceSchema) },
  /** Which source the next getDisplayMedia call gets. */
  'recording:selectSource': { input: z.strictObject({ sourceId: z.string().min(1).max(256) }), output: z.object({ sourceId: z.string() }) },
  'recording:start': {
    input: z.strictObject({
      sessionId: SessionIdSchema,
      mimeType: z.string().min(1).max(200),
      startOffsetMs: SessionOffsetSchema.nullable().optional(),
    }),
    output: RecordingSchema,
  },
  /** Where the first frame sits on the session clock, once MediaRecorder has started. */
  'recording:setOffset': {
    input: z.strictObject({ recordingId: RecordingIdSchema, startOffsetMs: SessionOffsetSchema }),
    output: RecordingSchema,
  },
  'recording:chunk': { input: ChunkInputSchema, output: AppendResultSchema },
  'recording:pause': { input: z.strictObject({ recordingId: RecordingIdSchema, atMs: SessionOffsetSchema }), output: RecordingSchema },
  'recording:resume': { input: z.strictObject({ recordingId: RecordingIdSchema, atMs: SessionOffsetSchema }), output: RecordingSchema },
  /** `atMs`: the session clock when MediaRecorder was stopped (the last frame). */
  'recording:stop': {
    input: z.strictObject({ recordingId: RecordingIdSchema, atMs: SessionOffsetSchema.optional() }),
    output: RecordingSchema,
  },
  'recording:get': { input: ByRecording, output: RecordingSchema },
  /** A session's recordings, oldest first; without a session, every recording (the library's marks). */
  'recording:list': { input: z.strictObject({ sessionId: SessionIdSchema.optional() }), output: z.array(RecordingSchema) },
  /** Free space where recordings are written, judged for a bitrate (bits per second, audio + video). */
  'recording:disk': { input: z.strictObject({ bitsPerSecond: z.number().positive().max(1e9) }), output: DiskStatusSchema },
  /** The URL the renderer plays a recording from (app's media protocol; byte ranges supported). */
  'recording:media': { input: ByRecording, output: z.object({ url: z.string(), mimeType: z.string() }) },
  /** Whether ffmpeg is there to convert a WebM recording to MP4 (asked when the recorder writes no MP4). */
  'recording:ffmpeg': { input: z.strictObject({}).optional(), output: FfmpegStatusSchema },
  /** Shows the recording's file in the system file manager. */
  'recording:reveal': { input: ByRecording, output: z.object({ path: z.string(), revealed: z.boolean() }) },
} as const;

export const recordingEventContract = {
  /** A recording changed status (paused, resumed, completed, failed — also failures found in the background). */
  'recording:state': RecordingSchema,
} as const;
