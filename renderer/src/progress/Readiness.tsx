import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ProgressStats } from '../../../shared/progress/model';
import { READY_AT } from '../../../shared/progress/stats';
import { ChartCard } from './ChartCard';
import { useChartTheme } from './chart-theme';
import { plural, score } from './format';

const BAND_LABELS: Record<ProgressStats['readiness']['patterns'][number]['band'], string> = {
  ready: 'Ready',
  close: 'Close',
  not_yet: 'Not yet',
  no_evidence: 'No evidence yet',
};

/** How the recent results fit each company pattern's question mix, and what is missing for each. */
export function Readiness({ readiness }: { readiness: ProgressStats['readiness'] }) {
  const theme = useChartTheme();
  const bandColour = { ready: theme.best, close: theme.accent, not_yet: theme.previous, no_evidence: theme.grid };
  const data = readiness.patterns.map((p) => ({ label: p.label, value: p.readiness ?? 0, band: p.band }));
  return (
    <ChartCard
      testId="readiness"
      title="Company readiness"
      description={`Your recent category scores weighted by each company pattern's question mix; ${READY_AT} or more is ready.`}
      basis={
        readiness.sessions === 0 ? 'No graded session in this view.' : `From your last ${plural(readiness.sessions, 'graded session')}.`
      }
      note={readiness.sessions > 0 ? readiness.note : null}
      empty={readiness.sessions === 0 ? <p>{readiness.note}</p> : undefined}
      chart={
        <div className="pg-readiness">
          <div
            className="pg-chart"
            role="figure"
            aria-label={`Readiness: ${readiness.patterns.map((p) => `${p.label} ${score(p.readiness)}`).join(', ')}`}
          >
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={data} layout="vertical" margin={{ top: 4, right: 36, bottom: 4, left: 8 }} title="Company readiness">
                <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" domain={[0, 100]} stroke={theme.muted} tick={{ fill: theme.muted, fontSize: 12 }} />
                <YAxis type="category" dataKey="label" width={92} stroke={theme.muted} tick={{ fill: theme.text, fontSize: 12 }} />
                <ReferenceLine x={READY_AT} stroke={theme.best} strokeDasharray="4 4" />
                <Tooltip
                  formatter={(v) => [`${score(Number(v))} of 100`, 'Readiness']}
                  contentStyle={{ background: theme.surface, borderColor: theme.grid, color: theme.text }}
                />
                <Bar dataKey="value" isAnimationActive={false} radius={[0, 4, 4, 0]}>
                  {data.map((d) => (
                    <Cell key={d.label} fill={bandColour[d.band]} />
                  ))}
                  <LabelList dataKey="value" position="right" fill={theme.text} fontSize={12} formatter={(v) => score(Number(v))} />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
          <ul className="pg-missing">
            {readiness.patterns.map((p) => (
              <li key={p.pattern} data-pattern={p.pattern}>
                <div className="pg-missing-head">
                  <span className="strong">{p.label}</span>
                  <span className={`pg-band pg-band-${p.band}`}>{BAND_LABELS[p.band]}</span>
                </div>
                <p className="muted pg-small">Focus: {p.focus}.</p>
                {p.missing.length > 0 ? (
                  <ul className="pg-small">
                    {p.missing.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="pg-small">Every part of the mix is at {READY_AT} or more.</p>
                )}
              </li>
            ))}
          </ul>
        </div>
      }
      table={
        <table className="data-table" aria-label="Company readiness">
          <thead>
            <tr>
              <th scope="col">Company pattern</th>
              <th scope="col" className="num">
                Readiness
              </th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Mix with evidence
              </th>
              <th scope="col">Question mix (your score)</th>
            </tr>
          </thead>
          <tbody>
            {readiness.patterns.map((p) => (
              <tr key={p.pattern}>
                <td>{p.label}</td>
                <td className="num">{score(p.readiness)}</td>
                <td>{BAND_LABELS[p.band]}</td>
                <td className="num">{Math.round(p.coverage * 100)}%</td>
                <td>{p.mix.map((m) => `${m.label} ${Math.round(m.weight * 100)}% (${score(m.score)})`).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
