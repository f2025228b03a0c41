import { z } from 'zod';

export const TTS_FORMATS = ['mp3', 'wav', 'opus', 'aac', 'flac'] as const;
export const VOICE_ENGINES = ['auto', 'online', 'system'] as const;
export type VoiceEngineChoice = (typeof VOICE_ENGINES)[number];
export const TRANSCRIPTION_ENGINES = ['auto', 'online', 'local'] as const;

/**
 * The `voice` settings section (Settings → Voice): whether the interviewer speaks, with which engine,
 * and how the candidate's spoken answers are transcribed. The endpoint and its key are the
 * interviewer's (Settings → Interviewer); nothing here sends anything anywhere by itself.
 */
export const VoiceSettingsSchema = z.strictObject({
  /** The interviewer speaks its replies (captions show either way). */
  speak: z.boolean().default(true),
  /**
   * `auto`: the endpoint's speech when the interviewer's model is reachable, else the system's voices;
   * `online` / `system`: that one only (`online` still falls back, and says so, when it fails).
   */
  engine: z.enum(VOICE_ENGINES).default('auto'),
  speechModel: z.string().trim().min(1, 'must not be empty').max(200).default('gpt-4o-mini-tts'),
  speechFormat: z.enum(TTS_FORMATS).default('mp3'),
  /** Milliseconds one sentence's synthesis may take before that sentence falls back to the system voice. */
  speechTimeoutMs: z.number().int().min(1000, 'at least 1 000 ms').max(60_000, 'at most 60 000 ms').default(8000),
  volume: z.number().min(0).max(1).default(0.9),
  muted: z.boolean().default(false),
  transcriptionModel: z.string().trim().min(1, 'must not be empty').max(200).default('gpt-4o-mini-transcribe'),
  /**
   * Who transcribes spoken answers. `auto`: the model provider when it is reachable and the interview's
   * consent allows sending it the candidate's voice, else the model on this computer (when one is chosen);
   * `online` / `local`: that one only.
   */
  transcriptionEngine: z.enum(TRANSCRIPTION_ENGINES).default('auto'),
  /** A whisper.cpp model file (ggml-….bin) for speech to text on this computer; empty: none. Set through `voice:setLocalModel`, which checks it. */
  localModelPath: z.string().max(4096).default(''),
  /** ISO 639-1 hint for transcription and the system voice ("en"); empty lets the model detect it. */
  language: z
    .string()
    .trim()
    .regex(/^([a-z]{2}(-[A-Z]{2})?)?$/, 'must be a language code such as en or en-GB, or empty')
    .default('en'),
  /** Send a transcribed answer at once instead of placing it in the composer to check first. */
  sendAtOnce: z.boolean().default(false),
  /** Milliseconds one chunk's transcription may take before the answer falls back to typing. */
  transcriptionTimeoutMs: z.number().int().min(2000, 'at least 2 000 ms').max(300_000, 'at most 300 000 ms').default(60_000),
});
export type VoiceSettings = z.infer<typeof VoiceSettingsSchema>;
