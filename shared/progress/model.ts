import { z } from 'zod';
import { COMPANY_PATTERNS, DIFFICULTIES, INTERVIEW_MODES, INTERVIEW_TYPES } from '../config/interview-config';
import { CRITERIA, DIMENSIONS } from '../interviewer/model';

/**
 * The candidate's progress across interviews: what the figures rest on (a history of sessions with
 * their stored results) and what they are. The rules behind every figure are in docs/progress.md.
 */

const Score = z.number().min(0).max(100);
const IsoTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with a zone, e.g. 2025-03-01T09:00:00Z' });
const Count = z.number().int().min(0);

/** Sessions to compare in the radar and to call "recent" for readiness and the team percentile. */
export const WINDOW_LIMITS = { min: 2, max: 20, default: 5 } as const;

export const ProgressFilterSchema = z
  .strictObject({
    /** Sessions that ended at or after this time. */
    from: IsoTime.optional(),
    /** Sessions that ended at or before this time. */
    to: IsoTime.optional(),
    interviewType: z.enum(INTERVIEW_TYPES).optional(),
    companyPattern: z.enum(COMPANY_PATTERNS).optional(),
    /** Practice (coaching only) or graded sessions; both when left out. */
    mode: z.enum(INTERVIEW_MODES).optional(),
    window: z.number().int().min(WINDOW_LIMITS.min).max(WINDOW_LIMITS.max).default(WINDOW_LIMITS.default),
    /** Minutes east of UTC of the person's clock, so days and weeks (streaks, weekly averages) are theirs. */
    utcOffsetMinutes: z
      .number()
      .int()
      .min(-14 * 60)
      .max(14 * 60)
      .default(0),
  })
  .refine((f) => !f.from || !f.to || Date.parse(f.from) <= Date.parse(f.to), { message: 'from must not be after to', path: ['from'] });
export type ProgressFilter = z.input<typeof ProgressFilterSchema>;
export type ParsedProgressFilter = z.output<typeof ProgressFilterSchema>;

// ------------------------------------------------------------------------------------------------
// The history: one entry per session in the filter, read in one pass by the interviewer service.

export const HistoryAnswerSchema = z.object({
  /** The agenda question's id within its session (`q1`, …). */
  ref: z.string(),
  /** The bank question it was, when it came from the bank. */
  bankId: z.string().nullable(),
  /** The bank category (coding, system_design, behavioral, …) of the question. */
  category: z.string(),
  title: z.string(),
  /** Null when the answer was not graded (practice). */
  score: Score.nullable(),
  criteria: z.partialRecord(z.enum(CRITERIA), Score),
  /** Whether the candidate said anything to this question; silent ones do not count as answers. */
  answered: z.boolean(),
});
export type HistoryAnswer = z.infer<typeof HistoryAnswerSchema>;

export const HistoryResultsSchema = z.discriminatedUnion('graded', [
  z.object({
    graded: z.literal(true),
    overall: Score,
    criteria: z.partialRecord(z.enum(CRITERIA), Score),
    dimensions: z.partialRecord(z.enum(DIMENSIONS), Score),
    answers: z.array(HistoryAnswerSchema),
  }),
  z.object({ graded: z.literal(false), answers: z.array(HistoryAnswerSchema) }),
]);
export type HistoryResults = z.infer<typeof HistoryResultsSchema>;

