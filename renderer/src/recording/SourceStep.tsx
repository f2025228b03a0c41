import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaptureSource } from '../../../shared/ipc/contract-recording';
import type { RecordingSettings } from '../../../shared/settings/recording';
import { api, errorMessage, unwrap } from '../api';
import { Icon } from '../components/Icon';
import { CaptureInputs, listMicrophones } from './capture-devices';
import { LevelMeter } from './LevelMeter';
import { chooseRecordingType, formatBytes, microphoneConstraints } from './media-support';
import { setPreparedCapture } from './prepared';
import { recordTest, SILENT_PEAK, type TestRecordingResult } from './test-recording';
import { WebmFallbackNotice } from './WebmFallbackNotice';

interface Props {
  sessionId: string;
  settings: RecordingSettings;
  onReady: () => void;
  onWithoutRecording: () => void;
  onBack: () => void;
}

type TestState =
  | { phase: 'idle' }
  | { phase: 'running' }
  | { phase: 'done'; result: TestRecordingResult; url: string }
  | { phase: 'error'; message: string };

/** Opens a microphone alone, for the picker's level meter. */
function useMicrophoneMonitor(deviceId: string | null, enabled: boolean) {
  const [analyser, setAnalyser] = useState<AnalyserNode | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let stream: MediaStream | null = null;
    let context: AudioContext | null = null;
    let cancelled = false;
    navigator.mediaDevices.getUserMedia(microphoneConstraints(deviceId)).then(
      (s) => {
        if (cancelled) return s.getTracks().forEach((t) => t.stop());
        stream = s;
        context = new AudioContext();
        const node = context.createAnalyser();
        node.fftSize = 1024;
        context.createMediaStreamSource(s).connect(node);
        setAnalyser(node);
        setError(null);
      },
      (err: unknown) =>
        !cancelled &&
        setError(err instanceof DOMException && err.name === 'NotAllowedError' ? 'Microphone access was refused.' : errorMessage(err)),
    );
    return () => {
      cancelled = true;
      setAnalyser(null);
      stream?.getTracks().forEach((t) => t.stop());
      void context?.close().catch(() => undefined);
    };
  }, [deviceId, enabled]);
  return { analyser, error };
}

/**
 * Screen and microphone before the interview: our own screen/window picker with thumbnails, a
 * microphone picker with a live level meter, and a short test recording through the real capture
 * chain, played back so the candidate sees and hears what will be recorded.
 */
