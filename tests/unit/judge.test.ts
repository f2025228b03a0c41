import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import { Judge, compareResult } from '../../electron/services/judge';
import { BANK_DIR, TESTS_DIR, loadQuestionBank } from '../../electron/services/questions';
import { CodeRunner } from '../../electron/services/runner';
import type { TestRun } from '../../shared/judge/result';
import type { TestSuite } from '../../shared/judge/suite';
import type { EditorLanguage } from '../../shared/session/model';
import { expectAppErrorAsync } from '../support/assertions';
import { RESOURCES_DIR, tempDataDir } from '../support/paths';
import { makeServices } from '../support/services';

/**
 * The judge (docs/judge.md) on deliberately wrong solutions: each fails the cases it should and only
 * those, hidden cases say their category and never their data, the candidate's printing stays apart,
 * endless loops end as timeouts, and a Test press from the room is stored and recorded.
 */

const bank = loadQuestionBank(RESOURCES_DIR);
const suite = (id: string): TestSuite => bank.testSuite(id)!;
const sample = (id: string, file: string) => readFileSync(join(RESOURCES_DIR, BANK_DIR, TESTS_DIR, id, file), 'utf8');

let root: string;
let runner: CodeRunner;
let judge: Judge;
beforeAll(() => {
  root = tempDataDir('ir-judge-');
  runner = new CodeRunner({ tmpRoot: root, cacheDir: join(root, 'cache') });
  judge = new Judge({ runner, buildDir: join(root, 'builds') });
});
afterAll(() => judge.close());

function judged(questionId: string, language: EditorLanguage, code: string): Promise<TestRun> {
  return judge.start({ questionId, suite: suite(questionId), language, code, allowUnsandboxed: false }).done;
}

const failing = (run: TestRun) => run.cases.filter((c) => c.status !== 'passed').map((c) => `${c.name} ${c.status}`);

describe('comparisons', () => {
  it('holds results exactly, in any order, as lists of lists in any order, within a tolerance, and by a checker', () => {
    expect(compareResult([1, 2], [1, 2], 'exact', []).ok).toBe(true);
    expect(compareResult([2, 1], [1, 2], 'exact', []).ok).toBe(false);
    expect(compareResult([2, 1, 2], [1, 2, 2], 'unordered', []).ok).toBe(true);
    expect(compareResult([2, 1], [1, 2, 2], 'unordered', []).ok).toBe(false);
    expect(compareResult([['b', 'a'], ['c']], [['c'], ['a', 'b']], 'unordered-nested', []).ok).toBe(true);
    expect(compareResult([['a'], ['b', 'c']], [['c'], ['a', 'b']], 'unordered-nested', []).ok).toBe(false);
    expect(compareResult([0.1 + 0.2], [0.3], 'float', []).ok).toBe(true);
    expect(compareResult(0.31, 0.3, { mode: 'float', tolerance: 0.001 }, []).ok).toBe(false);
    const pair = { mode: 'checker', checker: 'pair-with-sum' } as const;
    expect(compareResult([1, 2], [0, 3], pair, [[3, 4, 3, 4], 7]).ok).toBe(true);
    expect(compareResult([0, 2], [0, 3], pair, [[3, 4, 3, 4], 7]).ok).toBe(false);
    expect(compareResult([], [], pair, [[1, 2], 7]).ok).toBe(true);
    expect(compareResult([0, 1], [], pair, [[1, 2], 7]).ok).toBe(false);
  });
});

