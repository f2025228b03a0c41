export { TelemetryService, type AppendOptions, type AppendResult, type StoredEvent, type StoredListener } from './telemetry-service';
export { telemetryHandlers } from './ipc';
