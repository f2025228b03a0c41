#!/usr/bin/env node
// `npm test`: both type-checks (plus the tests' own), lint, the formatter's check, the build the browser tests run against,
// then every vitest project (unit, e2e, electron). Ends with one line: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}` };
const extra = process.argv.slice(2);

const checks = [
  ['type-check electron + shared', 'tsc', ['--noEmit', '-p', 'tsconfig.node.json']],
  ['type-check renderer + shared', 'tsc', ['--noEmit', '-p', 'tsconfig.web.json']],
  ['type-check tests', 'tsc', ['--noEmit', '-p', 'tsconfig.test.json']],
  ['lint', 'eslint', ['--max-warnings', '0', '.']],
  ['format (prettier --check; fix with npm run format)', 'prettier', ['--check', '--log-level', 'warn', '.']],
  ['build', 'electron-vite', ['build']],
];

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

for (const [name, cmd, args] of checks) {
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' });
  if (r.status === 0) passed++;
  else {
    failed++;
    failures.push(name);
  }
}

const report = join(root, 'test-results', 'vitest.json');
mkdirSync(dirname(report), { recursive: true });
rmSync(report, { force: true });
console.log('\n▶ vitest (unit, e2e, electron)');
spawnSync('vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra], {
  cwd: root,
  env,
  stdio: 'inherit',
});
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // Only the Electron smoke test may skip (where no Electron binary exists). Any other skipped test
  // is a failure: a broken beforeAll, say, leaves vitest counting its tests as skipped.
  for (const f of r.testResults) {
    const allowed = f.name.includes(`${join('tests', 'electron')}`);
    for (const t of f.assertionResults) {
      if (t.status !== 'pending' && t.status !== 'skipped' && t.status !== 'todo') continue;
      if (allowed) skipped++;
      else {
        failed++;
        failures.push(`${t.fullName} (skipped outside tests/electron)`);
      }
    }
  }
  // A file that fails to load has no tests to count; it still fails the run.
  const broken = r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0);
  failed += broken.length;
  for (const f of broken) failures.push(`${f.name}: ${f.message}`);
  for (const f of r.testResults) for (const t of f.assertionResults) if (t.status === 'failed') failures.push(t.fullName);
} else {
  failed++;
  failures.push('vitest produced no report');
}

if (failures.length) console.log(`\nFailed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
