import type { ProgressStats } from '../../../shared/progress/model';
import { IMPROVEMENT_DAYS } from '../../../shared/progress/stats';
import { longDate, plural, score, signed } from './format';

interface Props {
  stats: ProgressStats;
  onImportTeam: () => void;
  onClearTeam: () => void;
}

function Tile({ label, value, detail, testId }: { label: string; value: string; detail: string; testId: string }) {
  return (
    <div className="pg-tile" data-testid={testId}>
      <dt>{label}</dt>
      <dd>
        <span className="pg-tile-value">{value}</span>
        <span className="pg-tile-detail">{detail}</span>
      </dd>
    </div>
  );
}

/** The headline figures: average, best, improvement rate, streaks and the percentiles. */
export function SummaryTiles({ stats, onImportTeam, onClearTeam }: Props) {
  const { summary, improvement, streaks, percentile, sessions } = stats;
  const team = percentile.team;
  return (
    <section className="pg-summary" aria-label="Summary">
      <dl className="pg-tiles">
        <Tile
          testId="tile-average"
          label="Average score"
          value={score(summary.averageScore)}
          detail={sessions.graded ? `over ${plural(sessions.graded, 'graded session')}` : 'no graded session yet'}
        />
        <Tile
          testId="tile-best"
          label="Best score"
          value={score(summary.bestScore)}
          detail={summary.bestSessionId ? longDate(stats.trend.points.find((p) => p.sessionId === summary.bestSessionId)!.at) : '—'}
        />
        <Tile
          testId="tile-improvement"
          label="Improvement rate"
          value={improvement.pointsPerWeek === null ? '—' : `${signed(improvement.pointsPerWeek)}`}
          detail={
            improvement.pointsPerWeek === null
              ? (improvement.note ?? '')
              : `points a week over the last ${IMPROVEMENT_DAYS} days (${plural(improvement.sessions, 'session')})`
          }
        />
        <Tile
          testId="tile-streak"
          label="Streak"
          value={plural(streaks.currentDays, 'day')}
          detail={`longest ${plural(streaks.longestDays, 'day')}; ${plural(streaks.improvingSessions, 'session')} in a row better than the one before`}
        />
        <Tile
          testId="tile-percentile"
          label="Against your own history"
          value={percentile.own.percentile === null ? '—' : `${score(percentile.own.percentile)}th`}
          detail={percentile.own.note ?? ''}
        />
        <div className="pg-tile" data-testid="tile-team">
          <dt>Against a team</dt>
          <dd>
            {team ? (
              <>
                <span className="pg-tile-value">{team.percentile === null ? '—' : `${score(team.percentile)}th`}</span>
                <span className="pg-tile-detail">{team.note}</span>
                <button type="button" className="pg-link pg-small" onClick={onClearTeam}>
                  Remove {team.team}'s distribution
                </button>
              </>
            ) : (
              <>
                <span className="pg-tile-detail">
                  No team distribution. A team can share a file of its score quantiles to compare with.
                </span>
                <button type="button" className="btn btn-small" onClick={onImportTeam}>
                  Import team distribution…
                </button>
              </>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
