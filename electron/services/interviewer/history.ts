import { COMPANY_PATTERNS, DIFFICULTIES, INTERVIEW_MODES, INTERVIEW_TYPES } from '../../../shared/config/interview-config';
import { CRITERIA, DIMENSIONS } from '../../../shared/interviewer/model';
import type { HistoryEntry } from '../../../shared/progress/model';
import type { HistorySessionRow } from '../sessions/history-rows';
import type { Db } from '../store';

/**
 * The interviewer's results of many sessions for the progress figures (docs/progress.md, "Where the
 * figures come from"). Each stored result is cut down once, by SQLite's JSON functions, to the scores and
 * agenda facts the figures use and kept in `interviewer_summaries`; reading a history is then the sessions
 * service's one statement for the filter and one read of the summaries, never whole result documents
 * (answer texts, explanations) parsed only to be thrown away.
 */

/**
 * One result and its agenda as a summary. A subquery's value loses its JSON subtype, hence the json(…)
 * around each one nested in another JSON function.
 */
const SUMMARY_SQL = `json_array(
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
       FROM json_each(r.results_json, '$.answers') a)),
    json((SELECT json_group_object(json_extract(g.value, '$.id'),
        json_array(json_extract(g.value, '$.bankId'), json_extract(g.value, '$.category'), json_extract(g.value, '$.title')))
       FROM json_each(i.state_json, '$.agenda') g)))`;

/** (Re)makes the summary of every result that has none or whose results changed since. */
const REFRESH_SQL = `
WITH stale AS (
  SELECT r.session_id FROM interviewer_results r INDEXED BY interviewer_results_created
    LEFT JOIN interviewer_summaries m ON m.session_id = r.session_id
  WHERE m.session_id IS NULL OR m.results_created_at IS NOT r.created_at)
INSERT INTO interviewer_summaries (session_id, results_created_at, summary_json)
SELECT r.session_id, r.created_at, ${SUMMARY_SQL}
FROM stale
  JOIN interviewer_results r ON r.session_id = stale.session_id
  LEFT JOIN interviewer_sessions i ON i.session_id = r.session_id
WHERE true
ON CONFLICT (session_id) DO UPDATE SET results_created_at = excluded.results_created_at, summary_json = excluded.summary_json`;

/** Makes the summaries that are missing or stale; returns how many it made. */
export function refreshSummaries(db: Db): number {
  return db.prepare(REFRESH_SQL).run().changes;
}

/** The stored summaries of these sessions (all of them when there are many: one read beats a long IN list). */
export function readSummaries(db: Db, sessionIds: readonly string[]): Map<string, string> {
  const rows = (
    sessionIds.length === 1
      ? db.prepare(`SELECT session_id AS id, summary_json AS summary FROM interviewer_summaries WHERE session_id = ?`).all(sessionIds[0])
      : db.prepare(`SELECT session_id AS id, summary_json AS summary FROM interviewer_summaries`).all()
  ) as Array<{ id: string; summary: string }>;
  return new Map(rows.map((r) => [r.id, r.summary]));
}

/**
 * Every session in the filter with the scores of its results, if any, each answer joined to its agenda
 * question (bank id, category, title). A session whose stored results cannot be read is kept, marked
 * `damaged`, with no results: one bad row must not hide the rest of a history.
 */
export function readHistory(db: Db, sessions: readonly HistorySessionRow[]): HistoryEntry[] {
  refreshSummaries(db);
  const summaries = readSummaries(
    db,
    sessions.map((s) => s.id),
  );
  return sessions.map((row) => toEntry(row, summaries.get(row.id) ?? null));
}

const STATUSES = new Set<string>(['pending', 'in_progress', 'completed', 'abandoned']);
const TYPES = new Set<string>(INTERVIEW_TYPES);
const PATTERNS = new Set<string>(COMPANY_PATTERNS);
const LEVELS = new Set<string>(DIFFICULTIES);
const MODES = new Set<string>(INTERVIEW_MODES);
const CRITERION_SET = new Set<string>(CRITERIA);
const DIMENSION_SET = new Set<string>(DIMENSIONS);

