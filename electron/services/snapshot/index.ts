export { SessionSnapshots, type SessionSnapshotDeps, type SnapshotSource, type RestoreOptions } from './session-snapshots';
export { SnapshotError, emptySnapshotRefs, restoredId, type RestoreRefs, type SnapshotRefs } from './refs';
