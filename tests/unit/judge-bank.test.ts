import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Judge } from '../../electron/services/judge';
import { BANK_DIR, QuestionBankError, TESTS_DIR, loadQuestionBank } from '../../electron/services/questions';
import { CodeRunner, type RunLanguage, type ToolchainStatus } from '../../electron/services/runner';
import { expandValue, isGenerator } from '../../shared/judge/generators';
import { nameIn, namesIn } from '../../shared/judge/languages';
import { isHashed, type TestSuite } from '../../shared/judge/suite';
import { parseValueType, valueProblem, type ValueType } from '../../shared/judge/value-types';
import type { EditorLanguage } from '../../shared/session/model';
import { RESOURCES_DIR, tempDataDir } from '../support/paths';

/**
 * The bank's test data (docs/judge.md): every coding question has cases that fit its signature, its
 * examples are the ones the question shows, and its sample solution passes every case in every language
 * whose toolchain is here (Python and JavaScript always).
 */

const bank = loadQuestionBank(RESOURCES_DIR);
const coding = bank.inCategory('coding');
const testsDir = join(RESOURCES_DIR, BANK_DIR, TESTS_DIR);

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function suiteOf(id: string): TestSuite {
  const suite = bank.testSuite(id);
  if (!suite) throw new Error(`no test data for ${id}`);
  return suite;
}

