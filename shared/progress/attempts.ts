import { CRITERIA, DIMENSIONS } from '../interviewer/model';
import { CRITERION_LABELS } from '../interviewer/scoring';
import type { Comparison, ComparisonRow, HistoryEntry } from './model';
import { ANSWERED_WELL, DIMENSION_LABELS, categoryLabel, gradedSessions } from './stats';

/**
 * One attempt against the ones before it at the same config: what "the same config" means, the
 * side-by-side comparison, and which questions a retry asks again (docs/progress.md, "Results actions").
 */

/** How many of the worst-answered questions a retry asks again. */
export const RETRY_QUESTIONS = 3;

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** Attempts at the same job, company, type, company pattern and difficulty are attempts at the same config. */
export function configKey(e: Pick<HistoryEntry, 'jobTitle' | 'company' | 'interviewType' | 'companyPattern' | 'difficulty'>): string {
  return [fold(e.jobTitle), fold(e.company), e.interviewType, e.companyPattern, e.difficulty].join('|');
}

const round1 = (v: number) => Math.round(v * 10) / 10;

function categoryMeans(e: HistoryEntry): Map<string, number> {
  const by = new Map<string, number[]>();
  for (const a of e.results?.answers ?? []) {
    if (!a.answered || a.score === null) continue;
    by.set(a.category, [...(by.get(a.category) ?? []), a.score]);
  }
  return new Map([...by].map(([c, s]) => [c, round1(s.reduce((x, y) => x + y, 0) / s.length)]));
}

/**
 * The graded session `sessionId` beside the latest graded attempt before it at the same config. Null
 * when the session is not among the graded ones of the history.
 */
export function compareAttempts(history: readonly HistoryEntry[], sessionId: string): Comparison | null {
  const graded = gradedSessions(history);
  const current = graded.find((g) => g.sessionId === sessionId);
  if (!current) return null;
  const key = configKey(current);
  const same = graded.filter((g) => configKey(g) === key);
  const previous = same[same.indexOf(current) - 1] ?? null;
  const row = (
    group: ComparisonRow['group'],
    key: string,
    label: string,
    before: number | undefined | null,
    now: number | undefined | null,
  ) => ({
    group,
    key,
    label,
    previous: before ?? null,
    current: now ?? null,
    change: before === undefined || before === null || now === undefined || now === null ? null : round1(now - before),
  });
  const rows: ComparisonRow[] = [row('overall', 'overall', 'Overall', previous?.results.overall, current.results.overall)];
  for (const d of DIMENSIONS)
    rows.push(row('dimension', d, DIMENSION_LABELS[d], previous?.results.dimensions[d], current.results.dimensions[d]));
  for (const c of CRITERIA) rows.push(row('criterion', c, CRITERION_LABELS[c], previous?.results.criteria[c], current.results.criteria[c]));
  const now = categoryMeans(current);
  const before = previous ? categoryMeans(previous) : new Map<string, number>();
  for (const c of [...new Set([...now.keys(), ...before.keys()])].sort())
    rows.push(row('category', c, categoryLabel(c), before.get(c), now.get(c)));
  return {
    current: { sessionId: current.sessionId, at: current.at, overall: current.results.overall },
    previous: previous ? { sessionId: previous.sessionId, at: previous.at, overall: previous.results.overall } : null,
    attempts: same.indexOf(current) + 1,
    rows,
  };
}

/**
 * The bank questions a retry asks first: the answered ones scored below the bar, worst first (all of a
 * practice session's, which has no scores, in the order asked); at least the worst one when every
 * answer cleared the bar. Questions written by a model are not in the bank and cannot be asked again.
 */
export function retryQuestions(entry: HistoryEntry, limit = RETRY_QUESTIONS): string[] {
  const fromBank = (entry.results?.answers ?? []).filter((a) => a.bankId !== null);
  if (!entry.results?.graded) return [...new Set(fromBank.map((a) => a.bankId!))].slice(0, limit);
  const ranked = fromBank
    .filter((a) => a.score !== null)
    .map((a) => ({ id: a.bankId!, score: a.answered ? a.score! : 0 }))
    .sort((a, b) => a.score - b.score);
  const below = ranked.filter((a) => a.score < ANSWERED_WELL);
  const chosen = below.length > 0 ? below : ranked.slice(0, 1);
  return [...new Set(chosen.map((a) => a.id))].slice(0, limit);
}
