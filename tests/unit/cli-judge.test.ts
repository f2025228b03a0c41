import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BANK_DIR, TESTS_DIR } from '../../electron/services/questions';
import { runCliCapturedAsync } from '../support/cli';
import { RESOURCES_DIR, tempDataDir } from '../support/paths';

/** `interview-recorder judge`: the app's judge on a file, with the exit status a script can rely on. */

const dataDir = tempDataDir('ir-cli-judge-');
const judge = (...args: string[]) => runCliCapturedAsync(['--data-dir', dataDir, 'judge', ...args]);
const sample = join(RESOURCES_DIR, BANK_DIR, TESTS_DIR, 'coding-first-unique-char', 'solution.py');

function file(name: string, text: string): string {
  const path = join(tempDataDir('ir-cli-judge-src-'), name);
  writeFileSync(path, text);
  return path;
}

describe('interview-recorder judge', () => {
  it('exits 0 when every case passes, with one line per case', async () => {
    const run = await judge('--question', 'coding-first-unique-char', '--language', 'python', sample);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^passed {2}example 1 [\d.]+ ms$/m);
    expect(run.stdout).toMatch(/^passed {2}hidden 1 \(empty input\) [\d.]+ ms$/m);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('11/11 passed');
  }, 60_000);

  it('exits 1 when a case fails; --json shows results only for the examples', async () => {
    const wrong = file(
      'wrong.js',
      'function firstUniqueIndex(s) {\n  return s.length === 0 ? 0 : [...s].findIndex((c) => s.indexOf(c) === s.lastIndexOf(c));\n}\n',
    );
    const run = await judge('--question', 'coding-first-unique-char', '--language', 'javascript', wrong, '--json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { passed: number; failed: number; total: number; cases: Array<Record<string, unknown>> };
    expect(report.total).toBe(report.passed + report.failed);
    expect(report.cases.find((c) => c.name === 'hidden 1')).toEqual({
      name: 'hidden 1',
      kind: 'hidden',
      category: 'empty input',
      status: 'failed',
      timeMs: expect.any(Number),
      message: 'Wrong answer.',
    });
    expect(report.cases[0]).toMatchObject({ name: 'example 1', kind: 'example', status: 'passed', expected: 1, actual: 1 });
  }, 60_000);

  it('exits 2 on an unknown question or language, a question without tests and an unreadable file', async () => {
    const unknown = await judge('--question', 'coding-nope', '--language', 'python', sample);
    expect(unknown).toMatchObject({ code: 2, stderr: 'error: There is no question "coding-nope" in the bank.\n' });
    const behavioral = await judge('--question', 'behavioral-disagreed-on-technical-approach', '--language', 'python', sample);
    expect(behavioral).toMatchObject({ code: 2 });
    expect(behavioral.stderr).toMatch(/is not a coding question: only coding questions have test cases/);
    const language = await judge('--question', 'coding-first-unique-char', '--language', 'cobol', sample);
    expect(language.code).toBe(2);
    expect(language.stderr).toMatch(/unknown language "cobol"/);
    const missing = await judge('--question', 'coding-first-unique-char', '--language', 'python', join(dataDir, 'none.py'));
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toMatch(/cannot read the program .*none\.py: ENOENT/);
    expect((await judge('--language', 'python', sample)).code).toBe(2);
  });
});
