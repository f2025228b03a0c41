import type { Handlers } from '../../../shared/ipc/dispatch';
import type { SyncService } from './sync-service';

type SyncChannel = Extract<keyof Handlers, `sync:${string}`>;

/** The `sync:*` IPC calls. */
export function syncHandlers(sync: SyncService): Pick<Handlers, SyncChannel> {
  return {
    'sync:status': () => sync.status(),
    'sync:configure': (patch) => sync.configure(patch),
    'sync:setToken': ({ token }) => sync.setToken(token),
    'sync:testConnection': (overrides) => sync.testConnection(overrides),
    'sync:now': () => sync.syncNow(),
    'sync:retry': ({ sessionId }) => sync.retry(sessionId),
  };
}
