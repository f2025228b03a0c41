import { INTERVIEW_TYPES, INTERVIEW_MODES } from '../../../shared/config/interview-config';
import {
  LibrarySearchSchema,
  type LibraryItem,
  type LibraryResult,
  type LibrarySearch,
  type RecordingBadge,
} from '../../../shared/ipc/contract-review';
import { AppError } from '../../../shared/ipc/result';
import type { SessionSummary } from '../../../shared/session/model';
import { describeIssues, issuesFromZod } from '../../../shared/util/issues';
import type { SessionService } from '../sessions';
import type { Db } from '../store';
import { noResults, overallScore, type ResultsSource } from './results';

/** Case- and accent-insensitive form of a text: "Zoë" and "ZOE" both fold to "zoe". */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

const FOLD_FN = 'ir_fold';

interface Row {
  id: string;
  best: number | null;
  signals: number;
  annotations: number;
}

/** Recording rows ranked for the badge: the best one a session has wins. */
const BADGE_RANK = `CASE status WHEN 'completed' THEN 4 WHEN 'recovered' THEN 3 WHEN 'recording' THEN 2 WHEN 'paused' THEN 2 WHEN 'failed' THEN 1 ELSE 0 END`;
const BADGES: Record<number, RecordingBadge> = { 4: 'recorded', 3: 'recovered', 2: 'recording', 1: 'failed', 0: 'none' };

/**
 * The reviewers' library: free text over candidate, job title, company and transcript; filters on
 * status, type, mode, creation date, recording, score and annotations; sorting; each session with its
 * badges. Filters that live in SQL are applied there; the score (from the interviewer's results) is
 * applied after, and the page is cut last so `total` counts every match.
 */
export class LibraryService {
  constructor(
    private readonly db: Db,
    private readonly sessions: Pick<SessionService, 'list'>,
    private readonly results: ResultsSource = noResults,
  ) {
    db.function(FOLD_FN, { deterministic: true }, (v: unknown) => (typeof v === 'string' ? foldText(v) : null));
  }

