#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .cache/electron-native/ for `npm start` and `npm run dev`.
//
// node_modules/better-sqlite3 stays built for Node, because the tests and the CLI run on Node; the
// Electron main process loads this second copy through better-sqlite3's `nativeBinding` option.
// A packaged app does not need it: electron-builder rebuilds native modules for Electron itself.
// First try a prebuilt binary (prebuild-install), then compile from source (node-gyp).
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, '.cache', 'electron-native');
const binary = join(outDir, 'better_sqlite3.node');
const stampFile = join(outDir, 'stamp.json');

const electronVersion = require('electron/package.json').version;
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = require('better-sqlite3/package.json').version;
const stamp = JSON.stringify({ electronVersion, sqliteVersion, platform: process.platform, arch: process.arch });

if (existsSync(binary) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) process.exit(0);

console.log(`Preparing better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${process.arch})…`);
const work = join(outDir, 'better-sqlite3');
rmSync(work, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.startsWith(join(sqliteDir, 'build')) });

// npm exports its own config (e.g. a Node headers dir) to scripts; it must not leak into an Electron build.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_(nodedir|target|runtime|disturl|arch)$/i.test(k)));
const run = (script, args) => spawnSync(process.execPath, [script, ...args], { cwd: work, env, stdio: 'inherit' }).status === 0;

const prebuilt = run(require.resolve('prebuild-install/bin.js', { paths: [sqliteDir, root] }), [
  '--runtime',
  'electron',
  '--target',
  electronVersion,
  '--arch',
  process.arch,
]);
const built =
  prebuilt ||
  run(require.resolve('node-gyp/bin/node-gyp.js', { paths: [root] }), [
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    '--runtime=electron',
    `--arch=${process.arch}`,
    '--dist-url=https://electronjs.org/headers',
  ]);
const result = join(work, 'build', 'Release', 'better_sqlite3.node');
if (!built || !existsSync(result)) {
  console.error(
    `error: could not build better-sqlite3 for Electron ${electronVersion}. The app needs it to open its database.\n` +
      'Check the network connection (prebuilt binaries and Electron headers are downloaded), or install a C++ toolchain for node-gyp.',
  );
  process.exit(1);
}
copyFileSync(result, binary);
writeFileSync(stampFile, stamp);
rmSync(work, { recursive: true, force: true });
console.log(`better-sqlite3 for Electron ${electronVersion} is ready.`);
