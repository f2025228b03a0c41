/**
 * What the session snapshot does with every column of a session's tables, so that nothing is dropped
 * silently: the snapshot test (tests/unit/session-snapshot.test.ts) finds every table that belongs to a
 * session in the live schema, fills every column, takes the snapshot, restores it elsewhere, and compares
 * the rows column by column. A column must come back equal, or be named here with the reason it does not.
 * A migration that adds a table or a column therefore either extends a service's `snapshot`/`restore`, or
 * says here why the column stays on this machine.
 */

/** Tables of a session that never travel in a snapshot. */
export const SKIPPED_TABLES: Readonly<Record<string, string>> = {
  // A reviewer's choice for the corpus exported from this machine; another machine's reviewer decides for theirs.
  corpus_exclusions: "this machine's corpus decisions",
  // This machine's record of what it redacted when data left it; the data that left is not in the snapshot.
  redaction_audit: "this machine's audit of what it sent out",
  // Team sync's state on this machine (docs/remote-api.md): what it still has to send to its team's server,
  // and what it already has, under which server id. Another machine has its own server and its own queue;
  // a restored session is queued there by its own rules, and sending it again from there is that team's call.
  sync_sessions: "this machine's record of where a session was sent and how far",
  sync_outbox: "this machine's queue for its team server",
  // The progress figures' cache of each result's scores, rebuilt from the results whenever it is missing.
  interviewer_summaries: 'a cache made from interviewer_results and the agenda on the next history read',
  // Twins are per interviewer, not per session: derived from the sessions wherever they are, with this
  // machine's evaluation runs and the fine-tuning jobs it sent to its own provider.
  twin_eval_runs: "this machine's twin evaluations (per interviewer, derived)",
  twin_training_jobs: "this machine's fine-tuning jobs at its own provider",
};

/** Columns that do not come back equal, and why. */
export const SKIPPED_COLUMNS: Readonly<Record<string, string>> = {
  // A path on this machine; a restored recording gets a file name of its own in its recordings folder.
  'recordings.path': 'a path on this machine: restored as <session>.mp4 in the recordings folder there',
};

/**
 * Row ids the store hands out (AUTOINCREMENT or rowid): a restore inserts rows in the snapshot's order and
 * gets new ones. The test compares them by rank, and columns pointing at them by the rank they point at.
 */
export const RENUMBERED_KEYS: Readonly<Record<string, string>> = {
  'telemetry_events.seq': 'events',
  'telemetry_drops.id': 'drops',
  'code_changes.seq': 'changes',
  'code_snapshots.id': 'snapshots',
  'integrity_signals.id': 'signals',
  'turns.id': 'turns',
  'recording_pauses.id': 'pauses',
};

/**
 * Columns pointing at a renumbered key (`table.column` → the key's `table.column`). `after_seq` is not a
 * declared foreign key (0 means "before any change"), so it is listed by hand.
 */
export const POINTERS: Readonly<Record<string, string>> = {
  'telemetry_drops.event_seq': 'telemetry_events.seq',
  'code_changes.event_seq': 'telemetry_events.seq',
  'code_snapshots.after_seq': 'code_changes.seq',
  'annotations.turn_id': 'turns.id',
  'test_runs.event_seq': 'telemetry_events.seq',
};

/** The order the snapshot lists each table's rows in (rank comparisons need the same order on both sides). */
export const SNAPSHOT_ORDER: Readonly<Record<string, string>> = {
  questions: 'ordinal',
  telemetry_events: 'seq',
  telemetry_drops: 'id',
  code_changes: 'seq',
  code_snapshots: 'after_seq, id',
  integrity_signals: 't_ms, id',
  turns: 't_ms, id',
  annotations: 'created_at, id',
  test_runs: 't_ms, rowid',
  // By the run's place in the session, then the case's: a copy's runs have new ids.
  test_case_results: '(SELECT r.t_ms FROM test_runs r WHERE r.id = run_id), (SELECT r.rowid FROM test_runs r WHERE r.id = run_id), idx',
  recordings: 'started_at, id',
  recording_pauses: 'at_ms, id',
};