describe('the loader and the test data', () => {
  it('gives every coding question its test data, and no other question any', () => {
    expect(coding).toHaveLength(31);
    for (const q of coding) expect(bank.testSuite(q.id)?.question, q.id).toBe(q.id);
    for (const q of bank.all().filter((x) => x.category !== 'coding')) expect(bank.testSuite(q.id)).toBeUndefined();
  });

  function bankCopy(): string {
    const dir = tempDataDir('ir-judge-bank-');
    dirs.push(dir);
    cpSync(join(RESOURCES_DIR, BANK_DIR), join(dir, BANK_DIR), { recursive: true });
    return dir;
  }

  function problems(dir: string) {
    try {
      loadQuestionBank(dir);
    } catch (err) {
      expect(err).toBeInstanceOf(QuestionBankError);
      return (err as QuestionBankError).problems;
    }
    throw new Error('expected the bank to be refused');
  }

  it('refuses a coding question without cases, a folder for no coding question, and cases that do not fit', () => {
    const dir = bankCopy();
    const tests = join(dir, BANK_DIR, TESTS_DIR);
    rmSync(join(tests, 'coding-edit-distance', 'cases.json'));
    mkdirSync(join(tests, 'coding-not-a-question'));
    const file = join(tests, 'coding-tree-height', 'cases.json');
    const data = JSON.parse(readFileSync(file, 'utf8')) as { cases: Array<Record<string, unknown>> };
    data.cases[3]!.args = ['not a list'];
    data.cases.splice(0, 1);
    writeFileSync(file, JSON.stringify(data));
    const islands = join(tests, 'coding-count-islands', 'cases.json');
    const some = JSON.parse(readFileSync(islands, 'utf8')) as { cases: unknown[] };
    some.cases.splice(0, 1);
    writeFileSync(islands, JSON.stringify(some));
    const twoSum = join(tests, 'coding-two-sum-indices', 'cases.json');
    const two = JSON.parse(readFileSync(twoSum, 'utf8')) as { cases: Array<Record<string, unknown>> };
    two.cases = two.cases.filter((c) => c.kind !== 'performance');
    writeFileSync(twoSum, JSON.stringify(two));
    expect(problems(dir)).toEqual([
      { file: 'tests/coding-not-a-question', questionId: null, field: '', message: 'is not the id of a coding question in the bank' },
      {
        file: 'tests/coding-two-sum-indices/cases.json',
        questionId: 'coding-two-sum-indices',
        field: 'cases',
        message: 'needs at least 1 performance case',
      },
      {
        file: 'tests/coding-tree-height/cases.json',
        questionId: 'coding-tree-height',
        field: 'cases[2].args[0]',
        message: 'parent: expected a list, got "not a list"',
      },
      {
        file: 'tests/coding-count-islands/cases.json',
        questionId: 'coding-count-islands',
        field: 'cases',
        message: 'has 2 example cases; the question shows 3 examples',
      },
      {
        file: 'tests/coding-edit-distance/cases.json',
        questionId: 'coding-edit-distance',
        field: '',
        message: 'is missing: every coding question has test cases',
      },
    ]);
  });

  it('has examples that are exactly the ones each question shows', () => {
    for (const q of coding) {
      const suite = suiteOf(q.id);
      const examples = suite.cases.filter((c) => c.kind === 'example');
      examples.forEach((c, i) => {
        const shown = q.examples[i]!;
        if (suite.signature.kind === 'function') {
          const input = suite.signature.params.map((p, k) => `${p.name} = ${pretty(c.args[k])}`).join(', ');
          expect(squash(input), `${q.id} example ${i + 1}`).toBe(squash(shown.input));
          expect(squash(pretty(c.expected)), `${q.id} example ${i + 1}`).toBe(squash(shown.output));
        } else {
          // A class example shows the results of the calls that return something, in order.
          const results = (c.expected as unknown[])
            .filter((v) => v !== null)
            .map(pretty)
            .join(', ');
          expect(squash(results), `${q.id} example ${i + 1}`).toBe(squash(shown.output));
        }
      });
    }
  });

  it('names the function (or class and methods) exactly as the starter code declares it in every language', () => {
    for (const q of coding) {
      const sig = suiteOf(q.id).signature;
      for (const lang of ['python', 'javascript', 'typescript', 'java', 'cpp', 'go', 'rust'] as EditorLanguage[]) {
        const starter = q.starterCode[lang]!;
        const { callable, methods } = namesIn(lang, sig);
        const name = lang === 'rust' && sig.kind === 'class' ? sig.name : callable;
        expect(starter, `${q.id} ${lang} declares ${name}`).toMatch(new RegExp(`\\b${name}\\b`));
        for (const m of Object.values(methods)) expect(starter, `${q.id} ${lang} method ${m}`).toMatch(new RegExp(`\\b${m}\\s*\\(`));
        if (sig.kind === 'function') expect(nameIn(lang, sig.name)).toBe(callable);
      }
    }
  });

  it('expands every generated value within its limits, and every value fits the declared types', () => {
    // Problems are collected and compared once: an expect() per call of a 200,000-call case would take minutes.
    const problems: string[] = [];
    const check = (value: unknown, type: string, at: string) => {
      const problem = valueProblem(value, parseValueType(type) as ValueType);
      if (problem) problems.push(`${at}: ${problem}`);
    };
    for (const q of coding) {
      const suite = suiteOf(q.id);
      const sig = suite.signature;
      suite.cases.forEach((c, i) => {
        const at = `${q.id} case ${i + 1}`;
        const args = expandValue(c.args) as unknown[];
        sig.params.forEach((p, k) => check(args[k], p.type, `${at} ${p.name}`));
        const expected = isHashed(c.expected) ? null : expandValue(c.expected);
        if (sig.kind === 'function') {
          if (expected !== null) check(expected, sig.returns, at);
          return;
        }
        const calls = expandValue(c.calls) as unknown[][];
        if (!Array.isArray(calls)) return problems.push(`${at}: calls are not a list`);
        if (expected === null) return;
        if ((expected as unknown[]).length !== calls.length) return problems.push(`${at}: one result per call`);
        calls.forEach((call, k) => {
          const method = sig.methods.find((m) => m.name === call[0]);
          if (!method) return problems.push(`${at} call ${k + 1}: no method ${String(call[0])}`);
          method.params.forEach((p, a) => check(call[a + 1], p.type, `${at} call ${k + 1}`));
          const got = (expected as unknown[])[k];
          if (method.returns === 'void') {
            if (got !== null) problems.push(`${at} call ${k + 1}: a void method's result is null`);
          } else check(got, method.returns, `${at} call ${k + 1}`);
        });
      });
      // Generated data is never shown; the examples are written out.
      for (const c of suite.cases.filter((x) => x.kind === 'example'))
        if (c.args.some(isGenerator)) problems.push(`${q.id}: a generated example`);
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('covers edge cases and performance for every question, each hidden case with its category', () => {
    for (const q of coding) {
      const cases = suiteOf(q.id).cases;
      expect(cases.filter((c) => c.kind === 'hidden').length, q.id).toBeGreaterThanOrEqual(5);
      expect(cases.filter((c) => c.kind === 'performance').length, q.id).toBeGreaterThanOrEqual(1);
      for (const c of cases.filter((x) => x.kind === 'hidden')) expect(c.category, q.id).toBeTruthy();
      for (const c of cases.filter((x) => x.kind === 'performance')) expect(c.size, q.id).toMatch(/\d/);
    }
  });
});

const SAMPLE_FILES: Record<EditorLanguage, string> = {
  python: 'solution.py',
  javascript: 'solution.js',
  // Plain JavaScript is TypeScript too: the JavaScript sample, judged as TypeScript.
  typescript: 'solution.js',
  java: 'Main.java',
  cpp: 'solution.cpp',
  go: 'main.go',
  rust: 'main.rs',
};

describe('every sample solution passes every case', () => {
  let root: string;
  let runner: CodeRunner;
  let judge: Judge;
  let toolchains: Record<RunLanguage, ToolchainStatus>;
  beforeAll(async () => {
    root = tempDataDir('ir-judge-samples-');
    runner = new CodeRunner({ tmpRoot: root, cacheDir: join(root, 'cache') });
    judge = new Judge({ runner, buildDir: join(root, 'builds') });
    toolchains = await runner.toolchains();
  });
  afterAll(() => judge.close());

  async function judgeAll(language: EditorLanguage): Promise<void> {
    const failures: string[] = [];
    for (const q of coding) {
      const path = join(testsDir, q.id, SAMPLE_FILES[language]);
      expect(existsSync(path), `${q.id} has a ${language} sample`).toBe(true);
      const run = await judge.start({
        questionId: q.id,
        suite: suiteOf(q.id),
        language,
        code: readFileSync(path, 'utf8'),
        allowUnsandboxed: false,
      }).done;
      if (run.status !== 'passed') {
        const bad = run.cases.filter((c) => c.status !== 'passed').map((c) => `${c.name} ${c.status}: ${c.message ?? ''}`);
        failures.push(`${q.id}: ${run.compile?.message ?? run.notRun ?? bad.join('; ')}`);
      }
    }
    expect(failures).toEqual([]);
  }

  it('in Python', () => judgeAll('python'), 600_000);
  it('in JavaScript', () => judgeAll('javascript'), 600_000);
  it('in TypeScript', () => judgeAll('typescript'), 600_000);
  for (const language of ['java', 'cpp', 'go', 'rust'] as const) {
    it(`in ${language}, where its toolchain is installed`, async () => {
      if (!toolchains[language].available) {
        expect(toolchains[language].hint).toBeTruthy();
        return;
      }
      await judgeAll(language);
    }, 1_800_000);
  }
});

/** A value as the bank's examples write it: JSON with a space after commas. */
function pretty(value: unknown): string {
  return JSON.stringify(value).replace(/,/g, ', ');
}

function squash(text: string): string {
  return text.replace(/\s+/g, '');
}
