import { useCallback, useEffect, useState } from 'react';
import type { VoiceStatus } from '../../../shared/ipc/contract-voice';
import type { Settings } from '../../../shared/settings';
import type { VoiceSettings } from '../../../shared/voice/settings';
import { api, unwrap } from '../api';
import { setSpeakerVolume } from './audio-bus';
import { Speaker, type SpeakerState, type SpokenSpan } from './speaker';

export interface VoiceController {
  status: VoiceStatus | null;
  settings: VoiceSettings | null;
  /** The whole settings document (dictation needs the recording's microphone). */
  all: Settings | null;
  speaker: Speaker;
  state: SpeakerState;
  setMuted(muted: boolean): void;
  setVolume(volume: number): void;
}

/**
 * The interviewer's voice in the room: the voice settings (mute and volume are saved as they change,
 * so the next interview starts the same), which engine speaks, and the Speaker that says each turn.
 * `onSpoken` receives the span of every turn that was spoken.
 */
export function useVoice(sessionId: string, clock: () => number, onSpoken: (span: SpokenSpan) => void): VoiceController {
  const [status, setStatus] = useState<VoiceStatus | null>(null);
  const [all, setAll] = useState<Settings | null>(null);
  const [state, setState] = useState<SpeakerState>({ speaking: false, engine: null, notice: null });

  useEffect(() => {
    let live = true;
    void unwrap(api.settings.get()).then(
      (s) => live && setAll(s),
      () => undefined,
    );
    const off = api.settings.onChanged((s) => live && setAll(s));
    return () => {
      live = false;
      off();
    };
  }, []);

  useEffect(() => {
    let live = true;
    void unwrap(api.voice.status({ sessionId })).then(
      (s) => live && setStatus(s),
      () => undefined,
    );
    return () => {
      live = false;
    };
    // The status follows the settings (offline switch, engine, speak).
  }, [sessionId, all]);

  const [speaker] = useState(() => new Speaker(setState));
  useEffect(() => () => speaker.stop(), [speaker]);

  const voice = all?.voice ?? null;
  useEffect(() => {
    const volume = voice ? (voice.muted ? 0 : voice.volume) : 1;
    setSpeakerVolume(volume);
    // Until the status is known turns wait in the speaker (an unknown engine is not "off").
    if (!status) return;
    speaker.configure({
      engine: status.speech.engine,
      language: voice?.language ?? '',
      muted: voice?.muted ?? false,
      volume,
      speechFormat: voice?.speechFormat ?? 'mp3',
      clock,
      onSpoken,
    });
  }, [speaker, status, voice, clock, onSpoken]);

  const save = useCallback((patch: Partial<VoiceSettings>) => {
    setAll((s) => (s ? { ...s, voice: { ...s.voice, ...patch } } : s));
    void api.settings.update({ voice: patch });
  }, []);

  return {
    status,
    settings: voice,
    all,
    speaker,
    state,
    setMuted: (muted) => save({ muted }),
    setVolume: (volume) => save({ volume: Math.round(volume * 100) / 100 }),
  };
}
