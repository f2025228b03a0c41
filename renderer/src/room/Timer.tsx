import { useEffect, useState } from 'react';
import { formatDuration } from '../format';

interface Props {
  activeMsAtOpen: number;
  /** performance.now() when the room opened. */
  openedAt: number;
  plannedMs: number;
}

export function Timer({ activeMsAtOpen, openedAt, plannedMs }: Props) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(performance.now()), 250);
    return () => window.clearInterval(id);
  }, []);
  const elapsed = activeMsAtOpen + Math.max(0, now - openedAt);
  const remaining = plannedMs - elapsed;
  const over = remaining < 0;
  const warn = !over && remaining < 5 * 60_000;
  const progress = Math.min(1, elapsed / plannedMs);
  return (
    <div className={`timer${over ? ' timer-over' : warn ? ' timer-warn' : ''}`} role="timer" aria-label="Interview time">
      <span className="timer-elapsed" data-testid="timer-elapsed">
        {formatDuration(elapsed)}
      </span>
      <span className="timer-sep">/</span>
      <span className="timer-planned">{formatDuration(plannedMs)}</span>
      <span className="timer-bar" aria-hidden="true">
        <span style={{ width: `${progress * 100}%` }} />
      </span>
      <span className="timer-remaining">{over ? `${formatDuration(-remaining)} over` : `${formatDuration(remaining)} left`}</span>
    </div>
  );
}
