/** Historic interview import: a config, a transcript and a recording become one completed session. */
export {
  TranscriptImportService,
  importRefused,
  issuePath,
  type ImportCheck,
  type ImportIssue,
  type ImportOutcome,
  type ImportPreview,
  type TranscriptImportInput,
} from './transcript-import';
export { TranscriptImports, type ImportFileKind } from './transcript-imports';
export { readImportFiles, mergeIssues, MAX_JSON_FILE_BYTES, type ImportFileRefs } from './import-files';
export { transcriptsHandlers } from './ipc';
