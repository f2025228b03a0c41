import type { InterviewResults } from '../../../shared/interviewer/model';
import { Icon } from '../components/Icon';

/** What went well and what to work on next, with a concrete suggestion for each. */
export function FeedbackLists({ results }: { results: InterviewResults }) {
  return (
    <div className="rs-feedback">
      <section className="card" aria-labelledby="rs-strengths">
        <h2 id="rs-strengths">Strengths</h2>
        {results.strengths.length > 0 ? (
          <ul className="rs-list rs-strengths" data-testid="strengths">
            {results.strengths.map((s) => (
              <li key={s}>
                <Icon name="check" size={15} />
                <span>{s}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Nothing stood out yet: longer answers with concrete examples give more to build on.</p>
        )}
      </section>
      <section className="card" aria-labelledby="rs-improve">
        <h2 id="rs-improve">Areas to improve</h2>
        {results.improvements.length > 0 ? (
          <ul className="rs-list rs-improvements" data-testid="improvements">
            {results.improvements.map((i) => (
              <li key={i.area}>
                <Icon name="bulb" size={15} />
                <span>
                  <strong>{i.area}</strong>
                  <span className="rs-suggestion">{i.suggestion}</span>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No specific gaps were found in these answers.</p>
        )}
      </section>
    </div>
  );
}

/** Required skills the answers touched, and those they never did. */
export function SkillCoverage({ stats }: { stats: InterviewResults['stats'] }) {
  if (stats.skillsCovered.length === 0 && stats.skillsMissing.length === 0) return null;
  return (
    <section className="card rs-skills" aria-labelledby="rs-skills">
      <h2 id="rs-skills">Required skills</h2>
      <div className="rs-chips">
        {stats.skillsCovered.map((s) => (
          <span key={s} className="rs-chip rs-chip-covered" title="Came up in your answers">
            <Icon name="check" size={12} /> {s}
          </span>
        ))}
        {stats.skillsMissing.map((s) => (
          <span key={s} className="rs-chip rs-chip-missing" title="Never came up in your answers">
            {s}
          </span>
        ))}
      </div>
      {stats.skillsMissing.length > 0 && (
        <p className="muted rs-small">Skills without a check never came up: next time, connect an example to them.</p>
      )}
    </section>
  );
}
