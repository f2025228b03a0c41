/**
 * 0080 — the team's ground (docs/session-snapshot.md). Sessions say where they came from: recorded in the
 * app, or imported from a transcript of an interview done before (with what it was imported from).
 * Interviewer turns name who spoke them, so a team's corpus can be grouped by interviewer: the persona's
 * name for the app's own interviewer, a person's name for an imported interview. And whether a session may
 * be sent to the team's server is its own decision, apart from what the candidate agreed to record.
 */
export const sql = /* sql */ `
ALTER TABLE sessions ADD COLUMN origin TEXT NOT NULL DEFAULT 'app' CHECK (origin IN ('app', 'transcript_import'));
ALTER TABLE sessions ADD COLUMN import_json TEXT CHECK (import_json IS NULL OR json_valid(import_json));

ALTER TABLE turns ADD COLUMN interviewer TEXT;
UPDATE turns SET interviewer = json_extract(persona_json, '$.name')
  WHERE role IN ('interviewer', 'twin') AND persona_json IS NOT NULL AND json_type(persona_json, '$.name') = 'text';
CREATE INDEX turns_interviewer ON turns (interviewer, session_id) WHERE interviewer IS NOT NULL;

CREATE TABLE sync_consents (
  session_id   TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
  decision     TEXT NOT NULL CHECK (decision IN ('granted', 'declined')),
  -- 'consent_step': the candidate answered in the app; 'team_attested': the team holds the consent itself.
  basis        TEXT NOT NULL CHECK (basis IN ('consent_step', 'team_attested')),
  server       TEXT,
  decided_at   TEXT NOT NULL
) STRICT;
`;
