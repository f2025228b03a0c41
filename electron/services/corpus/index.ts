/** The interviewer corpus: choose, preview and export redacted sessions for training a twin. */
export { CorpusService, type CorpusCandidate, type CorpusSelection, type ExportProgress, type ExportRequest } from './corpus-service';
export { CorpusStore } from './corpus-store';
export { corpusHandlers } from './ipc';
