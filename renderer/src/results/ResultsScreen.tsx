import { useCallback, useEffect, useState } from 'react';
import { INTERVIEW_TYPE_LABELS } from '../../../shared/config/interview-config';
import type { InterviewResults, TurnView } from '../../../shared/interviewer/model';
import type { SessionDetail } from '../../../shared/session/model';
import { ApiCallError, api, errorMessage, unwrap } from '../api';
import { Icon } from '../components/Icon';
import { formatDate } from '../format';
import { AnswerFeedbackList } from './AnswerFeedbackList';
import { CategoryRubrics, CriteriaSection } from './CriteriaSection';
import { FeedbackLists, SkillCoverage } from './FeedbackLists';
import { ScoreOverview, Stats } from './ScoreOverview';
import { TranscriptSection } from './TranscriptSection';
import { ResultsActions } from './ResultsActions';
import type { ToastMessage } from '../components/Toast';
import './results.css';

interface Props {
  sessionId: string;
  onBack: () => void;
  /** A retry was set up: the new session's id (to prepare the room for it). */
  onRetry?: (sessionId: string) => void;
  onToast?: (message: ToastMessage) => void;
}

interface Loaded {
  session: SessionDetail;
  results: InterviewResults | null;
  turns: TurnView[];
}

/**
 * After an interview: graded → overall score, dimensions, weighted criteria, per-category rubrics,
 * strengths, improvements and per-answer feedback; practice → coaching notes only, clearly not graded.
 */
export function ResultsScreen({ sessionId, onBack, onRetry, onToast }: Props) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [scoring, setScoring] = useState(false);

  const load = useCallback(async () => {
    const [session, turns] = await Promise.all([
      unwrap(api.session.get({ id: sessionId })),
      unwrap(api.interviewer.transcript({ sessionId })),
    ]);
    let results: InterviewResults | null = null;
    try {
      results = await unwrap(api.interviewer.results({ sessionId }));
    } catch (err) {
      if (!(err instanceof ApiCallError && err.error.code === 'not_found')) throw err;
    }
    return { session, results, turns };
  }, [sessionId]);

  useEffect(() => {
    let cancelled = false;
    load().then(
      (l) => !cancelled && setLoaded(l),
      (err: unknown) => !cancelled && setError(errorMessage(err)),
    );
    return () => {
      cancelled = true;
    };
  }, [load]);

  // An interview whose End could not score (it is idempotent on the service side) is scored from here.
  const scoreNow = async () => {
    if (!loaded) return;
    setScoring(true);
    try {
      await unwrap(api.interviewer.end({ sessionId, offsetMs: loaded.session.activeMs, reason: 'candidate' }));
      setLoaded(await load());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setScoring(false);
    }
  };

  const head = (
    <header className="screen-header">
      <div>
        <h1 id="results-title">Interview results</h1>
        {loaded && (
          <p className="screen-subtitle">
            {loaded.session.candidateName} · {loaded.session.jobTitle}
            {loaded.session.company && ` · ${loaded.session.company}`} · {INTERVIEW_TYPE_LABELS[loaded.session.interviewType]} ·{' '}
            {formatDate(loaded.session.createdAt)}
          </p>
        )}
      </div>
      <button type="button" className="btn rs-back" onClick={onBack}>
        <Icon name="back" size={14} /> Back to the library
      </button>
    </header>
  );

  if (error) {
    return (
      <section className="screen results-screen" aria-labelledby="results-title">
        {head}
        <div className="banner banner-error" role="alert">
          <Icon name="alert" />
          <div>
            <strong>The results could not be loaded.</strong>
            <p>{error}</p>
          </div>
        </div>
      </section>
    );
  }

  if (!loaded) {
    return (
      <section className="screen results-screen" aria-labelledby="results-title">
        {head}
        <p className="muted">Loading the results…</p>
      </section>
    );
  }

  const { results, turns } = loaded;
  if (!results) {
    return (
      <section className="screen results-screen" aria-labelledby="results-title">
        {head}
        <div className="empty-state">
          <div className="empty-icon" aria-hidden="true">
            <Icon name="chart" size={28} />
          </div>
          <h2>No results for this interview yet</h2>
          {turns.length > 0 ? (
            <>
              <p>
                The interview ended before the interviewer could score it. Scoring uses the conversation that was stored, so nothing is
                lost.
              </p>
              <button type="button" className="btn btn-primary" onClick={() => void scoreNow()} disabled={scoring}>
                {scoring ? 'Scoring…' : 'Score this interview'}
              </button>
            </>
          ) : (
            <p>There was no conversation with the interviewer in this session, so there is nothing to score.</p>
          )}
        </div>
      </section>
    );
  }

  return (
    <section className="screen results-screen" aria-labelledby="results-title" data-testid="results" data-graded={results.graded}>
      {head}
      {onRetry && onToast && <ResultsActions sessionId={sessionId} results={results} onRetry={onRetry} onToast={onToast} />}
      {results.graded ? (
        <>
          <ScoringSource results={results} />
          <ScoreOverview results={results} />
          <CriteriaSection criteria={results.criteria} />
          <CategoryRubrics categories={results.categories} />
        </>
      ) : (
        <>
          <div className="rs-practice" data-testid="practice-banner">
            <span className="rs-practice-tag">Practice — not graded</span>
            <p>{results.note}</p>
          </div>
          <section className="card rs-practice-stats" aria-label="What you did">
            <Stats stats={results.stats} />
          </section>
        </>
      )}
      <FeedbackLists results={results} />
      <SkillCoverage stats={results.stats} />
      <AnswerFeedbackList answers={results.answers} graded={results.graded} />
      <TranscriptSection turns={turns} open={!results.graded} />
    </section>
  );
}

/** Who scored: the model (with JSON output) or the transparent offline heuristic, and why when it fell back. */
function ScoringSource({ results }: { results: InterviewResults }) {
  if (results.fallbackReason) {
    return (
      <div className="banner banner-warning" data-testid="scoring-fallback">
        <Icon name="offline" />
        <div>
          <strong>Scored by the offline interviewer.</strong>
          <p>The AI model could not score this interview ({results.fallbackReason}), so the transparent offline scoring was used.</p>
        </div>
      </div>
    );
  }
  return (
    <p className="muted rs-small rs-scored-by">
      {results.scoredBy === 'model'
        ? 'Scored by the AI model against the rubric.'
        : 'Scored offline: a transparent heuristic over your answers (coverage, examples, structure, numbers).'}{' '}
      Generated {formatDate(results.generatedAt)}.
    </p>
  );
}
