import { COMPANY_PATTERNS, COMPANY_PATTERN_LABELS, DIFFICULTIES } from '../config/interview-config';
import { CRITERIA, DIMENSIONS, type Dimension } from '../interviewer/model';
import { CATEGORY_LABELS, type BankCategory } from '../interviewer/question-bank';
import { CRITERION_LABELS } from '../interviewer/scoring';
import { COMPANY_DISTRIBUTIONS, COMPANY_FOCUS } from '../interviewer/selection';
import type {
  Average,
  HistoryAnswer,
  HistoryEntry,
  ParsedProgressFilter,
  PracticeQuestion,
  ProgressStats,
  RadarAxis,
  Readiness,
  Recommendation,
  TeamDistribution,
  TrendPoint,
  WeakArea,
} from './model';

/**
 * Every figure of the Progress screen and `interview-recorder stats`, from a history of sessions, in one
 * pure function. The rules (thresholds, windows, what counts) are in docs/progress.md; the numbers here
 * are the ones that document names.
 */

/** Fewer graded sessions than this give points, not a line: a trend through two points is just their difference. */
export const MIN_TREND_SESSIONS = 3;
export const MOVING_AVERAGE_WINDOW = 3;
/** Below this an area is weak: the same bar the scorer uses for an interview's areas to improve. */
export const WEAK_BELOW = 60;
/** An answer at or above this is answered well (the "Strong" band of a score), so it is never recommended again. */
export const ANSWERED_WELL = 70;
/** A recent window this many points above the window before counts as improving. */
export const IMPROVING_BY = 5;
/** A company pattern is "ready" at this readiness, "close" from CLOSE_AT. */
export const READY_AT = 70;
export const CLOSE_AT = 55;
export const IMPROVEMENT_DAYS = 28;
export const MAX_WEAK_AREAS = 6;
export const EVIDENCE_PER_AREA = 3;
export const RECOMMENDATIONS_PER_AREA = 3;

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

export const DIMENSION_LABELS: Record<Dimension, string> = {
  technical: 'Technical',
  communication: 'Communication',
  problemSolving: 'Problem solving',
};

export function categoryLabel(category: string): string {
  return CATEGORY_LABELS[category as BankCategory] ?? category.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}

type Graded = HistoryEntry & { results: Extract<NonNullable<HistoryEntry['results']>, { graded: true }> };

