import { useEffect, useRef, type ReactNode } from 'react';
import type { RunSummary } from '../../../shared/ipc/contract-runner';
import { Icon } from '../components/Icon';

export interface ConsoleChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface ConsoleState {
  running: boolean;
  label: string | null;
  chunks: ConsoleChunk[];
  result: RunSummary | null;
  recordError: string | null;
}

interface Props {
  state: ConsoleState;
  /** Said once, above the output: programs run without a sandbox here, or cannot run. */
  notice: string | null;
  stdin: string;
  onStdinChange: (value: string) => void;
  onStop: () => void;
  onClear: () => void;
  /** The Console / Tests switch, drawn instead of the title where the room has tests. */
  tabs?: ReactNode;
}

/** Only the tail is rendered: a program printing megabytes must not freeze the room. */
const MAX_RENDERED_CHARS = 200_000;

function statusText(result: RunSummary): { text: string; tone: 'ok' | 'error' | 'warn' } {
  const time = result.durationMs < 1000 ? `${Math.round(result.durationMs)} ms` : `${(result.durationMs / 1000).toFixed(2)} s`;
  if (result.missingToolchain) return { text: `Not run: ${result.missingToolchain.tool} is not installed`, tone: 'warn' };
  if (result.limit && result.limit !== 'time' && result.limit !== 'output')
    return { text: `Stopped after ${time}: the program reached ${result.limitText ?? `its ${result.limit} limit`}`, tone: 'error' };
  if (result.timedOut || result.limit === 'time') return { text: `Timed out after ${time}: the program was stopped`, tone: 'error' };
  if (result.stopped) return { text: `Stopped after ${time}`, tone: 'warn' };
  if (result.outputCapped || result.limit === 'output')
    return { text: `Output limit reached after ${time}: the program was stopped`, tone: 'error' };
  if (result.status === 'success') return { text: `Exited with code 0 · ${time}`, tone: 'ok' };
  return {
    text:
      result.exitCode === null
        ? `Ended by signal ${result.signal ?? 'unknown'} · ${time}`
        : `Exited with code ${result.exitCode} · ${time}`,
    tone: 'error',
  };
}

export function ConsolePanel({ state, notice, stdin, onStdinChange, onStop, onClear, tabs }: Props) {
  const output = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const el = output.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [state.chunks]);

  let budget = MAX_RENDERED_CHARS;
  const shown: ConsoleChunk[] = [];
  for (let i = state.chunks.length - 1; i >= 0 && budget > 0; i--) {
    const c = state.chunks[i]!;
    shown.unshift(c.text.length > budget ? { ...c, text: c.text.slice(-budget) } : c);
    budget -= c.text.length;
  }
  const status = state.result ? statusText(state.result) : null;

  return (
    <section className="console" aria-label="Console">
      <header className="console-bar">
        {tabs ?? <span className="console-title">Console</span>}
        {state.running && (
          <span className="console-status" role="status">
            <span className="spinner" aria-hidden="true" /> Running {state.label}…
          </span>
        )}
        {!state.running && status && (
          <span className={`console-status tone-${status.tone}`} role="status" data-testid="run-status">
            {status.text}
          </span>
        )}
        <span className="console-actions">
          {state.running && (
            <button type="button" className="btn btn-small btn-danger" onClick={onStop}>
              <Icon name="stop" size={14} /> Stop
            </button>
          )}
          <button
            type="button"
            className="btn btn-small btn-ghost"
            onClick={onClear}
            disabled={state.running || (state.chunks.length === 0 && !state.result && !notice)}
          >
            Clear
          </button>
        </span>
      </header>
      <div className="console-body">
        <pre className="console-output" ref={output} data-testid="console-output" tabIndex={0} aria-live="polite">
          {notice && (
            <span className="out-notice" role="note" data-testid="console-notice">
              {notice}
            </span>
          )}
          {shown.length === 0 && !state.result && !state.running && !notice && (
            <span className="console-placeholder">Run your code with the Run button or Ctrl+Enter. Output appears here.</span>
          )}
          {shown.map((c, i) => (
            <span key={i} className={c.stream === 'stderr' ? 'out-err' : undefined}>
              {c.text}
            </span>
          ))}
          {state.recordError && <span className="out-system">This run could not be recorded: {state.recordError}</span>}
        </pre>
        <label className="console-stdin">
          <span>Input (stdin)</span>
          <textarea
            value={stdin}
            onChange={(e) => onStdinChange(e.target.value)}
            placeholder="Text passed to your program's standard input"
            spellCheck={false}
          />
        </label>
      </div>
    </section>
  );
}
