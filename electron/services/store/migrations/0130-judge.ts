/**
 * 0130 — the judge (docs/judge.md). Every Test press of a session: what was judged (question, language,
 * the code's hash), its totals and outcome, and the `run` telemetry event it was recorded as; and each
 * case's result, so the room, the results screen and the review can show what passed, when. A hidden
 * case's row never holds its data: only its name, category, status, time and a message about it.
 */
export const sql = /* sql */ `
CREATE TABLE test_runs (
  id           TEXT PRIMARY KEY,
  session_id   TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  -- The run's canonical \`run\` telemetry event; null when it could not be stored.
  event_seq    INTEGER REFERENCES telemetry_events (seq),
  -- The bank question judged.
  question_id  TEXT NOT NULL,
  language     TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('passed', 'failed', 'error')),
  passed       INTEGER NOT NULL CHECK (passed >= 0),
  total        INTEGER NOT NULL CHECK (total >= passed),
  duration_ms  INTEGER NOT NULL CHECK (duration_ms >= 0),
  ts           TEXT NOT NULL,
  t_ms         INTEGER NOT NULL,
  source_hash  TEXT NOT NULL,
  -- The rest of the run as the room shows it: compile error, load error, what the code printed, the build.
  detail_json  TEXT NOT NULL
) STRICT;
CREATE INDEX test_runs_session ON test_runs (session_id, t_ms);

CREATE TABLE test_case_results (
  run_id         TEXT NOT NULL REFERENCES test_runs (id) ON DELETE CASCADE,
  idx            INTEGER NOT NULL CHECK (idx >= 0),
  name           TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('example', 'hidden', 'performance')),
  category       TEXT,
  status         TEXT NOT NULL CHECK (status IN ('passed', 'failed', 'error', 'timeout')),
  time_ms        REAL,
  budget_ms      REAL NOT NULL,
  message        TEXT,
  line           INTEGER,
  printed_lines  INTEGER NOT NULL,
  -- Examples only: the arguments (and calls), both results and what the code printed; null for the others.
  shown_json     TEXT,
  PRIMARY KEY (run_id, idx)
) STRICT;
`;
