import { z } from 'zod';
import { EDITOR_LANGUAGES } from '../session/model';
import { CASE_KINDS, type CaseKind } from './suite';

/**
 * What a test run found (docs/judge.md, "Results"), as the room, the results screen, the review and the
 * command line see it. A hidden or performance case carries its name, category, status and time only:
 * its arguments, the expected and actual results and what the candidate printed during it are never
 * here, and an exception in it shows its type and line, not its message (which could quote the data).
 */
export const CASE_STATUSES = ['passed', 'failed', 'error', 'timeout'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const RUN_STATUSES = ['passed', 'failed', 'error'] as const;
export type TestRunStatus = (typeof RUN_STATUSES)[number];

export const TestCaseResultSchema = z.object({
  index: z.number().int().min(0),
  /** "example 1", "hidden 3", "performance 1". */
  name: z.string(),
  kind: z.enum(CASE_KINDS),
  /** Hidden: the category's label ("empty input"); performance: the size ("100,000 numbers"); examples: null. */
  category: z.string().nullable(),
  status: z.enum(CASE_STATUSES),
  /** CPU time of the call in milliseconds; null when it never finished. */
  timeMs: z.number().min(0).nullable(),
  /** The CPU time it was allowed in this language. */
  budgetMs: z.number().min(0),
  /** Why it did not pass: a wrong answer, an exception, a timeout, a crash. */
  message: z.string().nullable(),
  /** The line of the candidate's code an exception came from, when the language says. */
  line: z.number().int().min(1).nullable(),
  /** Examples only: the arguments, the calls of a class question, and both results. */
  args: z.array(z.unknown()).optional(),
  calls: z.array(z.array(z.unknown())).optional(),
  expected: z.unknown().optional(),
  actual: z.unknown().optional(),
  /** Examples only: what the candidate's code printed during this call. */
  output: z.string().optional(),
  /** Lines the candidate's code printed during this call (shown for hidden cases instead of the text). */
  printedLines: z.number().int().min(0),
});
export type TestCaseResult = z.infer<typeof TestCaseResultSchema>;

const KindTotals = z.object({ passed: z.number().int().min(0), total: z.number().int().min(0) });
export const KindTotalsSchema = z.object({ example: KindTotals, hidden: KindTotals, performance: KindTotals });
export type KindTotals = z.infer<typeof KindTotalsSchema>;

export const TestRunSchema = z.object({
  id: z.string(),
  questionId: z.string(),
  language: z.enum(EDITOR_LANGUAGES),
  /** `passed` when every case passed; `error` when no case could run (compile error, missing toolchain). */
  status: z.enum(RUN_STATUSES),
  passed: z.number().int().min(0),
  failed: z.number().int().min(0),
  total: z.number().int().min(0),
  byKind: KindTotalsSchema,
  durationMs: z.number().min(0),
  /** When it was pressed: wall time, and milliseconds on the session's clock (null outside a session). */
  ts: z.string(),
  tMs: z.number().int().nullable(),
  /** The code could not be built: the compiler's (or parser's) first error, its line, and the whole output. */
  compile: z.object({ message: z.string(), line: z.number().int().min(1).nullable(), output: z.string() }).nullable(),
  /** Nothing ran, and why (a missing toolchain, no sandbox). */
  notRun: z.string().nullable(),
  /** The candidate's top-level code threw while loading; the cases still ran if the function was there. */
  loadError: z.object({ message: z.string(), line: z.number().int().min(1).nullable() }).nullable(),
  /** What the candidate's code printed outside any case (its top-level code), and the program's stderr. */
  output: z.string(),
  stderr: z.string(),
  /** SHA-256 of the code that was judged. */
  sourceHash: z.string(),
  /** The build was reused from an earlier run of the same code. */
  cached: z.boolean(),
  sandboxed: z.boolean(),
  cases: z.array(TestCaseResultSchema),
});
export type TestRun = z.infer<typeof TestRunSchema>;

export function emptyTotals(): KindTotals {
  return { example: { passed: 0, total: 0 }, hidden: { passed: 0, total: 0 }, performance: { passed: 0, total: 0 } };
}

export function totalsOf(cases: readonly Pick<TestCaseResult, 'kind' | 'status'>[]): KindTotals {
  const totals = emptyTotals();
  for (const c of cases) {
    totals[c.kind].total++;
    if (c.status === 'passed') totals[c.kind].passed++;
  }
  return totals;
}

export const KIND_LABELS: Record<CaseKind, string> = { example: 'Examples', hidden: 'Hidden tests', performance: 'Performance' };

/**
 * One run in a line, for the `run` telemetry event's preview and the review: the totals per kind and
 * which categories failed, never any data.
 */
export function summaryText(run: Pick<TestRun, 'status' | 'passed' | 'total' | 'byKind' | 'compile' | 'notRun' | 'cases'>): string {
  if (run.notRun) return `Tests not run: ${run.notRun}`;
  if (run.compile) return `Tests not run: the code does not compile${run.compile.line ? ` (line ${run.compile.line})` : ''}.`;
  const kinds = (['example', 'hidden', 'performance'] as const)
    .filter((k) => run.byKind[k].total > 0)
    .map((k) => `${KIND_LABELS[k].toLowerCase()} ${run.byKind[k].passed}/${run.byKind[k].total}`)
    .join(', ');
  const failing = run.cases
    .filter((c) => c.status !== 'passed')
    .map((c) => `${c.name}${c.category ? ` (${c.category})` : ''}: ${c.status}`)
    .slice(0, 12);
  return `Tests: ${run.passed}/${run.total} passed (${kinds}).${failing.length ? ` Failing: ${failing.join('; ')}.` : ''}`;
}
