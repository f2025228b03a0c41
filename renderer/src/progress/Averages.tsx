import type { Average, ProgressStats } from '../../../shared/progress/model';
import { ScoreBar } from '../results/ScoreBar';
import { ChartCard } from './ChartCard';
import { plural, score } from './format';

function Group({ title, items, unit }: { title: string; items: Average[]; unit: 'session' | 'answer' }) {
  const shown = items.filter((a) => a.average !== null);
  if (shown.length === 0) return null;
  return (
    <div className="pg-avg-group">
      <h3>{title}</h3>
      <ul>
        {shown.map((a) => (
          <li key={a.key} data-average={a.key}>
            <span className="pg-avg-label">{a.label}</span>
            <ScoreBar label={a.label} score={a.average!} />
            <span className="pg-avg-value">{score(a.average)}</span>
            <span className="pg-avg-basis muted">{plural(unit === 'session' ? a.sessions : a.answers, unit)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The averages a stats summary gives: by dimension, by answer criterion and by question category. */
export function Averages({ stats }: { stats: ProgressStats }) {
  const { averages, sessions } = stats;
  const all = [
    ...averages.dimensions.map((a) => ({ group: 'Dimension', a, n: a.sessions })),
    ...averages.criteria.map((a) => ({ group: 'Criterion', a, n: a.sessions })),
    ...averages.categories.map((a) => ({ group: 'Category', a, n: a.answers })),
  ];
  return (
    <ChartCard
      testId="averages"
      title="Averages"
      description="Your mean score per dimension, per answer criterion and per question category."
      basis={sessions.graded === 0 ? 'No graded session in this view.' : `From ${plural(sessions.graded, 'graded session')}.`}
      empty={sessions.graded === 0 ? <p>{stats.trend.note}</p> : undefined}
      chart={
        <div className="pg-avgs">
          <Group title="Dimensions" items={averages.dimensions} unit="session" />
          <Group title="Criteria" items={averages.criteria} unit="session" />
          <Group title="Question categories" items={averages.categories} unit="answer" />
        </div>
      }
      table={
        <table className="data-table" aria-label="Averages">
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Measure</th>
              <th scope="col" className="num">
                Average
              </th>
              <th scope="col" className="num">
                Based on
              </th>
            </tr>
          </thead>
          <tbody>
            {all.map(({ group, a, n }) => (
              <tr key={`${group}:${a.key}`}>
                <td>{group}</td>
                <td>{a.label}</td>
                <td className="num">{score(a.average)}</td>
                <td className="num">{plural(n, group === 'Category' ? 'answer' : 'session')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
