/**
 * 0070 — the review screen's edit track. Opening a review reads every `code_edit` event of the session for
 * its moment, size and file; with the two JSON fields in a partial covering index, that read scans the index
 * alone instead of parsing each event's JSON (about half the time for a 50,000-event session). Only edit
 * events are indexed, so other event types pay nothing on insert. `type` is a column although the WHERE
 * fixes it: with equality on two columns the planner picks this index over `telemetry_session_type`
 * without needing ANALYZE statistics.
 */
export const sql = /* sql */ `
CREATE INDEX telemetry_edit_facts ON telemetry_events (
  session_id,
  type,
  seq,
  t_ms,
  json_extract(event_json, '$.diffChars'),
  json_extract(event_json, '$.file')
) WHERE type = 'code_edit';
`;
