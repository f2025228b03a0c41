import { utilityProcess, type UtilityProcess } from 'electron';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import type { JsLauncher } from '../services/runner';

/**
 * Candidate JavaScript (and type-stripped TypeScript) runs on Electron's own Node runtime in a
 * utilityProcess, so it works on machines without Node and with the RunAsNode fuse turned off.
 *
 * A utilityProcess has no stdin, so the runner's stdin is collected first, written to a file in the
 * run's temp directory, and served to the program by a small bootstrap as `process.stdin` and as
 * `fs.readFileSync(0)` — the two ways interview programs read their input.
 */
const BOOTSTRAP = `'use strict';
// Candidate code may not start processes or threads here: a utilityProcess has no process group,
// so Stop and the time limit could not reach them.
const Module = require('node:module');
const blocked = new Set(['child_process', 'node:child_process', 'cluster', 'node:cluster', 'worker_threads', 'node:worker_threads']);
const load = Module._load;
Module._load = function (request) {
  if (blocked.has(request)) throw new Error(request + ' is not available when running interview code');
  return load.apply(this, arguments);
};
const fs = require('node:fs');
const { Readable } = require('node:stream');
const input = fs.readFileSync(process.env.IR_STDIN_FILE);
const script = process.env.IR_SCRIPT;
delete process.env.IR_STDIN_FILE;
delete process.env.IR_SCRIPT;
const readFileSync = fs.readFileSync;
fs.readFileSync = function (path, options) {
  if (path === 0 || path === '/dev/stdin') {
    const encoding = typeof options === 'string' ? options : options && options.encoding;
    return encoding ? input.toString(encoding) : Buffer.from(input);
  }
  return readFileSync.apply(this, arguments);
};
let stdin;
Object.defineProperty(process, 'stdin', { configurable: true, get: () => (stdin ??= Readable.from(input.length ? [input] : [])) });
process.argv[1] = script;
require(script);
`;

export const utilityProcessJsLauncher: JsLauncher = (scriptPath, { cwd, env }) => {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const exitListeners: Array<(code: number | null, signal: string | null) => void> = [];
  let child: UtilityProcess | null = null;
  let ended: { code: number | null; signal: string | null } | null = null;
  const exit = (code: number | null, signal: string | null) => {
    if (ended) return;
    ended = { code, signal };
    for (const listener of exitListeners) listener(code, signal);
  };
  const input: Buffer[] = [];

  const launch = () => {
    if (ended) return;
    const stdinFile = join(cwd, '.stdin');
    const bootstrap = join(cwd, '.bootstrap.cjs');
    writeFileSync(stdinFile, Buffer.concat(input));
    writeFileSync(bootstrap, BOOTSTRAP);
    child = utilityProcess.fork(bootstrap, [], {
      cwd,
      env: { ...env, IR_SCRIPT: scriptPath, IR_STDIN_FILE: stdinFile },
      stdio: 'pipe',
      serviceName: 'Interview Recorder candidate code',
    });
    child.stdout?.pipe(stdout);
    child.stderr?.pipe(stderr);
    if (!child.stdout) stdout.end();
    if (!child.stderr) stderr.end();
    child.once('exit', (code) => exit(code, null));
  };

  // The program starts once the runner has written (and closed) its stdin.
  const stdin = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      input.push(Buffer.from(chunk));
      callback();
    },
    final(callback) {
      callback();
      try {
        launch();
      } catch (err) {
        stderr.write(`The program could not be started: ${err instanceof Error ? err.message : String(err)}\n`);
        stdout.end();
        stderr.end();
        exit(1, null);
      }
    },
  });

  return {
    stdout,
    stderr,
    stdin,
    kill: () => {
      if (ended) return;
      if (!child) {
        stdout.end();
        stderr.end();
        exit(null, 'SIGKILL');
        return;
      }
      // SIGKILL, not the SIGTERM of child.kill(): a program may ignore SIGTERM.
      if (child.pid) {
        try {
          process.kill(child.pid, 'SIGKILL');
        } catch {
          child.kill();
        }
      } else child.kill();
    },
    onExit: (listener) => {
      if (ended) listener(ended.code, ended.signal);
      else exitListeners.push(listener);
    },
  };
};
