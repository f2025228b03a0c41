import { useEffect, useState } from 'react';
import type { VoiceStatus } from '../../../shared/ipc/contract-voice';
import { resolveVoice } from '../../../shared/voice/voices';
import { TTS_FORMATS, type VoiceSettings } from '../../../shared/voice/settings';
import { api } from '../api';
import { Icon } from '../components/Icon';
import { previewVoice, stopPreview } from '../voice/preview';
import type { SpeakerState } from '../voice/speaker';
import type { SettingsSectionProps } from './section';

type TypedField = 'speechModel' | 'transcriptionModel' | 'language' | 'speechTimeoutMs' | 'transcriptionTimeoutMs';

const ENGINE_LABELS = {
  auto: 'Automatic',
  online: 'The model provider’s voice',
  system: 'This computer’s voices only',
} as const;

/** Settings → Voice: whether and how the interviewer speaks, and how spoken answers are transcribed. */
export function VoiceSettingsSection({ settings, save }: SettingsSectionProps) {
  const values = settings.voice;
  const [status, setStatus] = useState<VoiceStatus | null>(null);
  const [systemVoices, setSystemVoices] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [typed, setTyped] = useState<Record<TypedField, string>>(() => ({
    speechModel: values.speechModel,
    transcriptionModel: values.transcriptionModel,
    language: values.language,
    speechTimeoutMs: String(values.speechTimeoutMs),
    transcriptionTimeoutMs: String(values.transcriptionTimeoutMs),
  }));
  const [preview, setPreview] = useState<SpeakerState | null>(null);
  useEffect(() => stopPreview, []);

  useEffect(() => {
    let live = true;
    void api.voice.status({}).then((r) => live && setStatus(r.ok ? r.value : null));
    return () => {
      live = false;
    };
  }, [settings]);

  useEffect(() => {
    if (typeof speechSynthesis === 'undefined') return;
    const count = () => setSystemVoices(speechSynthesis.getVoices().length);
    const timer = setTimeout(count, 0);
    speechSynthesis.addEventListener('voiceschanged', count);
    return () => {
      clearTimeout(timer);
      speechSynthesis.removeEventListener('voiceschanged', count);
    };
  }, []);

  const change = async (patch: Partial<VoiceSettings>) => {
    setSaved(false);
    const problem = await save({ voice: patch });
    setError(problem);
    setSaved(problem === null);
  };

  const commit = (field: TypedField) => {
    const raw = typed[field].trim();
    const numeric = field === 'speechTimeoutMs' || field === 'transcriptionTimeoutMs';
    if (raw === String(values[field])) return;
    void change({ [field]: numeric ? Number(raw) : raw } as Partial<VoiceSettings>);
  };

  const text = (field: TypedField, label: string, hint: string) => (
    <label className="field">
      <span className="label">{label}</span>
      <input
        aria-label={label}
        value={typed[field]}
        inputMode={field.endsWith('Ms') ? 'numeric' : undefined}
        onChange={(e) => setTyped((t) => ({ ...t, [field]: e.target.value }))}
        onBlur={() => commit(field)}
        onKeyDown={(e) => e.key === 'Enter' && commit(field)}
      />
      <span className="field-hint">{hint}</span>
    </label>
  );

  const speechEngine = status?.speech.engine ?? null;
  const startPreview = () => {
    if (!status || speechEngine === 'off') return;
    previewVoice(resolveVoice('neutral', 0, undefined), speechEngine === 'online' ? 'online' : 'system', {
      language: values.language,
      volume: values.volume,
      onState: setPreview,
    });
  };

  return (
    <fieldset className="card settings-section" aria-labelledby="settings-voice" data-testid="voice-settings">
      <legend id="settings-voice">Voice</legend>
      <p className="muted settings-intro">
        The interviewer speaks its replies while captions show the words, and candidates can answer out loud. The model provider under
        Interviewer speaks and transcribes; this computer’s voices speak when it is not reachable. A persona’s own voice is chosen in the
        New interview form.
      </p>
      <div className="voice-status" role="status" data-testid="voice-status">
        <p>
          <Icon name={speechEngine === 'off' ? 'mute' : 'volume'} size={16} />{' '}
          {status === null
            ? 'Checking…'
            : speechEngine === 'off'
              ? 'The interviewer does not speak: captions only.'
              : speechEngine === 'online'
                ? `The interviewer speaks with ${status.speech.model} at the model provider.`
                : `The interviewer speaks with this computer’s voices${systemVoices === 0 ? ' — but none are installed, so captions only' : systemVoices ? ` (${systemVoices} installed)` : ''}.${status.speech.reason ? ` ${status.speech.reason}` : ''}`}
        </p>
        <p>
          <Icon name="mic" size={16} />{' '}
          {status === null
            ? 'Checking…'
            : status.transcription.available
              ? `Spoken answers are transcribed by ${status.transcription.model} at the model provider, for interviews whose consent allows it.`
              : `${status.transcription.reason} No speech-to-text model runs on this computer.`}
        </p>
        <button
          type="button"
          className="btn btn-small"
          onClick={startPreview}
          disabled={!status || speechEngine === 'off'}
          data-testid="voice-preview"
        >
          <Icon name="play" size={14} /> {preview?.speaking ? 'Playing…' : 'Preview'}
        </button>
        {preview?.notice && <p className="field-hint">{preview.notice}</p>}
      </div>
      <div className="settings-grid">
        <label className="field field-checkbox">
          <span className="checkbox-row">
            <input type="checkbox" checked={values.speak} onChange={(e) => void change({ speak: e.target.checked })} />
            <span className="label">The interviewer speaks its replies</span>
          </span>
          <span className="field-hint">Off: captions only. Each interview can also be muted from the interviewer panel.</span>
        </label>
        <label className="field field-checkbox">
          <span className="checkbox-row">
            <input type="checkbox" checked={values.sendAtOnce} onChange={(e) => void change({ sendAtOnce: e.target.checked })} />
            <span className="label">Send a spoken answer as soon as it is transcribed</span>
          </span>
          <span className="field-hint">Off: the text waits in the answer box to be checked and sent.</span>
        </label>
        <label className="field">
          <span className="label">Voice</span>
          <select
            aria-label="Voice engine"
            value={values.engine}
            onChange={(e) => void change({ engine: e.target.value as VoiceSettings['engine'] })}
          >
            {(Object.keys(ENGINE_LABELS) as Array<keyof typeof ENGINE_LABELS>).map((k) => (
              <option key={k} value={k}>
                {ENGINE_LABELS[k]}
              </option>
            ))}
          </select>
          <span className="field-hint">
            This computer’s voices cannot be recorded: the recording then keeps the interviewer’s words as captions only.
          </span>
        </label>
        <label className="field">
          <span className="label">Default volume</span>
          <input
            type="range"
            aria-label="Default volume"
            min={0}
            max={1}
            step={0.05}
            value={values.volume}
            onChange={(e) => void change({ volume: Number(e.target.value) })}
          />
          <span className="field-hint">{Math.round(values.volume * 100)}% — the interviewer panel changes it during an interview.</span>
        </label>
        {text('speechModel', 'Speech model', 'For example gpt-4o-mini-tts or tts-1; a local server names its own.')}
        <label className="field">
          <span className="label">Audio format</span>
          <select
            aria-label="Audio format"
            value={values.speechFormat}
            onChange={(e) => void change({ speechFormat: e.target.value as VoiceSettings['speechFormat'] })}
          >
            {TTS_FORMATS.map((f) => (
              <option key={f} value={f}>
                {f.toUpperCase()}
              </option>
            ))}
          </select>
          <span className="field-hint">MP3 is small and quick; WAV needs no decoding but is ten times larger.</span>
        </label>
        {text('transcriptionModel', 'Transcription model', 'For example gpt-4o-mini-transcribe or whisper-1.')}
        {text('language', 'Language', 'A code such as en or en-GB: a hint for transcription and the system voice. Empty: detected.')}
        {text('speechTimeoutMs', 'Speech time limit (ms)', 'A sentence not synthesised by then is spoken by this computer’s voice.')}
        {text(
          'transcriptionTimeoutMs',
          'Transcription time limit (ms)',
          'Past it, the answer is left to type, and the Speak button says why.',
        )}
      </div>
      <p className="settings-status" role="status" aria-live="polite">
        {error ? <span className="field-error">Not saved: {error}</span> : saved ? <span className="settings-saved">Saved</span> : null}
      </p>
    </fieldset>
  );
}