export function SourceStep({ sessionId, settings, onReady, onWithoutRecording, onBack }: Props) {
  const [recordingType] = useState(() => chooseRecordingType());
  const mimeType = recordingType?.mimeType ?? null;
  const [sources, setSources] = useState<CaptureSource[] | null>(null);
  const [sourceError, setSourceError] = useState<string | null>(null);
  const [sourceId, setSourceId] = useState<string | null>(null);
  const [microphones, setMicrophones] = useState<MediaDeviceInfo[]>([]);
  const [micId, setMicId] = useState<string | null>(settings.preferredMicrophoneId);
  const [test, setTest] = useState<TestState>({ phase: 'idle' });
  const inputs = useRef<CaptureInputs | null>(null);
  /** The test's own microphone analyser, for the meter while the monitor is off. */
  const [testAnalyser, setTestAnalyser] = useState<AnalyserNode | null>(null);
  const [starting, setStarting] = useState(false);

  const loadSources = useCallback(async () => {
    setSourceError(null);
    try {
      const list = await unwrap(api.recording.sources());
      setSources(list);
      setSourceId((current) =>
        current && list.some((s) => s.id === current) ? current : ((list.find((s) => s.kind === 'screen') ?? list[0])?.id ?? null),
      );
    } catch (err) {
      setSourceError(errorMessage(err));
      setSources([]);
    }
  }, []);

  useEffect(() => {
    // Listing sources is a call to main; its answer arrives later, so this sets no state synchronously.
    const timer = window.setTimeout(() => void loadSources(), 0);
    return () => window.clearTimeout(timer);
  }, [loadSources]);

  const monitorOn = test.phase !== 'running' && test.phase !== 'done';
  const monitor = useMicrophoneMonitor(micId, monitorOn && mimeType !== null);

  // Device labels are only listed once microphone access is granted, i.e. once the monitor runs.
  useEffect(() => {
    if (!monitor.analyser) return;
    listMicrophones().then(
      (list) => {
        setMicrophones(list);
        setMicId((current) => (current && list.some((d) => d.deviceId === current) ? current : (list[0]?.deviceId ?? null)));
      },
      () => undefined,
    );
  }, [monitor.analyser]);

  const closeInputs = () => {
    inputs.current?.close();
    inputs.current = null;
    setTestAnalyser(null);
  };
  useEffect(() => () => closeInputs(), []);
  useEffect(
    () => () => {
      if (test.phase === 'done') URL.revokeObjectURL(test.url);
    },
    [test],
  );

  const invalidateTest = () => {
    closeInputs();
    setTest({ phase: 'idle' });
  };

  const runTest = async () => {
    if (!mimeType) return;
    closeInputs();
    setTest({ phase: 'running' });
    try {
      if (sourceId) await unwrap(api.recording.selectSource({ sourceId }));
      inputs.current = await CaptureInputs.open(settings, micId);
      setTestAnalyser(inputs.current.micAnalyser);
      const result = await recordTest(inputs.current, mimeType, settings);
      if (result.blob.size === 0) throw new Error('The test recording came out empty.');
      setTest({ phase: 'done', result, url: URL.createObjectURL(result.blob) });
    } catch (err) {
      closeInputs();
      const message =
        err instanceof DOMException && err.name === 'NotAllowedError'
          ? 'Screen sharing was refused or cancelled. Choose a screen and try again.'
          : `The test recording did not work: ${errorMessage(err)}`;
      setTest({ phase: 'error', message });
    }
  };

  const start = async () => {
    if (!inputs.current || !mimeType || test.phase !== 'done') return;
    setStarting(true);
    // Remembered for next time; a failure here must not hold up the interview.
    if (micId !== settings.preferredMicrophoneId)
      await api.settings.update({ recording: { preferredMicrophoneId: micId } }).catch(() => undefined);
    setPreparedCapture({ sessionId, inputs: inputs.current, mimeType, settings });
    inputs.current = null;
    setTestAnalyser(null);
    onReady();
  };

  if (!mimeType) {
    return (
      <div className="card source-card">
        <div className="banner banner-error" role="alert">
          <Icon name="alert" />
          <div>
            <strong>This computer’s recorder cannot write MP4 or WebM video.</strong>
            <p>
              Interview Recorder records to MP4 (or to WebM, converted to MP4 afterwards) so that a crash never loses the recording, and
              neither is available here. You can take the interview without a recording.
            </p>
          </div>
        </div>
        <div className="consent-actions">
          <button type="button" className="btn btn-ghost" onClick={onBack}>
            Back
          </button>
          <span className="toolbar-spacer" />
          <button type="button" className="btn btn-primary" onClick={onWithoutRecording}>
            Continue without recording
          </button>
        </div>
      </div>
    );
  }

  const result = test.phase === 'done' ? test.result : null;
  const micSilent = result ? result.micPeak === null || result.micPeak < SILENT_PEAK : false;

  return (
    <div className="card source-card" data-testid="source-step">
      {recordingType?.container === 'webm' && <WebmFallbackNotice />}
      <section aria-labelledby="source-screen">
        <div className="source-section-head">
          <h2 id="source-screen">Screen to record</h2>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => void loadSources()}>
            Refresh
          </button>
        </div>
        {sourceError && <p className="field-error">{sourceError}</p>}
        {sources === null && <p className="muted">Looking for screens and windows…</p>}
        {sources && sources.length === 0 && (
          <p className="muted">Your system will ask which screen or window to share when the test recording starts.</p>
        )}
        {sources && sources.length > 0 && (
          <div className="source-grid" role="radiogroup" aria-label="Screen or window">
            {sources.map((s) => (
              <button
                key={s.id}
                type="button"
                role="radio"
                aria-checked={s.id === sourceId}
                className={`source-tile${s.id === sourceId ? ' selected' : ''}`}
                onClick={() => {
                  setSourceId(s.id);
                  invalidateTest();
                }}
              >
                <span className="source-thumb">
                  {s.thumbnail ? <img src={s.thumbnail} alt="" /> : <Icon name={s.kind === 'screen' ? 'monitor' : 'code'} size={28} />}
                </span>
                <span className="source-name">{s.name}</span>
                <span className="source-kind muted">{s.kind === 'screen' ? 'Screen' : 'Window'}</span>
              </button>
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby="source-mic" className="source-mic">
        <h2 id="source-mic">Microphone</h2>
        <div className="source-mic-row">
          <label className="field source-mic-field">
            <span className="visually-hidden">Microphone</span>
            <select
              aria-label="Microphone"
              value={micId ?? ''}
              onChange={(e) => {
                setMicId(e.target.value || null);
                invalidateTest();
              }}
              disabled={microphones.length === 0}
            >
              {microphones.length === 0 && <option value="">Default microphone</option>}
              {microphones.map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {d.label || `Microphone ${i + 1}`}
                </option>
              ))}
            </select>
          </label>
          <LevelMeter analyser={monitorOn ? monitor.analyser : testAnalyser} />
        </div>
        {monitor.error && (
          <p className="field-error">{monitor.error} The interview can be recorded without sound, or choose another microphone.</p>
        )}
        {!monitor.error && (
          <p className="field-hint">Speak: the bar should move. Your voice and the interviewer’s are mixed into the recording.</p>
        )}
      </section>

      <section aria-labelledby="source-test" className="source-test">
        <div className="source-section-head">
          <h2 id="source-test">Test recording</h2>
          <button type="button" className="btn" onClick={() => void runTest()} disabled={test.phase === 'running'}>
            <Icon name="record" />{' '}
            {test.phase === 'running' ? 'Recording 3 seconds…' : result ? 'Record the test again' : 'Record a 3-second test'}
          </button>
        </div>
        {test.phase === 'idle' && (
          <p className="muted">Records three seconds exactly as the interview will be recorded and plays them back. Nothing is saved.</p>
        )}
        {test.phase === 'error' && (
          <div className="banner banner-error" role="alert">
            <Icon name="alert" />
            <p>{test.message}</p>
          </div>
        )}
        {test.phase === 'done' && result && (
          <div className="test-result" data-testid="test-result">
            <video src={test.url} controls muted={false} className="test-video" aria-label="Test recording" />
            <ul className="test-checks">
              <li className="ok">
                <Icon name="check" size={14} /> Screen: {result.width}×{result.height}
                {result.frameRate ? ` at ${Math.round(result.frameRate)} fps` : ''}
              </li>
              <li className={micSilent ? 'warn' : 'ok'}>
                <Icon name={micSilent ? 'alert' : 'check'} size={14} />{' '}
                {result.micPeak === null
                  ? 'No microphone: the interview is recorded without your voice'
                  : micSilent
                    ? 'Microphone: no sound was heard — check it is not muted'
                    : 'Microphone: sound detected'}
              </li>
              <li className="ok">
                <Icon name="check" size={14} /> {formatBytes(result.blob.size)} of {recordingType?.container === 'webm' ? 'WebM' : 'MP4'} (
                {result.mimeType})
              </li>
            </ul>
          </div>
        )}
      </section>

      <div className="consent-actions">
        <button type="button" className="btn btn-ghost" onClick={onBack}>
          Back
        </button>
        <span className="toolbar-spacer" />
        <button type="button" className="btn" onClick={onWithoutRecording}>
          Continue without recording
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void start()} disabled={test.phase !== 'done' || starting}>
          <Icon name="play" /> Start the interview
        </button>
      </div>
    </div>
  );
}
