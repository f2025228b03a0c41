import { useEffect, useState } from 'react';
import type { PersonaStyle } from '../../../shared/config/interview-config';
import type { VoiceStatus } from '../../../shared/ipc/contract-voice';
import { OPENAI_VOICES, resolveVoice, STYLE_VOICES, type PersonaVoice } from '../../../shared/voice/voices';
import { api } from '../api';
import { Icon } from '../components/Icon';
import { previewVoice, stopPreview } from '../voice/preview';
import type { SpeakerState } from '../voice/speaker';

const SPEEDS = [0.85, 0.9, 1, 1.1, 1.2, 1.35];

/**
 * The interviewer's voice in the New interview form: the online voice and its speed, this computer's
 * voice when it has any, and Preview, which says a sample exactly as the room would.
 */
export function PersonaVoiceField({
  style,
  value,
  onChange,
}: {
  style: PersonaStyle;
  value: PersonaVoice;
  onChange: (voice: PersonaVoice) => void;
}) {
  const [status, setStatus] = useState<VoiceStatus | null>(null);
  const [systemVoices, setSystemVoices] = useState<string[]>([]);
  const [preview, setPreview] = useState<SpeakerState | null>(null);
  useEffect(() => stopPreview, []);

  useEffect(() => {
    let live = true;
    void api.voice.status({}).then((r) => live && setStatus(r.ok ? r.value : null));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (typeof speechSynthesis === 'undefined') return;
    const list = () => setSystemVoices(speechSynthesis.getVoices().map((v) => v.name));
    const timer = setTimeout(list, 0);
    speechSynthesis.addEventListener('voiceschanged', list);
    return () => {
      clearTimeout(timer);
      speechSynthesis.removeEventListener('voiceschanged', list);
    };
  }, []);

  const base = STYLE_VOICES[style];
  const resolved = resolveVoice(style, 0, value);
  const engine = status?.speech.engine ?? null;
  const set = (patch: Partial<PersonaVoice>) => {
    const next: PersonaVoice = { ...value, ...patch };
    for (const key of Object.keys(next) as Array<keyof PersonaVoice>) if (next[key] === undefined) delete next[key];
    onChange(next);
  };

  return (
    <div className="field persona-voice" data-testid="persona-voice">
      <span className="label" id="persona-voice-label">
        Interviewer’s voice
      </span>
      <div className="persona-voice-row" role="group" aria-labelledby="persona-voice-label">
        <select
          aria-label="Online voice"
          value={value.voice ?? ''}
          onChange={(e) => set({ voice: e.target.value || undefined })}
          data-testid="persona-voice-name"
        >
          <option value="">{`Style’s voice (${base.voices[0]})`}</option>
          {OPENAI_VOICES.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
        <select
          aria-label="Speed"
          value={value.speed ?? ''}
          onChange={(e) => set({ speed: e.target.value ? Number(e.target.value) : undefined })}
        >
          <option value="">{`Style’s speed (${base.speed}×)`}</option>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
        {systemVoices.length > 0 && (
          <select
            aria-label="This computer’s voice"
            value={value.systemVoice ?? ''}
            onChange={(e) => set({ systemVoice: e.target.value || undefined })}
          >
            <option value="">This computer: best for the language</option>
            {systemVoices.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        )}
        <button
          type="button"
          className="btn btn-small"
          disabled={engine === null || engine === 'off'}
          title={engine === 'off' ? 'The interviewer does not speak (Settings → Voice)' : undefined}
          onClick={() =>
            previewVoice(resolved, engine === 'online' ? 'online' : 'system', { language: '', volume: 0.9, onState: setPreview })
          }
          data-testid="persona-voice-preview"
        >
          <Icon name="play" size={14} /> {preview?.speaking ? 'Playing…' : 'Preview'}
        </button>
      </div>
      <span className="field-hint" role="status">
        {preview?.notice ??
          (engine === 'online'
            ? `Spoken by ${status?.speech.model} at the model provider.`
            : engine === 'system'
              ? `Spoken by this computer’s voices (${style}: ${resolved.rate > 1 ? 'faster' : resolved.rate < 1 ? 'slower' : 'even'} pace, ${resolved.pitch > 1 ? 'warmer' : resolved.pitch < 1 ? 'flatter' : 'plain'} pitch).`
              : engine === 'off'
                ? 'The interviewer does not speak: Settings → Voice.'
                : '')}
      </span>
    </div>
  );
}
