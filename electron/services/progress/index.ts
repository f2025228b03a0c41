export { ProgressService, RESULTS_EXPORT_FORMAT, type PdfPrinter, type ProgressServiceDeps } from './progress-service';
export { TeamDistributionStore } from './team-distribution';
export { progressHandlers } from './ipc';
