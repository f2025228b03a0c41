import { useEffect, useState } from 'react';
import type { BundleProgress } from '../../../shared/ipc/contract-bundles';
import { api } from '../api';
import { formatBytes } from '../recording/media-support';

/** An operation is shown only once it has run this long: a small bundle finishes without a flash. */
const SHOW_AFTER_MS = 300;

/**
 * Exports and imports under way, with how much of their recordings has been copied. Bundles of long
 * interviews hold gigabytes; the app stays usable while they are copied, and this says how far along
 * they are. Each row goes when its operation ends (the toast then says how it ended).
 */
export function BundleProgressPanel() {
  const [operations, setOperations] = useState<Map<string, BundleProgress & { since: number }>>(() => new Map());
  const [now, setNow] = useState(() => performance.now());

  useEffect(
    () =>
      api.bundle.onProgress((p) =>
        setOperations((previous) => {
          const next = new Map(previous);
          if (p.finished) next.delete(p.operationId);
          else next.set(p.operationId, { ...p, since: previous.get(p.operationId)?.since ?? performance.now() });
          return next;
        }),
      ),
    [],
  );

  // A clock for "running long enough to be shown", ticking only while something runs.
  const active = operations.size > 0;
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => setNow(performance.now()), SHOW_AFTER_MS / 2);
    return () => window.clearInterval(timer);
  }, [active]);

  const shown = [...operations.values()].filter((o) => o.totalBytes > 0 && now - o.since >= SHOW_AFTER_MS);
  if (shown.length === 0) return null;
  return (
    <div className="task-progress" role="status" aria-live="polite" data-testid="bundle-progress">
      {shown.map((o) => {
        const percent = Math.min(100, Math.floor((o.doneBytes / o.totalBytes) * 100));
        const label = o.operation === 'export' ? 'Exporting the bundle' : 'Importing the bundle';
        return (
          <div className="task-progress-row" key={o.operationId}>
            <div className="task-progress-text">
              <strong>{label}</strong>
              <span className="muted">
                {percent}% · {formatBytes(o.doneBytes)} of {formatBytes(o.totalBytes)}
              </span>
            </div>
            <progress max={o.totalBytes} value={o.doneBytes} aria-label={`${label}: ${percent}%`} />
          </div>
        );
      })}
    </div>
  );
}
