export { SessionService, type SessionServiceOptions } from './session-service';
export { sessionsHandlers } from './ipc';
