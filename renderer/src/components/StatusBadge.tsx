import { SESSION_STATUS_LABELS, type SessionSummary } from '../../../shared/session/model';

export function StatusBadge({ session }: { session: Pick<SessionSummary, 'status' | 'interrupted'> }) {
  if (session.interrupted) return <span className="badge badge-warning">Interrupted</span>;
  return <span className={`badge badge-${session.status}`}>{SESSION_STATUS_LABELS[session.status]}</span>;
}
