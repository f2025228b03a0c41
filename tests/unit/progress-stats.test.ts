import { describe, expect, it } from 'vitest';
import { COMPANY_PATTERNS } from '../../shared/config/interview-config';
import { CRITERIA, type Criterion } from '../../shared/interviewer/model';
import { COMPANY_DISTRIBUTIONS } from '../../shared/interviewer/selection';
import { compareAttempts, configKey, retryQuestions } from '../../shared/progress/attempts';
import {
  ProgressFilterSchema,
  TeamDistributionSchema,
  type HistoryAnswer,
  type HistoryEntry,
  type PracticeQuestion,
} from '../../shared/progress/model';
import { ANSWERED_WELL, computeProgress, MIN_TREND_SESSIONS, slopePerWeek, teamPercentile, WEAK_BELOW } from '../../shared/progress/stats';

/**
 * The progress figures on hand-made histories: each fixture is a few sessions whose scores are chosen
 * so the expected figure can be worked out by hand (docs/progress.md gives the rules).
 */

const DAY = 86_400_000;
const START = Date.parse('2025-03-03T10:00:00Z');
const dayAt = (d: number) => new Date(START + d * DAY).toISOString();

const BANK: PracticeQuestion[] = [
  { id: 'coding-a', title: 'Coding A', category: 'coding', difficulty: 'medium' },
  { id: 'coding-b', title: 'Coding B', category: 'coding', difficulty: 'medium' },
  { id: 'coding-c', title: 'Coding C', category: 'coding', difficulty: 'hard' },
  { id: 'coding-d', title: 'Coding D', category: 'coding', difficulty: 'easy' },
  { id: 'design-a', title: 'Design A', category: 'system_design', difficulty: 'medium' },
  { id: 'behavioral-a', title: 'Behavioral A', category: 'behavioral', difficulty: 'medium' },
  { id: 'behavioral-b', title: 'Behavioral B', category: 'behavioral', difficulty: 'medium' },
  { id: 'technical-a', title: 'Technical A', category: 'technical', difficulty: 'medium' },
];

const allCriteria = (score: number) => Object.fromEntries(CRITERIA.map((c) => [c, score])) as Record<Criterion, number>;

function answer(
  ref: string,
  bankId: string | null,
  category: string,
  score: number | null,
  criteria: Partial<Record<Criterion, number>> = {},
): HistoryAnswer {
  return {
    ref,
    bankId,
    category,
    title: bankId ? BANK.find((b) => b.id === bankId)!.title : `Question ${ref}`,
    score,
    criteria: score === null ? {} : { ...allCriteria(score), ...criteria },
    answered: true,
  };
}

let seq = 0;
function graded(
  day: number,
  overall: number,
  answers: HistoryAnswer[] = [answer('q1', 'coding-a', 'coding', overall)],
  overrides: Partial<HistoryEntry> = {},
): HistoryEntry {
  return {
    sessionId: `s${String(++seq).padStart(3, '0')}`,
    at: dayAt(day),
    status: 'completed',
    candidateName: 'Jamie Chen',
    jobTitle: 'Backend Engineer',
    company: 'Acme',
    interviewType: 'mixed',
    companyPattern: 'general',
    difficulty: 'medium',
    mode: 'graded',
    results: {
      graded: true,
      overall,
      criteria: allCriteria(overall),
      dimensions: { technical: overall, communication: overall, problemSolving: overall },
      answers,
    },
    damaged: false,
    ...overrides,
  };
}

function practice(day: number): HistoryEntry {
  return {
    ...graded(day, 50),
    mode: 'practice',
    results: { graded: false, answers: [answer('q1', 'coding-a', 'coding', null)] },
  };
}

const filter = (f: Record<string, unknown> = {}) => ProgressFilterSchema.parse(f);
const stats = (history: HistoryEntry[], f: Record<string, unknown> = {}, now = dayAt(30)) =>
  computeProgress({ history, filter: filter(f), bank: BANK, now: new Date(now) });

