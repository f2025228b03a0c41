import { HistoryEntrySchema, type HistoryEntry, type ParsedProgressFilter } from '../../../shared/progress/model';
import type { Db } from '../store';

/**
 * The interviewer's results of many sessions in one statement, for the progress figures
 * (docs/progress.md, "Where the figures come from"). SQLite's JSON functions cut each stored result
 * down to the scores and the agenda facts the figures use, so a long history never travels as whole
 * result documents (answer texts, explanations) only to be thrown away. (A subquery's value loses its JSON
 * subtype, hence the json(…) around each one nested in another JSON function.) The `sessions` table is read,
 * never written, for the config and times the filter and the figures need.
 */
const HISTORY_SQL = `
SELECT s.id AS id, s.status AS status, COALESCE(s.ended_at, s.started_at, s.created_at) AS at,
  json_extract(s.config_json, '$.candidateName') AS candidateName,
  json_extract(s.config_json, '$.jobTitle') AS jobTitle,
  COALESCE(json_extract(s.config_json, '$.company'), '') AS company,
  json_extract(s.config_json, '$.interviewType') AS interviewType,
  json_extract(s.config_json, '$.companyPattern') AS companyPattern,
  json_extract(s.config_json, '$.difficulty') AS difficulty,
  json_extract(s.config_json, '$.mode') AS mode,
  CASE WHEN r.results_json IS NULL THEN NULL ELSE json_array(
    json_extract(r.results_json, '$.graded'),
    json_extract(r.results_json, '$.overall'),
    json((SELECT json_group_object(json_extract(c.value, '$.criterion'), json_extract(c.value, '$.score'))
       FROM json_each(r.results_json, '$.criteria') c)),
    json((SELECT json_group_object(json_extract(d.value, '$.dimension'), json_extract(d.value, '$.score'))
       FROM json_each(r.results_json, '$.dimensions') d)),
    json((SELECT json_group_array(json_array(
        json_extract(a.value, '$.questionRef'),
        json_extract(a.value, '$.score'),
        length(trim(json_extract(a.value, '$.answer'))) > 0,
        json_extract(a.value, '$.rubricKind'),
        substr(json_extract(a.value, '$.question'), 1, 120),
        json((SELECT json_group_object(json_extract(x.value, '$.criterion'), json_extract(x.value, '$.score'))
           FROM json_each(a.value, '$.criteria') x))))
       FROM json_each(r.results_json, '$.answers') a))
  ) END AS results,
  (SELECT json_group_object(json_extract(g.value, '$.id'),
      json_array(json_extract(g.value, '$.bankId'), json_extract(g.value, '$.category'), json_extract(g.value, '$.title')))
     FROM json_each(i.state_json, '$.agenda') g) AS agenda
FROM sessions s
  LEFT JOIN interviewer_results r ON r.session_id = s.id
  LEFT JOIN interviewer_sessions i ON i.session_id = s.id`;

interface Row {
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
  results: string | null;
  agenda: string | null;
}

type CompactAnswer = [string, number | null, 0 | 1, string, string | null, Record<string, number> | null];
type CompactResults = [0 | 1, number | null, Record<string, number> | null, Record<string, number> | null, CompactAnswer[] | null];

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

/** Rows as the statement gives them, before they are checked: what the benchmark's baseline reads. */
export function readHistoryRows(db: Db, filter: ParsedProgressFilter, sessionId?: string): Row[] {
  const { sql, params } = historyWhere(filter, sessionId);
  return db.prepare(`${HISTORY_SQL}${sql} ORDER BY at, s.id`).all(...params) as Row[];
}

/**
 * Every session in the filter with the scores of its results, if any, each answer joined to its agenda
 * question (bank id, category, title). A session whose stored results cannot be read is kept, marked
 * `damaged`, with no results: one bad row must not hide the rest of a history.
 */
export function readHistory(db: Db, filter: ParsedProgressFilter, sessionId?: string): HistoryEntry[] {
  return readHistoryRows(db, filter, sessionId).map(toEntry);
}

function toEntry(row: Row): HistoryEntry {
  const base = {
    sessionId: row.id,
    at: row.at,
    status: row.status,
    candidateName: row.candidateName,
    jobTitle: row.jobTitle,
    company: row.company,
    interviewType: row.interviewType,
    companyPattern: row.companyPattern,
    difficulty: row.difficulty,
    mode: row.mode,
  };
  let results: HistoryEntry['results'] = null;
  let damaged = false;
  if (row.results !== null) {
    try {
      results = compactResults(JSON.parse(row.results) as CompactResults, row.agenda);
    } catch {
      damaged = true;
    }
  }
  const parsed = HistoryEntrySchema.safeParse({ ...base, results, damaged });
  if (parsed.success) return parsed.data;
  // The session's own fields are the sessions service's and always valid; a failure is in the results.
  const bare = HistoryEntrySchema.safeParse({ ...base, results: null, damaged: true });
  if (bare.success) return bare.data;
  throw new Error(`Session ${row.id} has a config the progress figures cannot read.`);
}

function compactResults(r: CompactResults, agendaJson: string | null): HistoryEntry['results'] {
  const agenda = agendaJson ? (JSON.parse(agendaJson) as Record<string, [string | null, string, string]>) : {};
  const answers = (r[4] ?? []).map(([ref, score, answered, kind, question, criteria]) => {
    const item = agenda[ref];
    return {
      ref,
      bankId: item?.[0] ?? null,
      // Without its agenda (an interviewer state that was never kept) the rubric kind is the best category there is.
      category: item?.[1] ?? kind,
      title: item?.[2] ?? question ?? ref,
      score,
      criteria: criteria ?? {},
      answered: answered === 1,
    };
  });
  if (r[0] === 1) return { graded: true, overall: r[1] as number, criteria: r[2] ?? {}, dimensions: r[3] ?? {}, answers };
  return { graded: false, answers: answers.map((a) => ({ ...a, score: null, criteria: {} })) };
}
