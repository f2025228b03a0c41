import { useState } from 'react';
import type { EvalRunView } from '../../../shared/ipc/contract-twin';
import { api, errorMessage, unwrap } from '../api';
import { Icon } from '../components/Icon';
import { Bars, ChartCard, TrendLines } from './Charts';

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const METRICS = [
  { key: 'similarity', label: 'ROUGE-L' },
  { key: 'styleAgreement', label: 'Style agreement' },
  { key: 'followUpTypeAgreement', label: 'Follow-up type' },
  { key: 'safety', label: 'Safety (not blocked)' },
] as const;
const fmt = (x: number) => x.toFixed(2);

/** The latest evaluation beside the generic interviewer, its trend, and a button to run another. */
export function EvalPanel({ interviewer, trend, onRun }: { interviewer: string; trend: EvalRunView[]; onRun: () => void }) {
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = trend.at(-1) ?? null;
  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      await unwrap(api.twin.evaluate({ interviewer, offline: true }));
      onRun();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setRunning(false);
    }
  };
  return (
    <div className="tw-eval" data-testid="twin-eval">
      <div className="tw-eval-head">
        <p>
          {latest
            ? `Latest: ${dayFormat.format(new Date(latest.createdAt))}, ${latest.turns} turns from ${latest.testSessions} test session${latest.testSessions === 1 ? '' : 's'} (${latest.mode}).`
            : 'Not evaluated yet. An evaluation answers every interviewer turn of the latest sessions (which the twin never learnt from) and compares with what was really said.'}
        </p>
        <button type="button" className="btn btn-primary" onClick={() => void run()} disabled={running}>
          <Icon name="chart" /> {running ? 'Evaluating…' : 'Run evaluation'}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {latest && (
        <div className="tw-grid-2">
          <ChartCard
            title="Twin against the generic interviewer"
            caption="0–1, higher is closer to what the interviewer really said"
            table={{
              head: ['Figure', 'Twin', 'Generic'],
              rows: [
                ...METRICS.map((m) => [m.label, fmt(latest.twin[m.key]), fmt(latest.baseline[m.key])]),
                ...(latest.twin.embeddingCosine !== null
                  ? [['Embedding cosine', fmt(latest.twin.embeddingCosine), fmt(latest.baseline.embeddingCosine ?? 0)]]
                  : []),
              ],
            }}
          >
            <Bars
              max={1}
              legend={['Twin', 'Generic interviewer']}
              bars={METRICS.map((m) => ({
                label: m.label,
                value: latest.twin[m.key],
                display: fmt(latest.twin[m.key]),
                compare: { value: latest.baseline[m.key], display: fmt(latest.baseline[m.key]) },
              }))}
            />
          </ChartCard>
          <ChartCard
            title="Trend"
            caption="ROUGE-L per run: the twin and the generic interviewer"
            table={{
              head: ['Run', 'Twin ROUGE-L', 'Generic ROUGE-L', 'Style', 'Follow-up type'],
              rows: trend.map((r) => [
                dayFormat.format(new Date(r.createdAt)),
                fmt(r.twin.similarity),
                fmt(r.baseline.similarity),
                fmt(r.twin.styleAgreement),
                fmt(r.twin.followUpTypeAgreement),
              ]),
            }}
          >
            <TrendLines
              labels={trend.map((r) => new Date(r.createdAt).toLocaleDateString())}
              series={[
                { name: 'Twin', kind: 'a', values: trend.map((r) => r.twin.similarity) },
                { name: 'Generic', kind: 'b', values: trend.map((r) => r.baseline.similarity) },
              ]}
            />
            <div className="tw-legend">
              <span className="tw-key tw-key-a" /> Twin <span className="tw-key tw-key-b" /> Generic interviewer
            </div>
          </ChartCard>
        </div>
      )}
    </div>
  );
}
