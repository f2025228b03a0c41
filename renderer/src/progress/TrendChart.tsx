import { useId, useState } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceDot, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CRITERIA, CRITERION_WEIGHTS, DIMENSIONS } from '../../../shared/interviewer/model';
import { CRITERION_LABELS } from '../../../shared/interviewer/scoring';
import type { ProgressStats } from '../../../shared/progress/model';
import { DIMENSION_LABELS, MIN_TREND_SESSIONS } from '../../../shared/progress/stats';
import { ChartCard } from './ChartCard';
import { useChartTheme } from './chart-theme';
import { longDate, plural, score, shortDate, signed } from './format';

type SeriesKey = 'overall' | (typeof DIMENSIONS)[number] | (typeof CRITERIA)[number];

const SERIES: Array<{ key: SeriesKey; label: string; group: string }> = [
  { key: 'overall', label: 'Overall', group: 'Score' },
  ...DIMENSIONS.map((d) => ({ key: d, label: DIMENSION_LABELS[d], group: 'Dimensions' })),
  ...CRITERIA.map((c) => ({
    key: c,
    label: `${CRITERION_LABELS[c]} (weight ${Math.round(CRITERION_WEIGHTS[c] * 100)}%)`,
    group: 'Criteria',
  })),
];

function valueOf(p: ProgressStats['trend']['points'][number], key: SeriesKey): number | null {
  if (key === 'overall') return p.overall;
  if ((DIMENSIONS as readonly string[]).includes(key)) return p.dimensions[key as (typeof DIMENSIONS)[number]] ?? null;
  return p.criteria[key as (typeof CRITERIA)[number]] ?? null;
}

/** The score over time, one series at a time, with a moving average and the best session marked. */
export function TrendChart({ trend }: { trend: ProgressStats['trend'] }) {
  const theme = useChartTheme();
  const [series, setSeries] = useState<SeriesKey>('overall');
  const selectId = useId();
  const label = SERIES.find((s) => s.key === series)!.label;
  const line = trend.points.length >= MIN_TREND_SESSIONS;
  const data = trend.points.map((p) => ({
    t: Date.parse(p.at),
    value: valueOf(p, series),
    movingAverage: series === 'overall' ? p.movingAverage : null,
  }));
  const best = trend.points.find((p) => p.best);
  const basis =
    trend.sessions === 0
      ? 'No graded session in this view.'
      : `From ${plural(trend.sessions, 'graded session')}${trend.slopePerWeek !== null ? `; overall trend ${signed(trend.slopePerWeek)} points a week` : ''}.`;
  return (
    <ChartCard
      testId="trend"
      title="Score trend"
      description={`Each graded interview's score over time${series === 'overall' ? `, with the average of the last ${trend.movingAverageWindow} and your best marked` : ''}.`}
      basis={basis}
      note={trend.sessions > 0 ? trend.note : null}
      empty={trend.sessions === 0 ? <p>{trend.note}</p> : undefined}
      actions={
        <label className="pg-inline-select" htmlFor={selectId}>
          <span>Series</span>
          <select id={selectId} value={series} onChange={(e) => setSeries(e.target.value as SeriesKey)} data-testid="trend-series">
            {['Score', 'Dimensions', 'Criteria'].map((group) => (
              <optgroup key={group} label={group}>
                {SERIES.filter((s) => s.group === group).map((s) => (
                  <option key={s.key} value={s.key}>
                    {s.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
      }
      chart={
        <div className="pg-chart" role="figure" aria-label={`${label} over ${plural(trend.sessions, 'graded session')}`}>
          <ResponsiveContainer width="100%" height={260}>
            <LineChart data={data} margin={{ top: 16, right: 24, bottom: 4, left: 0 }} title={`${label} over time`}>
              <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={data.length > 1 ? ['dataMin', 'dataMax'] : ['dataMin - 86400000', 'dataMax + 86400000']}
                tickFormatter={(t: number) => shortDate(t)}
                stroke={theme.muted}
                tick={{ fill: theme.muted, fontSize: 12 }}
              />
              <YAxis domain={[0, 100]} stroke={theme.muted} tick={{ fill: theme.muted, fontSize: 12 }} width={36} />
              <Tooltip
                labelFormatter={(t) => longDate(Number(t))}
                formatter={(v, name) => [
                  score(Number(v)),
                  name === 'movingAverage' ? `Average of last ${trend.movingAverageWindow}` : label,
                ]}
                contentStyle={{ background: theme.surface, borderColor: theme.grid, color: theme.text }}
              />
              <Line
                type="monotone"
                dataKey="value"
                name={label}
                stroke={line ? theme.accent : 'none'}
                strokeWidth={2}
                dot={{ r: 4, fill: theme.accent, stroke: theme.accent }}
                activeDot={{ r: 6 }}
                isAnimationActive={false}
                connectNulls
              />
              {series === 'overall' && line && (
                <Line
                  type="monotone"
                  dataKey="movingAverage"
                  name="movingAverage"
                  stroke={theme.muted}
                  strokeDasharray="6 4"
                  strokeWidth={2}
                  dot={false}
                  isAnimationActive={false}
                  connectNulls
                />
              )}
              {series === 'overall' && best && (
                <ReferenceDot
                  x={Date.parse(best.at)}
                  y={best.overall}
                  r={8}
                  fill="none"
                  stroke={theme.best}
                  strokeWidth={3}
                  label={{ value: `Best ${score(best.overall)}`, position: 'top', fill: theme.text, fontSize: 12 }}
                />
              )}
            </LineChart>
          </ResponsiveContainer>
        </div>
      }
      table={
        <table className="data-table" aria-label="Score trend">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col" className="num">
                Overall
              </th>
              <th scope="col" className="num">
                Average of last {trend.movingAverageWindow}
              </th>
              {DIMENSIONS.map((d) => (
                <th key={d} scope="col" className="num">
                  {DIMENSION_LABELS[d]}
                </th>
              ))}
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {trend.points.map((p) => (
              <tr key={p.sessionId} data-session-id={p.sessionId}>
                <td>{longDate(p.at)}</td>
                <td className="num">{score(p.overall)}</td>
                <td className="num">{score(p.movingAverage)}</td>
                {DIMENSIONS.map((d) => (
                  <td key={d} className="num">
                    {score(p.dimensions[d])}
                  </td>
                ))}
                <td>{p.best ? 'Best' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