export interface ProgressInput {
  history: readonly HistoryEntry[];
  filter: ParsedProgressFilter;
  /** The bank questions recommendations may choose from. */
  bank: readonly PracticeQuestion[];
  now: Date;
  team?: TeamDistribution | null;
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** Each entry's time, parsed once: sorting thousands of answers must not parse the same text again and again. */
const times = new WeakMap<HistoryEntry, number>();
export function timeOf(e: HistoryEntry): number {
  let t = times.get(e);
  if (t === undefined) {
    t = Date.parse(e.at);
    times.set(e, t);
  }
  return t;
}
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Graded sessions in time order (the history may come in any order). */
export function gradedSessions(history: readonly HistoryEntry[]): Graded[] {
  return history
    .filter((e): e is Graded => e.results !== null && e.results.graded)
    .sort((a, b) => timeOf(a) - timeOf(b) || a.sessionId.localeCompare(b.sessionId));
}

/** Least-squares slope of `y` over time, in points per week; null when the times do not spread. */
export function slopePerWeek(points: ReadonlyArray<{ at: string | number; y: number }>): number | null {
  if (points.length < 2) return null;
  const xs = points.map((p) => (typeof p.at === 'number' ? p.at : Date.parse(p.at)) / WEEK_MS);
  const mx = mean(xs)!;
  const my = mean(points.map((p) => p.y))!;
  let sxx = 0;
  let sxy = 0;
  points.forEach((p, i) => {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (p.y - my);
  });
  // Sessions within the same minute have no time between them to measure a rate over.
  if (sxx < (60_000 / WEEK_MS) ** 2) return null;
  return round1(sxy / sxx);
}

function answersOf(e: HistoryEntry): HistoryAnswer[] {
  return e.results ? e.results.answers.filter((a) => a.answered) : [];
}

type SessionAnswer = HistoryAnswer & { session: Graded };
/** A session's scored answers, each knowing its session; made once per session however many figures ask. */
const scoredOf = new WeakMap<Graded, SessionAnswer[]>();
function scoredAnswers(sessions: readonly Graded[]): SessionAnswer[] {
  return sessions.flatMap((s) => {
    let own = scoredOf.get(s);
    if (!own) {
      own = answersOf(s).flatMap((a) => (a.score === null ? [] : [{ ...a, session: s }]));
      scoredOf.set(s, own);
    }
    return own;
  });
}

function categoryMeans(sessions: readonly Graded[]): Map<string, { average: number; answers: number; sessions: number }> {
  const by = new Map<string, { scores: number[]; sessions: Set<string> }>();
  for (const a of scoredAnswers(sessions)) {
    const slot = by.get(a.category) ?? { scores: [], sessions: new Set<string>() };
    slot.scores.push(a.score!);
    slot.sessions.add(a.session.sessionId);
    by.set(a.category, slot);
  }
  return new Map([...by].map(([c, v]) => [c, { average: round1(mean(v.scores)!), answers: v.scores.length, sessions: v.sessions.size }]));
}

const KNOWN_CATEGORIES = Object.keys(CATEGORY_LABELS);
const categoryOrder = (a: string, b: string) => {
  const known = KNOWN_CATEGORIES;
  const ia = known.indexOf(a);
  const ib = known.indexOf(b);
  return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib) || a.localeCompare(b);
};

function averages(graded: readonly Graded[]): ProgressStats['averages'] {
  const sessionAverage = (key: string, label: string, pick: (g: Graded) => number | undefined): Average => {
    const values = graded.map(pick).filter((v): v is number => v !== undefined);
    const m = mean(values);
    return { key, label, average: m === null ? null : round1(m), sessions: values.length, answers: 0 };
  };
  const cats = categoryMeans(graded);
  return {
    criteria: CRITERIA.map((c) => sessionAverage(c, CRITERION_LABELS[c], (g) => g.results.criteria[c])),
    dimensions: DIMENSIONS.map((d) => sessionAverage(d, DIMENSION_LABELS[d], (g) => g.results.dimensions[d])),
    categories: [...cats.keys()].sort(categoryOrder).map((c) => ({
      key: c,
      label: categoryLabel(c),
      average: cats.get(c)!.average,
      sessions: cats.get(c)!.sessions,
      answers: cats.get(c)!.answers,
    })),
  };
}

function trend(graded: readonly Graded[], practiceOnly: boolean): ProgressStats['trend'] {
  const best = graded.reduce<Graded | null>((b, g) => (b === null || g.results.overall > b.results.overall ? g : b), null);
  const points: TrendPoint[] = graded.map((g, i) => {
    const windowScores = graded.slice(Math.max(0, i - MOVING_AVERAGE_WINDOW + 1), i + 1).map((w) => w.results.overall);
    return {
      sessionId: g.sessionId,
      at: g.at,
      overall: g.results.overall,
      movingAverage: windowScores.length === MOVING_AVERAGE_WINDOW ? round1(mean(windowScores)!) : null,
      dimensions: { ...g.results.dimensions },
      criteria: { ...g.results.criteria },
      best: g === best,
    };
  });
  const slope = graded.length >= MIN_TREND_SESSIONS ? slopePerWeek(graded.map((g) => ({ at: timeOf(g), y: g.results.overall }))) : null;
  let note: string | null = null;
  if (graded.length === 0) note = noScoresNote(practiceOnly);
  else if (graded.length < MIN_TREND_SESSIONS)
    note = `${plural(graded.length, 'graded session')}: a trend needs at least ${MIN_TREND_SESSIONS}, so the scores are shown as points without a line.`;
  else if (slope === null) note = 'The graded sessions are too close together in time to measure a rate.';
  return { sessions: graded.length, note, points, movingAverageWindow: MOVING_AVERAGE_WINDOW, slopePerWeek: slope };
}

