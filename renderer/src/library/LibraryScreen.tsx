import { useCallback, useEffect, useState } from 'react';
import { INTERVIEW_TYPE_LABELS } from '../../../shared/config/interview-config';
import type { SessionSummary } from '../../../shared/session/model';
import { api, errorMessage, unwrap } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Icon } from '../components/Icon';
import { StatusBadge } from '../components/StatusBadge';
import type { ToastMessage } from '../components/Toast';
import { formatDate, formatShortDuration } from '../format';
import { PlayRecordingButton, RecordingMark, useRecordingIndex } from '../recording/LibraryRecordingMarks';
import { ResultsButton, useResultsIndex } from '../results/LibraryResults';
import { ProgressCard } from '../progress/ProgressCard';
import { exportSession } from './bundle-actions';
import { LibraryBadges, MatchSnippet } from './LibraryBadges';
import { LibraryFilterBar } from './LibraryFilterBar';
import { NO_FILTERS, PAGE_SIZE, filtersActive, useLibrarySearch } from './use-library-search';
import { TranscriptImportDialog } from './TranscriptImportDialog';
import { SyncBadge } from '../sync/SyncBadge';
import { SyncPanel } from '../sync/SyncPanel';
import { useSyncStatus } from '../sync/use-sync-status';

interface Props {
  onNew: () => void;
  onOpenRoom: (sessionId: string) => void;
  onToast: (message: ToastMessage) => void;
  /** Opens a session's recording in the player. */
  onOpenRecording?: (sessionId: string) => void;
  /** Opens a completed session's interviewer results. */
  onOpenResults?: (sessionId: string) => void;
  /** Opens a session in the review workspace. */
  onOpenReview?: (sessionId: string) => void;
  /** Imports a session bundle (the system Open dialog). */
  onImport?: () => void;
  /** Opens the Progress screen (its card leads the library once there are graded interviews). */
  onOpenProgress?: () => void;
}

/** A session with something to replay: finished, or with recorded events. */
const reviewable = (s: SessionSummary) => s.status === 'completed' || s.status === 'abandoned' || s.eventCount > 0;

