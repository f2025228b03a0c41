import { Legend, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, ResponsiveContainer, Tooltip } from 'recharts';
import type { ProgressStats } from '../../../shared/progress/model';
import { ChartCard } from './ChartCard';
import { useChartTheme } from './chart-theme';
import { plural, score, signed } from './format';

/** Competencies (the bank's categories) in the last N graded sessions against the N before. */
export function CompetencyRadar({ radar }: { radar: ProgressStats['radar'] }) {
  const theme = useChartTheme();
  const hasPrevious = radar.previousSessions > 0;
  const recentName = `Last ${plural(radar.sessions, 'session')}`;
  const previousName = `${plural(radar.previousSessions, 'session')} before`;
  const data = radar.axes.map((a) => ({ label: a.label, recent: a.recent ?? 0, previous: a.previous ?? 0 }));
  return (
    <ChartCard
      testId="radar"
      title="Competencies"
      description={`Average answer score per question category in your last ${radar.window} graded sessions${hasPrevious ? `, against the ${radar.window} before` : ''}.`}
      basis={
        radar.sessions === 0
          ? 'No graded session in this view.'
          : `From ${plural(radar.sessions + radar.previousSessions, 'graded session')}.`
      }
      note={radar.sessions > 0 ? radar.note : null}
      empty={radar.sessions === 0 || radar.axes.length === 0 ? <p>{radar.note ?? 'No graded answers yet.'}</p> : undefined}
      chart={
        <div
          className="pg-chart"
          role="figure"
          aria-label={`Competencies: ${radar.axes.map((a) => `${a.label} ${score(a.recent)}`).join(', ')}`}
        >
          <ResponsiveContainer width="100%" height={300}>
            <RadarChart data={data} outerRadius="72%" title="Competencies">
              <PolarGrid stroke={theme.grid} />
              <PolarAngleAxis dataKey="label" tick={{ fill: theme.text, fontSize: 12 }} />
              <PolarRadiusAxis domain={[0, 100]} angle={90} tick={{ fill: theme.muted, fontSize: 11 }} stroke={theme.grid} />
              {hasPrevious && (
                <Radar
                  name={previousName}
                  dataKey="previous"
                  stroke={theme.previous}
                  fill={theme.previous}
                  fillOpacity={0.15}
                  strokeDasharray="5 4"
                  isAnimationActive={false}
                />
              )}
              <Radar
                name={recentName}
                dataKey="recent"
                stroke={theme.accent}
                fill={theme.accent}
                fillOpacity={0.3}
                isAnimationActive={false}
              />
              <Tooltip
                formatter={(v) => score(Number(v))}
                contentStyle={{ background: theme.surface, borderColor: theme.grid, color: theme.text }}
              />
              <Legend wrapperStyle={{ color: theme.text, fontSize: 12 }} />
            </RadarChart>
          </ResponsiveContainer>
        </div>
      }
      table={
        <table className="data-table" aria-label="Competencies">
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col" className="num">
                {recentName}
              </th>
              <th scope="col" className="num">
                {hasPrevious ? previousName : 'Before'}
              </th>
              <th scope="col" className="num">
                Change
              </th>
            </tr>
          </thead>
          <tbody>
            {radar.axes.map((a) => (
              <tr key={a.category}>
                <td>{a.label}</td>
                <td className="num">
                  {score(a.recent)} <span className="muted">({plural(a.recentAnswers, 'answer')})</span>
                </td>
                <td className="num">
                  {score(a.previous)} <span className="muted">({plural(a.previousAnswers, 'answer')})</span>
                </td>
                <td className="num">{signed(a.change)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