function noScoresNote(practiceOnly: boolean): string {
  return practiceOnly
    ? 'Practice sessions are not graded, so there are no scores here. Take a graded interview (or include graded sessions in the filter) to see them.'
    : 'No graded session matches the filter yet. Take a graded interview to see scores here.';
}

function radar(graded: readonly Graded[], window: number, practiceOnly: boolean): ProgressStats['radar'] {
  const recent = graded.slice(-window);
  const previous = graded.slice(-2 * window, -window);
  const r = categoryMeans(recent);
  const p = categoryMeans(previous);
  const axes: RadarAxis[] = [...new Set([...r.keys(), ...p.keys()])].sort(categoryOrder).map((c) => {
    const now = r.get(c);
    const before = p.get(c);
    return {
      category: c,
      label: categoryLabel(c),
      recent: now?.average ?? null,
      recentAnswers: now?.answers ?? 0,
      previous: before?.average ?? null,
      previousAnswers: before?.answers ?? 0,
      change: now && before ? round1(now.average - before.average) : null,
    };
  });
  let note: string | null = null;
  if (graded.length === 0) note = noScoresNote(practiceOnly);
  else if (previous.length === 0)
    note = `Your last ${plural(recent.length, 'graded session')} so far; the comparison with the ${window} before appears after ${window + 1} graded sessions.`;
  else if (previous.length < window) note = `The ${window} most recent graded sessions against the ${previous.length} before them.`;
  return { sessions: recent.length, note, window, previousSessions: previous.length, axes };
}

interface AreaSample {
  score: number;
  session: Graded;
}

