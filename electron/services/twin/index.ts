export { TwinService, MIN_TWIN_SESSIONS, TWIN_SPLIT, DEFAULT_BASE_MODEL, type TwinSummary, type TwinServiceDeps } from './twin-service';
export { TwinStore, type TrainingJob, type StoredEvalRun } from './twin-store';
export { twinHandlers } from './ipc';
