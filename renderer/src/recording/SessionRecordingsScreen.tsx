import { useCallback, useEffect, useState } from 'react';
import type { Consent, RecordingInfo } from '../../../shared/recording/model';
import type { SessionDetail } from '../../../shared/session/model';
import { api, errorMessage, unwrap } from '../api';
import { Icon } from '../components/Icon';
import type { ToastMessage } from '../components/Toast';
import { formatDate, formatDuration } from '../format';
import { formatBytes } from './media-support';
import { RecordingPlayer } from './RecordingPlayer';
import './recording.css';

interface Props {
  sessionId: string;
  onBack: () => void;
  onToast: (message: ToastMessage) => void;
}

const STATUS_TEXT: Record<RecordingInfo['status'], string> = {
  recording: 'Being recorded',
  paused: 'Paused',
  completed: 'Complete',
  recovered: 'Recovered after the app stopped',
  failed: 'Failed',
};

function lengthOf(r: RecordingInfo): string | null {
  if (!r.endedAt) return null;
  const pausedMs = r.pauses.reduce((sum, p) => sum + (p.resumedAtMs === null ? 0 : p.resumedAtMs - p.atMs), 0);
  const ms = Date.parse(r.endedAt) - Date.parse(r.startedAt) - pausedMs;
  return ms > 0 ? formatDuration(ms) : null;
}

/** A session's recordings: play them, see how each ended, and show the file in the file manager. */
export function SessionRecordingsScreen({ sessionId, onBack, onToast }: Props) {
  const [session, setSession] = useState<SessionDetail | null>(null);
  const [recordings, setRecordings] = useState<RecordingInfo[] | null>(null);
  const [consent, setConsent] = useState<Consent | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    Promise.all([
      unwrap(api.session.get({ id: sessionId })),
      unwrap(api.recording.list({ sessionId })),
      unwrap(api.recording.getConsent({ sessionId })),
    ]).then(
      ([detail, list, c]) => {
        if (cancelled) return;
        setSession(detail);
        setRecordings(list);
        setConsent(c);
        setSelected(
          (current) => current ?? [...list].reverse().find((r) => r.bytes > 0 && r.status !== 'recording')?.id ?? list.at(-1)?.id ?? null,
        );
      },
      (err: unknown) => !cancelled && setError(errorMessage(err)),
    );
    return () => {
      cancelled = true;
    };
  }, [sessionId]);

  // A WebM recording's conversion to MP4 finishes in the background; its new state arrives here.
  useEffect(
    () =>
      api.recording.onState((changed) => {
        if (changed.sessionId !== sessionId) return;
        setRecordings((list) =>
          list && list.some((r) => r.id === changed.id) ? list.map((r) => (r.id === changed.id ? changed : r)) : list,
        );
      }),
    [sessionId],
  );

  const reveal = useCallback(
    async (recordingId: string) => {
      try {
        const r = await unwrap(api.recording.reveal({ recordingId }));
        if (!r.revealed) onToast({ kind: 'info', text: `The recording is at ${r.path}` });
      } catch (err) {
        onToast({ kind: 'error', text: errorMessage(err) });
      }
    },
    [onToast],
  );

  const current = recordings?.find((r) => r.id === selected) ?? null;

  return (
    <section className="screen recordings-screen" aria-labelledby="recordings-title">
      <header className="screen-header">
        <div>
          <button type="button" className="btn btn-ghost btn-small back-link" onClick={onBack}>
            ← Session library
          </button>
          <h1 id="recordings-title">Recording</h1>
          {session && (
            <p className="screen-subtitle">
              {session.candidateName} · {session.jobTitle} · {formatDate(session.createdAt)}
            </p>
          )}
        </div>
      </header>
      {error && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" />
          <p>{error}</p>
        </div>
      )}
      {recordings === null && !error && <p className="muted">Loading…</p>}
      {recordings && recordings.length === 0 && (
        <div className="empty-state">
          <div className="empty-icon" aria-hidden="true">
            <Icon name="record" size={28} />
          </div>
          <h2>{consent?.decision === 'declined' ? 'Unrecorded practice session' : 'No recording'}</h2>
          <p>
            {consent?.decision === 'declined'
              ? 'Recording was declined for this interview, so only its code and activity were kept.'
              : 'This interview has no screen recording.'}
          </p>
        </div>
      )}
      {current && recordings && (
        <div className="recordings-layout">
          <div className="card player-card">
            {/* Keyed by path too: a converted recording is a new file, served as MP4. */}
            <RecordingPlayer key={`${current.id}:${current.path}`} recordingId={current.id} />
            <div className="player-meta">
              <span className={`badge rec-status-${current.status}`}>{STATUS_TEXT[current.status]}</span>
              <span className="muted">{formatBytes(current.bytes)}</span>
              {lengthOf(current) && <span className="muted">{lengthOf(current)}</span>}
              {current.conversion === 'converted' && <span className="muted">Converted from WebM</span>}
              {current.conversion === 'kept_webm' && <span className="muted">WebM</span>}
              <span className="toolbar-spacer" />
              <button type="button" className="btn btn-small" onClick={() => void reveal(current.id)}>
                <Icon name="folder" size={14} /> Show in folder
              </button>
            </div>
            {current.conversion === 'converting' && (
              <div className="banner banner-warning" role="status" data-testid="recording-converting">
                <Icon name="clock" />
                <p>
                  This system’s recorder cannot write MP4, so this interview was recorded as WebM and is being converted to MP4 with ffmpeg.
                  It plays as WebM until then.
                </p>
              </div>
            )}
            {current.error && (
              <div
                className={`banner ${current.status === 'failed' ? 'banner-error' : 'banner-warning'}`}
                role="status"
                data-testid="recording-row-error"
              >
                <Icon name="alert" />
                <p>{current.status === 'failed' ? `The recording failed: ${current.error}` : current.error}</p>
              </div>
            )}
          </div>
          {recordings.length > 1 && (
            <ul className="recording-list" aria-label="Recordings of this session">
              {recordings.map((r, i) => (
                <li key={r.id}>
                  <button
                    type="button"
                    className={`recording-item${r.id === selected ? ' selected' : ''}`}
                    onClick={() => setSelected(r.id)}
                  >
                    <span className="strong">Part {i + 1}</span>
                    <span className="muted">
                      {formatDate(r.startedAt)} · {formatBytes(r.bytes)} · {STATUS_TEXT[r.status]}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
