import { z } from 'zod';

export const RECORDING_STATUSES = ['recording', 'paused', 'completed', 'recovered', 'failed'] as const;
export type RecordingStatusName = (typeof RECORDING_STATUSES)[number];

/**
 * Where the recorder writes no MP4, a recording is made as WebM and converted to MP4 with ffmpeg after
 * the stop: 'pending' while written, 'converting', then 'converted' (the path is the MP4) or 'kept_webm'
 * (the path is the WebM; `error` says why). Null for a recording made as MP4.
 */
export const RECORDING_CONVERSIONS = ['pending', 'converting', 'converted', 'kept_webm'] as const;
export type RecordingConversion = (typeof RECORDING_CONVERSIONS)[number];

export const RecordingPauseSchema = z.object({
  /** Session-clock ms when the recording was paused, and when it resumed (null: still paused, or stopped while paused). */
  atMs: z.number(),
  resumedAtMs: z.number().nullable(),
});
export type RecordingPause = z.infer<typeof RecordingPauseSchema>;

export const RecordingStatsSchema = z.object({
  chunks: z.number().int(),
  duplicates: z.number().int(),
  gaps: z.number().int(),
  missing: z.number().int(),
  bufferedChunks: z.number().int(),
  bufferedBytes: z.number().int(),
  syncs: z.number().int(),
});

export const RecordingSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  path: z.string(),
  status: z.enum(RECORDING_STATUSES),
  mimeType: z.string(),
  bytes: z.number().int().min(0),
  lastSeq: z.number().int(),
  /** Where the first frame sits on the session clock (ms from session start). */
  startOffsetMs: z.number().nullable(),
  /** Where the last frame sits on the session clock (null until stopped, or when the app died first). */
  endOffsetMs: z.number().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  error: z.string().nullable(),
  stats: RecordingStatsSchema.nullable(),
  pauses: z.array(RecordingPauseSchema),
  conversion: z.enum(RECORDING_CONVERSIONS).nullable().default(null),
});
export type RecordingInfo = z.infer<typeof RecordingSchema>;

/** What a consent covers, each shown to the candidate in words before they decide. */
export const CONSENT_ITEMS = ['screen', 'microphone', 'systemAudio', 'code', 'conversation'] as const;
export type ConsentItem = (typeof CONSENT_ITEMS)[number];

export const CONSENT_ITEM_LABELS: Record<ConsentItem, string> = {
  screen: 'Your screen (the screen or window you choose)',
  microphone: 'Your microphone',
  systemAudio: 'System audio, where your operating system allows it',
  code: 'Your code: every edit and every run',
  conversation: 'The conversation with the interviewer',
};

export const CONSENT_DECISIONS = ['granted', 'declined'] as const;

export const ConsentSchema = z.object({
  sessionId: z.string(),
  decision: z.enum(CONSENT_DECISIONS),
  /** What the candidate agreed to have recorded (empty when declined). */
  items: z.array(z.enum(CONSENT_ITEMS)),
  /** The folder the recording is written to, as shown. */
  storedIn: z.string(),
  /** Where the data may be sent, as shown. */
  mayBeSentTo: z.string(),
  decidedAt: z.string(),
});
export type Consent = z.infer<typeof ConsentSchema>;

/** The wording of "where it may be sent", stored with each consent so a reviewer sees what was agreed to. */
/**
 * The consent names sending spoken answers to the model provider in these words; the voice service
 * transcribes an answer only for a session whose stored consent contains them (docs/voice.md).
 */
export const VOICE_CONSENT_PHRASE = 'your spoken answers, as audio, to be transcribed';

export const CONSENT_DESTINATIONS =
  'Nowhere by default: everything stays on this computer. It leaves only when you export a session or sync it to your team, ' +
  'and then code and conversation are PII-redacted first. The interviewer’s AI service receives the conversation and your code while you talk to it ' +
  `(with ${VOICE_CONSENT_PHRASE}, when you answer out loud), never the video.`;

/**
 * Where a session-clock moment (ms from session start) falls in the recording's video, in ms, or
 * null when the recording was paused then (or had not started). MediaRecorder leaves paused time out
 * of the file, so each pause before the moment is subtracted.
 */
export function videoTimeAt(
  offsetMs: number,
  startOffsetMs: number | null,
  pauses: readonly RecordingPause[],
  endOffsetMs = Infinity,
): number | null {
  if (startOffsetMs === null || offsetMs < startOffsetMs || offsetMs > endOffsetMs) return null;
  let paused = 0;
  for (const p of pauses) {
    if (p.atMs >= offsetMs) break;
    const resumed = p.resumedAtMs ?? Infinity;
    if (offsetMs < resumed) return null;
    paused += resumed - p.atMs;
  }
  return offsetMs - startOffsetMs - paused;
}
