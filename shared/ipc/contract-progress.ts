import { z } from 'zod';
import { ComparisonSchema, ProgressFilterSchema, ProgressStatsSchema, TeamDistributionSchema } from '../progress/model';
import { SessionDetailSchema } from '../session/model';
import { SessionIdSchema } from '../telemetry/schema';
import { AbsolutePathSchema } from './paths';

/**
 * The candidate's progress (docs/progress.md): the figures, a practice session on recommended questions,
 * and the results screen's actions (retry, compare with the previous attempt, export as PDF or JSON).
 */
const BySession = z.strictObject({ sessionId: SessionIdSchema });
const BankId = z.string().min(1).max(200);
const ExportedFileSchema = z.object({ path: z.string(), bytes: z.number().int().min(0) });

export const REPORT_FORMATS = ['pdf', 'json'] as const;

export const progressInvokeContract = {
  'progress:stats': { input: ProgressFilterSchema.optional(), output: ProgressStatsSchema },
  /** A practice session asking exactly these bank questions, for the latest session's candidate and job. */
  'progress:practice': {
    input: z.strictObject({ questionIds: z.array(BankId).min(1, 'needs at least one question').max(5, 'at most 5 questions') }),
    output: SessionDetailSchema,
  },
  /** A new session with the same config, asking the questions answered worst first. */
  'progress:retry': { input: BySession, output: SessionDetailSchema },
  /** The graded session beside the previous graded attempt at the same config. */
  'progress:compare': { input: BySession, output: ComparisonSchema },
  /**
   * The results as a PDF: the window as it shows the results now, printed by Chromium. Written to `path`,
   * or to `<dataDir>/exports/` when none is given.
   */
  'progress:exportPdf': {
    input: z.strictObject({ sessionId: SessionIdSchema, path: AbsolutePathSchema.optional() }),
    output: ExportedFileSchema,
  },
  'progress:exportJson': {
    input: z.strictObject({ sessionId: SessionIdSchema, path: AbsolutePathSchema.optional() }),
    output: ExportedFileSchema,
  },
  /** The system "Save" dialog for a report; null when cancelled. Only inside the app. */
  'progress:pickExportPath': {
    input: z.strictObject({ sessionId: SessionIdSchema, format: z.enum(REPORT_FORMATS) }),
    output: z.object({ path: z.string().nullable() }),
  },
  /** The system "Open" dialog for a team's distribution file; null when cancelled. Only inside the app. */
  'progress:pickTeamFile': { input: z.strictObject({}).optional(), output: z.object({ path: z.string().nullable() }) },
  /** Checks and keeps a team's score distribution; a bad file is `invalid_input` and changes nothing. */
  'progress:importTeam': { input: z.strictObject({ path: AbsolutePathSchema }), output: TeamDistributionSchema },
  'progress:team': { input: z.strictObject({}).optional(), output: TeamDistributionSchema.nullable() },
  'progress:clearTeam': { input: z.strictObject({}).optional(), output: z.object({ cleared: z.boolean() }) },
} as const;
