#!/usr/bin/env node
// `npm run bench [-- prefix]`: builds the app, then prints one line per figure:
// "bench: <name> <value> <unit> baseline <value> ratio <x>", the baseline measured in the same run.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The keystroke figures type into the built renderer.
const build = spawnSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const r = spawnSync(
  join(root, 'node_modules', '.bin', 'vitest'),
  ['run', '--config', 'tests/bench/vitest.bench.config.mts', '--reporter=dot', '--silent=false'],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, BENCH_FILTER: process.argv[2] ?? '' },
  },
);
process.exit(r.status ?? 1);
