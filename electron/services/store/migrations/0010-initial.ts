/**
 * 0010 — the first schema. Tables are STRICT; times are ISO 8601 UTC text; JSON columns hold
 * documents validated by the shared zod schemas before they are written.
 */
export const sql = /* sql */ `
CREATE TABLE sessions (
  id                  TEXT PRIMARY KEY,
  status              TEXT NOT NULL CHECK (status IN ('pending', 'in_progress', 'completed', 'abandoned')),
  config_json         TEXT NOT NULL CHECK (json_valid(config_json)),
  created_at          TEXT NOT NULL,
  started_at          TEXT,
  ended_at            TEXT,
  -- Time in the room over all sittings; the open sitting, if any, started at segment_started_at.
  active_ms           INTEGER NOT NULL DEFAULT 0 CHECK (active_ms >= 0),
  segment_started_at  TEXT,
  last_seen_at        TEXT,
  interrupted         INTEGER NOT NULL DEFAULT 0 CHECK (interrupted IN (0, 1))
) STRICT;
CREATE INDEX sessions_created ON sessions (created_at);
CREATE INDEX sessions_status ON sessions (status);

CREATE TABLE questions (
  id            TEXT PRIMARY KEY,
  session_id    TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  ordinal       INTEGER NOT NULL CHECK (ordinal >= 0),
  source_id     TEXT,
  question_json TEXT NOT NULL CHECK (json_valid(question_json)),
  asked_at      TEXT,
  UNIQUE (session_id, ordinal)
) STRICT;

CREATE TABLE turns (
  id              INTEGER PRIMARY KEY,
  session_id      TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  question_id     TEXT REFERENCES questions (id) ON DELETE SET NULL,
  role            TEXT NOT NULL CHECK (role IN ('candidate', 'interviewer', 'twin')),
  text            TEXT NOT NULL,
  follow_up_type  TEXT CHECK (follow_up_type IN ('depth', 'example', 'gap', 'skill_match', 'clarification', 'probing')),
  hidden_note     TEXT,
  persona_json    TEXT CHECK (persona_json IS NULL OR json_valid(persona_json)),
  trace_json      TEXT CHECK (trace_json IS NULL OR json_valid(trace_json)),
  ts              TEXT NOT NULL,
  t_ms            INTEGER NOT NULL
) STRICT;
CREATE INDEX turns_session_ts ON turns (session_id, t_ms);

-- Canonical telemetry (docs/telemetry.md), append-only: triggers refuse UPDATE and DELETE.
CREATE TABLE telemetry_events (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id   TEXT NOT NULL REFERENCES sessions (id),
  type         TEXT NOT NULL CHECK (type IN ('code_edit', 'run', 'turn', 'control')),
  ts           TEXT NOT NULL,
  -- Milliseconds from the session's start on its monotonic clock (video and code line up on it).
  t_ms         INTEGER NOT NULL,
  event_json   TEXT NOT NULL CHECK (json_valid(event_json)),
  received_at  TEXT NOT NULL
) STRICT;
CREATE INDEX telemetry_session_ts ON telemetry_events (session_id, ts);
CREATE INDEX telemetry_session_type ON telemetry_events (session_id, type);
CREATE TRIGGER telemetry_events_no_update BEFORE UPDATE ON telemetry_events
BEGIN SELECT RAISE(ABORT, 'telemetry_events is append-only'); END;
CREATE TRIGGER telemetry_events_no_delete BEFORE DELETE ON telemetry_events
BEGIN SELECT RAISE(ABORT, 'telemetry_events is append-only'); END;

-- Every preview dropped for size, for audit (the event keeps its outputHash).
CREATE TABLE telemetry_drops (
  id           INTEGER PRIMARY KEY,
  session_id   TEXT NOT NULL REFERENCES sessions (id),
  event_seq    INTEGER REFERENCES telemetry_events (seq),
  event_index  INTEGER NOT NULL,
  event_type   TEXT NOT NULL,
  field        TEXT NOT NULL,
  bytes        INTEGER NOT NULL,
  limit_bytes  INTEGER NOT NULL,
  reason       TEXT NOT NULL,
  at           TEXT NOT NULL
) STRICT;
CREATE INDEX telemetry_drops_session ON telemetry_drops (session_id);

CREATE TABLE recordings (
  id               TEXT PRIMARY KEY,
  session_id       TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  path             TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('recording', 'paused', 'completed', 'recovered', 'failed')),
  mime_type        TEXT NOT NULL,
  bytes            INTEGER NOT NULL DEFAULT 0 CHECK (bytes >= 0),
  last_seq         INTEGER NOT NULL DEFAULT -1,
  start_offset_ms  REAL,
  started_at       TEXT NOT NULL,
  ended_at         TEXT,
  error            TEXT
) STRICT;
CREATE INDEX recordings_session ON recordings (session_id);

-- Durable queue of what still has to reach the remote API.
CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  kind             TEXT NOT NULL,
  session_id       TEXT REFERENCES sessions (id) ON DELETE CASCADE,
  payload_json     TEXT NOT NULL CHECK (json_valid(payload_json)),
  created_at       TEXT NOT NULL,
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT,
  last_error       TEXT,
  sent_at          TEXT
) STRICT;
CREATE INDEX outbox_pending ON outbox (sent_at, next_attempt_at);

CREATE TABLE annotations (
  id               TEXT PRIMARY KEY,
  session_id       TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  turn_id          INTEGER REFERENCES turns (id) ON DELETE SET NULL,
  t_ms             INTEGER,
  follow_up_type   TEXT CHECK (follow_up_type IN ('depth', 'example', 'gap', 'skill_match', 'clarification', 'probing')),
  intent           TEXT,
  ideal_follow_up  TEXT,
  rating           INTEGER CHECK (rating BETWEEN 1 AND 5),
  note             TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX annotations_session ON annotations (session_id, t_ms);

CREATE TABLE settings (
  key         TEXT PRIMARY KEY,
  value_json  TEXT NOT NULL CHECK (json_valid(value_json)),
  updated_at  TEXT NOT NULL
) STRICT;
`;
