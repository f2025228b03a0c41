/**
 * 0110 — the interviewer corpus (docs/corpus.md). A reviewer's decisions, applied on every export: sessions
 * left out, and words redaction took by mistake (an algorithm read as a person's name) put back. And the
 * audit of redaction: for each session, which field lost how many of which kind of datum, for what purpose
 * — never the values themselves.
 */
export const sql = /* sql */ `
CREATE TABLE corpus_exclusions (
  session_id  TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
  decided_at  TEXT NOT NULL
) STRICT;

CREATE TABLE corpus_kept_words (
  word        TEXT PRIMARY KEY COLLATE NOCASE CHECK (length(word) BETWEEN 1 AND 200),
  decided_at  TEXT NOT NULL
) STRICT;

CREATE TABLE redaction_audit (
  id          INTEGER PRIMARY KEY,
  session_id  TEXT REFERENCES sessions (id) ON DELETE CASCADE,
  -- What the redacted data left the machine for.
  purpose     TEXT NOT NULL CHECK (purpose IN ('corpus', 'sync', 'model')),
  field       TEXT NOT NULL,
  kind        TEXT NOT NULL,
  count       INTEGER NOT NULL CHECK (count > 0),
  at          TEXT NOT NULL
) STRICT;
CREATE INDEX redaction_audit_session ON redaction_audit (session_id, at);
`;