function weakAreas(
  graded: readonly Graded[],
  window: number,
  bank: readonly PracticeQuestion[],
  practiceOnly: boolean,
): ProgressStats['weakAreas'] {
  if (graded.length === 0) return { sessions: 0, note: noScoresNote(practiceOnly), areas: [] };
  const answers = scoredAnswers(graded);
  const recentIds = new Set(graded.slice(-window).map((g) => g.sessionId));
  const previousIds = new Set(graded.slice(-2 * window, -window).map((g) => g.sessionId));
  // Best graded score of every bank question ever answered: an answer at or above the bar is done.
  const bestOf = new Map<string, number>();
  for (const a of answers) if (a.bankId) bestOf.set(a.bankId, Math.max(bestOf.get(a.bankId) ?? 0, a.score!));

  const candidates: Array<{
    kind: WeakArea['kind'];
    key: string;
    label: string;
    /** The values the area's average is taken over: one per session for a criterion, one per answer for a category. */
    samples: AreaSample[];
    /** An answer's value for this area, undefined when it has none. */
    valueOf: (a: SessionAnswer) => number | undefined;
  }> = [];
  for (const c of CRITERIA) {
    const samples = graded.flatMap((g) => (g.results.criteria[c] === undefined ? [] : [{ score: g.results.criteria[c]!, session: g }]));
    candidates.push({ kind: 'criterion', key: c, label: CRITERION_LABELS[c], samples, valueOf: (a) => a.criteria[c] });
  }
  const byCategory = new Map<string, AreaSample[]>();
  for (const a of answers) {
    const list = byCategory.get(a.category);
    if (list) list.push({ score: a.score!, session: a.session });
    else byCategory.set(a.category, [{ score: a.score!, session: a.session }]);
  }
  for (const cat of [...byCategory.keys()].sort(categoryOrder)) {
    const valueOf = (a: SessionAnswer) => (a.category === cat ? a.score! : undefined);
    candidates.push({ kind: 'category', key: cat, label: categoryLabel(cat), samples: byCategory.get(cat)!, valueOf });
  }

  const target = mostCommon(graded.slice(-window).map((g) => g.difficulty)) ?? 'medium';
  const used = new Set<string>();
  const areas: WeakArea[] = [];
  const scored = candidates
    .map((c) => {
      const average = mean(c.samples.map((s) => s.score));
      const recent = mean(c.samples.filter((s) => recentIds.has(s.session.sessionId)).map((s) => s.score));
      const before = mean(c.samples.filter((s) => previousIds.has(s.session.sessionId)).map((s) => s.score));
      return { ...c, average, change: recent !== null && before !== null ? round1(recent - before) : null };
    })
    .filter((c): c is typeof c & { average: number } => c.average !== null && c.average < WEAK_BELOW)
    .filter((c) => c.change === null || c.change < IMPROVING_BY)
    // Lowest first; a criterion before a category at the same average (criteria are what every answer is scored on).
    .sort((a, b) => a.average - b.average || (a.kind === b.kind ? 0 : a.kind === 'criterion' ? -1 : 1));

  for (const c of scored.slice(0, MAX_WEAK_AREAS)) {
    const valued = answers.flatMap((a) => {
      const score = c.valueOf(a);
      return score === undefined ? [] : [{ a, score }];
    });
    const evidence = lowest(valued, EVIDENCE_PER_AREA, (x, y) => x.score - y.score || timeOf(y.a.session) - timeOf(x.a.session)).map(
      ({ a, score }) => ({
        sessionId: a.session.sessionId,
        at: a.session.at,
        questionRef: a.ref,
        question: a.title,
        category: a.category,
        score,
      }),
    );
    // A category trains itself; a criterion is trained where it was lowest, i.e. in the categories of its evidence.
    const from = c.kind === 'category' ? [c.key] : [...new Set(evidence.map((e) => e.category))];
    const recommendations = recommend(from, bank, bestOf, target, used);
    for (const r of recommendations) used.add(r.questionId);
    areas.push({
      kind: c.kind,
      key: c.key,
      label: c.label,
      average: round1(c.average),
      sessions: new Set(c.samples.map((s) => s.session.sessionId)).size,
      answers: valued.length,
      change: c.change,
      evidence,
      recommendations,
    });
  }
  const note =
    areas.length === 0
      ? `No weak area: every criterion and category averages ${WEAK_BELOW} or more, or is improving by ${IMPROVING_BY} points or more.`
      : null;
  return { sessions: graded.length, note, areas };
}

/** The `k` first items in the order of `cmp`, without sorting them all (areas have thousands of answers). */
function lowest<T>(items: readonly T[], k: number, cmp: (a: T, b: T) => number): T[] {
  const out: T[] = [];
  for (const item of items) {
    if (out.length === k && cmp(item, out[k - 1]!) >= 0) continue;
    let i = out.length;
    while (i > 0 && cmp(item, out[i - 1]!) < 0) i--;
    out.splice(i, 0, item);
    if (out.length > k) out.pop();
  }
  return out;
}

function mostCommon<T extends string>(xs: readonly T[]): T | null {
  const counts = new Map<T, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: T | null = null;
  for (const [x, n] of counts) if (best === null || n > counts.get(best)!) best = x;
  return best;
}

/**
 * Bank questions that train the given categories: never one answered well; those answered below the bar
 * first (lowest best score first), then ones never answered, nearest the usual difficulty first.
 */
