import type { VoiceController } from '../voice/useVoice';
import { Icon } from '../components/Icon';

/** The interviewer's voice: whether it is speaking and with which voice, mute, volume, and any fallback. */
export function VoiceBar({ voice }: { voice: VoiceController }) {
  const { status, settings, state } = voice;
  if (!status || !settings) return null;
  const engine = status.speech.engine;
  const muted = settings.muted;
  const label =
    engine === 'off'
      ? 'Voice off (captions only)'
      : engine === 'online'
        ? `Voice: ${status.speech.model ?? 'online'}`
        : 'Voice: this computer';
  return (
    <div className="iv-voice" data-testid="voice-bar" data-speaking={state.speaking ? 'true' : 'false'}>
      <span className={`iv-voice-wave${state.speaking && !muted ? ' iv-voice-wave-on' : ''}`} aria-hidden="true">
        <i />
        <i />
        <i />
        <i />
      </span>
      <span className="iv-voice-label" title={status.speech.reason ?? undefined}>
        {state.speaking ? (muted ? 'Speaking (muted)' : 'Speaking…') : label}
      </span>
      {engine !== 'off' && (
        <>
          <button
            type="button"
            className="icon-btn"
            aria-pressed={muted}
            aria-label={muted ? 'Unmute the interviewer' : 'Mute the interviewer'}
            title={muted ? 'Unmute' : 'Mute (captions stay)'}
            onClick={() => voice.setMuted(!muted)}
            data-testid="voice-mute"
          >
            <Icon name={muted ? 'mute' : 'volume'} size={16} />
          </button>
          <input
            type="range"
            className="iv-voice-volume"
            min={0}
            max={1}
            step={0.05}
            value={settings.volume}
            disabled={muted}
            aria-label="Interviewer volume"
            onChange={(e) => voice.setVolume(Number(e.target.value))}
            data-testid="voice-volume"
          />
        </>
      )}
      {state.notice && (
        <p className="iv-voice-notice" role="status" data-testid="voice-notice">
          {state.notice}
        </p>
      )}
    </div>
  );
}
