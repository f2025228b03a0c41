import { utilityProcess, type UtilityProcess } from 'electron';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { UTILITY_BOOTSTRAP, type JsLauncher } from '../services/runner';

/**
 * Candidate JavaScript (and type-stripped TypeScript) runs on Electron's own Node runtime in a
 * utilityProcess where the machine has no Node binary for the sandbox (see the runner's README): it
 * works without Node installed and with the RunAsNode fuse off. No OS sandbox can wrap it (Chromium
 * starts it, not us), so the runner's `execArgv` puts it under Node's permission model, which the
 * bootstrap (UTILITY_BOOTSTRAP) checks before it runs the program. A utilityProcess has no stdin: the
 * runner's stdin is collected first and written to a file the bootstrap serves as the program's input.
 */

export const utilityProcessJsLauncher: JsLauncher = (scriptPath, { cwd, env, execArgv }) => {
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
    writeFileSync(bootstrap, UTILITY_BOOTSTRAP);
    child = utilityProcess.fork(bootstrap, [], {
      cwd,
      env: { ...env, IR_SCRIPT: scriptPath, IR_STDIN_FILE: stdinFile },
      execArgv,
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