export function LibraryScreen({
  onNew,
  onOpenRoom,
  onToast,
  onOpenRecording,
  onOpenResults,
  onOpenReview,
  onImport,
  onOpenProgress,
}: Props) {
  const [sessions, setSessions] = useState<SessionSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [abandoning, setAbandoning] = useState<SessionSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [importingTranscript, setImportingTranscript] = useState(false);
  const [filters, setFilters] = useState(NO_FILTERS);
  const [limit, setLimit] = useState(PAGE_SIZE);
  // Re-searched whenever the session list reloads (after an abandon, say).
  const search = useLibrarySearch(filters, limit, sessions);
  const rows = search.result?.items ?? null;

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
  const recordingIndex = useRecordingIndex(sessions);
  // Team sync shows only once a team server is set up.
  const sync = useSyncStatus();
  const syncShown = sync.status?.serverUrl ? sync.status : null;
  const syncBySession = new Map((syncShown?.sessions ?? []).map((s) => [s.sessionId, s]));
  const syncError = (text: string) => onToast({ kind: 'error', text });
  const resultsIndex = useResultsIndex(sessions);

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
          <p className="screen-subtitle">Every interview on this computer, recorded here or imported, newest first.</p>
        </div>
        <div className="banner-actions">
          <button type="button" className="btn" onClick={() => setImportingTranscript(true)}>
            <Icon name="book" /> Import transcript…
          </button>
          {onImport && (
            <button type="button" className="btn" onClick={onImport}>
              <Icon name="upload" /> Import session…
            </button>
          )}
          {sessions && sessions.length > 0 && (
            <button type="button" className="btn btn-primary" onClick={onNew}>
              <Icon name="plus" /> New practice interview
            </button>
          )}
        </div>
      </header>

      {onOpenProgress && <ProgressCard onOpen={onOpenProgress} refreshKey={sessions} />}

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
              {s.candidateName} — {s.jobTitle} was still in progress when the app closed, after {formatShortDuration(s.activeMs)}. Resume it
              where it stopped, or mark it abandoned.
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

      {syncShown && sessions && sessions.length > 0 && <SyncPanel status={syncShown} onStatus={sync.apply} onError={syncError} />}

      {sessions === null && !loadError && <p className="muted">Loading sessions…</p>}

      {sessions && sessions.length === 0 && (
        <div className="empty-state">
          <div className="empty-icon" aria-hidden="true">
            <Icon name="code" size={28} />
          </div>
          <h2>No interviews yet</h2>
          <p>
            Start a practice interview: describe the job, pick the interview type and difficulty, then solve the problem in the built-in
            editor. Every session you take is listed here, with its status, length and recorded events.
          </p>
          <button type="button" className="btn btn-primary" onClick={onNew}>
            <Icon name="plus" /> New practice interview
          </button>
        </div>
      )}

      {sessions && sessions.length > 0 && (
        <LibraryFilterBar
          filters={filters}
          onChange={(next) => {
            setFilters(next);
            setLimit(PAGE_SIZE);
          }}
          loading={search.loading}
          summary={
            search.result && filtersActive(filters)
              ? `${search.result.total.toLocaleString()} of ${sessions.length.toLocaleString()} sessions match`
              : null
          }
        />
      )}
      {search.error && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" />
          <div>
            <strong>The search failed.</strong>
            <p>{search.error}</p>
          </div>
        </div>
      )}
      {sessions && sessions.length > 0 && rows && rows.length === 0 && <p className="lib-no-match">No session matches these filters.</p>}

      {sessions && sessions.length > 0 && rows && rows.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" aria-label="Sessions">
            <thead>
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col">Interview</th>
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
              {rows.map((s) => (
                <tr key={s.id} data-session-id={s.id}>
                  <td className="strong">
                    {onOpenReview && reviewable(s) ? (
                      <button type="button" className="lib-name-link" onClick={() => onOpenReview(s.id)} title="Review this session">
                        {s.candidateName}
                      </button>
                    ) : (
                      s.candidateName
                    )}
                    <br />
                    <LibraryBadges item={s} />
                    {syncShown && (
                      <SyncBadge sync={syncBySession.get(s.id)} unlistedReason={syncShown.unlistedReason} onError={syncError} />
                    )}
                  </td>
                  <td className="lib-interview">
                    {s.jobTitle}
                    {s.company && <span className="muted"> · {s.company}</span>}
                    <span className="lib-type">{INTERVIEW_TYPE_LABELS[s.interviewType]}</span>
                    <MatchSnippet item={s} />
                  </td>
                  <td>
                    <span className="lib-status">
                      <StatusBadge session={s} />
                      <RecordingMark index={recordingIndex} sessionId={s.id} />
                    </span>
                  </td>
                  <td className="lib-date">{formatDate(s.createdAt)}</td>
                  <td className="num">{s.eventCount.toLocaleString()}</td>
                  <td className="num nowrap">{s.startedAt ? formatShortDuration(s.activeMs) : '—'}</td>
                  <td className="actions">
                    <div className="lib-row-actions">
                      {onOpenReview && reviewable(s) && (
                        <button type="button" className="btn btn-small lib-row-action" onClick={() => onOpenReview(s.id)}>
                          Review
                        </button>
                      )}
                      {reviewable(s) && (
                        <button
                          type="button"
                          className="icon-btn"
                          onClick={() => void exportSession(s.id, onToast)}
                          aria-label={`Export the session with ${s.candidateName}`}
                          title="Export as a bundle"
                        >
                          <Icon name="download" />
                        </button>
                      )}
                      {onOpenResults && <ResultsButton index={resultsIndex} sessionId={s.id} onOpen={onOpenResults} />}
                      {onOpenRecording && <PlayRecordingButton index={recordingIndex} sessionId={s.id} onOpen={onOpenRecording} />}
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
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {search.result && search.result.total > rows.length && (
            <div className="lib-more">
              <button
                type="button"
                className="btn btn-ghost btn-small"
                onClick={() => setLimit((n) => Math.min(500, n + PAGE_SIZE))}
                disabled={limit >= 500}
              >
                Showing {rows.length.toLocaleString()} of {search.result.total.toLocaleString()} · show more
              </button>
            </div>
          )}
        </div>
      )}

      {importingTranscript && (
        <TranscriptImportDialog
          onCancel={() => setImportingTranscript(false)}
          onImported={(result) => {
            setImportingTranscript(false);
            onToast({ kind: 'success', text: `Imported the interview with ${result.candidateName}: ${result.turns} turns.` });
            if (onOpenReview) onOpenReview(result.sessionId);
            else void load();
          }}
        />
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
