import { useState } from 'react';
import type { InterviewResults } from '../../../shared/interviewer/model';
import type { Comparison } from '../../../shared/progress/model';
import { ApiCallError, api, errorMessage, unwrap } from '../api';
import { Icon } from '../components/Icon';
import type { ToastMessage } from '../components/Toast';
import { formatDate } from '../format';
import { formatScore } from './score';

interface Props {
  sessionId: string;
  results: InterviewResults;
  onRetry: (sessionId: string) => void;
  onToast: (message: ToastMessage) => void;
}

/**
 * Where an export goes: the system Save dialog in the app; without one (a browser build) the data
 * folder's exports/, and the toast says where. Null when the person cancelled.
 */
async function exportPath(sessionId: string, format: 'pdf' | 'json'): Promise<{ path?: string } | null> {
  const picked = await api.progress.pickExportPath({ sessionId, format });
  if (picked.ok) return picked.value.path === null ? null : { path: picked.value.path };
  if (picked.error.code !== 'forbidden') throw new ApiCallError(picked.error);
  return {};
}

/** The results screen's actions: retry the weak questions, compare with the last attempt, export. */
export function ResultsActions({ sessionId, results, onRetry, onToast }: Props) {
  const [busy, setBusy] = useState<'retry' | 'compare' | 'pdf' | 'json' | null>(null);
  const [comparison, setComparison] = useState<Comparison | null>(null);

  const run = async (what: NonNullable<typeof busy>, step: () => Promise<void>, failure: string) => {
    setBusy(what);
    try {
      await step();
    } catch (err) {
      onToast({ kind: 'error', text: `${failure}: ${errorMessage(err)}` });
    } finally {
      setBusy(null);
    }
  };

  const retry = () =>
    run(
      'retry',
      async () => {
        const session = await unwrap(api.progress.retry({ sessionId }));
        onRetry(session.id);
      },
      'The retry could not be set up',
    );

  const compare = () =>
    run(
      'compare',
      async () => {
        if (comparison) {
          setComparison(null);
          return;
        }
        setComparison(await unwrap(api.progress.compare({ sessionId })));
      },
      'The attempts could not be compared',
    );

  const exportAs = (format: 'pdf' | 'json') =>
    run(
      format,
      async () => {
        const target = await exportPath(sessionId, format);
        if (!target) return;
        const input = target.path ? { sessionId, path: target.path } : { sessionId };
        // The PDF is the window as it shows now, printed with the print styles (no sidebar, no buttons).
        const out = await unwrap(format === 'pdf' ? api.progress.exportPdf(input) : api.progress.exportJson(input));
        onToast({ kind: 'success', text: `Exported the results to ${out.path}` });
      },
      `The results could not be exported as ${format.toUpperCase()}`,
    );

  return (
    <>
      <div className="rs-actions" role="toolbar" aria-label="Results actions" data-testid="results-actions">
        <button type="button" className="btn" onClick={() => void retry()} disabled={busy !== null} data-testid="retry">
          <Icon name="play" size={14} /> {busy === 'retry' ? 'Setting up…' : 'Retry'}
        </button>
        {results.graded && (
          <button
            type="button"
            className="btn"
            onClick={() => void compare()}
            disabled={busy !== null}
            aria-expanded={comparison !== null}
            aria-controls="rs-compare"
            data-testid="compare"
          >
            <Icon name="chart" size={14} /> {comparison ? 'Hide comparison' : 'Compare with previous attempt'}
          </button>
        )}
        <button type="button" className="btn" onClick={() => void exportAs('pdf')} disabled={busy !== null} data-testid="export-pdf">
          <Icon name="download" size={14} /> {busy === 'pdf' ? 'Printing…' : 'Export PDF'}
        </button>
        <button type="button" className="btn" onClick={() => void exportAs('json')} disabled={busy !== null} data-testid="export-json">
          <Icon name="download" size={14} /> Export JSON
        </button>
      </div>
      <p className="muted rs-small rs-actions-note">
        Retry starts a new interview with the same setup, asking first the questions you answered worst.
      </p>
      {comparison && <ComparisonTable comparison={comparison} />}
    </>
  );
}

function ComparisonTable({ comparison }: { comparison: Comparison }) {
  const { previous, current } = comparison;
  if (!previous) {
    return (
      <section id="rs-compare" className="card" aria-label="Comparison with the previous attempt" data-testid="comparison">
        <p>
          This is your first graded attempt at this setup (same job, company, interview type, company pattern and difficulty), so there is
          nothing to compare with yet.
        </p>
      </section>
    );
  }
  const groups: Array<[Comparison['rows'][number]['group'], string]> = [
    ['overall', 'Overall'],
    ['dimension', 'Dimensions'],
    ['criterion', 'Criteria'],
    ['category', 'Question categories'],
  ];
  return (
    <section id="rs-compare" className="card" aria-labelledby="rs-compare-title" data-testid="comparison">
      <div className="rs-card-head">
        <h2 id="rs-compare-title">Compared with your previous attempt</h2>
        <p className="muted rs-small">
          Attempt {comparison.attempts} at this setup; the previous one was on {formatDate(previous.at)}.
        </p>
      </div>
      <table className="data-table rs-compare-table">
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col" className="num">
              Previous ({formatDate(previous.at)})
            </th>
            <th scope="col" className="num">
              This attempt ({formatDate(current.at)})
            </th>
            <th scope="col" className="num">
              Change
            </th>
          </tr>
        </thead>
        {groups.map(([group, label]) => {
          const rows = comparison.rows.filter((r) => r.group === group);
          if (rows.length === 0) return null;
          return (
            <tbody key={group}>
              {group !== 'overall' && (
                <tr className="rs-compare-group">
                  <th scope="rowgroup" colSpan={4}>
                    {label}
                  </th>
                </tr>
              )}
              {rows.map((r) => (
                <tr key={`${r.group}:${r.key}`} data-row={`${r.group}:${r.key}`}>
                  <th scope="row">{r.label}</th>
                  <td className="num">{r.previous === null ? '—' : formatScore(r.previous)}</td>
                  <td className="num">{r.current === null ? '—' : formatScore(r.current)}</td>
                  <td className={`num rs-change${r.change === null ? '' : r.change > 0 ? ' up' : r.change < 0 ? ' down' : ''}`}>
                    {r.change === null
                      ? '—'
                      : `${r.change > 0 ? '+' : r.change < 0 ? '−' : '±'}${Math.abs(Math.round(r.change * 10) / 10)}`}
                  </td>
                </tr>
              ))}
            </tbody>
          );
        })}
      </table>
    </section>
  );
}
