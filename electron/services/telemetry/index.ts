export { TelemetryService, type AppendOptions, type AppendResult } from './telemetry-service';
export { telemetryHandlers } from './ipc';
