import type { InterviewResults } from '../../../shared/interviewer/model';

function ScoreBar({ label, score, note }: { label: string; score: number; note?: string }) {
  return (
    <div className="rv-score-row">
      <div className="rv-score-head">
        <span>{label}</span>
        <span className="strong">{Math.round(score)}</span>
      </div>
      <div className="rv-score-bar" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(score)}>
        <span style={{ width: `${Math.max(0, Math.min(100, score))}%` }} />
      </div>
      {note && <p className="rv-score-note muted">{note}</p>}
    </div>
  );
}

/** The interviewer's results: scores for a graded interview, coaching feedback for a practice one. */
export function ScoresPanel({ results }: { results: InterviewResults }) {
  return (
    <div className="rv-scores" data-testid="scores">
      {results.graded ? (
        <div className="rv-overall">
          <span className="rv-overall-value">{Math.round(results.overall)}</span>
          <span className="muted">overall score of 100</span>
        </div>
      ) : (
        <p className="rv-practice-note">{results.note}</p>
      )}
      {results.graded && (
        <>
          <h3>Criteria</h3>
          {results.criteria.map((c) => (
            <ScoreBar key={c.criterion} label={`${c.label} · ${Math.round(c.weight * 100)}%`} score={c.score} note={c.explanation} />
          ))}
          {results.dimensions.length > 0 && <h3>Dimensions</h3>}
          {results.dimensions.map((d) => (
            <ScoreBar key={d.dimension} label={d.label} score={d.score} note={d.explanation} />
          ))}
        </>
      )}
      {results.strengths.length > 0 && (
        <>
          <h3>Strengths</h3>
          <ul className="rv-list">
            {results.strengths.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
        </>
      )}
      {results.improvements.length > 0 && (
        <>
          <h3>To improve</h3>
          <ul className="rv-list">
            {results.improvements.map((s, i) => (
              <li key={i}>
                <span className="strong">{s.area}:</span> {s.suggestion}
              </li>
            ))}
          </ul>
        </>
      )}
      {results.answers.length > 0 && (
        <>
          <h3>Answers</h3>
          {results.answers.map((a) => (
            <div key={a.questionRef} className="rv-answer">
              <div className="rv-score-head">
                <span className="strong">{a.question}</span>
                {a.score !== null && <span className="strong">{Math.round(a.score)}</span>}
              </div>
              <p>{a.feedback}</p>
              {a.suggestion && <p className="muted">{a.suggestion}</p>}
              {a.hintsUsed > 0 && (
                <p className="muted">
                  {a.hintsUsed} hint{a.hintsUsed === 1 ? '' : 's'} used
                </p>
              )}
            </div>
          ))}
        </>
      )}
      <p className="muted rv-scored-by">
        Scored by {results.scoredBy === 'model' ? 'the model' : 'the offline rubric'}
        {results.fallbackReason ? ` (${results.fallbackReason})` : ''}.
      </p>
    </div>
  );
}
