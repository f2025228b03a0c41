export { SessionService, type SessionServiceOptions } from './session-service';
