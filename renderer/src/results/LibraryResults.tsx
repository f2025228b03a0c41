import { useEffect, useState } from 'react';
import type { SessionSummary } from '../../../shared/session/model';
import { api } from '../api';
import { Icon } from '../components/Icon';
import './results.css';

/** Which completed sessions have interviewer results, and their overall score when graded. */
export type ResultsIndex = Map<string, { graded: boolean; overall: number | null }>;

/** Looks up results for the completed sessions in the list; reloaded when the list changes. */
export function useResultsIndex(sessions: SessionSummary[] | null): ResultsIndex | null {
  const [index, setIndex] = useState<ResultsIndex | null>(null);
  useEffect(() => {
    if (!sessions) return;
    let cancelled = false;
    const completed = sessions.filter((s) => s.status === 'completed');
    Promise.all(completed.map((s) => api.interviewer.results({ sessionId: s.id }).then((r) => [s.id, r] as const))).then(
      (all) => {
        if (cancelled) return;
        const next: ResultsIndex = new Map();
        for (const [id, r] of all) if (r.ok) next.set(id, { graded: r.value.graded, overall: r.value.graded ? r.value.overall : null });
        setIndex(next);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [sessions]);
  return index;
}

/** Opens a completed session's results (the library shows a graded session's score beside its name). */
export function ResultsButton({
  index,
  sessionId,
  onOpen,
}: {
  index: ResultsIndex | null;
  sessionId: string;
  onOpen: (sessionId: string) => void;
}) {
  const entry = index?.get(sessionId);
  if (!entry) return null;
  return (
    <button
      type="button"
      className="btn btn-small btn-results"
      onClick={() => onOpen(sessionId)}
      title={entry.graded ? `Overall score ${Math.round(entry.overall ?? 0)} of 100` : 'Practice feedback (not graded)'}
    >
      <Icon name="chart" size={14} /> Results
    </button>
  );
}
