/**
 * 0020 — code playback. Beside each canonical `code_edit` event, the editor's change itself (ranges
 * and text, which the canonical schema does not carry) and periodic full snapshots of each file, so
 * the text of any file can be rebuilt at any moment. Also the room's integrity signals.
 */
export const sql = /* sql */ `
-- One row per recorded edit, in recorded order (seq); event_seq links its canonical code_edit event.
CREATE TABLE code_changes (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id    TEXT NOT NULL REFERENCES sessions (id),
  event_seq     INTEGER NOT NULL UNIQUE REFERENCES telemetry_events (seq),
  -- Milliseconds from the session's start, the same clock as telemetry_events.t_ms.
  t_ms          INTEGER NOT NULL,
  file          TEXT NOT NULL,
  -- [{ rangeOffset, rangeLength, text }]: UTF-16 offsets into the text before the edit (Monaco's).
  changes_json  TEXT NOT NULL CHECK (json_valid(changes_json))
) STRICT;
CREATE INDEX code_changes_session ON code_changes (session_id, seq);

-- A file's full text after every change of the session with seq <= after_seq (0: before any).
CREATE TABLE code_snapshots (
  id          INTEGER PRIMARY KEY,
  session_id  TEXT NOT NULL REFERENCES sessions (id),
  after_seq   INTEGER NOT NULL CHECK (after_seq >= 0),
  t_ms        INTEGER NOT NULL,
  file        TEXT NOT NULL,
  text        TEXT NOT NULL,
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64)
) STRICT;
CREATE INDEX code_snapshots_session_file ON code_snapshots (session_id, file, after_seq);

-- Signals reviewers look at (a large paste, the window losing focus), with their moments.
CREATE TABLE integrity_signals (
  id            INTEGER PRIMARY KEY,
  session_id    TEXT NOT NULL REFERENCES sessions (id),
  kind          TEXT NOT NULL CHECK (kind IN ('paste', 'focus_lost')),
  ts            TEXT NOT NULL,
  t_ms          INTEGER NOT NULL,
  details_json  TEXT NOT NULL CHECK (json_valid(details_json))
) STRICT;
CREATE INDEX integrity_signals_session ON integrity_signals (session_id, t_ms);
`;
