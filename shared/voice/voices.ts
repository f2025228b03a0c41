import { z } from 'zod';
import type { PersonaStyle } from '../config/interview-config';

/**
 * A persona's voice (docs/voice.md, "Voices"): what the online voice and the system's voice are
 * asked for. Everything is optional; what a persona leaves out comes from its style.
 */
export const OPENAI_VOICES = [
  'alloy',
  'ash',
  'ballad',
  'coral',
  'echo',
  'fable',
  'nova',
  'onyx',
  'sage',
  'shimmer',
  'verse',
  'marin',
  'cedar',
] as const;

/** OpenAI-compatible servers name their own voices, so any short name is accepted. */
const VoiceNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[\w .()'-]+$/, "may use letters, digits, spaces and . ( ) ' - only");

export const PersonaVoiceSchema = z.strictObject({
  /** Online speech: the endpoint's voice and speed. */
  voice: VoiceNameSchema.optional(),
  speed: z.number().min(0.5, 'at least 0.5').max(2, 'at most 2').optional(),
  /** The system voice's name as `speechSynthesis.getVoices()` lists it; null or absent: the best for the language. */
  systemVoice: z.string().trim().max(200).nullable().optional(),
  rate: z.number().min(0.5, 'at least 0.5').max(2, 'at most 2').optional(),
  pitch: z.number().min(0, 'at least 0').max(2, 'at most 2').optional(),
});
export type PersonaVoice = z.infer<typeof PersonaVoiceSchema>;

/** A voice with every field decided. */
export interface ResolvedVoice {
  voice: string;
  speed: number;
  systemVoice: string | null;
  rate: number;
  pitch: number;
}

/**
 * What each style sounds like when a persona sets nothing: tough is faster and flatter, friendly
 * warmer (a little higher, unhurried), neutral plain. Panels of one style get different voices by
 * their place in the panel.
 */
export const STYLE_VOICES: Record<PersonaStyle, { voices: readonly string[]; speed: number; rate: number; pitch: number }> = {
  friendly: { voices: ['coral', 'shimmer', 'nova'], speed: 1, rate: 0.98, pitch: 1.15 },
  tough: { voices: ['onyx', 'ash', 'echo'], speed: 1.1, rate: 1.15, pitch: 0.85 },
  neutral: { voices: ['alloy', 'sage', 'verse'], speed: 1, rate: 1, pitch: 1 },
};

export function resolveVoice(style: PersonaStyle, index: number, voice: PersonaVoice | undefined): ResolvedVoice {
  const base = STYLE_VOICES[style];
  return {
    voice: voice?.voice ?? base.voices[Math.max(0, index) % base.voices.length]!,
    speed: voice?.speed ?? base.speed,
    systemVoice: voice?.systemVoice ?? null,
    rate: voice?.rate ?? base.rate,
    pitch: voice?.pitch ?? base.pitch,
  };
}

/** What `speechSynthesis.getVoices()` tells about a voice, without the DOM type. */
export interface SystemVoiceInfo {
  name: string;
  lang: string;
  localService: boolean;
  default: boolean;
}

/**
 * The system voice to speak with: the one asked for by name when it is there, else one for the
 * language (on this computer before a network one, the system's default first), else any. Null when
 * the system has no voices at all.
 */
export function pickSystemVoice<V extends SystemVoiceInfo>(voices: readonly V[], wanted: string | null, language: string): V | null {
  if (voices.length === 0) return null;
  if (wanted) {
    const exact = voices.find((v) => v.name === wanted);
    if (exact) return exact;
  }
  const lang = language.toLowerCase();
  const primary = lang.split('-')[0] ?? lang;
  const score = (v: V) => {
    const vl = v.lang.toLowerCase().replace('_', '-');
    return (vl === lang ? 8 : vl.split('-')[0] === primary ? 4 : 0) + (v.localService ? 2 : 0) + (v.default ? 1 : 0);
  };
  return [...voices].sort((a, b) => score(b) - score(a))[0] ?? null;
}
