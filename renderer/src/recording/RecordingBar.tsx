import { useEffect, useRef, useState } from 'react';
import type { DiskStatus } from '../../../shared/ipc/contract-recording';
import type { Consent, RecordingConversion } from '../../../shared/recording/model';
import { api } from '../api';
import { Icon } from '../components/Icon';
import { formatDuration } from '../format';
import { formatBytes, timesliceOf } from './media-support';
import { registerRecorder, takePreparedCapture } from './prepared';
import { recordingLabel } from './recording-label';
import { SessionRecorder, type RecorderStatus } from './recorder';
import './recording.css';

const DISK_CHECK_MS = 5000;

interface Props {
  sessionId: string;
  /** The room's session clock (ms from the session's start), shared with telemetry. */
  clock: () => number;
}

type Mode = { kind: 'loading' } | { kind: 'unrecorded' } | { kind: 'idle' } | { kind: 'recording' };

/**
 * The room's always-visible recording indicator: elapsed time and file size, pause/resume, a
 * non-blocking warning when free disk space runs low (and a clean stop before it runs out), a warning
 * when the disk is not keeping up, and the reason when a recording fails. Starts the recording the
 * set-up steps prepared; stops it when the room closes.
 */
export function RecordingBar({ sessionId, clock }: Props) {
  const [mode, setMode] = useState<Mode>({ kind: 'loading' });
  const [status, setStatus] = useState<RecorderStatus | null>(null);
  /** A WebM fallback's conversion to MP4 after the stop, from the recording's row. */
  const [conversion, setConversion] = useState<RecordingConversion | null>(null);
  const [disk, setDisk] = useState<DiskStatus | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const recorder = useRef<SessionRecorder | null>(null);
  const clockRef = useRef(clock);
  useEffect(() => {
    clockRef.current = clock;
  }, [clock]);
  const bitrate = useRef(0);

  useEffect(() => {
    let cancelled = false;
    const prepared = takePreparedCapture(sessionId);
    let stopWatching = () => {};
    (async () => {
      const consentResult = await api.recording.getConsent({ sessionId });
      const consent: Consent | null = consentResult.ok ? consentResult.value : null;
      if (cancelled) return;
      if (consent?.decision !== 'granted') {
        setMode({ kind: consent?.decision === 'declined' ? 'unrecorded' : 'idle' });
        return;
      }
      if (!prepared) return setMode({ kind: 'idle' });
      const { inputs, mimeType, settings } = prepared;
      bitrate.current = settings.videoBitsPerSecond + settings.audioBitsPerSecond;
      const rec = new SessionRecorder({
        sessionId,
        stream: inputs.recordable,
        mimeType,
        timesliceMs: timesliceOf(settings),
        videoBitsPerSecond: settings.videoBitsPerSecond,
        audioBitsPerSecond: settings.audioBitsPerSecond,
        clock: () => clockRef.current(),
        transport: api.recording,
        onStatus: (s) => !cancelled && setStatus(s),
      });
      recorder.current = rec;
      registerRecorder(sessionId, rec);
      // Sharing ended from the OS ("Stop sharing"): finish the file cleanly rather than record black.
      const onEnded = () => void rec.stop('Screen sharing ended, so the recording was stopped and saved.');
      inputs.videoTrack?.addEventListener('ended', onEnded);
      stopWatching = () => inputs.videoTrack?.removeEventListener('ended', onEnded);
      setMode({ kind: 'recording' });
      await rec.start();
    })().catch((err: unknown) => !cancelled && setStartError(err instanceof Error ? err.message : String(err)));

    return () => {
      cancelled = true;
      stopWatching();
      const rec = recorder.current;
      recorder.current = null;
      if (rec) {
        void rec.stop().finally(() => {
          registerRecorder(sessionId, null);
          prepared?.inputs.close();
        });
      } else prepared?.inputs.close();
    };
  }, [sessionId]);

  // A failure the writer found on its own (a failed fsync between chunks) reaches the recorder here.
  useEffect(
    () =>
      api.recording.onState((r) => {
        const rec = recorder.current;
        if (!rec || r.id !== rec.current.recordingId) return;
        setConversion(r.conversion);
        if (r.status === 'failed') void rec.failWith(r.error ?? 'The recording failed.');
      }),
    [],
  );

  // Elapsed time ticks while recording.
  useEffect(() => {
    if (mode.kind !== 'recording') return;
    const tick = window.setInterval(() => recorder.current && setStatus(recorder.current.current), 500);
    return () => window.clearInterval(tick);
  }, [mode.kind]);

  // Free disk space, judged for this bitrate: warn early, stop cleanly before the disk is full.
  const phase = status?.phase;
  useEffect(() => {
    if (mode.kind !== 'recording' || !(phase === 'recording' || phase === 'paused' || phase === 'starting')) return;
    let cancelled = false;
    const check = async () => {
      const r = await api.recording.disk({ bitsPerSecond: bitrate.current });
      if (cancelled || !r.ok) return;
      setDisk(r.value);
      if (r.value.verdict === 'stop') {
        void recorder.current?.stop(
          `Recording stopped because the disk is almost full (${formatBytes(r.value.freeBytes)} free). Everything recorded so far is saved.`,
        );
      }
    };
    void check();
    const timer = window.setInterval(() => void check(), DISK_CHECK_MS);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
    };
  }, [mode.kind, phase]);

  if (mode.kind === 'loading') return null;
  if (mode.kind === 'unrecorded') {
    return (
      <div className="rec-bar rec-unrecorded" data-testid="recording-indicator" title="Recording was declined for this interview">
        <Icon name="record" size={14} /> Unrecorded practice
      </div>
    );
  }
  if (startError && !status) {
    return (
      <div className="rec-bar rec-failed" data-testid="recording-indicator" role="alert" title={startError}>
        <Icon name="alert" size={14} /> Not recording: {startError}
      </div>
    );
  }
  if (mode.kind === 'idle' || !status) {
    return (
      <div className="rec-bar rec-idle" data-testid="recording-indicator">
        <Icon name="record" size={14} /> Not recording
      </div>
    );
  }

  const paused = status.phase === 'paused';
  const live = status.phase === 'recording';
  const label = recordingLabel(status, conversion);

  return (
    <div className="rec-wrap">
      <div className={`rec-bar rec-${status.phase}`} data-testid="recording-indicator" data-phase={status.phase} aria-live="polite">
        <span className={`rec-dot${live ? ' live' : ''}`} aria-hidden="true" />
        <span className="rec-label">{label}</span>
        <span className="rec-time" data-testid="recording-elapsed">
          {formatDuration(status.elapsedMs)}
        </span>
        <span className="rec-size" data-testid="recording-size">
          {formatBytes(status.bytes)}
        </span>
        {(live || paused) && (
          <button
            type="button"
            className="icon-btn rec-toggle"
            aria-label={status.userPaused ? 'Resume recording' : 'Pause recording'}
            title={status.userPaused ? 'Resume recording' : 'Pause recording'}
            onClick={() => void (status.userPaused ? recorder.current?.resume() : recorder.current?.pause())}
          >
            <Icon name={status.userPaused ? 'record' : 'pause'} size={14} />
          </button>
        )}
      </div>
      {status.phase === 'failed' && status.error && (
        <div className="rec-note rec-note-error" role="alert" data-testid="recording-error">
          <Icon name="alert" size={14} /> {status.error}
        </div>
      )}
      {status.stopReason && status.phase !== 'failed' && (
        <div className="rec-note rec-note-warning" role="status">
          <Icon name="alert" size={14} /> {status.stopReason}
        </div>
      )}
      {status.backpressure && (live || paused) && (
        <div className="rec-note rec-note-warning" role="status" data-testid="recording-backpressure">
          <Icon name="alert" size={14} /> The disk is not keeping up: {formatBytes(status.bufferedBytes)} waiting to be written
          {status.heldForDisk ? '; recording is held until it catches up.' : '.'}
        </div>
      )}
      {disk?.verdict === 'low' && (live || paused) && (
        <div className="rec-note rec-note-warning" role="status" data-testid="recording-disk-low">
          <Icon name="alert" size={14} /> Disk space is low: {formatBytes(disk.freeBytes)} free, about{' '}
          {Math.max(1, Math.round(disk.secondsLeft / 60))} min of recording left.
        </div>
      )}
    </div>
  );
}
