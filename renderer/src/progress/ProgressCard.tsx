import { useEffect, useState } from 'react';
import type { ProgressStats } from '../../../shared/progress/model';
import { api } from '../api';
import { Icon } from '../components/Icon';
import { plural, score, signed } from './format';
import './progress.css';

/** The library's first card once there are graded interviews: the headline figures and a way in. */
export function ProgressCard({ onOpen, refreshKey }: { onOpen: () => void; refreshKey: unknown }) {
  const [stats, setStats] = useState<ProgressStats | null>(null);
  useEffect(() => {
    let cancelled = false;
    void api.progress.stats({ mode: 'graded', utcOffsetMinutes: -new Date().getTimezoneOffset() }).then((r) => {
      if (!cancelled && r.ok) setStats(r.value);
    });
    return () => {
      cancelled = true;
    };
  }, [refreshKey]);
  if (!stats || stats.sessions.graded === 0) return null;
  const weakest = stats.weakAreas.areas[0];
  return (
    <section className="card pg-home" aria-labelledby="pg-home-title" data-testid="progress-card">
      <div className="pg-home-text">
        <h2 id="pg-home-title">Your progress</h2>
        <p className="muted">
          Average {score(stats.summary.averageScore)} over {plural(stats.sessions.graded, 'graded interview')}, best{' '}
          {score(stats.summary.bestScore)}
          {stats.trend.slopePerWeek !== null ? `, trend ${signed(stats.trend.slopePerWeek)} points a week` : ''}.
          {weakest ? ` Weakest: ${weakest.label.toLowerCase()} (${score(weakest.average)}).` : ''}
        </p>
      </div>
      <button type="button" className="btn btn-primary" onClick={onOpen}>
        <Icon name="chart" /> Open Progress
      </button>
    </section>
  );
}
