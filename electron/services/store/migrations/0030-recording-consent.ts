/**
 * 0030 — recording consent and pauses. A session's consent decision (what was agreed to be recorded,
 * where it is stored, where it may be sent, when) lives beside the session; a declined consent marks
 * an unrecorded practice session. A recording's pauses are kept on the session clock, because
 * MediaRecorder leaves paused time out of the file and a telemetry moment must still map to video time;
 * and where the last frame sits on that clock.
 */
export const sql = /* sql */ `
CREATE TABLE recording_consents (
  session_id     TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
  decision       TEXT NOT NULL CHECK (decision IN ('granted', 'declined')),
  -- JSON array of what was agreed to: screen, microphone, systemAudio, code, conversation.
  items_json     TEXT NOT NULL CHECK (json_valid(items_json)),
  stored_in      TEXT NOT NULL,
  may_be_sent_to TEXT NOT NULL,
  decided_at     TEXT NOT NULL
) STRICT;

CREATE TABLE recording_pauses (
  id              INTEGER PRIMARY KEY,
  recording_id    TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
  -- Milliseconds from the session's start (the telemetry clock).
  at_ms           REAL NOT NULL,
  resumed_at_ms   REAL
) STRICT;
CREATE INDEX recording_pauses_recording ON recording_pauses (recording_id, at_ms);

-- Where the recording's last frame sits on the session clock (start_offset_ms is its first).
ALTER TABLE recordings ADD COLUMN end_offset_ms REAL;
`;
