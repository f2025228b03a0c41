import { useState } from 'react';
import type { ProgressStats, WeakArea } from '../../../shared/progress/model';
import { categoryLabel } from '../../../shared/progress/stats';
import { api, errorMessage, unwrap } from '../api';
import { Icon } from '../components/Icon';
import { plural, score, shortDate, signed } from './format';

interface Props {
  weakAreas: ProgressStats['weakAreas'];
  onPracticeCreated: (sessionId: string) => void;
  onOpenResults: (sessionId: string) => void;
}

/** The lowest criteria and categories that are not improving, what shows it, and what to practise next. */
export function WeakAreas({ weakAreas, onPracticeCreated, onOpenResults }: Props) {
  const [starting, setStarting] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const practise = async (area: WeakArea) => {
    setStarting(area.key);
    setError(null);
    try {
      const session = await unwrap(api.progress.practice({ questionIds: area.recommendations.map((r) => r.questionId) }));
      onPracticeCreated(session.id);
    } catch (err) {
      setError(errorMessage(err));
      setStarting(null);
    }
  };

  return (
    <section className="card pg-card" aria-labelledby="pg-weak-title" data-testid="weak-areas">
      <header className="pg-card-head">
        <div>
          <h2 id="pg-weak-title">Weak areas and what to practise</h2>
          <p className="muted pg-small">
            Criteria and question categories averaging under 60 that are not improving, with the answers that show it and bank questions
            that train them — never one you have already answered well.
          </p>
        </div>
      </header>
      {error && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" />
          <div>
            <strong>The practice session could not be started.</strong>
            <p>{error}</p>
          </div>
        </div>
      )}
      {weakAreas.areas.length === 0 ? (
        <div className="pg-empty" data-testid="weak-areas-empty">
          <p>{weakAreas.note}</p>
        </div>
      ) : (
        <ol className="pg-weak-list">
          {weakAreas.areas.map((area) => (
            <li key={`${area.kind}:${area.key}`} className="pg-weak" data-area={area.key} data-testid="weak-area">
              <div className="pg-weak-head">
                <div>
                  <h3 className="pg-weak-title">{area.label}</h3>
                  <p className="muted pg-small">
                    {area.kind === 'criterion' ? 'Answer criterion' : 'Question category'} · average{' '}
                    <span className="strong" data-testid="weak-area-average">
                      {score(area.average)}
                    </span>{' '}
                    over {plural(area.sessions, 'session')}
                    {area.change !== null ? ` · ${signed(area.change)} since the sessions before` : ''}
                  </p>
                </div>
                {area.recommendations.length > 0 && (
                  <button
                    type="button"
                    className="btn btn-primary btn-small"
                    onClick={() => void practise(area)}
                    disabled={starting !== null}
                    data-testid="practise-area"
                  >
                    <Icon name="play" size={14} />{' '}
                    {starting === area.key ? 'Starting…' : `Practise ${plural(area.recommendations.length, 'question')}`}
                  </button>
                )}
              </div>
              <div className="pg-weak-body">
                <div>
                  <h4>Evidence</h4>
                  <ul className="pg-evidence">
                    {area.evidence.map((e) => (
                      <li key={`${e.sessionId}:${e.questionRef}`}>
                        <button type="button" className="pg-link" onClick={() => onOpenResults(e.sessionId)}>
                          {e.question}
                        </button>{' '}
                        <span className="muted">
                          {categoryLabel(e.category)} · {shortDate(e.at)} · scored {score(e.score)}
                        </span>
                      </li>
                    ))}
                  </ul>
                </div>
                <div>
                  <h4>Recommended practice</h4>
                  {area.recommendations.length === 0 ? (
                    <p className="muted pg-small">Every bank question for this area is already answered well.</p>
                  ) : (
                    <ul className="pg-recs">
                      {area.recommendations.map((r) => (
                        <li key={r.questionId} data-question-id={r.questionId}>
                          <span className="strong">{r.title}</span> <span className={`tag tag-${r.difficulty}`}>{r.difficulty}</span>
                          <span className="muted pg-small">
                            {' '}
                            {categoryLabel(r.category)} ·{' '}
                            {r.reason === 'answered_badly' ? `your best so far ${score(r.bestScore)}` : 'not answered yet'}
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              </div>
            </li>
          ))}
        </ol>
      )}
      <p className="pg-basis" data-testid="weak-areas-basis">
        {weakAreas.sessions === 0 ? 'No graded session in this view.' : `From ${plural(weakAreas.sessions, 'graded session')}.`}
      </p>
    </section>
  );
}
