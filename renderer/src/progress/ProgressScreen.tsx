import { useCallback, useEffect, useState } from 'react';
import type { ProgressStats } from '../../../shared/progress/model';
import { ApiCallError, api, errorMessage, unwrap } from '../api';
import { Icon } from '../components/Icon';
import type { ToastMessage } from '../components/Toast';
import { Averages } from './Averages';
import { CompetencyRadar } from './CompetencyRadar';
import { NO_FILTERS, ProgressFilters, toProgressFilter, type FilterState } from './ProgressFilters';
import { Readiness } from './Readiness';
import { SummaryTiles } from './SummaryTiles';
import { TrendChart } from './TrendChart';
import { WeakAreas } from './WeakAreas';
import { plural } from './format';
import './progress.css';

interface Props {
  onNew: () => void;
  onPracticeCreated: (sessionId: string) => void;
  onOpenResults: (sessionId: string) => void;
  onToast: (message: ToastMessage) => void;
}

/** The candidate's hub: how they are doing across interviews, where they are weak, and what to practise next. */
export function ProgressScreen({ onNew, onPracticeCreated, onOpenResults, onToast }: Props) {
  const [filters, setFilters] = useState<FilterState>(NO_FILTERS);
  const [stats, setStats] = useState<ProgressStats | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Bumped to compute again with the same filters (after a team distribution changes, or Try again).
  const [reloads, setReloads] = useState(0);
  const reload = useCallback(() => setReloads((n) => n + 1), []);

  useEffect(() => {
    let cancelled = false;
    unwrap(api.progress.stats(toProgressFilter(filters))).then(
      (next) => {
        if (cancelled) return;
        setStats(next);
        setError(null);
      },
      (err: unknown) => !cancelled && setError(errorMessage(err)),
    );
    return () => {
      cancelled = true;
    };
  }, [filters, reloads]);

  const importTeam = async () => {
    try {
      const picked = await api.progress.pickTeamFile({});
      if (!picked.ok) {
        if (picked.error.code === 'forbidden') {
          onToast({
            kind: 'info',
            text: 'Team distributions are imported in the desktop app (or with the path given to progress:importTeam).',
          });
          return;
        }
        throw new ApiCallError(picked.error);
      }
      if (picked.value.path === null) return;
      const team = await unwrap(api.progress.importTeam({ path: picked.value.path }));
      onToast({ kind: 'success', text: `Imported ${team.team}'s score distribution (${plural(team.sessions, 'session')}).` });
      reload();
    } catch (err) {
      onToast({ kind: 'error', text: `The team distribution could not be imported: ${errorMessage(err)}` });
    }
  };

  const clearTeam = async () => {
    try {
      await unwrap(api.progress.clearTeam({}));
      reload();
    } catch (err) {
      onToast({ kind: 'error', text: errorMessage(err) });
    }
  };

  const nothingYet = stats !== null && stats.sessions.total === 0 && JSON.stringify(filters) === JSON.stringify(NO_FILTERS);

  return (
    <section className="screen pg-screen" aria-labelledby="progress-title" data-testid="progress">
      <header className="screen-header">
        <div>
          <h1 id="progress-title">Progress</h1>
          <p className="screen-subtitle" data-testid="progress-subtitle">
            {stats && !nothingYet
              ? `${plural(stats.sessions.graded, 'graded interview')} and ${plural(stats.sessions.practice, 'practice session')}${
                  stats.sessions.damaged ? `; ${plural(stats.sessions.damaged, 'session')} with unreadable results left out` : ''
                }. Everything here is computed on this computer.`
              : 'How your interviews go over time, what is weak and what to practise next.'}
          </p>
        </div>
        <button type="button" className="btn btn-primary" onClick={onNew}>
          <Icon name="plus" /> New interview
        </button>
      </header>

      {error && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" />
          <div>
            <strong>The progress figures could not be computed.</strong>
            <p>{error}</p>
          </div>
          <button type="button" className="btn btn-ghost" onClick={reload}>
            Try again
          </button>
        </div>
      )}

      {stats === null && !error && <p className="muted">Computing your progress…</p>}

      {nothingYet && (
        <div className="empty-state" data-testid="progress-empty">
          <div className="empty-icon" aria-hidden="true">
            <Icon name="chart" size={28} />
          </div>
          <h2>No interviews yet</h2>
          <p>
            Take a graded interview (New interview → Mode: graded) and your scores, strongest and weakest areas, readiness for each kind of
            company and what to practise next appear here. Practice sessions count towards your streak.
          </p>
          <button type="button" className="btn btn-primary" onClick={onNew}>
            <Icon name="plus" /> New interview
          </button>
        </div>
      )}

      {stats && !nothingYet && (
        <>
          <ProgressFilters value={filters} onChange={setFilters} />
          <SummaryTiles stats={stats} onImportTeam={() => void importTeam()} onClearTeam={() => void clearTeam()} />
          <TrendChart trend={stats.trend} />
          <div className="pg-grid-2">
            <CompetencyRadar radar={stats.radar} />
            <Averages stats={stats} />
          </div>
          <Readiness readiness={stats.readiness} />
          <WeakAreas weakAreas={stats.weakAreas} onPracticeCreated={onPracticeCreated} onOpenResults={onOpenResults} />
        </>
      )}
    </section>
  );
}
