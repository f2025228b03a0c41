import { z } from 'zod';
import { SessionIdSchema } from '../telemetry/schema';
import { TTS_FORMATS } from '../voice/settings';

/**
 * Voice (docs/voice.md): the online speech engine in main (the endpoint's key never reaches the
 * renderer) and the transcription of the candidate's spoken answers. The system voice
 * (`speechSynthesis`) lives in the renderer and needs no call.
 *
 * `voice:transcribe` takes one chunk of an answer as a WAV file (bytes: Electron clones them, the
 * harness carries them base64); a long answer is sent chunk by chunk, so neither side holds all of it.
 */

/** 60 s of 16 kHz mono 16-bit audio is under 2 MB; 8 MB leaves room for a 48 kHz chunk and bounds memory. */
export const MAX_TRANSCRIBE_CHUNK_BYTES = 8 * 1024 * 1024;
/** One sentence at a time is synthesised; a model's reply is capped at 1,500 characters anyway. */
export const MAX_SPEECH_CHARS = 1500;

export const SpeechStatusSchema = z.object({
  /** What speaks: the endpoint, the system's voices, or nothing (turned off). */
  engine: z.enum(['online', 'system', 'off']),
  /** Why the endpoint is not used, when a model is configured but speech comes from the system. */
  reason: z.string().nullable(),
  model: z.string().nullable(),
});

/** A whisper.cpp model file on this computer, as its check found it. */
export const LocalModelInfoSchema = z.object({
  path: z.string(),
  fileName: z.string(),
  bytes: z.number().int().min(0),
  modifiedMs: z.number(),
  /** The released model it matches by shape: tiny.en, base, small.en, large-v3-turbo … */
  model: z.string(),
  multilingual: z.boolean(),
  /** How its weights are stored: f16, q5_0, q8_0 … */
  format: z.string(),
  parameters: z.number().int().min(0),
});
export type LocalModelInfo = z.infer<typeof LocalModelInfoSchema>;

/** The model file chosen in Settings → Voice: checked, or why it cannot be used. */
export const LocalModelStatusSchema = z.object({
  path: z.string(),
  info: LocalModelInfoSchema.nullable(),
  problem: z.string().nullable(),
});
export type LocalModelStatus = z.infer<typeof LocalModelStatusSchema>;

export const TranscriptionStatusSchema = z.object({
  available: z.boolean(),
  engine: z.enum(['online', 'local']).nullable(),
  model: z.string().nullable(),
  /** Why spoken answers cannot be transcribed (the Speak button shows it); null when they can. */
  reason: z.string().nullable(),
});

export const VoiceStatusSchema = z.object({
  speech: SpeechStatusSchema,
  transcription: TranscriptionStatusSchema,
  /** The speech-to-text model on this computer; null when none is chosen. */
  localModel: LocalModelStatusSchema.nullable(),
});
export type VoiceStatus = z.infer<typeof VoiceStatusSchema>;

export const SpeechInputSchema = z.strictObject({
  text: z.string().trim().min(1, 'must not be empty').max(MAX_SPEECH_CHARS, `must be at most ${MAX_SPEECH_CHARS} characters`),
  voice: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[\w .()'-]+$/, 'is not a voice name'),
  /** The persona's speed times the sentence's directive. */
  speed: z.number().min(0.25).max(4),
  /** Words the directive stresses; passed to models that take instructions. */
  emphasis: z.array(z.string().min(1).max(80)).max(8).default([]),
  format: z.enum(TTS_FORMATS).optional(),
});
export type SpeechInput = z.input<typeof SpeechInputSchema>;

export const SpeechOutputSchema = z.object({
  /** The audio file, base64 (plain JSON: both transports carry it as is). */
  audioBase64: z.string(),
  mimeType: z.string(),
  model: z.string(),
  latencyMs: z.number().min(0),
});
export type SpeechOutput = z.infer<typeof SpeechOutputSchema>;

export const TranscribeInputSchema = z.strictObject({
  sessionId: SessionIdSchema,
  /** One chunk of the answer: a WAV file. */
  audio: z
    .instanceof(Uint8Array, { message: 'must be bytes (a Uint8Array)' })
    .refine((b) => b.byteLength > 44, 'must be a WAV file with audio in it')
    .refine((b) => b.byteLength <= MAX_TRANSCRIBE_CHUNK_BYTES, `must be at most ${MAX_TRANSCRIBE_CHUNK_BYTES / (1024 * 1024)} MB`),
  /** Where the chunk starts within the answer, so segments come back on the answer's clock. */
  startMs: z.number().finite().min(0).default(0),
});

export const TranscriptSegmentSchema = z.object({ startMs: z.number().min(0), endMs: z.number().min(0), text: z.string() });
export const TranscribeOutputSchema = z.object({
  text: z.string(),
  segments: z.array(TranscriptSegmentSchema),
  model: z.string(),
  /** Which engine transcribed it. */
  engine: z.enum(['online', 'local']),
  /** The request's own time, from sending the chunk to its text. */
  latencyMs: z.number().min(0),
  /** The chunk's length, from its WAV header. */
  audioMs: z.number().min(0),
});
export type TranscribeOutput = z.infer<typeof TranscribeOutputSchema>;

export const voiceInvokeContract = {
  'voice:status': {
    input: z.strictObject({ sessionId: SessionIdSchema.optional() }).optional(),
    output: VoiceStatusSchema,
  },
  'voice:synthesize': { input: SpeechInputSchema, output: SpeechOutputSchema },
  'voice:transcribe': { input: TranscribeInputSchema, output: TranscribeOutputSchema },
  /** The system "Open" dialog for a whisper.cpp model file; null when cancelled. Only inside the app. */
  'voice:pickLocalModel': { input: z.strictObject({}).optional(), output: z.object({ path: z.string().nullable() }) },
  /**
   * Checks a model file and, when it is one, stores it as the model for speech to text on this computer
   * (`path: null` forgets it). A file that is not a usable model is `invalid_input` with what is wrong,
   * and the stored choice stays as it was.
   */
  'voice:setLocalModel': {
    input: z.strictObject({ path: z.string().trim().min(1, 'must not be empty').max(4096).nullable() }),
    output: LocalModelStatusSchema.nullable(),
  },
} as const;