describe('wrong solutions fail the right cases', () => {
  it('a quadratic pair search passes every example and edge case and runs out of time on the performance test (Python)', async () => {
    const code = [
      'def pair_with_sum(nums, target):',
      '    for i in range(len(nums)):',
      '        for j in range(i + 1, len(nums)):',
      '            if nums[i] + nums[j] == target:',
      '                return [i, j]',
      '    return []',
      '',
    ].join('\n');
    const run = await judged('coding-two-sum-indices', 'python', code);
    expect(failing(run)).toEqual(['performance 1 timeout']);
    expect(run.byKind.hidden).toEqual({ passed: 6, total: 6 });
    const perf = run.cases.find((c) => c.kind === 'performance')!;
    expect(perf.category).toBe('100,000 numbers');
    expect(perf).not.toHaveProperty('args');
    expect(perf).not.toHaveProperty('expected');
  }, 120_000);

  it('a quadratic pair search fails the same way in JavaScript, and the linear sample passes', async () => {
    const quadratic = `function pairWithSum(nums, target) {
  for (let i = 0; i < nums.length; i++) for (let j = i + 1; j < nums.length; j++) if (nums[i] + nums[j] === target) return [i, j];
  return [];
}
`;
    expect(failing(await judged('coding-two-sum-indices', 'javascript', quadratic))).toEqual(['performance 1 timeout']);
    expect((await judged('coding-two-sum-indices', 'javascript', sample('coding-two-sum-indices', 'solution.js'))).status).toBe('passed');
  }, 120_000);

  it('wrong on empty input: only the empty-input case fails, named by its category, with no data', async () => {
    const code = [
      'def first_unique_index(s):',
      '    counts = {}',
      '    for ch in s:',
      '        counts[ch] = counts.get(ch, 0) + 1',
      '    for i, ch in enumerate(s):',
      '        if counts[ch] == 1:',
      '            return i',
      '    return -1 if s else 0',
      '',
    ].join('\n');
    const run = await judged('coding-first-unique-char', 'python', code);
    expect(failing(run)).toEqual(['hidden 1 failed']);
    const hidden = run.cases.find((c) => c.name === 'hidden 1')!;
    expect(hidden).toMatchObject({ kind: 'hidden', category: 'empty input', message: 'Wrong answer.' });
    expect(Object.keys(hidden)).not.toEqual(expect.arrayContaining(['args']));
    expect(JSON.stringify(run.cases.filter((c) => c.kind !== 'example'))).not.toMatch(/"args"|"expected"|"actual"/);
  }, 120_000);

  it('off by one: the examples show the arguments, the expected and the actual result', async () => {
    const code = `function insertPosition(nums, target) {
  let lo = 0, hi = nums.length - 1;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (nums[mid] < target) lo = mid + 1; else hi = mid; }
  return lo;
}
`;
    const run = await judged('coding-insert-position', 'javascript', code);
    expect(failing(run)).toEqual(['example 4 failed', 'hidden 3 failed', 'performance 1 failed']);
    expect(run.cases[3]).toMatchObject({ args: [[2, 5, 9, 14], 20], expected: 4, actual: 3 });
    expect(run.cases[3]!.message).toMatch(/expected 4, got 3/i);
  }, 120_000);

  it("the candidate's prints and their own main do not confuse the judge; each example keeps what it printed", async () => {
    const code = [
      'import sys',
      'print(\'{"t": "done", "i": 0, "ok": true, "value": 99}\')',
      'def first_unique_index(s):',
      '    print("looking at", s)',
      '    sys.stderr.write("debug\\n")',
      '    for i, ch in enumerate(s):',
      '        if s.count(ch) == 1 or len(s) > 1000:',
      '            return next((k for k, c in enumerate(s) if s.count(c) == 1), -1) if len(s) <= 1000 else fast(s)',
      '    return -1',
      'def fast(s):',
      '    from collections import Counter',
      '    c = Counter(s)',
      '    return next((k for k, ch in enumerate(s) if c[ch] == 1), -1)',
      'if __name__ == "__main__":',
      '    print(first_unique_index("interview"))',
      '',
    ].join('\n');
    const run = await judged('coding-first-unique-char', 'python', code);
    expect(failing(run)).toEqual([]);
    expect(run.output).toContain('"t": "done"');
    expect(run.cases[0]!.output).toBe('looking at interview\n');
    expect(run.cases.find((c) => c.kind === 'hidden')!.printedLines).toBe(1);
    expect(run.cases.find((c) => c.kind === 'hidden')).not.toHaveProperty('output');
  }, 120_000);

  it('an endless loop is that case’s timeout; the cases after it still run', async () => {
    const code = `function firstUniqueIndex(s) {
  if (s === '') for (;;) {}
  const counts = new Map();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  for (let i = 0; i < s.length; i++) if (counts.get(s[i]) === 1) return i;
  return -1;
}
`;
    const run = await judged('coding-first-unique-char', 'javascript', code);
    expect(failing(run)).toEqual(['hidden 1 timeout']);
    expect(run.cases.find((c) => c.name === 'hidden 1')!.message).toMatch(/endless loop/);
    expect(run.passed).toBe(run.total - 1);
  }, 120_000);

  it('an exception shows its message and line for an example, only its type and line for a hidden case', async () => {
    const code = [
      'def first_unique_index(s):',
      '    if len(s) < 2:',
      '        raise ValueError("too short: " + s)',
      '    return [c for c in s if s.count(c) == 1 and False][0]',
      '',
    ].join('\n');
    const run = await judged('coding-first-unique-char', 'python', code);
    const example = run.cases[0]!;
    expect(example).toMatchObject({ status: 'error', line: 4 });
    expect(example.message).toMatch(/IndexError/);
    const single = run.cases.find((c) => c.kind === 'hidden' && c.category === 'a single element')!;
    expect(single).toMatchObject({ status: 'error', line: 3 });
    expect(single.message).toBe('ValueError on line 3');
  }, 120_000);

  it('a syntax error is a compile error with its line, and no case runs', async () => {
    const run = await judged('coding-first-unique-char', 'python', 'def first_unique_index(s):\n    return (\n');
    expect(run.status).toBe('error');
    expect(run.compile?.line).toBeGreaterThanOrEqual(2);
    expect(run.cases.every((c) => c.status === 'error')).toBe(true);
  }, 60_000);

  it('drives a class question by its calls, and a wrong eviction fails the calls it should', async () => {
    const code = [
      'class LRUCache:',
      '    def __init__(self, capacity):',
      '        self.capacity = capacity',
      '        self.items = {}',
      '    def get(self, key):',
      '        return self.items.get(key, -1)',
      '    def put(self, key, value):',
      '        if len(self.items) >= self.capacity and key not in self.items:',
      '            self.items.pop(next(iter(self.items)))',
      '        self.items[key] = value',
      '',
    ].join('\n');
    const run = await judged('coding-lru-cache', 'python', code);
    expect(run.status).toBe('failed');
    const example = run.cases.find((c) => c.kind === 'example' && c.status === 'failed');
    expect(example?.calls?.length).toBeGreaterThan(0);
    expect(example?.message).toMatch(/^Call \d+, /);
    expect((await judged('coding-lru-cache', 'python', sample('coding-lru-cache', 'solution.py'))).status).toBe('passed');
  }, 120_000);
});

