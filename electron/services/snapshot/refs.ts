import type { EventType } from '../../../shared/telemetry/schema';

/**
 * How rows of one part point at rows of another while a snapshot is taken: the owning service of the
 * pointed-at rows fills these maps (row id → position), the pointing service reads them.
 */
export interface SnapshotRefs {
  /** telemetry_events.seq → index in `telemetry`. */
  eventIndex: Map<number, number>;
  /** code_changes.seq in stored order (a snapshot's `afterChanges` counts them). */
  changeSeqs: number[];
  /** turns.id → index in `turns`. */
  turnIndex: Map<number, number>;
}

export const emptySnapshotRefs = (): SnapshotRefs => ({ eventIndex: new Map(), changeSeqs: [], turnIndex: new Map() });

/**
 * The other way while a snapshot is restored, inside one transaction: each service inserts its rows in
 * the snapshot's order and records the row ids this store gave them, for the services restored after it.
 */
export interface RestoreRefs {
  /** The session's id here: the snapshot's own, or a new one for a copy. */
  sessionId: string;
  /** The id the session had in the snapshot. */
  originalId: string;
  /** A copy gets new ids for everything with an id of its own (questions, recordings, annotations). */
  asCopy: boolean;
  newId: () => string;
  /** The store's telemetry seq and type of each `telemetry` line, by index. */
  eventSeqs: number[];
  eventTypes: EventType[];
  /** The store's code_changes.seq of each `codeChanges` line, by index. */
  changeSeqs: number[];
  /** The store's turns.id of each `turns` line, by index. */
  turnIds: number[];
  /** Question ids in the snapshot → ids here. */
  questionIds: Map<string, string>;
  /** Files moved into place by the restore; removed again if the transaction fails. */
  placedFiles: string[];
}

/** An id for this store: the snapshot's own, or a new one when restoring a copy. */
export const restoredId = (refs: RestoreRefs, id: string) => (refs.asCopy ? refs.newId() : id);

/**
 * A snapshot that does not hold together (a row pointing at a row that is not there, a body that is not
 * what its line says): the restore stops and its transaction rolls back. `where` names the part and line.
 */
export class SnapshotError extends Error {
  constructor(
    readonly where: string,
    detail: string,
  ) {
    super(`${where} ${detail}`);
    this.name = 'SnapshotError';
  }
}