export function recommend(
  categories: readonly string[],
  bank: readonly PracticeQuestion[],
  bestOf: ReadonlyMap<string, number>,
  difficulty: string,
  exclude: ReadonlySet<string> = new Set(),
  limit = RECOMMENDATIONS_PER_AREA,
): Recommendation[] {
  const wanted = DIFFICULTIES.indexOf(difficulty as (typeof DIFFICULTIES)[number]);
  const distance = (q: PracticeQuestion) => Math.abs(DIFFICULTIES.indexOf(q.difficulty as (typeof DIFFICULTIES)[number]) - wanted);
  return bank
    .filter((q) => categories.includes(q.category) && !exclude.has(q.id))
    .filter((q) => (bestOf.get(q.id) ?? 0) < ANSWERED_WELL)
    .map((q) => ({ q, best: bestOf.has(q.id) ? bestOf.get(q.id)! : null }))
    .sort(
      (a, b) =>
        (a.best === null ? 1 : 0) - (b.best === null ? 1 : 0) ||
        (a.best ?? 0) - (b.best ?? 0) ||
        categories.indexOf(a.q.category) - categories.indexOf(b.q.category) ||
        distance(a.q) - distance(b.q) ||
        a.q.id.localeCompare(b.q.id),
    )
    .slice(0, limit)
    .map(({ q, best }) => ({
      questionId: q.id,
      title: q.title,
      category: q.category,
      difficulty: q.difficulty,
      reason: best === null ? ('not_answered' as const) : ('answered_badly' as const),
      bestScore: best,
    }));
}

function readiness(graded: readonly Graded[], window: number, practiceOnly: boolean): ProgressStats['readiness'] {
  const recent = graded.slice(-window);
  const means = categoryMeans(recent);
  const patterns: Readiness[] = COMPANY_PATTERNS.map((pattern) => {
    const distribution = COMPANY_DISTRIBUTIONS[pattern];
    const mix = Object.entries(distribution).map(([category, weight]) => {
      const m = means.get(category);
      return {
        category,
        label: categoryLabel(category),
        weight: weight!,
        score: m?.average ?? null,
        answers: m?.answers ?? 0,
        gap: m ? round1(Math.max(0, READY_AT - m.average)) : null,
      };
    });
    const coverage = round1(mix.reduce((s, m) => s + (m.score === null ? 0 : m.weight), 0) * 100) / 100;
    const value = coverage === 0 ? null : round1(mix.reduce((s, m) => s + m.weight * (m.score ?? 0), 0));
    const missing = mix.flatMap((m) => {
      const share = `${Math.round(m.weight * 100)}% of a ${COMPANY_PATTERN_LABELS[pattern].toLowerCase()} loop`;
      if (m.score === null)
        return [`No ${m.label.toLowerCase()} answers in your last ${plural(recent.length, 'graded session')} (${share}).`];
      if (m.gap! > 0) return [`${m.label} averages ${Math.round(m.score)}, ${Math.round(m.gap!)} points short of ${READY_AT} (${share}).`];
      return [];
    });
    return {
      pattern,
      label: COMPANY_PATTERN_LABELS[pattern],
      focus: COMPANY_FOCUS[pattern],
      readiness: value,
      band: value === null ? 'no_evidence' : value >= READY_AT ? 'ready' : value >= CLOSE_AT ? 'close' : 'not_yet',
      coverage,
      sessions: recent.length,
      mix,
      missing,
    };
  });
  return { sessions: recent.length, note: graded.length === 0 ? noScoresNote(practiceOnly) : null, patterns };
}

function improvement(graded: readonly Graded[], reference: Date): ProgressStats['improvement'] {
  const since = new Date(reference.getTime() - IMPROVEMENT_DAYS * DAY_MS);
  const inMonth = graded.filter((g) => timeOf(g) >= since.getTime() && timeOf(g) <= reference.getTime());
  const slope = inMonth.length >= MIN_TREND_SESSIONS ? slopePerWeek(inMonth.map((g) => ({ at: timeOf(g), y: g.results.overall }))) : null;
  let note: string | null = null;
  if (inMonth.length < MIN_TREND_SESSIONS)
    note = `${plural(inMonth.length, 'graded session')} in the last ${IMPROVEMENT_DAYS} days: a rate needs at least ${MIN_TREND_SESSIONS}.`;
  else if (slope === null) note = 'The graded sessions of the last month are too close together in time to measure a rate.';
  return { sessions: inMonth.length, note, pointsPerWeek: slope, since: since.toISOString() };
}

