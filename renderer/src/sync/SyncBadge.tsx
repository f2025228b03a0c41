import { useState } from 'react';
import type { SessionSyncStatus } from '../../../shared/sync/model';
import { api, errorMessage, unwrap } from '../api';
import { Icon } from '../components/Icon';
import './sync.css';

const LABELS: Record<SessionSyncStatus['state'], string> = {
  not_synced: 'Not synced',
  queued: 'Queued',
  sending: 'Sending',
  uploading: 'Uploading',
  synced: 'Synced',
  failed: 'Sync failed',
  held: 'Sync held',
};

/**
 * A session's team sync in the library: not synced (and why), queued, sending, uploading with how far,
 * synced, or failed with the reason and a Retry. Shown only when a team server is set up.
 */
export function SyncBadge({
  sync,
  unlistedReason,
  onError,
}: {
  sync: SessionSyncStatus | undefined;
  unlistedReason: string;
  onError: (message: string) => void;
}) {
  const [retrying, setRetrying] = useState(false);
  const state = sync?.state ?? 'not_synced';
  const reason = sync ? sync.reason : unlistedReason;
  const label = state === 'uploading' ? `Uploading ${sync?.uploadPercent ?? 0} %` : LABELS[state];
  const retry = async () => {
    if (!sync) return;
    setRetrying(true);
    try {
      await unwrap(api.sync.retry({ sessionId: sync.sessionId }));
    } catch (err) {
      onError(errorMessage(err));
    } finally {
      setRetrying(false);
    }
  };
  return (
    <span className="sync-badge-wrap" data-testid="sync-badge" data-state={state}>
      <span className={`lib-chip sync-chip sync-chip-${state}`} title={reason ?? LABELS[state]}>
        <Icon name={state === 'failed' ? 'alert' : state === 'synced' ? 'check' : state === 'uploading' ? 'upload' : 'cloud'} size={11} />{' '}
        {label}
        {state === 'uploading' && (
          <span className="sync-chip-bar" aria-hidden="true">
            <span style={{ width: `${sync?.uploadPercent ?? 0}%` }} />
          </span>
        )}
      </span>
      {state === 'failed' && sync?.lastError && (
        <span className="sync-reason" title={sync.lastError}>
          {sync.lastError.replace(/^the server answered [^:]*? with /, '')}
        </span>
      )}
      {state === 'failed' && sync?.retryable && (
        <button type="button" className="sync-retry" onClick={() => void retry()} disabled={retrying} title={reason ?? undefined}>
          <Icon name="refresh" size={11} /> {retrying ? 'Retrying…' : 'Retry'}
        </button>
      )}
    </span>
  );
}
