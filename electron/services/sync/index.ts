export { SyncService, REMOTE_TOKEN_ENV, REMOTE_URL_ENV, type SyncServiceDeps } from './sync-service';
export { ALWAYS_ONLINE, type Connectivity, type RunOutcome } from './sync-engine';
export { syncHandlers } from './ipc';
export { serverOrigin, serverProblem } from './server-address';