describe('progress figures on fixture histories', () => {
  it('flat: the same score every day gives a zero slope, a moving average equal to it, and no weak area above the bar', () => {
    const history = [0, 1, 2, 3, 4, 5].map((d) => graded(d, 72));
    const s = stats(history, {}, dayAt(6));
    expect(s.trend.sessions).toBe(6);
    expect(s.trend.slopePerWeek).toBe(0);
    expect(s.trend.note).toBeNull();
    expect(s.trend.points.map((p) => p.movingAverage)).toEqual([null, null, 72, 72, 72, 72]);
    // The first of equal bests is the one marked.
    expect(s.trend.points.filter((p) => p.best).map((p) => p.sessionId)).toEqual([history[0]!.sessionId]);
    expect(s.improvement.pointsPerWeek).toBe(0);
    expect(s.weakAreas.areas).toEqual([]);
    expect(s.weakAreas.note).toContain(`${WEAK_BELOW}`);
    expect(s.streaks).toEqual({ currentDays: 6, longestDays: 6, improvingSessions: 0 });
    expect(s.summary.averageScore).toBe(72);
    expect(s.summary.weekly).toEqual([{ weekStart: '2025-03-03', average: 72, sessions: 6 }]);
  });

  it('improving: 10 points a day is 70 points a week, every session beats the one before, the latest ranks top of its own history', () => {
    const history = [40, 50, 60, 70, 80].map((score, d) => graded(d, score));
    const s = stats(history, {}, dayAt(5));
    expect(s.trend.slopePerWeek).toBe(70);
    expect(s.improvement.pointsPerWeek).toBe(70);
    expect(s.improvement.sessions).toBe(5);
    expect(s.streaks.improvingSessions).toBe(4);
    // (4 below + half of 1 equal) / 5
    expect(s.percentile.own).toMatchObject({ score: 80, percentile: 90, sessions: 5 });
    expect(s.percentile.own.note).toMatch(/no population/);
    expect(s.trend.points.find((p) => p.best)!.overall).toBe(80);
    expect(s.summary.bestScore).toBe(80);
  });

  it('worsening: a negative slope, and a category below the bar that is falling is a weak area with its evidence', () => {
    const history = [80, 70, 60, 50, 40, 30].map((score, d) => graded(d, score, [answer('q1', 'coding-a', 'coding', score)]));
    const s = stats(history, { window: 3 }, dayAt(6));
    expect(s.trend.slopePerWeek).toBe(-70);
    const coding = s.weakAreas.areas.find((a) => a.kind === 'category' && a.key === 'coding')!;
    expect(coding.average).toBe(55);
    // Last three (50, 40, 30) against the three before (80, 70, 60).
    expect(coding.change).toBe(-30);
    expect(coding.evidence.map((e) => e.score)).toEqual([30, 40, 50]);
    expect(coding.evidence[0]!.sessionId).toBe(history[5]!.sessionId);
    expect(s.radar.axes).toEqual([
      { category: 'coding', label: 'Coding', recent: 40, recentAnswers: 3, previous: 70, previousAnswers: 3, change: -30 },
    ]);
    expect(s.streaks.improvingSessions).toBe(0);
  });

  it('an area below the bar that improved by enough since the window before is not weak', () => {
    const history = [20, 20, 20, 45, 45, 45].map((score, d) => graded(d, score, [answer('q1', null, 'coding', score)]));
    const s = stats(history, { window: 3 }, dayAt(6));
    // Coding averages 32.5 but rose by 25: improving, so not listed.
    expect(s.averages.categories[0]).toMatchObject({ key: 'coding', average: 32.5 });
    expect(s.weakAreas.areas.find((a) => a.key === 'coding')).toBeUndefined();
  });

  it('one category only: the radar has one axis and readiness counts only the share of each mix there is evidence for', () => {
    const history = [0, 1, 2].map((d) => graded(d, 60, [answer('q1', 'coding-a', 'coding', 60), answer('q2', 'coding-b', 'coding', 80)]));
    const s = stats(history, {}, dayAt(3));
    expect(s.radar.axes.map((a) => a.category)).toEqual(['coding']);
    expect(s.radar.axes[0]).toMatchObject({ recent: 70, recentAnswers: 6, previous: null, change: null });
    expect(s.radar.note).toMatch(/comparison with the 5 before appears after 6 graded sessions/);
    const bigTech = s.readiness.patterns.find((p) => p.pattern === 'big_tech')!;
    expect(bigTech.coverage).toBe(0.6);
    expect(bigTech.readiness).toBe(42);
    expect(bigTech.band).toBe('not_yet');
    expect(bigTech.missing).toEqual([
      'No system design answers in your last 3 graded sessions (20% of a big tech loop).',
      'No behavioral answers in your last 3 graded sessions (20% of a big tech loop).',
    ]);
  });

  it('practice only: no scores anywhere, and every figure says why', () => {
    const history = [0, 1, 2].map((d) => practice(d));
    const s = stats(history, {}, dayAt(3));
    expect(s.sessions).toMatchObject({ total: 3, graded: 0, practice: 3 });
    expect(s.trend.points).toEqual([]);
    expect(s.trend.slopePerWeek).toBeNull();
    for (const note of [s.trend.note, s.radar.note, s.weakAreas.note, s.readiness.note, s.percentile.own.note])
      expect(note).toMatch(/Practice sessions are not graded/);
    expect(s.summary.averageScore).toBeNull();
    expect(s.readiness.patterns.every((p) => p.readiness === null && p.band === 'no_evidence')).toBe(true);
    // Practising still keeps a streak.
    expect(s.streaks.currentDays).toBe(3);
  });

  it('two graded sessions: points without a line, and the trend says why', () => {
    const s = stats([graded(0, 50), graded(1, 70)], {}, dayAt(2));
    expect(s.trend.points).toHaveLength(2);
    expect(s.trend.slopePerWeek).toBeNull();
    expect(s.trend.note).toBe(
      `2 graded sessions: a trend needs at least ${MIN_TREND_SESSIONS}, so the scores are shown as points without a line.`,
    );
    expect(s.improvement.pointsPerWeek).toBeNull();
    expect(s.percentile.own.percentile).toBeNull();
  });

  it('the date filter sets the end of the improvement month', () => {
    const history = [0, 1, 2, 40].map((d, i) => graded(d, 50 + i * 10));
    const s = stats(history.slice(0, 3), { to: dayAt(3) }, dayAt(60));
    expect(s.improvement.since).toBe(new Date(Date.parse(dayAt(3)) - 28 * DAY).toISOString());
    expect(s.improvement.pointsPerWeek).toBe(70);
  });
});