/** The calendar day of an instant on the person's clock, as days since the epoch. */
const dayNumber = (iso: string, offsetMinutes: number) => Math.floor((Date.parse(iso) + offsetMinutes * 60_000) / DAY_MS);

function streaks(history: readonly HistoryEntry[], graded: readonly Graded[], reference: Date, offset: number): ProgressStats['streaks'] {
  const days = [...new Set(history.filter((e) => e.results !== null).map((e) => dayNumber(e.at, offset)))].sort((a, b) => a - b);
  let longest = 0;
  let run = 0;
  days.forEach((d, i) => {
    run = i > 0 && d === days[i - 1]! + 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
  });
  // A streak is alive until a whole day passes without an interview.
  const today = dayNumber(reference.toISOString(), offset);
  const last = days.at(-1);
  const current = last !== undefined && today - last <= 1 ? run : 0;
  let improving = 0;
  for (let i = graded.length - 1; i > 0 && graded[i]!.results.overall > graded[i - 1]!.results.overall; i--) improving++;
  return { currentDays: current, longestDays: longest, improvingSessions: improving };
}

/** Where `score` falls in a team's quantiles: linear between them, with 0 and 100 as the ends. */
export function teamPercentile(score: number, team: TeamDistribution): number {
  const points = [{ q: 0, score: 0 }, ...team.quantiles, { q: 1, score: 100 }];
  if (score <= points[0]!.score) return 0;
  for (let i = 1; i < points.length; i++) {
    const lo = points[i - 1]!;
    const hi = points[i]!;
    if (score <= hi.score) {
      // Quantiles at the same score: the score sits in the middle of that flat stretch.
      if (hi.score === lo.score) {
        let j = i;
        while (j + 1 < points.length && points[j + 1]!.score === score) j++;
        return round1(((lo.q + points[j]!.q) / 2) * 100);
      }
      return round1((lo.q + ((score - lo.score) / (hi.score - lo.score)) * (hi.q - lo.q)) * 100);
    }
  }
  return 100;
}

function percentiles(
  graded: readonly Graded[],
  window: number,
  team: TeamDistribution | null,
  practiceOnly: boolean,
): ProgressStats['percentile'] {
  const latest = graded.at(-1);
  const scores = graded.map((g) => g.results.overall);
  let own: ProgressStats['percentile']['own'];
  if (!latest) own = { sessions: 0, note: noScoresNote(practiceOnly), score: null, percentile: null };
  else if (graded.length < MIN_TREND_SESSIONS)
    own = {
      sessions: graded.length,
      note: `Needs at least ${MIN_TREND_SESSIONS} graded sessions to rank your latest score against your own history.`,
      score: latest.results.overall,
      percentile: null,
    };
  else {
    const s = latest.results.overall;
    const below = scores.filter((x) => x < s).length;
    const equal = scores.filter((x) => x === s).length;
    own = {
      sessions: graded.length,
      note: `Your latest score against your own ${graded.length} graded sessions. There is no population of other candidates on this computer; import a team's distribution to compare with one.`,
      score: s,
      percentile: round1(((below + 0.5 * equal) / scores.length) * 100),
    };
  }
  if (!team) return { own, team: null };
  const recent = graded.slice(-window).map((g) => g.results.overall);
  const avg = mean(recent);
  return {
    own,
    team: {
      team: team.team,
      teamSessions: team.sessions,
      sessions: recent.length,
      note:
        avg === null
          ? noScoresNote(practiceOnly)
          : `Your average over your last ${plural(recent.length, 'graded session')} against ${team.team}'s ${team.sessions} sessions.`,
      score: avg === null ? null : round1(avg),
      percentile: avg === null ? null : teamPercentile(avg, team),
    },
  };
}

