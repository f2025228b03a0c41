import { z } from 'zod';
import { CASE_KINDS } from './suite';
import { CASE_STATUSES, type KindTotalsSchema } from './result';

/**
 * What the interviewer knows of the latest test run on the question at hand (docs/judge.md, "The
 * interviewer"): the totals, and each failing case by name, kind and category with the question to ask
 * about it. Never a hidden case's data: the interviewer asks about the category, not the case.
 */
export const FailingCaseSchema = z.object({
  name: z.string(),
  kind: z.enum(CASE_KINDS),
  /** Hidden: the category's label ("empty input"); performance: the size; examples: null. */
  category: z.string().nullable(),
  status: z.enum(CASE_STATUSES),
});
export type FailingCase = z.infer<typeof FailingCaseSchema>;

export interface TestEvidence {
  runId: string;
  /** When Test was pressed, on the session's clock. */
  tMs: number;
  status: 'passed' | 'failed' | 'error';
  passed: number;
  total: number;
  byKind: z.infer<typeof KindTotalsSchema>;
  /** Why the code could not run at all (compile error, missing toolchain), if so. */
  notRun: string | null;
  failing: Array<FailingCase & { ask: string }>;
}

/** How a decision records the run it was based on: in the turn's trace and its `run_tests` function call. */
export const TestRunRefSchema = z.object({
  runId: z.string(),
  passed: z.number().int().min(0),
  total: z.number().int().min(0),
  failing: z.array(FailingCaseSchema),
});
export type TestRunRef = z.infer<typeof TestRunRefSchema>;

export function testRunRef(e: TestEvidence): TestRunRef {
  return {
    runId: e.runId,
    passed: e.passed,
    total: e.total,
    failing: e.failing.map(({ name, kind, category, status }) => ({ name, kind, category, status })),
  };
}

/** The run in a few words, for the policy's reason. */
export function evidenceText(e: TestEvidence): string {
  if (e.notRun) return `the latest test run could not run the code (${e.notRun})`;
  const kinds = (['example', 'hidden', 'performance'] as const)
    .filter((k) => e.byKind[k].total > 0)
    .map((k) => `${k === 'example' ? 'examples' : k === 'hidden' ? 'hidden' : 'performance'} ${e.byKind[k].passed}/${e.byKind[k].total}`)
    .join(', ');
  return `the latest test run passed ${e.passed} of ${e.total} cases (${kinds})`;
}
