import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Annotation } from '../../../shared/ipc/contract-annotations';
import type { ReviewData, ReviewTurn } from '../../../shared/ipc/contract-review';
import { ReviewIndex, playbackFromReview, primaryRecording, REVIEW_TRACKS } from '../../../shared/review';
import { INTERVIEW_TYPE_LABELS } from '../../../shared/config/interview-config';
import { api, errorMessage, unwrap } from '../api';
import { Icon } from '../components/Icon';
import { StatusBadge } from '../components/StatusBadge';
import type { ToastMessage } from '../components/Toast';
import { formatDate, formatShortDuration } from '../format';
import { exportSession } from '../library/bundle-actions';
import type { AnnotationTarget, AnnotationValues } from './AnnotationForm';
import { AnnotationsPanel } from './AnnotationsPanel';
import { CodePane } from './CodePane';
import { ConsoleAtMoment } from './ConsoleAtMoment';
import { MediaPane } from './MediaPane';
import { PROFILE } from './profile';
import { ReviewClock, SKIP_IDLE_MIN_MS, type ClockState } from './review-clock';
import { ScoresPanel } from './ScoresPanel';
import { Timeline } from './Timeline';
import { TranscriptPanel } from './TranscriptPanel';
import { TransportBar } from './TransportBar';
import { useClockValue } from './use-clock';
import { useReviewKeys } from './use-review-keys';
import './review.css';

interface Props {
  sessionId: string;
  onBack: () => void;
  onToast: (message: ToastMessage) => void;
}

/** The review workspace for one session: loads `review:load` once, then everything is local lookups. */
export function ReviewScreen({ sessionId, onBack, onToast }: Props) {
  const [loaded, setLoaded] = useState<{ sessionId: string; data: ReviewData | null; error: string | null } | null>(null);
  const current = loaded?.sessionId === sessionId ? loaded : null;
  const data = current?.data ?? null;
  const error = current?.error ?? null;

  useEffect(() => {
    let cancelled = false;
    if (PROFILE) performance.mark('ir:review-open-start');
    unwrap(api.review.load({ sessionId })).then(
      (value) => {
        if (PROFILE) performance.measure('ir:review-fetch', 'ir:review-open-start');
        if (!cancelled) setLoaded({ sessionId, data: value, error: null });
      },
      (err: unknown) => !cancelled && setLoaded({ sessionId, data: null, error: errorMessage(err) }),
    );
    return () => {
      cancelled = true;
    };
  }, [sessionId]);

  if (error) {
    return (
      <div className="rv-screen rv-screen-message">
        <div className="banner banner-error" role="alert">
          <Icon name="alert" />
          <div>
            <strong>This session cannot be reviewed.</strong>
            <p>{error}</p>
          </div>
          <button type="button" className="btn" onClick={onBack}>
            Back to the library
          </button>
        </div>
      </div>
    );
  }
  if (!data) {
    return (
      <div className="rv-screen rv-screen-message">
        <p className="muted" role="status">
          Loading the session…
        </p>
      </div>
    );
  }
  return <ReviewWorkspace key={sessionId} data={data} onBack={onBack} onToast={onToast} />;
}

type SideTab = 'transcript' | 'annotations' | 'scores';
const selectSkip = (s: ClockState) => s.skipIdle;

