import { useState } from 'react';
import type { BankQuestionDetail } from '../../../shared/ipc/contract-interviewer';
import { EDITOR_LANGUAGES } from '../../../shared/session/model';
import { Icon } from '../components/Icon';
import { capitalize, categoryLabel } from '../interviewer/labels';
import { LANGUAGES } from '../room/files';
import { Examples } from '../components/Examples';
import { RichText } from '../components/RichText';

/** The bank writes a criterion as "Strong: … Weak: …"; shown as two lines when it does. */
function RubricText({ description }: { description: string }) {
  const match = /^Strong:\s*([\s\S]*?)\s*Weak:\s*([\s\S]*)$/.exec(description);
  if (!match) return <>{description}</>;
  return (
    <>
      <span className="qb-good">
        <strong>Strong</strong> {match[1]}
      </span>
      <span className="qb-poor">
        <strong>Weak</strong> {match[2]}
      </span>
    </>
  );
}

function criterionLabel(key: string): string {
  return capitalize(key.replace(/_/g, ' ').replace(/\btradeoffs\b/, 'trade-offs'));
}

interface Props {
  question: BankQuestionDetail;
  roleLabels: Map<string, string>;
  onPractice: () => void;
}

/** One bank question in full: prompt, examples, starter languages, hints (folded), rubric, sample answer (on request). */
export function QuestionDetail({ question: q, roleLabels, onPractice }: Props) {
  // Shown for one question only: the next one starts with its answer hidden again.
  const [answerShownFor, setAnswerShownFor] = useState<string | null>(null);
  const showAnswer = answerShownFor === q.id;
  const languages = EDITOR_LANGUAGES.filter((l) => q.starterCode[l]);

  return (
    <article className="qb-detail" aria-labelledby="qb-detail-title" data-testid="question-detail" data-question-id={q.id}>
      <header className="qb-detail-head">
        <div className="qb-tags">
          <span className="tag">{categoryLabel(q.category)}</span>
          <span className={`tag tag-${q.difficulty}`}>{capitalize(q.difficulty)}</span>
          {q.roles.map((r) => (
            <span key={r} className="tag qb-role">
              {roleLabels.get(r) ?? r}
            </span>
          ))}
        </div>
        <div className="qb-title-row">
          <h2 id="qb-detail-title">{q.title}</h2>
          <button type="button" className="btn btn-primary" onClick={onPractice}>
            <Icon name="play" size={14} /> Start practice session
          </button>
        </div>
      </header>

      <section className="qb-prose">
        <RichText text={q.text} />
      </section>

      <Examples examples={q.examples} />

      {q.constraints.length > 0 && (
        <section>
          <h3>{q.category === 'coding' ? 'Constraints' : 'Keep in mind'}</h3>
          <ul className="qb-bullets">
            {q.constraints.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </section>
      )}

      {languages.length > 0 && (
        <section>
          <h3>Starter code</h3>
          <div className="qb-chips" aria-label="Starter code languages">
            {languages.map((l) => (
              <span key={l} className="qb-chip">
                <Icon name="code" size={12} /> {LANGUAGES[l].label}
              </span>
            ))}
          </div>
        </section>
      )}

      <section>
        <h3>Skills</h3>
        <div className="qb-chips">
          {q.skills.map((s) => (
            <span key={s} className="qb-chip">
              {s}
            </span>
          ))}
        </div>
      </section>

      <details className="qb-fold" data-testid="question-hints">
        <summary>
          <Icon name="bulb" size={14} /> Hints ({q.hints.length}) <span className="muted">— each more specific than the last</span>
        </summary>
        <ol className="qb-hints">
          {q.hints.map((h, i) => (
            <li key={i}>
              <span className="qb-hint-level">Level {i + 1}</span> {h}
            </li>
          ))}
        </ol>
      </details>

      <section>
        <h3>Rubric</h3>
        <table className="qb-rubric">
          <tbody>
            {q.rubric.map((r) => (
              <tr key={r.criterion}>
                <th scope="row">
                  {criterionLabel(r.criterion)}
                  <span className="muted qb-weight">{Math.round(r.weight * 100)}%</span>
                </th>
                <td>
                  <RubricText description={r.description} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="qb-sample">
        <div className="qb-sample-head">
          <h3>Sample answer</h3>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setAnswerShownFor(showAnswer ? null : q.id)}
            aria-expanded={showAnswer}
            aria-controls="qb-sample-text"
          >
            {showAnswer ? 'Hide' : 'Show'} sample answer
          </button>
        </div>
        {showAnswer ? (
          <div id="qb-sample-text" className="qb-sample-text" data-testid="sample-answer">
            <RichText text={q.sampleAnswer} />
          </div>
        ) : (
          <p className="muted qb-small">Try the question first: the sample answer is one strong way to answer it, not the only one.</p>
        )}
      </section>
    </article>
  );
}
