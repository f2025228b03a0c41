import { useEffect, useState } from 'react';
import type { VoiceStatus } from '../../../shared/ipc/contract-voice';
import { resolveVoice } from '../../../shared/voice/voices';
import { TTS_FORMATS, type VoiceSettings } from '../../../shared/voice/settings';
import { api, errorMessage, unwrap } from '../api';
import { Icon } from '../components/Icon';
import { previewVoice, stopPreview } from '../voice/preview';
import type { SpeakerState } from '../voice/speaker';
import type { SettingsSectionProps } from './section';

type TypedField = 'speechModel' | 'transcriptionModel' | 'language' | 'speechTimeoutMs' | 'transcriptionTimeoutMs';

const TRANSCRIPTION_LABELS = {
  auto: 'Automatic',
  online: 'The model provider only',
  local: 'This computer only',
} as const;

function megabytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`;
}

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
  const [modelError, setModelError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [statusVersion, setStatusVersion] = useState(0);
  useEffect(() => stopPreview, []);

  useEffect(() => {
    let live = true;
    void api.voice.status({}).then((r) => live && setStatus(r.ok ? r.value : null));
    return () => {
      live = false;
    };
  }, [settings, statusVersion]);

  /** Picks a model file, has main check it, and keeps it only when it is one (nothing changes otherwise). */
  const chooseModel = async () => {
    setModelError(null);
    try {
      const { path } = await unwrap(api.voice.pickLocalModel({}));
      if (!path) return;
      setChecking(true);
      await unwrap(api.voice.setLocalModel({ path }));
      setStatusVersion((v) => v + 1);
    } catch (err) {
      setModelError(errorMessage(err));
    } finally {
      setChecking(false);
    }
  };

  const removeModel = async () => {
    setModelError(null);
    try {
      await unwrap(api.voice.setLocalModel({ path: null }));
      setStatusVersion((v) => v + 1);
    } catch (err) {
      setModelError(errorMessage(err));
    }
  };

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
          <Icon name="mic" size={16} /> {status === null ? 'Checking…' : transcriptionLine(status)}
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
        <label className="field">
          <span className="label">Transcribe spoken answers with</span>
          <select
            aria-label="Transcribe spoken answers with"
            value={values.transcriptionEngine}
            onChange={(e) => void change({ transcriptionEngine: e.target.value as VoiceSettings['transcriptionEngine'] })}
          >
            {(Object.keys(TRANSCRIPTION_LABELS) as Array<keyof typeof TRANSCRIPTION_LABELS>).map((k) => (
              <option key={k} value={k}>
                {TRANSCRIPTION_LABELS[k]}
              </option>
            ))}
          </select>
          <span className="field-hint">
            Automatic: the model provider for interviews whose consent allows sending it the candidate’s voice, else the model on this
            computer.
          </span>
        </label>
        <div className="field voice-local" data-testid="voice-local-model">
          <span className="label" id="voice-local-label">
            Speech-to-text model on this computer
          </span>
          {checking ? (
            <p className="voice-model">Checking the file…</p>
          ) : status?.localModel?.info ? (
            <p className="voice-model voice-model-ok">
              <Icon name="check" size={16} />
              <span>
                <strong>{status.localModel.info.fileName}</strong> — whisper {status.localModel.info.model},{' '}
                {status.localModel.info.multilingual ? 'many languages' : 'English only'}, {status.localModel.info.format},{' '}
                {megabytes(status.localModel.info.bytes)}. Checked; it never leaves this computer.
              </span>
            </p>
          ) : status?.localModel ? (
            <p className="voice-model voice-model-bad">
              <Icon name="alert" size={16} />
              <span>
                <strong>{status.localModel.path}</strong> cannot be used: {status.localModel.problem}
              </span>
            </p>
          ) : (
            <p className="voice-model muted">None chosen: offline, spoken answers are typed instead.</p>
          )}
          {modelError && (
            <p className="field-error" role="alert">
              Not used: {modelError}
            </p>
          )}
          <div className="voice-model-actions">
            <button
              type="button"
              className="btn btn-small"
              onClick={() => void chooseModel()}
              disabled={checking}
              aria-describedby="voice-local-label"
            >
              <Icon name="folder" size={14} /> {status?.localModel ? 'Change…' : 'Choose…'}
            </button>
            {status?.localModel && (
              <button type="button" className="btn btn-small btn-ghost" onClick={() => void removeModel()} disabled={checking}>
                Remove
              </button>
            )}
          </div>
          <span className="field-hint">
            A whisper.cpp model file (ggml-….bin) from huggingface.co/ggerganov/whisper.cpp: ggml-base.en.bin (142 MB) is a good start for
            English, ggml-tiny.en.bin (75 MB) is quicker and ggml-small.en.bin (466 MB) more accurate; the names without “.en” understand
            other languages too. The file is checked before it is used.
          </span>
        </div>
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

/** The microphone line of the status box: who transcribes spoken answers, or why nobody can. */
function transcriptionLine(status: VoiceStatus): string {
  const t = status.transcription;
  const local = status.localModel?.info;
  if (t.available && t.engine === 'local')
    return `Spoken answers are transcribed on this computer by whisper ${t.model}: nothing is sent anywhere.`;
  if (t.available)
    return `Spoken answers are transcribed by ${t.model} at the model provider, for interviews whose consent allows it${local ? `; otherwise by whisper ${local.model} on this computer` : ''}.`;
  return t.reason ?? 'Spoken answers cannot be transcribed.';
}
