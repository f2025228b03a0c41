/**
 * 0100 — team sync (docs/remote-api.md, "How the app sends"). The `outbox` of 0010 was never used and
 * gives way to the sync engine's own tables: per session, which server it goes to, the server's id once
 * the server made it, and how far the session's telemetry and recordings have been put into the queue;
 * and the queue itself, one row per remote effect, each with the idempotency key it keeps for every retry.
 */
export const sql = /* sql */ `
DROP INDEX outbox_pending;
DROP TABLE outbox;

CREATE TABLE sync_sessions (
  session_id        TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
  -- The origin (scheme://host:port) the session is sent to; it never moves to another server.
  server_origin     TEXT NOT NULL,
  -- The server's id for the session, from the answer to the create call.
  server_id         TEXT,
  video_url         TEXT,
  -- The last telemetry event (its seq in telemetry_events) put into a batch, and how many were.
  events_queued_seq INTEGER NOT NULL DEFAULT 0,
  events_queued     INTEGER NOT NULL DEFAULT 0 CHECK (events_queued >= 0),
  -- What the server has been, or is queued to be, told of the session's status.
  told_status       TEXT NOT NULL,
  told_completed_at TEXT,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
) STRICT;

CREATE TABLE sync_outbox (
  id               INTEGER PRIMARY KEY,
  session_id       TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  -- Items of one session run in this order; different sessions are independent.
  position         INTEGER NOT NULL CHECK (position >= 0),
  kind             TEXT NOT NULL CHECK (kind IN ('create', 'telemetry_init', 'telemetry_batch', 'upload', 'patch')),
  idempotency_key  TEXT NOT NULL UNIQUE,
  payload_json     TEXT NOT NULL CHECK (json_valid(payload_json)),
  state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'parked')),
  attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at  TEXT NOT NULL,
  last_error       TEXT,
  -- Who is sending it now (process and run), until when; a lease of a process that died is taken over.
  lease_owner      TEXT,
  lease_until      TEXT,
  -- Uploads: bytes sent of the total, and where a resumable upload lives on the server.
  bytes_sent       INTEGER NOT NULL DEFAULT 0 CHECK (bytes_sent >= 0),
  bytes_total      INTEGER NOT NULL DEFAULT 0 CHECK (bytes_total >= 0),
  resume_url       TEXT,
  -- What the server answered (its id, the video's URL), once done.
  result_json      TEXT CHECK (result_json IS NULL OR json_valid(result_json)),
  created_at       TEXT NOT NULL,
  done_at          TEXT,
  UNIQUE (session_id, position)
) STRICT;
CREATE INDEX sync_outbox_due ON sync_outbox (state, next_attempt_at) WHERE state = 'pending';

-- The queue as a whole: paused when the server refuses the token, until another token is given.
CREATE TABLE sync_queue (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  paused_reason   TEXT,
  -- A fingerprint of the token that was refused (never the token), so a new token lifts the pause.
  paused_token    TEXT,
  paused_at       TEXT
) STRICT;
INSERT INTO sync_queue (id) VALUES (1);
`;
