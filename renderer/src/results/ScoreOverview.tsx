import type { InterviewResults } from '../../../shared/interviewer/model';
import { formatShortDuration } from '../format';
import { ScoreBar, ScoreRing } from './ScoreBar';
import { formatScore, scoreBand } from './score';

type Graded = Extract<InterviewResults, { graded: true }>;

/** The headline: overall score, the three dimensions (docs/interviewer.md), and what the interview consisted of. */
export function ScoreOverview({ results }: { results: Graded }) {
  return (
    <section className="card rs-overview" aria-label="Overall score">
      {/* The report's first line on paper, where the ring's figure and its caption print apart. */}
      <p className="rs-print-only" data-testid="print-overall">
        Overall score: {formatScore(results.overall)} of 100 ({scoreBand(results.overall).label})
      </p>
      <ScoreRing score={results.overall} />
      <div className="rs-dimensions">
        <h2>Dimensions</h2>
        <ul>
          {results.dimensions.map((d) => (
            <li key={d.dimension} data-testid={`dimension-${d.dimension}`}>
              <div className="rs-row-head">
                <span className="strong">{d.label}</span>
                <span className="rs-num">{formatScore(d.score)}</span>
              </div>
              <ScoreBar label={d.label} score={d.score} />
              <p className="rs-explain">{d.explanation}</p>
            </li>
          ))}
        </ul>
      </div>
      <Stats stats={results.stats} />
    </section>
  );
}

export function Stats({ stats }: { stats: InterviewResults['stats'] }) {
  return (
    <dl className="rs-stats" aria-label="Interview statistics">
      <div>
        <dt>Questions</dt>
        <dd>{stats.questionsAsked}</dd>
      </div>
      <div>
        <dt>Answers</dt>
        <dd>{stats.answers}</dd>
      </div>
      <div>
        <dt>Follow-ups</dt>
        <dd>{stats.followUps}</dd>
      </div>
      <div>
        <dt>Hints used</dt>
        <dd>{stats.hintsUsed}</dd>
      </div>
      <div>
        <dt>Duration</dt>
        <dd>{formatShortDuration(stats.durationMs)}</dd>
      </div>
    </dl>
  );
}
