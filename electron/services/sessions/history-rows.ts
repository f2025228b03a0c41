import type { ParsedProgressFilter } from '../../../shared/progress/model';
import type { Db } from '../store';

/**
 * The sessions a progress filter selects, with the config fields and times the figures need (docs/progress.md,
 * "Where the figures come from"): one statement over this service's own table, in time order. The
 * interviewer joins its result summaries to these rows by session id.
 */
const HISTORY_SQL = `
SELECT s.id AS id, s.status AS status, COALESCE(s.ended_at, s.started_at, s.created_at) AS at,
  json_extract(s.config_json, '$.candidateName') AS candidateName,
  json_extract(s.config_json, '$.jobTitle') AS jobTitle,
  COALESCE(json_extract(s.config_json, '$.company'), '') AS company,
  json_extract(s.config_json, '$.interviewType') AS interviewType,
  json_extract(s.config_json, '$.companyPattern') AS companyPattern,
  json_extract(s.config_json, '$.difficulty') AS difficulty,
  json_extract(s.config_json, '$.mode') AS mode
FROM sessions s`;

export interface HistorySessionRow {
  id: string;
  status: string;
  at: string;
  candidateName: string;
  jobTitle: string;
  company: string;
  interviewType: string;
  companyPattern: string;
  difficulty: string;
  mode: string;
}

/** The WHERE clause and its parameters for a filter; times compare as instants, not as text. */
export function historyWhere(filter: ParsedProgressFilter, sessionId?: string): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (sessionId !== undefined) {
    where.push('s.id = ?');
    params.push(sessionId);
  }
  if (filter.from) {
    where.push(`julianday(COALESCE(s.ended_at, s.started_at, s.created_at)) >= julianday(?)`);
    params.push(new Date(filter.from).toISOString());
  }
  if (filter.to) {
    where.push(`julianday(COALESCE(s.ended_at, s.started_at, s.created_at)) <= julianday(?)`);
    params.push(new Date(filter.to).toISOString());
  }
  for (const [field, value] of [
    ['interviewType', filter.interviewType],
    ['companyPattern', filter.companyPattern],
    ['mode', filter.mode],
  ] as const) {
    if (value === undefined) continue;
    where.push(`json_extract(s.config_json, '$.${field}') = ?`);
    params.push(value);
  }
  return { sql: where.length ? ` WHERE ${where.join(' AND ')}` : '', params };
}

/** The rows as the statement gives them, before anyone checks them. */
export function readHistorySessions(db: Db, filter: ParsedProgressFilter, sessionId?: string): HistorySessionRow[] {
  const { sql, params } = historyWhere(filter, sessionId);
  return db.prepare(`${HISTORY_SQL}${sql} ORDER BY at, s.id`).all(...params) as HistorySessionRow[];
}