/** Monday of the week of an instant, on the person's clock, as YYYY-MM-DD. */
function weekStart(iso: string, offset: number): string {
  const day = dayNumber(iso, offset);
  // Day 0 (1970-01-01) was a Thursday: Monday-based weekday = (day + 3) mod 7.
  const monday = day - ((day + 3) % 7);
  return new Date(monday * DAY_MS).toISOString().slice(0, 10);
}

function summary(
  history: readonly HistoryEntry[],
  graded: readonly Graded[],
  avgs: ProgressStats['averages'],
  weak: ProgressStats['weakAreas'],
  offset: number,
): ProgressStats['summary'] {
  const best = graded.reduce<Graded | null>((b, g) => (b === null || g.results.overall > b.results.overall ? g : b), null);
  const weeks = new Map<string, number[]>();
  for (const g of graded) {
    const w = weekStart(g.at, offset);
    const scores = weeks.get(w);
    if (scores) scores.push(g.results.overall);
    else weeks.set(w, [g.results.overall]);
  }
  const dim = (d: Dimension) => avgs.dimensions.find((x) => x.key === d)!.average;
  const behavioral = avgs.categories.find((c) => c.key === 'behavioral')?.average ?? null;
  const withResults = history.filter((e) => e.results !== null).sort((a, b) => timeOf(a) - timeOf(b));
  const strong = [...avgs.criteria, ...avgs.categories]
    .filter((a) => a.average !== null && a.average >= ANSWERED_WELL)
    .sort((a, b) => b.average! - a.average!)
    .map((a) => `${a.label} (${Math.round(a.average!)})`);
  return {
    averageScore: graded.length ? round1(mean(graded.map((g) => g.results.overall))!) : null,
    bestScore: best?.results.overall ?? null,
    bestSessionId: best?.sessionId ?? null,
    lastSessionAt: withResults.at(-1)?.at ?? null,
    behavioralAverage: behavioral,
    technicalAverage: dim('technical'),
    communicationAverage: dim('communication'),
    problemSolvingAverage: dim('problemSolving'),
    weekly: [...weeks]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([weekStart, s]) => ({ weekStart, average: round1(mean(s)!), sessions: s.length })),
    strengths: strong,
    areasToImprove: weak.areas.map((a) => `${a.label} (${Math.round(a.average)})`),
  };
}

/** Every progress figure from the history of the sessions in the filter. */
export function computeProgress(input: ProgressInput): ProgressStats {
  const { history, filter, bank, now } = input;
  const graded = gradedSessions(history);
  const practiceOnly = graded.length === 0 && history.some((e) => e.results !== null && !e.results.graded);
  const reference = filter.to && Date.parse(filter.to) < now.getTime() ? new Date(filter.to) : now;
  const avgs = averages(graded);
  const weak = weakAreas(graded, filter.window, bank, practiceOnly);
  return {
    generatedAt: now.toISOString(),
    filter: {
      from: filter.from ?? null,
      to: filter.to ?? null,
      interviewType: filter.interviewType ?? null,
      companyPattern: filter.companyPattern ?? null,
      mode: filter.mode ?? null,
      window: filter.window,
    },
    sessions: {
      total: history.length,
      completed: history.filter((e) => e.status === 'completed').length,
      graded: graded.length,
      practice: history.filter((e) => e.results !== null && !e.results.graded).length,
      damaged: history.filter((e) => e.damaged).length,
    },
    summary: summary(history, graded, avgs, weak, filter.utcOffsetMinutes),
    averages: avgs,
    trend: trend(graded, practiceOnly),
    radar: radar(graded, filter.window, practiceOnly),
    weakAreas: weak,
    readiness: readiness(graded, filter.window, practiceOnly),
    improvement: improvement(graded, reference),
    streaks: streaks(history, graded, reference, filter.utcOffsetMinutes),
    percentile: percentiles(graded, filter.window, input.team ?? null, practiceOnly),
  };
}