describe('recommendations', () => {
  it('never suggest a question already answered well; answered badly come first, then never answered', () => {
    const history = [
      graded(0, 40, [answer('q1', 'coding-a', 'coding', 85), answer('q2', 'coding-b', 'coding', 20)]),
      graded(1, 40, [answer('q1', 'coding-b', 'coding', 30), answer('q2', 'behavioral-a', 'behavioral', 40)]),
      graded(2, 40, [answer('q1', 'coding-c', 'coding', 10)]),
    ];
    const s = stats(history, {}, dayAt(3));
    const coding = s.weakAreas.areas.find((a) => a.key === 'coding')!;
    const ids = coding.recommendations.map((r) => r.questionId);
    expect(ids).not.toContain('coding-a');
    expect(coding.recommendations).toEqual([
      { questionId: 'coding-c', title: 'Coding C', category: 'coding', difficulty: 'hard', reason: 'answered_badly', bestScore: 10 },
      { questionId: 'coding-b', title: 'Coding B', category: 'coding', difficulty: 'medium', reason: 'answered_badly', bestScore: 30 },
      { questionId: 'coding-d', title: 'Coding D', category: 'coding', difficulty: 'easy', reason: 'not_answered', bestScore: null },
    ]);
    // No recommendation anywhere is a question whose best answer cleared the bar.
    const best = new Map<string, number>();
    for (const e of history)
      for (const a of e.results!.answers) if (a.bankId) best.set(a.bankId, Math.max(best.get(a.bankId) ?? 0, a.score!));
    for (const area of s.weakAreas.areas)
      for (const r of area.recommendations) expect(best.get(r.questionId) ?? 0).toBeLessThan(ANSWERED_WELL);
  });

  it('a weak criterion is practised in the categories where it was lowest, and areas do not repeat questions', () => {
    const low = { specificity: 10 };
    const history = [0, 1, 2].map((d) =>
      graded(d, 65, [answer('q1', 'behavioral-a', 'behavioral', 65, low), answer('q2', 'coding-a', 'coding', 75)], {
        results: {
          graded: true,
          overall: 65,
          criteria: { ...allCriteria(75), specificity: 20 },
          dimensions: { technical: 70, communication: 70, problemSolving: 70 },
          answers: [answer('q1', 'behavioral-a', 'behavioral', 65, low), answer('q2', 'coding-a', 'coding', 75, { specificity: 30 })],
        },
      }),
    );
    const s = stats(history, {}, dayAt(3));
    const spec = s.weakAreas.areas.find((a) => a.key === 'specificity')!;
    expect(spec.kind).toBe('criterion');
    expect(spec.average).toBe(20);
    expect(spec.evidence.every((e) => e.category === 'behavioral' && e.score === 10)).toBe(true);
    expect(spec.recommendations.map((r) => r.questionId)).toEqual(['behavioral-a', 'behavioral-b']);
    const all = s.weakAreas.areas.flatMap((a) => a.recommendations.map((r) => r.questionId));
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('company readiness', () => {
  it('follows each pattern’s question mix', () => {
    const scores: Record<string, number> = { coding: 50, system_design: 80, behavioral: 90, technical: 60 };
    const answers = Object.entries(scores).map(([c, v], i) => answer(`q${i + 1}`, null, c, v));
    const s = stats([graded(0, 60, answers)], {}, dayAt(1));
    // By hand for big tech: 0.6 × 50 + 0.2 × 80 + 0.2 × 90.
    expect(s.readiness.patterns.find((p) => p.pattern === 'big_tech')!.readiness).toBe(64);
    for (const pattern of COMPANY_PATTERNS) {
      const r = s.readiness.patterns.find((p) => p.pattern === pattern)!;
      const mix = COMPANY_DISTRIBUTIONS[pattern];
      const expected = Object.entries(mix).reduce((t, [c, w]) => t + w! * scores[c]!, 0);
      expect(r.readiness).toBeCloseTo(expected, 1);
      expect(r.mix.map((m) => [m.category, m.weight])).toEqual(Object.entries(mix));
      expect(r.coverage).toBe(1);
    }
    const fintech = s.readiness.patterns.find((p) => p.pattern === 'fintech')!;
    expect(fintech.missing).toEqual([
      'Coding averages 50, 20 points short of 70 (40% of a fintech loop).',
      'Technical concepts averages 60, 10 points short of 70 (30% of a fintech loop).',
    ]);
  });
});

describe('percentile against a team', () => {
  const team = TeamDistributionSchema.parse({
    format: 'interview-recorder/score-quantiles',
    version: 1,
    team: 'Platform',
    sessions: 120,
    quantiles: [
      { q: 0.25, score: 40 },
      { q: 0.5, score: 60 },
      { q: 0.75, score: 75 },
    ],
  });

  it('interpolates between the quantiles, with 0 and 100 as the ends', () => {
    expect(teamPercentile(60, team)).toBe(50);
    expect(teamPercentile(67.5, team)).toBe(62.5);
    expect(teamPercentile(20, team)).toBe(12.5);
    expect(teamPercentile(0, team)).toBe(0);
    expect(teamPercentile(100, team)).toBe(100);
  });

  it('compares the recent average', () => {
    const s = computeProgress({ history: [graded(0, 50), graded(1, 70)], filter: filter(), bank: BANK, now: new Date(dayAt(2)), team });
    expect(s.percentile.team).toMatchObject({ team: 'Platform', teamSessions: 120, sessions: 2, score: 60, percentile: 50 });
  });

  it('refuses a distribution that is not one', () => {
    const bad = TeamDistributionSchema.safeParse({
      ...team,
      quantiles: [
        { q: 0.5, score: 60 },
        { q: 0.4, score: 50 },
        { q: 0.9, score: 90 },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'quantiles.1.q: must increase',
      'quantiles.1.score: must not decrease',
    ]);
  });
});

describe('streaks and days', () => {
  it('counts days on the person’s clock and breaks after a whole day without an interview', () => {
    // 23:30 UTC on consecutive days is the next morning at UTC+2: still one a day.
    const late = (d: number) => new Date(START + d * DAY + 13.5 * 3_600_000).toISOString();
    const history = [0, 1, 2, 4, 5].map((d) => ({ ...graded(d, 60), at: late(d) }));
    const s = computeProgress({ history, filter: filter({ utcOffsetMinutes: 120 }), bank: BANK, now: new Date(late(6)) });
    expect(s.streaks.longestDays).toBe(3);
    expect(s.streaks.currentDays).toBe(2);
    const broken = computeProgress({ history, filter: filter({ utcOffsetMinutes: 120 }), bank: BANK, now: new Date(late(8)) });
    expect(broken.streaks.currentDays).toBe(0);
  });

  it('has no rate for sessions within the same minute', () => {
    expect(
      slopePerWeek([
        { at: dayAt(0), y: 10 },
        { at: dayAt(0), y: 90 },
      ]),
    ).toBeNull();
  });
});

describe('attempts at the same config', () => {
  it('compares with the latest earlier graded attempt at the same job, company, type, pattern and difficulty', () => {
    const first = graded(0, 40, [answer('q1', 'coding-a', 'coding', 40)]);
    const other = graded(1, 90, [answer('q1', 'coding-a', 'coding', 90)], { difficulty: 'hard' });
    const second = graded(2, 55, [answer('q1', 'coding-a', 'coding', 55)], { jobTitle: '  backend ENGINEER ' });
    const c = compareAttempts([second, other, first], second.sessionId)!;
    expect(configKey(first)).toBe(configKey(second));
    expect(c.previous).toEqual({ sessionId: first.sessionId, at: first.at, overall: 40 });
    expect(c.attempts).toBe(2);
    expect(c.rows.find((r) => r.key === 'overall')).toEqual({
      group: 'overall',
      key: 'overall',
      label: 'Overall',
      previous: 40,
      current: 55,
      change: 15,
    });
    expect(c.rows.find((r) => r.group === 'category')).toMatchObject({ key: 'coding', previous: 40, current: 55, change: 15 });
    expect(compareAttempts([first], first.sessionId)!.previous).toBeNull();
    expect(compareAttempts([first], 'nope')).toBeNull();
  });

  it('retries the answers below the bar, worst first, and only bank questions', () => {
    const e = graded(0, 50, [
      answer('q1', 'coding-a', 'coding', 65),
      answer('q2', null, 'technical', 10),
      answer('q3', 'behavioral-a', 'behavioral', 30),
      answer('q4', 'design-a', 'system_design', 90),
    ]);
    expect(retryQuestions(e)).toEqual(['behavioral-a', 'coding-a']);
    const allGood = graded(0, 90, [answer('q1', 'coding-a', 'coding', 95), answer('q2', 'coding-b', 'coding', 80)]);
    expect(retryQuestions(allGood)).toEqual(['coding-b']);
  });
});
