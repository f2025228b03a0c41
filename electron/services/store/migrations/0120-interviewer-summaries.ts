/**
 * 0120 — the scores of each interview's results, cut down for the progress figures (docs/progress.md).
 * A cache kept by the interviewer's history read: a summary is (re)made from `interviewer_results` and the
 * agenda whenever the results are newer than it, so reading a long history never parses whole result
 * documents again. Nothing else writes it, and a snapshot never carries it (it is rebuilt on the next read).
 */
export const sql = /* sql */ `
CREATE TABLE interviewer_summaries (
  session_id          TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
  -- The results row's created_at this summary was made from; a different one means it is stale.
  results_created_at  TEXT NOT NULL,
  summary_json        TEXT NOT NULL CHECK (json_valid(summary_json))
) STRICT;
-- Which results are newer than their summary, answered from the index: a results row's created_at sits
-- after its large JSON document, and reading it from the table would walk every document's pages.
CREATE INDEX interviewer_results_created ON interviewer_results (session_id, created_at);
`;
