import type { CodeScore } from '../../../shared/judge/score';
import { totalsText } from '../../../shared/judge/score';
import { ScoreBar } from './ScoreBar';
import { formatScore } from './score';

const LANGUAGE_LABELS: Record<string, string> = {
  python: 'Python',
  javascript: 'JavaScript',
  typescript: 'TypeScript',
  java: 'Java',
  cpp: 'C++',
  go: 'Go',
  rust: 'Rust',
};

/** Minutes and seconds on the session's clock. */
export function clockTime(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * What the tests found of a coding answer (docs/judge.md, "Scoring"): correctness and efficiency from
 * the last run (graded interviews), and every Test press with what passed and when.
 */
export function TestHistory({ code, graded }: { code: CodeScore; graded: boolean }) {
  return (
    <div className="rs-tests" data-testid="test-history">
      <h4>Code tests</h4>
      {graded && (
        <div className="rs-score-grid">
          <div className="rs-mini" data-testid="code-correctness">
            <span className="rs-mini-label">Correctness</span>
            <ScoreBar label="Correctness" score={code.correctness} />
            <span className="rs-num">{formatScore(code.correctness)}</span>
          </div>
          {code.efficiency !== null && (
            <div className="rs-mini" data-testid="code-efficiency">
              <span className="rs-mini-label">Efficiency</span>
              <ScoreBar label="Efficiency" score={code.efficiency} />
              <span className="rs-num">{formatScore(code.efficiency)}</span>
            </div>
          )}
        </div>
      )}
      <ol className="rs-test-runs">
        {code.history.map((h, i) => (
          <li key={h.runId} className={h.status === 'passed' ? 'is-passed' : 'is-failed'} data-testid="test-press">
            <span className="rs-test-time">{clockTime(h.tMs)}</span>
            <span className="rs-test-lang">{LANGUAGE_LABELS[h.language] ?? h.language}</span>
            <span className="rs-test-count">
              {h.compileError ? 'Did not compile' : `${h.passed}/${h.total} passed`}
              {i === code.history.length - 1 && <span className="muted"> · last</span>}
            </span>
            <span className="rs-test-detail">
              {h.compileError ? '' : totalsText(h.byKind)}
              {h.failing.length > 0 && !h.compileError && (
                <>
                  {' · failing: '}
                  {h.failing.slice(0, 4).join(', ')}
                  {h.failing.length > 4 ? ` and ${h.failing.length - 4} more` : ''}
                </>
              )}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