export const HistoryEntrySchema = z.object({
  sessionId: z.string(),
  /** When the session ended (or started, or was created, whichever is the latest known). */
  at: z.string(),
  status: z.enum(['pending', 'in_progress', 'completed', 'abandoned']),
  candidateName: z.string(),
  jobTitle: z.string(),
  company: z.string(),
  interviewType: z.enum(INTERVIEW_TYPES),
  companyPattern: z.enum(COMPANY_PATTERNS),
  difficulty: z.enum(DIFFICULTIES),
  mode: z.enum(INTERVIEW_MODES),
  /** Null when the session has no results (not ended, or its stored results could not be read). */
  results: HistoryResultsSchema.nullable(),
  /** Its stored results exist but could not be read. */
  damaged: z.boolean(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** A bank question as recommendations need it. */
export interface PracticeQuestion {
  id: string;
  title: string;
  category: string;
  difficulty: string;
}

// ------------------------------------------------------------------------------------------------
// A team's distribution of overall scores, imported from a JSON file (no network).

export const TEAM_DISTRIBUTION_FORMAT = 'interview-recorder/score-quantiles';

export const TeamDistributionSchema = z
  .strictObject({
    format: z.literal(TEAM_DISTRIBUTION_FORMAT, { error: () => `must be "${TEAM_DISTRIBUTION_FORMAT}"` }),
    version: z.literal(1, { error: () => 'must be 1' }),
    team: z.string().trim().min(1, 'must not be empty').max(120),
    /** How many sessions the team's figures come from. */
    sessions: z.number().int().min(1, 'must be at least 1'),
    generatedAt: IsoTime.optional(),
    /** Overall scores at increasing quantiles: `{ "q": 0.5, "score": 64 }` is the team's median. */
    quantiles: z
      .array(z.strictObject({ q: z.number().gt(0, 'must be above 0').lt(1, 'must be below 1'), score: Score }))
      .min(3, 'needs at least 3 quantiles')
      .max(101),
  })
  .superRefine((d, ctx) => {
    d.quantiles.forEach((point, i) => {
      const before = d.quantiles[i - 1];
      if (!before) return;
      if (point.q <= before.q) ctx.addIssue({ code: 'custom', path: ['quantiles', i, 'q'], message: 'must increase' });
      if (point.score < before.score) ctx.addIssue({ code: 'custom', path: ['quantiles', i, 'score'], message: 'must not decrease' });
    });
  });
export type TeamDistribution = z.infer<typeof TeamDistributionSchema>;

// ------------------------------------------------------------------------------------------------
// The figures.

/** How many sessions a figure rests on, and why it is missing when it is. */
const basis = { sessions: Count, note: z.string().nullable() };

export const TrendPointSchema = z.object({
  sessionId: z.string(),
  at: z.string(),
  overall: Score,
  /** Mean of this and the previous sessions' overall scores (a full window only). */
  movingAverage: Score.nullable(),
  dimensions: z.partialRecord(z.enum(DIMENSIONS), Score),
  criteria: z.partialRecord(z.enum(CRITERIA), Score),
  best: z.boolean(),
});
export type TrendPoint = z.infer<typeof TrendPointSchema>;

export const AverageSchema = z.object({ key: z.string(), label: z.string(), average: Score.nullable(), sessions: Count, answers: Count });
export type Average = z.infer<typeof AverageSchema>;

export const RadarAxisSchema = z.object({
  category: z.string(),
  label: z.string(),
  recent: Score.nullable(),
  recentAnswers: Count,
  previous: Score.nullable(),
  previousAnswers: Count,
  change: z.number().nullable(),
});
export type RadarAxis = z.infer<typeof RadarAxisSchema>;

export const EvidenceSchema = z.object({
  sessionId: z.string(),
  at: z.string(),
  questionRef: z.string(),
  question: z.string(),
  category: z.string(),
  score: Score,
});

export const RecommendationSchema = z.object({
  questionId: z.string(),
  title: z.string(),
  category: z.string(),
  difficulty: z.string(),
  /** Answered before below the bar (with its best score), or never answered in a graded session. */
  reason: z.enum(['answered_badly', 'not_answered']),
  bestScore: Score.nullable(),
});
export type Recommendation = z.infer<typeof RecommendationSchema>;

export const WeakAreaSchema = z.object({
  kind: z.enum(['criterion', 'category']),
  key: z.string(),
  label: z.string(),
  average: Score,
  sessions: Count,
  answers: Count,
  /** Recent window's mean minus the window before's; null when there is no window before. */
  change: z.number().nullable(),
  evidence: z.array(EvidenceSchema),
  recommendations: z.array(RecommendationSchema),
});
export type WeakArea = z.infer<typeof WeakAreaSchema>;

export const READINESS_BANDS = ['ready', 'close', 'not_yet', 'no_evidence'] as const;

export const ReadinessSchema = z.object({
  pattern: z.enum(COMPANY_PATTERNS),
  label: z.string(),
  focus: z.string(),
  readiness: Score.nullable(),
  band: z.enum(READINESS_BANDS),
  /** Share of the pattern's question mix the recent sessions have evidence for (0–1). */
  coverage: z.number().min(0).max(1),
  sessions: Count,
  mix: z.array(
    z.object({
      category: z.string(),
      label: z.string(),
      weight: z.number(),
      score: Score.nullable(),
      answers: Count,
      gap: z.number().nullable(),
    }),
  ),
  missing: z.array(z.string()),
});
export type Readiness = z.infer<typeof ReadinessSchema>;

export const ProgressStatsSchema = z.object({
  generatedAt: z.string(),
  filter: z.object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    interviewType: z.enum(INTERVIEW_TYPES).nullable(),
    companyPattern: z.enum(COMPANY_PATTERNS).nullable(),
    mode: z.enum(INTERVIEW_MODES).nullable(),
    window: z.number().int(),
  }),
  sessions: z.object({
    total: Count,
    completed: Count,
    graded: Count,
    practice: Count,
    /** Sessions whose stored results could not be read (left out of every figure). */
    damaged: Count,
  }),
  /** The figures a stats summary gives (docs/progress.md, "Summary"). */
  summary: z.object({
    averageScore: Score.nullable(),
    bestScore: Score.nullable(),
    bestSessionId: z.string().nullable(),
    lastSessionAt: z.string().nullable(),
    behavioralAverage: Score.nullable(),
    technicalAverage: Score.nullable(),
    communicationAverage: Score.nullable(),
    problemSolvingAverage: Score.nullable(),
    weekly: z.array(z.object({ weekStart: z.string(), average: Score, sessions: Count })),
    strengths: z.array(z.string()),
    areasToImprove: z.array(z.string()),
  }),
  averages: z.object({ criteria: z.array(AverageSchema), dimensions: z.array(AverageSchema), categories: z.array(AverageSchema) }),
  trend: z.object({
    ...basis,
    points: z.array(TrendPointSchema),
    movingAverageWindow: z.number().int(),
    /** Least-squares slope of the overall score, in points per week; null below the minimum of sessions. */
    slopePerWeek: z.number().nullable(),
  }),
  radar: z.object({ ...basis, window: z.number().int(), previousSessions: Count, axes: z.array(RadarAxisSchema) }),
  weakAreas: z.object({ ...basis, areas: z.array(WeakAreaSchema) }),
  readiness: z.object({ ...basis, patterns: z.array(ReadinessSchema) }),
  improvement: z.object({ ...basis, pointsPerWeek: z.number().nullable(), since: z.string() }),
  streaks: z.object({ currentDays: Count, longestDays: Count, improvingSessions: Count }),
  percentile: z.object({
    own: z.object({ ...basis, score: Score.nullable(), percentile: z.number().min(0).max(100).nullable() }),
    team: z
      .object({
        team: z.string(),
        teamSessions: Count,
        ...basis,
        score: Score.nullable(),
        percentile: z.number().min(0).max(100).nullable(),
      })
      .nullable(),
  }),
});
export type ProgressStats = z.infer<typeof ProgressStatsSchema>;

// ------------------------------------------------------------------------------------------------
// One attempt against the previous attempt at the same config.

export const ComparisonRowSchema = z.object({
  group: z.enum(['overall', 'dimension', 'criterion', 'category']),
  key: z.string(),
  label: z.string(),
  previous: Score.nullable(),
  current: Score.nullable(),
  change: z.number().nullable(),
});
export type ComparisonRow = z.infer<typeof ComparisonRowSchema>;

const AttemptSchema = z.object({ sessionId: z.string(), at: z.string(), overall: Score });

export const ComparisonSchema = z.object({
  current: AttemptSchema,
  /** Null when there is no earlier graded attempt at the same config. */
  previous: AttemptSchema.nullable(),
  /** How many graded attempts at this config there are, this one included. */
  attempts: Count,
  rows: z.array(ComparisonRowSchema),
});
export type Comparison = z.infer<typeof ComparisonSchema>;
