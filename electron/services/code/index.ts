export {
  CodeService,
  sha256Hex,
  type CodeFileStats,
  type CodeStats,
  type EditInput,
  type RecordInput,
  type RecordResult,
  type SnapshotInput,
} from './code-service';
export { codeHandlers } from './ipc';
