import type { ResolvedVoice } from '../../../shared/voice/voices';
import { Speaker, type SpeakerState, type SpeechEngineName } from './speaker';

export const PREVIEW_TEXT = "Hello, I'll be your interviewer today. Let's start with a warm-up question. What does `O(log n)` mean to you?";

let current: Speaker | null = null;

/**
 * Says a sample with a voice, through the same speaker as the room (the same engine, fallbacks and
 * prosody), so what the Preview button plays is what the interview will sound like.
 */
export function previewVoice(
  voice: ResolvedVoice,
  engine: SpeechEngineName,
  options: { language: string; volume: number; onState: (state: SpeakerState) => void },
): () => void {
  current?.stop();
  const speaker = new Speaker(options.onState);
  speaker.configure({
    engine,
    language: options.language,
    muted: false,
    volume: options.volume,
    speechFormat: 'mp3',
    clock: () => performance.now(),
    onSpoken: () => undefined,
  });
  speaker.say(0, 'question', PREVIEW_TEXT, undefined, voice);
  current = speaker;
  return () => speaker.stop();
}

/** Stops a preview still playing (its form or section is closing). */
export function stopPreview(): void {
  current?.stop();
  current = null;
}
