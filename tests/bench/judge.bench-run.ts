import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { Judge } from '../../electron/services/judge';
import { BANK_DIR, TESTS_DIR, loadQuestionBank } from '../../electron/services/questions';
import { CodeRunner } from '../../electron/services/runner';
import { RESOURCES_DIR } from '../support/paths';
import { report, wanted } from './support';

/**
 * A whole test run of one question (every example, hidden and performance case of "pair with sum", in one
 * sandboxed process), warm: its cases already generated, the interpreter in the page cache. The baseline is
 * a bare run of the same file through the runner, so what the judging adds on top of starting it shows.
 */
const RUNS = 5;
const QUESTION = 'coding-two-sum-indices';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

for (const [language, file] of [
  ['python', 'solution.py'],
  ['javascript', 'solution.js'],
] as const) {
  it(`judge.${language}_ms`, async () => {
    if (!wanted(`judge.${language}_ms`)) return;
    const root = mkdtempSync(join(tmpdir(), 'ir-bench-judge-'));
    const runner = new CodeRunner({ tmpRoot: root, cacheDir: join(root, 'cache') });
    const judge = new Judge({ runner, buildDir: join(root, 'builds') });
    try {
      const suite = loadQuestionBank(RESOURCES_DIR).testSuite(QUESTION)!;
      const code = readFileSync(join(RESOURCES_DIR, BANK_DIR, TESTS_DIR, QUESTION, file), 'utf8');
      const judged = async () => {
        const t0 = performance.now();
        const run = await judge.start({ questionId: QUESTION, suite, language, code, allowUnsandboxed: false }).done;
        expect(run.status).toBe('passed');
        return performance.now() - t0;
      };
      const bare = async () => {
        const t0 = performance.now();
        const result = await runner.start({ language, source: code, allowUnsandboxed: false }, () => undefined).done;
        expect(result.status).toBe('success');
        return performance.now() - t0;
      };
      await judged();
      await bare();
      const full: number[] = [];
      const plain: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        full.push(await judged());
        plain.push(await bare());
      }
      const line = report(`judge.${language}_ms`, median(full), 'ms', median(plain));
      expect(line).toMatch(new RegExp(`^bench: judge\\.${language}_ms \\d+\\.\\d+ ms baseline \\d+\\.\\d+ ratio \\d+\\.\\d+$`));
    } finally {
      judge.close();
      rmSync(root, { recursive: true, force: true });
    }
  }, 300_000);
}
