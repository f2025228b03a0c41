/**
 * 0040 — the AI interviewer (issue 5). Its per-session state (agenda, progress, phrase memory),
 * the results of each ended interview, and secrets kept encrypted by the OS (the provider API key).
 * Turns gain what the interviewer knows about them: their kind, the agenda question they belong to
 * and a hint's level.
 */
export const sql = /* sql */ `
CREATE TABLE interviewer_sessions (
  session_id  TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
  state_json  TEXT NOT NULL CHECK (json_valid(state_json)),
  -- A practice session started from one bank question keeps that question here until it begins.
  pinned_bank_id TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE interviewer_results (
  session_id    TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
  results_json  TEXT NOT NULL CHECK (json_valid(results_json)),
  created_at    TEXT NOT NULL
) STRICT;

-- Only ciphertext from the OS-backed cipher (Electron safeStorage); never plain text.
CREATE TABLE secrets (
  name        TEXT PRIMARY KEY,
  ciphertext  BLOB NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

ALTER TABLE turns ADD COLUMN kind TEXT CHECK (kind IS NULL OR kind IN ('opening', 'question', 'follow_up', 'hint', 'transition', 'closing', 'answer'));
ALTER TABLE turns ADD COLUMN question_ref TEXT;
ALTER TABLE turns ADD COLUMN hint_level INTEGER CHECK (hint_level IS NULL OR hint_level >= 1);
`;
