import type { InterviewResults } from '../../../shared/interviewer/model';
import { ScoreBar } from './ScoreBar';
import { formatScore, formatWeight } from './score';

type Graded = Extract<InterviewResults, { graded: true }>;

/** The weighted criteria (docs/interviewer.md): what the overall score is made of. */
export function CriteriaSection({ criteria }: { criteria: Graded['criteria'] }) {
  return (
    <section className="card rs-criteria" aria-labelledby="rs-criteria-title">
      <div className="rs-card-head">
        <h2 id="rs-criteria-title">Score breakdown</h2>
        <p className="muted">Each criterion counts with its weight toward the overall score.</p>
      </div>
      <table className="rs-table" aria-label="Criteria">
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col" className="rs-num">
              Weight
            </th>
            <th scope="col" className="rs-bar-col">
              Score
            </th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {criteria.map((c) => (
            <tr key={c.criterion} data-testid={`criterion-${c.criterion}`}>
              <th scope="row">{c.label}</th>
              <td className="rs-num">{formatWeight(c.weight)}</td>
              <td className="rs-bar-col">
                <span className="rs-bar-line">
                  <ScoreBar label={c.label} score={c.score} />
                  <span className="rs-num strong">{formatScore(c.score)}</span>
                </span>
              </td>
              <td className="rs-explain">{c.explanation}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Per-category rubrics (behavioral STAR, technical, system design), one card each that was asked. */
export function CategoryRubrics({ categories }: { categories: Graded['categories'] }) {
  if (categories.length === 0) return null;
  return (
    <section className="rs-categories" aria-label="Rubrics by category">
      {categories.map((cat) => (
        <article key={cat.kind} className="card rs-category" data-testid={`category-${cat.kind}`}>
          <div className="rs-row-head">
            <h2>{cat.label}</h2>
            <span className="rs-big-num">{formatScore(cat.score)}</span>
          </div>
          <p className="muted rs-small">
            {cat.answers} answer{cat.answers === 1 ? '' : 's'} scored on this rubric
          </p>
          <ul className="rs-parts">
            {cat.parts.map((p) => (
              <li key={p.key}>
                <div className="rs-row-head">
                  <span>
                    <span className="strong">{p.label}</span> <span className="muted rs-small">{formatWeight(p.weight)}</span>
                  </span>
                  <span className="rs-num">{formatScore(p.score)}</span>
                </div>
                <ScoreBar label={`${cat.label}: ${p.label}`} score={p.score} />
                {p.note && <p className="rs-explain">{p.note}</p>}
              </li>
            ))}
          </ul>
        </article>
      ))}
    </section>
  );
}
