/**
 * 0140 — interviewer twins (docs/twin.md). A twin itself is derived on demand from its interviewer's
 * training sessions; what is kept is what cannot be derived again: every evaluation run (the trend), and
 * the fine-tuning jobs sent to a provider, with their status, events and the model they produced.
 */
export const sql = /* sql */ `
CREATE TABLE twin_eval_runs (
  id             INTEGER PRIMARY KEY,
  interviewer    TEXT NOT NULL CHECK (length(interviewer) BETWEEN 1 AND 120),
  created_at     TEXT NOT NULL,
  mode           TEXT NOT NULL CHECK (mode IN ('offline', 'online')),
  turns          INTEGER NOT NULL CHECK (turns >= 0),
  test_sessions  INTEGER NOT NULL CHECK (test_sessions >= 0),
  -- EvalScores of the twin and of the generic interviewer on the same turns.
  twin_json      TEXT NOT NULL,
  baseline_json  TEXT NOT NULL,
  model          TEXT
) STRICT;
CREATE INDEX twin_eval_runs_by_interviewer ON twin_eval_runs (interviewer COLLATE NOCASE, created_at);

CREATE TABLE twin_training_jobs (
  id               TEXT PRIMARY KEY,
  interviewer      TEXT NOT NULL CHECK (length(interviewer) BETWEEN 1 AND 120),
  -- The provider's base URL the job lives at (its ids mean nothing elsewhere).
  endpoint         TEXT NOT NULL,
  base_model       TEXT NOT NULL,
  status           TEXT NOT NULL,
  fine_tuned_model TEXT,
  error            TEXT,
  training_file    TEXT NOT NULL,
  validation_file  TEXT,
  events_json      TEXT NOT NULL DEFAULT '[]',
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX twin_training_jobs_by_interviewer ON twin_training_jobs (interviewer COLLATE NOCASE, created_at);
`;
