import { CATEGORY_LABELS } from '../../../shared/interviewer/question-bank';
import type { Question } from '../../../shared/session/model';
import { Examples } from '../components/Examples';
import { RichText } from '../components/RichText';

export function ProblemPanel({
  questions,
  current,
  onSelect,
}: {
  questions: Question[];
  current: number;
  onSelect: (index: number) => void;
}) {
  const q = questions[current];
  return (
    <aside className="problem-panel" aria-label="Problem">
      {questions.length > 1 && (
        <div className="question-tabs" role="tablist" aria-label="Questions">
          {questions.map((item, i) => (
            <button
              key={item.id}
              type="button"
              role="tab"
              aria-selected={i === current}
              className={`question-tab${i === current ? ' active' : ''}`}
              onClick={() => onSelect(i)}
            >
              {i + 1}. {CATEGORY_LABELS[item.category]}
            </button>
          ))}
        </div>
      )}
      {q ? (
        <article className="problem">
          <div className="problem-meta">
            <span className="tag">{CATEGORY_LABELS[q.category]}</span>
            <span className={`tag tag-${q.difficulty}`}>{q.difficulty[0]!.toUpperCase() + q.difficulty.slice(1)}</span>
          </div>
          <h2>{q.title}</h2>
          <RichText text={q.prompt} />
          <Examples examples={q.examples} />
          {q.constraints.length > 0 && (
            <section>
              <h3>{q.category === 'coding' ? 'Constraints' : 'Keep in mind'}</h3>
              <ul>
                {q.constraints.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </section>
          )}
        </article>
      ) : (
        <p className="muted">This session has no question attached.</p>
      )}
    </aside>
  );
}
