import { useCallback, useEffect, useRef, useState } from 'react';
import type { SyncStatus } from '../../../shared/sync/model';
import { api, errorMessage, unwrap } from '../api';

/** How often, at most, the status is read again while sync reports changes (an upload's progress). */
const REFRESH_MS = 250;

/**
 * Team sync's status for a screen: read once, then again whenever main says something changed (an item
 * done, an upload's progress, the network), at most four times a second.
 */
export function useSyncStatus(): { status: SyncStatus | null; error: string | null; refresh: () => void; apply: (s: SyncStatus) => void } {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | null>(null);
  const alive = useRef(true);

  const load = useCallback(() => {
    unwrap(api.sync.status()).then(
      (s) => {
        if (!alive.current) return;
        setStatus(s);
        setError(null);
      },
      (err: unknown) => alive.current && setError(errorMessage(err)),
    );
  }, []);

  const refresh = useCallback(() => {
    if (timer.current !== null) return;
    timer.current = window.setTimeout(() => {
      timer.current = null;
      load();
    }, REFRESH_MS);
  }, [load]);

  useEffect(() => {
    alive.current = true;
    load();
    const off = api.sync.onChanged(() => refresh());
    return () => {
      alive.current = false;
      off();
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
    };
  }, [load, refresh]);

  return { status, error, refresh, apply: setStatus };
}