  search(input: LibrarySearch = {}): LibraryResult {
    const parsed = LibrarySearchSchema.safeParse(input);
    if (!parsed.success) {
      const issues = issuesFromZod(parsed.error, input);
      throw new AppError('invalid_input', `Invalid library search: ${describeIssues(issues)}`, issues);
    }
    const q = parsed.data;
    if (q.scoreMin !== undefined && q.scoreMax !== undefined && q.scoreMin > q.scoreMax) {
      throw new AppError('invalid_input', 'Invalid library search: scoreMin is above scoreMax', [
        { field: 'scoreMin', message: 'must not be above scoreMax' },
      ]);
    }
    if (q.createdFrom && q.createdBefore && Date.parse(q.createdFrom) >= Date.parse(q.createdBefore)) {
      throw new AppError('invalid_input', 'Invalid library search: createdFrom is not before createdBefore', [
        { field: 'createdFrom', message: 'must be before createdBefore' },
      ]);
    }
    const needle = q.text ? foldText(q.text) : '';

    const where: string[] = [];
    const params: unknown[] = [];
    const inList = (column: string, values: readonly string[] | undefined, all: readonly string[]) => {
      if (!values || values.length === all.length) return;
      if (values.length === 0) where.push('0');
      else {
        where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
        params.push(...values);
      }
    };
    inList('s.status', q.status, ['pending', 'in_progress', 'completed', 'abandoned']);
    inList(`json_extract(s.config_json, '$.interviewType')`, q.interviewType, INTERVIEW_TYPES);
    inList(`json_extract(s.config_json, '$.mode')`, q.mode, INTERVIEW_MODES);
    // Stored times are ISO strings in UTC, so comparing instants means comparing parsed times.
    if (q.createdFrom) {
      where.push(`julianday(s.created_at) >= julianday(?)`);
      params.push(new Date(q.createdFrom).toISOString());
    }
    if (q.createdBefore) {
      where.push(`julianday(s.created_at) < julianday(?)`);
      params.push(new Date(q.createdBefore).toISOString());
    }
    if (q.hasRecording !== undefined) where.push(q.hasRecording ? `COALESCE(rec.best, 0) >= 3` : `COALESCE(rec.best, 0) < 3`);
    if (q.annotatedOnly) where.push(`EXISTS (SELECT 1 FROM annotations a WHERE a.session_id = s.id)`);
    if (needle) {
      where.push(
        `(instr(${FOLD_FN}(json_extract(s.config_json, '$.candidateName')), ?) > 0
          OR instr(${FOLD_FN}(json_extract(s.config_json, '$.jobTitle')), ?) > 0
          OR instr(${FOLD_FN}(json_extract(s.config_json, '$.company')), ?) > 0
          OR EXISTS (SELECT 1 FROM turns t WHERE t.session_id = s.id AND instr(${FOLD_FN}(t.text), ?) > 0)
          OR EXISTS (SELECT 1 FROM telemetry_events e WHERE e.session_id = s.id AND e.type = 'turn'
                     AND instr(${FOLD_FN}(json_extract(e.event_json, '$.text')), ?) > 0))`,
      );
      params.push(needle, needle, needle, needle, needle);
    }
    const rows = this.db
      .prepare(
        `WITH rec AS (SELECT session_id, MAX(${BADGE_RANK}) AS best FROM recordings GROUP BY session_id)
         SELECT s.id, rec.best,
           (SELECT COUNT(*) FROM integrity_signals i WHERE i.session_id = s.id) AS signals,
           (SELECT COUNT(*) FROM annotations a WHERE a.session_id = s.id) AS annotations
         FROM sessions s LEFT JOIN rec ON rec.session_id = s.id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      )
      .all(...params) as Row[];

    const listed = this.sessions.list();
    const summaries = new Map(listed.map((s) => [s.id, s]));
    // Sessions created in the same millisecond keep the session list's order (the later one first), the
    // order the library's interrupted-session banners use too.
    const listOrder = new Map(listed.map((s, i) => [s.id, i]));
    let items: LibraryItem[] = [];
    for (const row of rows) {
      const summary = summaries.get(row.id);
      if (!summary) continue;
      items.push({
        ...summary,
        recording: BADGES[row.best ?? 0]!,
        integritySignals: row.signals,
        annotations: row.annotations,
        score: overallScore(this.results(row.id)),
        match: needle ? this.match(summary, needle) : null,
      });
    }
    if (q.scoreMin !== undefined || q.scoreMax !== undefined) {
      const min = q.scoreMin ?? 0;
      const max = q.scoreMax ?? 100;
      items = items.filter((i) => i.score !== null && i.score >= min && i.score <= max);
    }
    items.sort(comparator(q.sort, (a, b) => listOrder.get(a.id)! - listOrder.get(b.id)!));
    return { total: items.length, items: items.slice(q.offset, q.offset + q.limit) };
  }

  /** Which field the text was found in, with an excerpt around it (the transcript's first matching turn). */
  private match(s: SessionSummary, needle: string): LibraryItem['match'] {
    for (const [field, value] of [
      ['candidate', s.candidateName],
      ['jobTitle', s.jobTitle],
      ['company', s.company],
    ] as const) {
      if (foldText(value).includes(needle)) return { field, snippet: value };
    }
    const turn = this.db
      .prepare(
        `SELECT text FROM (
           SELECT t.text AS text, t.t_ms AS at FROM turns t WHERE t.session_id = ? AND instr(${FOLD_FN}(t.text), ?) > 0
           UNION ALL
           SELECT json_extract(e.event_json, '$.text'), e.t_ms FROM telemetry_events e
           WHERE e.session_id = ? AND e.type = 'turn' AND instr(${FOLD_FN}(json_extract(e.event_json, '$.text')), ?) > 0
         ) ORDER BY at LIMIT 1`,
      )
      .pluck()
      .get(s.id, needle, s.id, needle) as string | undefined;
    return turn === undefined ? null : { field: 'transcript', snippet: excerpt(turn, needle) };
  }
}

/** About 120 characters of `text` around the first match of `needle` (folded), on word boundaries. */
export function excerpt(text: string, needle: string, width = 120): string {
  const folded = foldText(text);
  // Folding can change lengths (ligatures); map the match back through the proportion, close enough for a snippet.
  const at = Math.max(0, Math.round((folded.indexOf(needle) * text.length) / Math.max(1, folded.length)));
  const pad = Math.max(0, Math.floor((width - needle.length) / 2));
  let start = Math.max(0, at - pad);
  let end = Math.min(text.length, at + needle.length + pad);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < at) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > at + needle.length) end = space;
  }
  const body = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${body}${end < text.length ? '…' : ''}`;
}

function comparator(
  sort: LibrarySearch['sort'],
  sameMoment: (a: LibraryItem, b: LibraryItem) => number,
): (a: LibraryItem, b: LibraryItem) => number {
  const newest = (a: LibraryItem, b: LibraryItem) => b.createdAt.localeCompare(a.createdAt) || sameMoment(a, b);
  // Ungraded sessions go last whichever way scores are sorted.
  const byScore = (dir: 1 | -1) => (a: LibraryItem, b: LibraryItem) =>
    a.score === null ? (b.score === null ? newest(a, b) : 1) : b.score === null ? -1 : dir * (a.score - b.score) || newest(a, b);
  switch (sort) {
    case 'created_asc':
      return (a, b) => -newest(a, b);
    case 'candidate_asc':
      return (a, b) => a.candidateName.localeCompare(b.candidateName, undefined, { sensitivity: 'base' }) || newest(a, b);
    case 'score_desc':
      return byScore(-1);
    case 'score_asc':
      return byScore(1);
    case 'duration_desc':
      return (a, b) => b.activeMs - a.activeMs || newest(a, b);
    default:
      return newest;
  }
}
