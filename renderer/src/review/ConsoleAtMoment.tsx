import { useCallback } from 'react';
import type { ReviewRun } from '../../../shared/ipc/contract-review';
import type { ReviewIndex } from '../../../shared/review';
import { formatDuration } from '../format';
import type { ClockState, ReviewClock } from './review-clock';
import { useClockValue } from './use-clock';

interface Props {
  clock: ReviewClock;
  index: ReviewIndex;
  runs: readonly ReviewRun[];
}

/** "3:running" while a run is going at the moment, "3:done" once it ended; -1 before the first run. */
const runKey = (index: ReviewIndex) => (s: ClockState) => {
  const at = index.runAt(s.tMs);
  return at ? `${at.index}:${at.running ? 'running' : 'done'}` : '-1';
};

/** The console as it was at the moment: the last run started by then, its output once it had ended. */
export function ConsoleAtMoment({ clock, index, runs }: Props) {
  const key = useClockValue(
    clock,
    useCallback((s: ClockState) => runKey(index)(s), [index]),
  );
  const [indexText, phase] = key.split(':');
  const run = runs[Number(indexText)];

  return (
    <section className="rv-console" aria-label="Console at this moment" data-testid="review-console">
      <header className="rv-pane-bar">
        <span className="console-title">Console</span>
        {run && (
          <span className={`console-status ${phase === 'running' ? '' : run.status === 'success' ? 'tone-ok' : 'tone-error'}`}>
            {phase === 'running' ? (
              <>
                <span className="spinner" aria-hidden="true" /> Running (started {formatDuration(run.tMs)})
              </>
            ) : (
              <>
                {run.status === 'success' ? 'Succeeded' : 'Failed'} at {formatDuration(run.tMs)}
                {run.durationMs !== null && (
                  <span className="muted">
                    {' '}
                    · {run.durationMs < 1000 ? `${Math.round(run.durationMs)} ms` : `${(run.durationMs / 1000).toFixed(1)} s`}
                  </span>
                )}
              </>
            )}
          </span>
        )}
        {runs.length > 0 && (
          <span className="muted rv-console-count">
            {runs.length} run{runs.length === 1 ? '' : 's'} in the session
          </span>
        )}
      </header>
      <pre className="console-output rv-console-output" tabIndex={0}>
        {!run && (
          <span className="console-placeholder">
            {runs.length === 0 ? 'The code was never run in this session.' : 'No run yet at this moment.'}
          </span>
        )}
        {run && phase === 'running' && (
          <span className="console-placeholder">The program is running; its output appears when it ends.</span>
        )}
        {run && phase === 'done' && (
          <>
            {run.stdoutPreview && <span>{run.stdoutPreview}</span>}
            {run.stderrPreview && <span className="out-err">{run.stderrPreview}</span>}
            {!run.stdoutPreview && !run.stderrPreview && !run.outputDropped && (
              <span className="console-placeholder">The run printed nothing.</span>
            )}
            {run.outputDropped && (
              <span className="out-system">Part of this run's output was too large to keep; only its hash was stored.</span>
            )}
          </>
        )}
      </pre>
    </section>
  );
}
