import { z } from 'zod';
import { EDITOR_LANGUAGES } from '../session/model';
import { KindTotalsSchema, RUN_STATUSES, type KindTotals, type TestRun } from './result';

/**
 * How the tests score a coding answer (docs/judge.md, "Scoring"): from the last test run of the question,
 * correctness is the pass rate of the examples (40%) and the hidden tests (60%), efficiency the pass rate
 * of the performance tests. The history is every Test press, for the results screen and the review.
 */
export const TestHistoryEntrySchema = z.object({
  runId: z.string(),
  /** When Test was pressed, on the session's clock. */
  tMs: z.number().int(),
  language: z.enum(EDITOR_LANGUAGES),
  status: z.enum(RUN_STATUSES),
  passed: z.number().int().min(0),
  total: z.number().int().min(0),
  byKind: KindTotalsSchema,
  compileError: z.boolean(),
  /** The failing cases by name and category ("hidden 1 (empty input)"), never their data. */
  failing: z.array(z.string()),
});
export type TestHistoryEntry = z.infer<typeof TestHistoryEntrySchema>;

export const CodeScoreSchema = z.object({
  runs: z.number().int().min(1),
  /** 0–100: examples 40%, hidden tests 60%, on the last run. */
  correctness: z.number().min(0).max(100),
  /** 0–100: the performance tests passed on the last run; null when the question has none. */
  efficiency: z.number().min(0).max(100).nullable(),
  last: z.object({ status: z.enum(RUN_STATUSES), passed: z.number().int(), total: z.number().int(), byKind: KindTotalsSchema }),
  history: z.array(TestHistoryEntrySchema),
});
export type CodeScore = z.infer<typeof CodeScoreSchema>;

export const CORRECTNESS_WEIGHTS = { example: 0.4, hidden: 0.6 } as const;

export function historyEntry(run: TestRun): TestHistoryEntry {
  return {
    runId: run.id,
    tMs: run.tMs ?? 0,
    language: run.language,
    status: run.status,
    passed: run.passed,
    total: run.total,
    byKind: run.byKind,
    compileError: run.compile !== null,
    failing: run.cases.filter((c) => c.status !== 'passed').map((c) => `${c.name}${c.category ? ` (${c.category})` : ''}`),
  };
}

const rate = (t: { passed: number; total: number }) => (t.total === 0 ? null : t.passed / t.total);

/** The code's score from its test history (oldest first), or null when Test was never pressed. */
export function codeScore(history: readonly TestHistoryEntry[]): CodeScore | null {
  const last = history.at(-1);
  if (!last) return null;
  const examples = rate(last.byKind.example) ?? 0;
  const hidden = rate(last.byKind.hidden);
  const correctness = hidden === null ? examples : CORRECTNESS_WEIGHTS.example * examples + CORRECTNESS_WEIGHTS.hidden * hidden;
  const performance = rate(last.byKind.performance);
  return {
    runs: history.length,
    correctness: Math.round(correctness * 1000) / 10,
    efficiency: performance === null ? null : Math.round(performance * 1000) / 10,
    last: { status: last.status, passed: last.passed, total: last.total, byKind: last.byKind },
    history: [...history],
  };
}

/** The last run in words: "examples 3/3, hidden tests 5/6, performance 2/2". */
export function totalsText(byKind: KindTotals): string {
  return (['example', 'hidden', 'performance'] as const)
    .filter((k) => byKind[k].total > 0)
    .map((k) => `${k === 'example' ? 'examples' : k === 'hidden' ? 'hidden tests' : 'performance'} ${byKind[k].passed}/${byKind[k].total}`)
    .join(', ');
}
