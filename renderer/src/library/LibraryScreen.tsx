import { useCallback, useEffect, useState } from 'react';
import { INTERVIEW_TYPE_LABELS } from '../../../shared/config/interview-config';
import type { SessionSummary } from '../../../shared/session/model';
import { api, errorMessage, unwrap } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Icon } from '../components/Icon';
import { StatusBadge } from '../components/StatusBadge';
import type { ToastMessage } from '../components/Toast';
import { formatDate, formatShortDuration } from '../format';

interface Props {
  onNew: () => void;
  onOpenRoom: (sessionId: string) => void;
  onToast: (message: ToastMessage) => void;
}

export function LibraryScreen({ onNew, onOpenRoom, onToast }: Props) {
  const [sessions, setSessions] = useState<SessionSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [abandoning, setAbandoning] = useState<SessionSummary | null>(null);
  const [busy, setBusy] = useState(false);

  const apply = useCallback((result: Awaited<ReturnType<typeof api.session.list>>) => {
    if (result.ok) {
      setSessions(result.value);
      setLoadError(null);
    } else setLoadError(result.error.message);
  }, []);

  const load = useCallback(async () => apply(await api.session.list()), [apply]);

  useEffect(() => {
    let cancelled = false;
    api.session.list().then(
      (result) => !cancelled && apply(result),
      (err: unknown) => !cancelled && setLoadError(errorMessage(err)),
    );
    return () => {
      cancelled = true;
    };
  }, [apply]);

  const interrupted = sessions?.filter((s) => s.interrupted) ?? [];

  const confirmAbandon = async () => {
    if (!abandoning) return;
    setBusy(true);
    try {
      await unwrap(api.session.abandon({ id: abandoning.id }));
      onToast({ kind: 'info', text: `Marked the interview with ${abandoning.candidateName} as abandoned.` });
      await load();
    } catch (err) {
      onToast({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
      setAbandoning(null);
    }
  };

  return (
    <section className="screen" aria-labelledby="library-title">
      <header className="screen-header">
        <div>
          <h1 id="library-title">Session library</h1>
          <p className="screen-subtitle">Every interview recorded on this computer, newest first.</p>
        </div>
        {sessions && sessions.length > 0 && (
          <button type="button" className="btn btn-primary" onClick={onNew}>
            <Icon name="plus" /> New practice interview
          </button>
        )}
      </header>

      {loadError && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" />
          <div>
            <strong>The session library could not be loaded.</strong>
            <p>{loadError}</p>
          </div>
          <button type="button" className="btn btn-ghost" onClick={() => void load()}>
            Try again
          </button>
        </div>
      )}

      {interrupted.map((s) => (
        <div key={s.id} className="banner banner-warning" data-testid="interrupted-banner">
          <Icon name="alert" />
          <div>
            <strong>An interview was interrupted.</strong>
            <p>
              {s.candidateName} — {s.jobTitle} was still in progress when the app closed, after {formatShortDuration(s.activeMs)}. Resume it where it
              stopped, or mark it abandoned.
            </p>
          </div>
          <div className="banner-actions">
            <button type="button" className="btn btn-ghost" onClick={() => setAbandoning(s)}>
              Mark abandoned
            </button>
            <button type="button" className="btn btn-primary" onClick={() => onOpenRoom(s.id)}>
              <Icon name="play" /> Resume
            </button>
          </div>
        </div>
      ))}

      {sessions === null && !loadError && <p className="muted">Loading sessions…</p>}

      {sessions && sessions.length === 0 && (
        <div className="empty-state">
          <div className="empty-icon" aria-hidden="true">
            <Icon name="code" size={28} />
          </div>
          <h2>No interviews yet</h2>
          <p>
            Start a practice interview: describe the job, pick the interview type and difficulty, then solve the problem in the built-in editor. Every
            session you take is listed here, with its status, length and recorded events.
          </p>
          <button type="button" className="btn btn-primary" onClick={onNew}>
            <Icon name="plus" /> New practice interview
          </button>
        </div>
      )}

      {sessions && sessions.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" aria-label="Sessions">
            <thead>
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col">Job title</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col">Date</th>
                <th scope="col" className="num">
                  Events
                </th>
                <th scope="col" className="num">
                  Duration
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id} data-session-id={s.id}>
                  <td className="strong">{s.candidateName}</td>
                  <td>
                    {s.jobTitle}
                    {s.company && <span className="muted"> · {s.company}</span>}
                  </td>
                  <td>{INTERVIEW_TYPE_LABELS[s.interviewType]}</td>
                  <td>
                    <StatusBadge session={s} />
                  </td>
                  <td className="nowrap">{formatDate(s.createdAt)}</td>
                  <td className="num">{s.eventCount.toLocaleString()}</td>
                  <td className="num nowrap">{s.startedAt ? formatShortDuration(s.activeMs) : '—'}</td>
                  <td className="actions">
                    {s.status === 'pending' && (
                      <button type="button" className="btn btn-small" onClick={() => onOpenRoom(s.id)}>
                        Start
                      </button>
                    )}
                    {s.status === 'in_progress' && !s.interrupted && (
                      <button type="button" className="btn btn-small" onClick={() => onOpenRoom(s.id)}>
                        Open
                      </button>
                    )}
                    {s.interrupted && (
                      <button type="button" className="btn btn-small" onClick={() => onOpenRoom(s.id)}>
                        Resume
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {abandoning && (
        <ConfirmDialog
          title="Mark this interview abandoned?"
          body={`The interview with ${abandoning.candidateName} keeps everything recorded so far, but it can no longer be resumed.`}
          confirmLabel="Mark abandoned"
          danger
          busy={busy}
          onConfirm={() => void confirmAbandon()}
          onCancel={() => setAbandoning(null)}
        />
      )}
    </section>
  );
}
