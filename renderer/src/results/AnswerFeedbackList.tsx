import type { AnswerFeedback } from '../../../shared/interviewer/model';
import { Icon } from '../components/Icon';
import { WithCode } from '../interviewer/WithCode';
import { ScoreBar } from './ScoreBar';
import { TestHistory } from './TestHistory';
import { formatScore, scoreBand } from './score';

const RUBRIC_LABELS: Partial<Record<AnswerFeedback['rubricKind'], string>> = {
  behavioral: 'Behavioral · STAR',
  technical: 'Technical',
  system_design: 'System design',
  general: 'General',
};
const rubricLabel = (kind: string) => RUBRIC_LABELS[kind as AnswerFeedback['rubricKind']] ?? kind.replace(/_/g, ' ');

function ScoreGroup({ title, scores }: { title: string; scores: Array<{ key: string; label: string; score: number }> }) {
  if (scores.length === 0) return null;
  return (
    <div className="rs-score-group">
      <h4>{title}</h4>
      <div className="rs-score-grid">
        {scores.map((s) => (
          <div key={s.key} className="rs-mini">
            <span className="rs-mini-label">{s.label}</span>
            <ScoreBar label={`${title}: ${s.label}`} score={s.score} />
            <span className="rs-num">{formatScore(s.score)}</span>
          </div>
        ))}
      </div>
    </div>
  );
}

/** Feedback on each question's answers: the score (graded), what was good or missing, and what to try. */
export function AnswerFeedbackList({ answers, graded }: { answers: AnswerFeedback[]; graded: boolean }) {
  return (
    <section className="rs-answers" aria-labelledby="rs-answers-title">
      <h2 id="rs-answers-title">{graded ? 'Feedback on each answer' : 'Notes on each answer'}</h2>
      {answers.length === 0 && <p className="muted">No question was answered in this interview.</p>}
      {answers.map((a, i) => (
        <details
          key={a.questionRef}
          className="card rs-answer"
          open={i === 0}
          data-testid="answer-feedback"
          data-question-ref={a.questionRef}
        >
          <summary>
            <span className="rs-answer-index">{i + 1}</span>
            <span className="rs-answer-q">
              <span className="rs-answer-kind">{rubricLabel(a.rubricKind)}</span>
              <span className="rs-answer-text">
                <WithCode text={a.question} />
              </span>
            </span>
            {a.hintsUsed > 0 && (
              <span className="rs-pill rs-pill-hint" title="Hints used on this question">
                <Icon name="bulb" size={12} /> {a.hintsUsed}
              </span>
            )}
            {a.code && (
              <span
                className={`rs-pill ${a.code.last.status === 'passed' ? 'rs-tone-strong' : 'rs-tone-weak'}`}
                title="Tests passed on the last Test press"
                data-testid="tests-pill"
              >
                Tests {a.code.last.passed}/{a.code.last.total}
              </span>
            )}
            {a.score !== null && <span className={`rs-pill rs-tone-${scoreBand(a.score).tone}`}>{formatScore(a.score)}</span>}
          </summary>
          <div className="rs-answer-body">
            <blockquote className="rs-quote">{a.answer || <span className="muted">No answer was given.</span>}</blockquote>
            <div className="rs-answer-notes">
              <p>{a.feedback}</p>
              {a.suggestion && (
                <p className="rs-try">
                  <strong>Try next time:</strong> {a.suggestion}
                </p>
              )}
            </div>
            {a.code && <TestHistory code={a.code} graded={graded} />}
            {graded && (a.criteria.length > 0 || a.rubric.length > 0) && (
              <div className="rs-answer-scores">
                <ScoreGroup
                  title={`${rubricLabel(a.rubricKind)} rubric`}
                  scores={a.rubric.map((r) => ({ key: r.key, label: r.label, score: r.score }))}
                />
                <ScoreGroup title="Criteria" scores={a.criteria.map((c) => ({ key: c.criterion, label: c.label, score: c.score }))} />
              </div>
            )}
          </div>
        </details>
      ))}
    </section>
  );
}
