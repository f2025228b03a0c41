import { useState } from 'react';
import type { SyncItemView, SyncStatus } from '../../../shared/sync/model';
import { api, errorMessage, unwrap } from '../api';
import { Icon } from '../components/Icon';
import { formatBytes } from '../recording/media-support';
import './sync.css';

const QUEUE_TONES: Record<SyncStatus['queue']['state'], 'ok' | 'busy' | 'warn' | 'off'> = {
  not_configured: 'off',
  no_token: 'warn',
  paused: 'warn',
  offline: 'off',
  manual: 'off',
  idle: 'ok',
  sending: 'busy',
};

/** How many sessions with queued items the panel lists by name; the rest are counted. */
const QUEUED_SHOWN = 5;

/**
 * The team sync queue in the library: its state in a sentence, Sync now, what is in flight (uploads with
 * a progress bar), what failed (the reason, Retry), and what is queued. Collapsed to its header line
 * when there is nothing to show.
 */
export function SyncPanel({
  status,
  onStatus,
  onError,
}: {
  status: SyncStatus;
  onStatus: (s: SyncStatus) => void;
  onError: (message: string) => void;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [open, setOpen] = useState(true);
  const { queue } = status;
  const flying = status.items.filter((i) => i.state === 'in_flight');
  const failed = status.items.filter((i) => i.state === 'failed');
  const queued = status.items.filter((i) => i.state === 'queued' || i.state === 'waiting');
  const failedSessions = new Set(failed.map((i) => i.sessionId));
  // Queued items by session, in the session's order: what goes next, and what it waits for.
  const bySession = new Map<string, SyncItemView[]>();
  for (const item of queued) bySession.set(item.sessionId, [...(bySession.get(item.sessionId) ?? []), item]);
  const waitingSessions = [...bySession].map(([sessionId, items]) => ({ sessionId, items }));
  const hasItems = status.items.length > 0;

  const act = async (key: string, call: () => Promise<SyncStatus>) => {
    setBusy(key);
    try {
      onStatus(await call());
    } catch (err) {
      onError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card sync-panel" aria-labelledby="sync-panel-title" data-testid="sync-panel">
      <header className="sync-panel-head">
        <span className={`sync-dot sync-dot-${QUEUE_TONES[queue.state]}`} aria-hidden="true" />
        <div className="sync-panel-title">
          <h2 id="sync-panel-title">Team sync</h2>
          <span className="muted" role="status" data-testid="sync-queue-message">
            {status.origin ? `${status.origin} · ` : ''}
            {queue.message}
          </span>
        </div>
        {queue.state === 'paused' && (
          <button
            type="button"
            className="btn btn-small"
            disabled={busy !== null}
            onClick={() => void act('token', async () => (await unwrap(api.sync.retry({}))).status)}
          >
            Try the token again
          </button>
        )}
        <button
          type="button"
          className="btn btn-small"
          disabled={busy !== null || queue.state === 'not_configured' || queue.state === 'no_token'}
          onClick={() => void act('now', () => unwrap(api.sync.now()))}
        >
          <Icon name="refresh" size={14} /> {busy === 'now' ? 'Starting…' : 'Sync now'}
        </button>
        {hasItems && (
          <button
            type="button"
            className="icon-btn"
            aria-expanded={open}
            aria-label={open ? 'Hide the queue' : 'Show the queue'}
            onClick={() => setOpen(!open)}
          >
            <Icon name={open ? 'x' : 'library'} size={14} />
          </button>
        )}
      </header>
      {open && hasItems && (
        <div className="sync-groups">
          {flying.length > 0 && <ItemGroup title="Sending now" items={flying} render={(item) => <InFlight item={item} />} />}
          {failed.length > 0 && (
            <ItemGroup
              title="Failed"
              items={failed}
              render={(item) => (
                <div className="sync-item sync-item-failed" data-testid="sync-failed-item">
                  <div className="sync-item-main">
                    <strong>{item.candidateName}</strong> <span className="muted">· {item.label}</span>
                    <p className="sync-item-error">
                      <Icon name="alert" size={13} /> {item.lastError ?? 'The server refused it.'}
                      <span className="muted">
                        {' '}
                        ({item.attempts} attempt{item.attempts === 1 ? '' : 's'})
                      </span>
                    </p>
                  </div>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={busy !== null}
                    onClick={() =>
                      void act(`retry-${item.sessionId}`, async () => (await unwrap(api.sync.retry({ sessionId: item.sessionId }))).status)
                    }
                  >
                    <Icon name="refresh" size={13} /> Retry
                  </button>
                </div>
              )}
            />
          )}
          {waitingSessions.length > 0 && (
            <div className="sync-group">
              <h3>Queued ({queue.queued - flying.length})</h3>
              <ul>
                {waitingSessions.slice(0, QUEUED_SHOWN).map(({ sessionId, items }) => {
                  const next = items[0]!;
                  const blocked = failedSessions.has(sessionId);
                  return (
                    <li key={sessionId}>
                      <div className="sync-item">
                        <div className="sync-item-main">
                          <strong>{next.candidateName}</strong>{' '}
                          <span className="muted">
                            · {items.length} item{items.length === 1 ? '' : 's'}, next: {next.label}
                          </span>
                          {blocked ? (
                            <p className="sync-item-note muted">Waits for its failed item above.</p>
                          ) : next.nextAttemptAt && next.lastError ? (
                            <p className="sync-item-note muted">
                              Trying again at {new Date(next.nextAttemptAt).toLocaleTimeString()} · {next.lastError}
                            </p>
                          ) : null}
                        </div>
                      </div>
                    </li>
                  );
                })}
              </ul>
              {waitingSessions.length > QUEUED_SHOWN && (
                <p className="muted sync-more">and {waitingSessions.length - QUEUED_SHOWN} more sessions</p>
              )}
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function ItemGroup({ title, items, render }: { title: string; items: SyncItemView[]; render: (item: SyncItemView) => React.ReactNode }) {
  return (
    <div className="sync-group">
      <h3>{title}</h3>
      <ul>
        {items.map((item) => (
          <li key={item.id}>{render(item)}</li>
        ))}
      </ul>
    </div>
  );
}

function InFlight({ item }: { item: SyncItemView }) {
  const upload = item.kind === 'upload' && item.bytesTotal > 0;
  const percent = upload ? Math.min(100, Math.floor((item.bytesSent / item.bytesTotal) * 100)) : null;
  return (
    <div className="sync-item sync-item-flying">
      <div className="sync-item-main">
        <strong>{item.candidateName}</strong> <span className="muted">· {item.label}</span>
        {upload && (
          <div className="sync-progress">
            <progress max={item.bytesTotal} value={item.bytesSent} aria-label={`Uploading the recording: ${percent}%`} />
            <span className="muted">
              {percent} % · {formatBytes(item.bytesSent)} of {formatBytes(item.bytesTotal)}
            </span>
          </div>
        )}
      </div>
      {!upload && <span className="spinner" aria-hidden="true" />}
    </div>
  );
}
