import type { Handlers } from '../../../shared/ipc/dispatch';
import type { sessionsInvokeContract } from '../../../shared/ipc/contract-sessions';
import type { SessionService } from './session-service';

/** Sessions and their lifecycle. */
export function sessionsHandlers(sessions: SessionService): Pick<Handlers, keyof typeof sessionsInvokeContract> {
  return {
    'session:create': (config) => sessions.create(config),
    'session:list': () => sessions.list(),
    'session:get': ({ id }) => sessions.get(id),
    'session:start': ({ id }) => sessions.start(id),
    'session:heartbeat': ({ id }) => sessions.heartbeat(id),
    'session:complete': ({ id }) => sessions.complete(id),
    'session:abandon': ({ id }) => sessions.abandon(id),
  };
}
