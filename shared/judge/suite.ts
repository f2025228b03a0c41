import { z } from 'zod';
import { EDGE_CATEGORIES, EDGE_CATEGORY_NAMES } from './categories';
import { generatorProblems, hasGenerator, isGenerator } from './generators';
import { parseValueType, valueProblem, type ValueType } from './value-types';

/**
 * A coding question's test data (docs/judge.md): the function's signature, and its cases: the visible
 * examples, hidden tests of edge cases and performance tests. It lives beside the question in
 * `resources/questions/bank/tests/<question id>/cases.json`, with a sample solution per language in the
 * same folder, and is checked by the bank's loader.
 */

export const CASE_KINDS = ['example', 'hidden', 'performance'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/**
 * How an actual result is held against the expected one: `exact` (deep equality), `unordered` (a list
 * in any order), `unordered-nested` (a list of lists, neither in any particular order), `float` (numbers
 * within a tolerance, anywhere in the value), or a named `checker` for questions with several right answers.
 */
export const COMPARE_MODES = ['exact', 'unordered', 'unordered-nested', 'float', 'checker'] as const;
export type CompareMode = (typeof COMPARE_MODES)[number];

/** Checkers: code that decides whether an answer is right when more than one is (electron/services/judge/checkers.ts). */
export const CHECKER_NAMES = ['pair-with-sum'] as const;
export type CheckerName = (typeof CHECKER_NAMES)[number];

export const DEFAULT_FLOAT_TOLERANCE = 1e-6;

export const CompareSchema = z.union([
  z.enum(['exact', 'unordered', 'unordered-nested', 'float']),
  z.strictObject({ mode: z.literal('float'), tolerance: z.number().positive().max(1) }),
  z.strictObject({ mode: z.literal('checker'), checker: z.enum(CHECKER_NAMES) }),
]);
export type CompareSpec = z.infer<typeof CompareSchema>;

export function compareMode(spec: CompareSpec): CompareMode {
  return typeof spec === 'string' ? spec : spec.mode;
}

const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const PASCAL = /^[A-Z][A-Za-z0-9]*$/;

const TypeText = z
  .string()
  .refine((t) => parseValueType(t) !== null, 'must be a type: int, long, float, bool, string, T[] or map<string,T>');

const ParamSchema = z.strictObject({
  name: z.string().regex(SNAKE, 'must be snake_case'),
  type: TypeText,
});

const FunctionSignatureSchema = z.strictObject({
  kind: z.literal('function'),
  /** snake_case; JavaScript, TypeScript, Java, C++ and Go use it in camelCase (`pair_with_sum` → `pairWithSum`). */
  name: z.string().regex(SNAKE, 'must be snake_case'),
  params: z.array(ParamSchema).max(8),
  returns: TypeText,
});

const MethodSchema = z.strictObject({
  name: z.string().regex(SNAKE, 'must be snake_case'),
  params: z.array(ParamSchema).max(8),
  returns: z.union([z.literal('void'), TypeText]),
});

const ClassSignatureSchema = z.strictObject({
  kind: z.literal('class'),
  /** The class as every language names it; Go builds it with `new<Name>`, Rust with `<Name>::new`. */
  name: z.string().regex(PASCAL, 'must be PascalCase'),
  /** The constructor's parameters. */
  params: z.array(ParamSchema).max(8),
  methods: z.array(MethodSchema).min(1),
});

export const SignatureSchema = z.discriminatedUnion('kind', [FunctionSignatureSchema, ClassSignatureSchema]);
export type Signature = z.infer<typeof SignatureSchema>;
export type FunctionSignature = z.infer<typeof FunctionSignatureSchema>;
export type ClassSignature = z.infer<typeof ClassSignatureSchema>;

/** An expected result too large to keep (a long list): the SHA-256 of its compact JSON, compared exactly. */
export const HashedSchema = z.strictObject({ $sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest') });

export function isHashed(value: unknown): value is { $sha256: string } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && '$sha256' in value;
}

const CaseSchema = z.strictObject({
  kind: z.enum(CASE_KINDS),
  /** Hidden tests: what the test is about (categories.ts); shown to the candidate instead of the data. */
  category: z.enum(EDGE_CATEGORY_NAMES as [string, ...string[]]).optional(),
  /** Performance tests: the size as the candidate reads it, e.g. "100,000 numbers". */
  size: z.string().trim().min(3).max(60).optional(),
  /** Hidden tests: the interviewer's question when it fails, if the category's own does not fit. */
  ask: z.string().trim().min(10).max(300).optional(),
  /** The function's (or constructor's) arguments, in order. Any value may be a generator. */
  args: z.array(z.unknown()).max(8),
  /** Class questions: the calls made after construction, `[method, ...args]`, or a generator of them. */
  calls: z.unknown().optional(),
  /** The return value; for a class question the list of every call's return (null for void methods). */
  expected: z.unknown(),
  compare: CompareSchema.optional(),
  /** CPU time allowed in the fastest languages (others get a multiple: budget.ts). */
  budgetMs: z.number().int().min(10).max(20_000).optional(),
});
export type TestCaseData = z.infer<typeof CaseSchema>;

export const TEST_SUITE_VERSION = 1;

/** The fewest cases of each kind a question must have. */
export const MIN_CASES: Record<CaseKind, number> = { example: 1, hidden: 4, performance: 1 };

export const TestSuiteSchema = z
  .strictObject({
    version: z.literal(TEST_SUITE_VERSION, { error: () => `must be ${TEST_SUITE_VERSION}` }),
    question: z.string().min(1),
    signature: SignatureSchema,
    /** The comparison of every case that names none. */
    compare: CompareSchema.default('exact'),
    cases: z.array(CaseSchema).min(1, 'needs at least one case'),
  })
  .superRefine((suite, ctx) => {
    const sig = suite.signature;
    for (const kind of CASE_KINDS) {
      const n = suite.cases.filter((c) => c.kind === kind).length;
      if (n < MIN_CASES[kind])
        ctx.addIssue({
          code: 'custom',
          path: ['cases'],
          message: `needs at least ${MIN_CASES[kind]} ${kind} case${MIN_CASES[kind] === 1 ? '' : 's'}`,
        });
    }
    if (sig.kind === 'class') {
      const names = sig.methods.map((m) => m.name);
      if (new Set(names).size !== names.length)
        ctx.addIssue({ code: 'custom', path: ['signature', 'methods'], message: 'repeats a method' });
    }
    suite.cases.forEach((c, i) => {
      const at = (...path: (string | number)[]) => ['cases', i, ...path];
      const issue = (message: string, ...path: (string | number)[]) => ctx.addIssue({ code: 'custom', path: at(...path), message });
      if (c.kind === 'hidden' && !c.category) issue('a hidden case needs a category', 'category');
      if (c.kind !== 'hidden' && c.category) issue('only hidden cases have a category', 'category');
      if (c.kind !== 'hidden' && c.ask) issue('only hidden cases have their own question', 'ask');
      if (c.kind === 'performance' && !c.size) issue('a performance case says its size, e.g. "100,000 numbers"', 'size');
      if (c.kind !== 'performance' && c.size) issue('only performance cases have a size', 'size');
      if (c.kind === 'example' && (hasGenerator(c.args) || hasGenerator(c.calls) || hasGenerator(c.expected)))
        issue('examples are shown to the candidate, so they are written out, not generated', 'args');
      for (const p of generatorProblems(c.args)) issue(p, 'args');
      for (const p of generatorProblems(c.expected)) issue(p, 'expected');
      const compare = c.compare ?? suite.compare;
      if (isHashed(c.expected)) {
        if (!HashedSchema.safeParse(c.expected).success) issue('must be {"$sha256": "<64 hex digits>"}', 'expected');
        if (compareMode(compare) !== 'exact') issue('a hashed result can only be compared exactly', 'expected');
      }
      const params = sig.params;
      if (c.args.length !== params.length)
        issue(
          `has ${c.args.length} argument${c.args.length === 1 ? '' : 's'}; ${sig.kind === 'class' ? 'the constructor' : sig.name} takes ${params.length}`,
          'args',
        );
      else
        params.forEach((p, k) => {
          const problem = literalProblem(c.args[k], parseValueType(p.type) as ValueType);
          if (problem) issue(`${p.name}: ${problem}`, 'args', k);
        });
      if (sig.kind === 'function') {
        if (c.calls !== undefined) issue('only class questions have calls', 'calls');
        if (!isHashed(c.expected)) {
          const problem = literalProblem(c.expected, parseValueType(sig.returns) as ValueType);
          if (problem) issue(problem, 'expected');
        }
        return;
      }
      if (c.calls === undefined) return issue('a class question lists the calls to make', 'calls');
      if (isGenerator(c.calls)) {
        for (const p of generatorProblems(c.calls)) issue(p, 'calls');
        return;
      }
      if (!Array.isArray(c.calls)) return issue('must be a list of [method, ...arguments]', 'calls');
      const calls = c.calls as unknown[];
      calls.forEach((call, k) => {
        const method = Array.isArray(call) ? sig.methods.find((m) => m.name === call[0]) : undefined;
        if (!Array.isArray(call) || !method) return issue(`must be [method, ...arguments] with a method of ${sig.name}`, 'calls', k);
        if (call.length - 1 !== method.params.length)
          issue(`${method.name} takes ${method.params.length} argument${method.params.length === 1 ? '' : 's'}`, 'calls', k);
        method.params.forEach((p, a) => {
          const problem = literalProblem(call[a + 1], parseValueType(p.type) as ValueType);
          if (problem) issue(`${p.name}: ${problem}`, 'calls', k, a + 1);
        });
      });
      if (Array.isArray(c.expected) && !hasGenerator(c.expected)) {
        if (c.expected.length !== calls.length) issue(`needs one result per call (${calls.length})`, 'expected');
        else
          calls.forEach((call, k) => {
            const method = Array.isArray(call) ? sig.methods.find((m) => m.name === call[0]) : undefined;
            if (!method) return;
            const got = (c.expected as unknown[])[k];
            if (method.returns === 'void') {
              if (got !== null) issue(`${method.name} returns nothing, so its result is null`, 'expected', k);
            } else {
              const problem = literalProblem(got, parseValueType(method.returns) as ValueType);
              if (problem) issue(problem, 'expected', k);
            }
          });
      } else if (!isGenerator(c.expected) && !isHashed(c.expected)) issue('must be the list of every call’s result', 'expected');
    });
  });
export type TestSuite = z.infer<typeof TestSuiteSchema>;
export type TestSuiteInput = z.input<typeof TestSuiteSchema>;

/** A value written out is checked against its type here; a generated one when the bank's tests expand it. */
function literalProblem(value: unknown, type: ValueType): string | null {
  return hasGenerator(value) ? null : valueProblem(value, type);
}

/** Every case's name, as the room and the command line show it: "example 1", "hidden 3", "performance 1". */
export function caseNames(cases: readonly Pick<TestCaseData, 'kind'>[]): string[] {
  const seen: Record<CaseKind, number> = { example: 0, hidden: 0, performance: 0 };
  return cases.map((c) => `${c.kind} ${++seen[c.kind]}`);
}

/** The question the interviewer asks when this hidden case fails. */
export function edgeQuestion(c: Pick<TestCaseData, 'category' | 'ask'>): string {
  if (c.ask) return c.ask;
  return c.category && c.category in EDGE_CATEGORIES
    ? EDGE_CATEGORIES[c.category as keyof typeof EDGE_CATEGORIES].ask
    : 'What inputs would you test this with beyond the examples, and what does your code do with them?';
}