function ReviewWorkspace({ data, onBack, onToast }: { data: ReviewData; onBack: () => void; onToast: (message: ToastMessage) => void }) {
  const built = useMemo(() => {
    if (PROFILE) performance.mark('ir:review-build-start');
    const index = ReviewIndex.build(data);
    const playback = playbackFromReview(data.code);
    // The file worked on most opens first.
    const changes = new Map<string, number>();
    for (const f of data.code.changes.file) changes.set(data.code.files[f]!, (changes.get(data.code.files[f]!) ?? 0) + 1);
    // Starter files of languages the candidate never touched were only snapshotted: the edited ones are shown.
    const edited = [...changes.keys()];
    const files =
      edited.length > 0
        ? edited.sort((a, b) => changes.get(b)! - changes.get(a)!)
        : [...new Set([...playback.files(), ...Object.keys(data.code.final)])];
    const idle = index.idleStretches(SKIP_IDLE_MIN_MS);
    if (PROFILE) performance.measure('ir:review-build', 'ir:review-build-start');
    return { index, playback, files, recording: primaryRecording(data.recordings), idle };
  }, [data]);
  const clock = useMemo(() => new ReviewClock(built.index), [built]);
  useEffect(() => () => clock.dispose(), [clock]);

  // The code playback's checkpoints are computed in idle time after the first paint, a slice at a time,
  // so opening does not wait for a replay of the whole session and later far seeks find them ready.
  const [warm, setWarm] = useState(false);
  useEffect(() => {
    let handle = 0;
    const step = (deadline: IdleDeadline) => {
      if (built.playback.warm(Math.max(1, deadline.timeRemaining() - 2))) setWarm(true);
      else handle = requestIdleCallback(step);
    };
    handle = requestIdleCallback(step);
    return () => cancelIdleCallback(handle);
  }, [built]);

  const [annotations, setAnnotations] = useState<Annotation[]>(data.annotations);
  const [tab, setTab] = useState<SideTab>('transcript');
  const [draft, setDraft] = useState<AnnotationTarget | null>(null);
  const skipIdle = useClockValue(clock, selectSkip);
  const withAnnotations = useMemo(() => built.index.withAnnotations(annotations), [built, annotations]);
  const scene = useMemo(
    () => ({ index: withAnnotations, data, annotations, idle: skipIdle ? built.idle : null }),
    [withAnnotations, data, annotations, skipIdle, built],
  );

  useEffect(() => {
    if (!PROFILE) return;
    const frame = requestAnimationFrame(() => performance.measure('ir:review-open', 'ir:review-open-start'));
    return () => cancelAnimationFrame(frame);
  }, []);

  const previousEvent = useCallback(() => {
    const { tMs, playing } = clock.getState();
    const found = withAnnotations.previousEvent(tMs, REVIEW_TRACKS, playing ? 500 : 0);
    clock.seek(found ? found.tMs : 0);
  }, [clock, withAnnotations]);
  const nextEvent = useCallback(() => {
    const found = withAnnotations.nextEvent(clock.getState().tMs);
    if (found) clock.seek(found.tMs);
  }, [clock, withAnnotations]);
  useReviewKeys(clock, { previousEvent, nextEvent });

  const annotationCounts = useMemo(() => {
    const counts = new Map<number, number>();
    for (const a of annotations) if (a.turnId !== null) counts.set(a.turnId, (counts.get(a.turnId) ?? 0) + 1);
    return counts;
  }, [annotations]);

  const sessionId = data.session.id;
  const createAnnotation = useCallback(
    async (target: AnnotationTarget, values: AnnotationValues): Promise<string | null> => {
      try {
        const created = await unwrap(api.annotations.create({ sessionId, turnId: target.turnId, tMs: Math.round(target.tMs), ...values }));
        setAnnotations((list) => [...list, created]);
        return null;
      } catch (err) {
        return errorMessage(err);
      }
    },
    [sessionId],
  );
  const updateAnnotation = useCallback(async (id: string, values: AnnotationValues): Promise<string | null> => {
    try {
      const updated = await unwrap(api.annotations.update({ id, ...values }));
      setAnnotations((list) => list.map((a) => (a.id === id ? updated : a)));
      return null;
    } catch (err) {
      return errorMessage(err);
    }
  }, []);
  const deleteAnnotation = useCallback(async (id: string): Promise<string | null> => {
    try {
      await unwrap(api.annotations.delete({ id }));
      setAnnotations((list) => list.filter((a) => a.id !== id));
      return null;
    } catch (err) {
      return errorMessage(err);
    }
  }, []);
  const annotateTurn = useCallback((turn: ReviewTurn) => {
    setDraft({ turnId: turn.id, tMs: turn.tMs, turnText: turn.text });
    setTab('annotations');
  }, []);

  const { session } = data;
  const pastes = data.tracks.integrity.filter((s) => s.kind === 'paste').length;
  const focusLosses = data.tracks.integrity.length - pastes;

  return (
    <div className="rv-screen" data-testid="review-screen" data-session-id={session.id} data-playback={warm ? 'warm' : 'warming'}>
      <header className="rv-header">
        <button type="button" className="btn btn-ghost btn-small" onClick={onBack}>
          ← Session library
        </button>
        <div className="rv-title">
          <h1>
            {session.candidateName} <span className="muted rv-title-job">· {session.jobTitle}</span>
          </h1>
          <p className="muted">
            {session.company && <>{session.company} · </>}
            {INTERVIEW_TYPE_LABELS[session.interviewType]} · {formatDate(session.createdAt)} · {formatShortDuration(session.activeMs)}
          </p>
        </div>
        <div className="rv-header-badges">
          <StatusBadge session={session} />
          {pastes > 0 && (
            <span className="badge badge-warning" title="Large pastes into the editor">
              {pastes} paste{pastes === 1 ? '' : 's'}
            </span>
          )}
          {focusLosses > 0 && (
            <span className="badge badge-warning" title="Times the app window lost focus">
              {focusLosses} focus loss{focusLosses === 1 ? '' : 'es'}
            </span>
          )}
          {data.results?.graded && <span className="badge rv-badge-score">Score {Math.round(data.results.overall)}</span>}
        </div>
        <button type="button" className="btn btn-small" onClick={() => void exportSession(session.id, onToast)}>
          <Icon name="download" size={14} /> Export bundle
        </button>
      </header>
      <div className="rv-body">
        <div className="rv-stage">
          <div className="rv-panes">
            <div className="rv-left">
              <MediaPane clock={clock} recording={built.recording} recordings={data.recordings} />
              <ConsoleAtMoment clock={clock} index={built.index} runs={data.tracks.runs} />
            </div>
            <CodePane clock={clock} playback={built.playback} files={built.files} final={data.code.final} />
          </div>
          <div className="rv-bottom">
            <TransportBar clock={clock} onPreviousEvent={previousEvent} onNextEvent={nextEvent} />
            <Timeline clock={clock} scene={scene} />
          </div>
        </div>
        <aside className="rv-side" aria-label="Session details">
          <div className="rv-side-tabs" role="tablist">
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'transcript'}
              className={`rv-side-tab${tab === 'transcript' ? ' active' : ''}`}
              onClick={() => setTab('transcript')}
            >
              Transcript <span className="rv-count">{data.tracks.turns.length}</span>
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'annotations'}
              className={`rv-side-tab${tab === 'annotations' ? ' active' : ''}`}
              onClick={() => setTab('annotations')}
            >
              Annotations <span className="rv-count">{annotations.length}</span>
            </button>
            {data.results && (
              <button
                type="button"
                role="tab"
                aria-selected={tab === 'scores'}
                className={`rv-side-tab${tab === 'scores' ? ' active' : ''}`}
                onClick={() => setTab('scores')}
              >
                {data.results.graded ? 'Scores' : 'Feedback'}
              </button>
            )}
          </div>
          <div className="rv-side-body">
            {tab === 'transcript' && (
              <TranscriptPanel
                clock={clock}
                index={built.index}
                turns={data.tracks.turns}
                annotationCounts={annotationCounts}
                onAnnotate={annotateTurn}
              />
            )}
            {tab === 'annotations' && (
              <AnnotationsPanel
                clock={clock}
                annotations={annotations}
                turns={data.tracks.turns}
                draft={draft}
                onDraftChange={setDraft}
                onCreate={createAnnotation}
                onUpdate={updateAnnotation}
                onDelete={deleteAnnotation}
              />
            )}
            {tab === 'scores' && data.results && <ScoresPanel results={data.results} />}
          </div>
        </aside>
      </div>
    </div>
  );
}