class DamagedSummary extends Error {}

function check(ok: boolean, what: string): void {
  if (!ok) throw new DamagedSummary(what);
}

/**
 * The same checks as HistoryEntrySchema, written out: a long history is thousands of answers, and this
 * read is on the Progress screen's every change of filter (docs/progress.md, "Performance").
 */
function toEntry(row: HistorySessionRow, summary: string | null): HistoryEntry {
  const text = (v: unknown) => typeof v === 'string';
  if (
    !text(row.id) ||
    !text(row.at) ||
    !STATUSES.has(row.status) ||
    !text(row.candidateName) ||
    !text(row.jobTitle) ||
    !text(row.company) ||
    !TYPES.has(row.interviewType) ||
    !PATTERNS.has(row.companyPattern) ||
    !LEVELS.has(row.difficulty) ||
    !MODES.has(row.mode)
  )
    throw new Error(`Session ${row.id} has a config the progress figures cannot read.`);
  let results: HistoryEntry['results'] = null;
  let damaged = false;
  if (summary !== null) {
    try {
      results = fromSummary(JSON.parse(summary) as unknown);
    } catch {
      damaged = true;
    }
  }
  return {
    sessionId: row.id,
    at: row.at,
    status: row.status as HistoryEntry['status'],
    candidateName: row.candidateName,
    jobTitle: row.jobTitle,
    company: row.company,
    interviewType: row.interviewType as HistoryEntry['interviewType'],
    companyPattern: row.companyPattern as HistoryEntry['companyPattern'],
    difficulty: row.difficulty as HistoryEntry['difficulty'],
    mode: row.mode as HistoryEntry['mode'],
    results,
    damaged,
  };
}

const isScore = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 100;

function scores(v: unknown, keys: ReadonlySet<string>, what: string): Record<string, number> {
  if (v === null) return {};
  check(typeof v === 'object' && !Array.isArray(v), what);
  for (const [k, x] of Object.entries(v as object)) check(keys.has(k) && isScore(x), `${what}.${k}`);
  return v as Record<string, number>;
}

function fromSummary(doc: unknown): HistoryEntry['results'] {
  check(Array.isArray(doc) && doc.length === 6, 'summary');
  const [graded, overall, criteria, dimensions, answerList, agendaMap] = doc as unknown[];
  check(graded === 0 || graded === 1, 'graded');
  const agenda = (agendaMap ?? {}) as Record<string, unknown>;
  check(typeof agenda === 'object' && !Array.isArray(agenda), 'agenda');
  check(answerList === null || Array.isArray(answerList), 'answers');
  const answers = ((answerList ?? []) as unknown[]).map((entry, i) => {
    check(Array.isArray(entry) && entry.length === 6, `answers[${i}]`);
    const [ref, score, answered, kind, question, answerCriteria] = entry as unknown[];
    check(typeof ref === 'string' && typeof kind === 'string', `answers[${i}]`);
    check(score === null || isScore(score), `answers[${i}].score`);
    const item = agenda[ref as string];
    check(item === undefined || (Array.isArray(item) && item.length === 3), `agenda.${String(ref)}`);
    const [bankId, category, title] = (item ?? [null, null, null]) as unknown[];
    return {
      ref: ref as string,
      bankId: typeof bankId === 'string' ? bankId : null,
      // Without its agenda (an interviewer state that was never kept) the rubric kind is the best category there is.
      category: typeof category === 'string' ? category : (kind as string),
      title: typeof title === 'string' ? title : typeof question === 'string' ? question : (ref as string),
      score: score as number | null,
      criteria: scores(answerCriteria, CRITERION_SET, `answers[${i}].criteria`),
      answered: answered === 1,
    };
  });
  if (graded === 0) return { graded: false, answers: answers.map((a) => ({ ...a, score: null, criteria: {} })) };
  check(isScore(overall), 'overall');
  return {
    graded: true,
    overall: overall as number,
    criteria: scores(criteria, CRITERION_SET, 'criteria'),
    dimensions: scores(dimensions, DIMENSION_SET, 'dimensions'),
    answers,
  };
}
