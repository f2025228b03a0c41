import { useState, type ReactNode } from 'react';
import { categoryLabel } from '../../../shared/judge/categories';
import { KIND_LABELS, type TestCaseResult, type TestRun } from '../../../shared/judge/result';
import { Icon } from '../components/Icon';

export interface TestPanelState {
  running: boolean;
  label: string | null;
  run: TestRun | null;
  /** The press was refused or failed before any judging (no sandbox, the interview ended). */
  error: string | null;
}

export const IDLE_TESTS: TestPanelState = { running: false, label: null, run: null, error: null };

interface Props {
  state: TestPanelState;
  /** The Console / Tests switch, drawn in the panel's bar. */
  tabs: ReactNode;
}

function ms(value: number | null): string {
  if (value === null) return '—';
  if (value < 0.1) return '< 0.1 ms';
  if (value < 10) return `${value.toFixed(1)} ms`;
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`;
}

const show = (value: unknown) => JSON.stringify(value);

const STATUS_TEXT: Record<TestCaseResult['status'], string> = {
  passed: 'Passed',
  failed: 'Wrong answer',
  error: 'Error',
  timeout: 'Out of time',
};

function summary(run: TestRun): { text: string; tone: 'ok' | 'error' | 'warn' } {
  if (run.notRun) return { text: 'Tests not run', tone: 'warn' };
  if (run.compile) return { text: 'Does not compile', tone: 'error' };
  const time = ms(run.durationMs);
  if (run.status === 'passed') return { text: `All ${run.total} tests passed · ${time}`, tone: 'ok' };
  return { text: `${run.passed} of ${run.total} tests passed · ${time}`, tone: 'error' };
}

/**
 * The results of a Test press: each visible example with its arguments, expected and actual result and
 * time; hidden and performance tests only as pass or fail with their category, never their data. A
 * compile error or an exception shows its message and line; what the code printed stays apart.
 */
export function TestPanel({ state, tabs }: Props) {
  const run = state.run;
  const status = run ? summary(run) : null;
  return (
    <section className="console tests" aria-label="Test results">
      <header className="console-bar">
        {tabs}
        {state.running && (
          <span className="console-status" role="status">
            <span className="spinner" aria-hidden="true" /> Testing {state.label}…
          </span>
        )}
        {!state.running && status && (
          <span className={`console-status tone-${status.tone}`} role="status" data-testid="test-status">
            {status.text}
          </span>
        )}
      </header>
      <div className="tests-body" data-testid="test-results">
        {state.error && (
          <p className="tests-message tone-error" role="alert">
            {state.error}
          </p>
        )}
        {!run && !state.error && !state.running && (
          <p className="console-placeholder tests-placeholder">
            Test runs your function against the examples, hidden edge cases and performance tests, in the sandbox. Press Test or
            Ctrl+Alt+Enter.
          </p>
        )}
        {run && <RunResults run={run} />}
      </div>
    </section>
  );
}

function RunResults({ run }: { run: TestRun }) {
  if (run.notRun) return <p className="tests-message tone-warn">{run.notRun}</p>;
  if (run.compile)
    return (
      <div className="tests-compile" role="alert">
        <p className="tests-message tone-error">
          <strong>{run.compile.line ? `Line ${run.compile.line}: ` : ''}</strong>
          {run.compile.message}
        </p>
        {run.compile.output.trim() !== run.compile.message.trim() && <pre className="tests-pre">{run.compile.output}</pre>}
      </div>
    );
  return (
    <>
      <div className="tests-kinds">
        {(['example', 'hidden', 'performance'] as const)
          .filter((k) => run.byKind[k].total > 0)
          .map((k) => {
            const t = run.byKind[k];
            return (
              <span key={k} className={`tests-kind ${t.passed === t.total ? 'tone-ok' : 'tone-error'}`}>
                {KIND_LABELS[k]} <strong>{`${t.passed}/${t.total}`}</strong>
              </span>
            );
          })}
        {run.cached && <span className="tests-note">Build reused from the last test of this code</span>}
      </div>
      {run.loadError && (
        <p className="tests-message tone-error">
          Your code raised an error while loading{run.loadError.line ? ` (line ${run.loadError.line})` : ''}: {run.loadError.message}
        </p>
      )}
      <ul className="tests-cases">
        {run.cases.map((c) => (
          <CaseRow key={c.index} c={c} />
        ))}
      </ul>
      {(run.output || run.stderr) && (
        <div className="tests-printed">
          <h4>Printed by your code outside the tests</h4>
          <pre className="tests-pre">
            {run.output}
            {run.stderr && <span className="out-err">{run.stderr}</span>}
          </pre>
        </div>
      )}
    </>
  );
}

function CaseRow({ c }: { c: TestCaseResult }) {
  const visible = c.kind === 'example';
  const [open, setOpen] = useState(visible && c.status !== 'passed');
  const passed = c.status === 'passed';
  const label = visible ? null : categoryLabel(c.kind, c.category);
  return (
    <li className={`tests-case ${passed ? 'is-passed' : 'is-failed'}`} data-testid="test-case" data-status={c.status}>
      <div className="tests-case-head">
        <span className={`tests-icon ${passed ? 'tone-ok' : 'tone-error'}`} aria-hidden="true">
          <Icon name={passed ? 'check' : 'x'} size={14} />
        </span>
        {visible ? (
          <button type="button" className="tests-case-name link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
            {capitalize(c.name)}
          </button>
        ) : (
          <span className="tests-case-name">{capitalize(c.name)}</span>
        )}
        <span className="tests-category">{label}</span>
        <span className={`tests-verdict ${passed ? 'tone-ok' : 'tone-error'}`}>{STATUS_TEXT[c.status]}</span>
        <span className="tests-time" title={`Limit ${ms(c.budgetMs)}`}>
          {ms(c.timeMs)}
        </span>
      </div>
      {!passed && c.message && (
        <p className="tests-case-message">
          {c.line ? <strong>Line {c.line}: </strong> : null}
          {c.message}
        </p>
      )}
      {!visible && !passed && c.printedLines > 0 && (
        <p className="tests-case-note">
          Your code printed {c.printedLines} line{c.printedLines === 1 ? '' : 's'} during this test.
        </p>
      )}
      {visible && open && (
        <dl className="tests-detail">
          {c.calls ? (
            <>
              <dt>Calls</dt>
              <dd>
                <code>{c.calls.map((call) => `${String(call[0])}(${call.slice(1).map(show).join(', ')})`).join(', ')}</code>
              </dd>
            </>
          ) : (
            <>
              <dt>Arguments</dt>
              <dd>
                <code>{(c.args ?? []).map(show).join(', ')}</code>
              </dd>
            </>
          )}
          <dt>Expected</dt>
          <dd>
            <code>{show(c.expected)}</code>
          </dd>
          <dt>Actual</dt>
          <dd>
            <code>{c.actual === undefined ? '—' : show(c.actual)}</code>
          </dd>
          {c.output && (
            <>
              <dt>Printed</dt>
              <dd>
                <pre className="tests-pre">{c.output}</pre>
              </dd>
            </>
          )}
        </dl>
      )}
    </li>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