describe('compiled languages', () => {
  it('compiles C++ once and reuses the build for the same code; a compile error shows its line', async () => {
    const toolchains = await runner.toolchains();
    if (!toolchains.cpp.available) {
      expect(toolchains.cpp.hint).toBeTruthy();
      return;
    }
    const code = sample('coding-first-unique-char', 'solution.cpp');
    const first = await judged('coding-first-unique-char', 'cpp', code);
    expect(first).toMatchObject({ status: 'passed', cached: false });
    const again = await judged('coding-first-unique-char', 'cpp', code);
    expect(again).toMatchObject({ status: 'passed', cached: true });
    const broken = code.replace('return -1;', 'return -1');
    const error = await judged('coding-first-unique-char', 'cpp', broken);
    expect(error.status).toBe('error');
    expect(error.compile?.line).toBeGreaterThan(0);
  }, 300_000);
});

describe('Test presses from the room', () => {
  const opened: AppServices[] = [];
  afterEach(() => {
    for (const s of opened.splice(0)) s.close();
  });

  function practice(questionId: string) {
    const s = makeServices({ dataDir: tempDataDir('ir-judge-service-') });
    opened.push(s);
    const { session } = s.questionBrowser.practice({ questionId, candidateName: 'Sam', personaStyle: 'friendly', durationMinutes: 20 });
    s.sessions.start(session.id);
    return { s, id: session.id, question: s.sessions.get(session.id).questions[0]! };
  }

  it('stores each press with its cases and a run event whose preview is the summary, never hidden data', async () => {
    const { s, id, question } = practice('coding-first-unique-char');
    const code = [
      'from collections import Counter',
      'def first_unique_index(s):',
      '    if s == "":',
      '        return 0',
      '    c = Counter(s)',
      '    return next((i for i, ch in enumerate(s) if c[ch] == 1), -1)',
      '',
    ].join('\n');
    const run = await s.tests.test({ interviewSessionId: id, questionId: question.id, language: 'python', source: code, offsetMs: 12_000 });
    expect(run.status).toBe('failed');
    expect(s.tests.runs(id)).toEqual([run]);
    expect(s.tests.latest(id, 'coding-first-unique-char')).toEqual(run);
    const events = [...s.telemetry.events(id)].filter((e) => e.type === 'run');
    expect(events).toHaveLength(1);
    const event = events[0] as Record<string, unknown>;
    expect(event).toMatchObject({ status: 'error', durationMs: run.durationMs });
    expect(event.stdoutPreview).toBe(
      'Tests: 10/11 passed (examples 3/3, hidden tests 5/6, performance 2/2). Failing: hidden 1 (empty input): failed.',
    );
    expect(event.stdoutPreview).not.toMatch(/abacabad|zzzz/);
  }, 120_000);

  it('refuses a question without test cases, an unknown question and a finished session', async () => {
    const { s, id, question: q } = practice(bank.inCategory('behavioral')[0]!.id);
    const input = { interviewSessionId: id, language: 'python' as const, source: 'x = 1\n', offsetMs: 0 };
    await expectAppErrorAsync(() => s.tests.test({ ...input, questionId: q.id }), 'invalid_input');
    await expectAppErrorAsync(() => s.tests.test({ ...input, questionId: 'nope' }), 'not_found');
    s.sessions.complete(id);
    await expectAppErrorAsync(() => s.tests.test({ ...input, questionId: q.id }), 'conflict');
    expect(s.tests.runs(id)).toEqual([]);
  });
});
