import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import type { JsLauncher, LaunchedProcess } from './types';

const WINDOWS = process.platform === 'win32';

/** A LaunchedProcess started by `spawnGroup`; also says why it failed to start, if it did. */
export interface GroupProcess extends LaunchedProcess {
  pid: number | undefined;
  spawnError(): Error | undefined;
}

/**
 * Spawns a command as the leader of its own process group (POSIX `detached`), with piped stdio, so
 * `kill()` ends it and everything it started: `process.kill(-pid, 'SIGKILL')` on POSIX,
 * `taskkill /pid X /T /F` on Windows. Never throws: a command that cannot start exits with
 * (null, null) and reports the reason through `spawnError()`. Each of `inputs` is written to file
 * descriptor 3, 4, … of the child, then closed (bwrap reads files for the sandbox that way).
 */
export function spawnGroup(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; inputs?: string[] },
): GroupProcess {
  const inputs = options.inputs ?? [];
  // A .cmd/.bat shim (pyenv-win, some JDK installs) cannot be spawned without a shell on Windows; its
  // arguments are the runner's own fixed file names, so quoting the command is all the shell needs.
  const viaShell = WINDOWS && /\.(?:bat|cmd)$/i.test(command);
  let child: ChildProcess;
  try {
    child = spawn(viaShell ? `"${command}"` : command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe', ...inputs.map(() => 'pipe' as const)],
      // On Windows `detached` would open a console window; the tree kill does not need a group there.
      detached: !WINDOWS,
      windowsHide: true,
      shell: viaShell,
    });
  } catch (err) {
    // spawn throws at once for some failures (EINVAL, E2BIG) instead of emitting 'error'.
    return failedProcess(err instanceof Error ? err : new Error(String(err)));
  }
  inputs.forEach((text, i) => {
    const fd = child.stdio[3 + i] as Writable | null | undefined;
    fd?.on('error', () => undefined);
    fd?.end(text, 'utf8');
  });
  let exit: [number | null, string | null] | null = null;
  let error: Error | undefined;
  const waiting: ((code: number | null, signal: string | null) => void)[] = [];
  const finish = (code: number | null, signal: string | null) => {
    if (exit) return;
    exit = [code, signal];
    for (const cb of waiting.splice(0)) cb(code, signal);
  };
  child.on('exit', (code, signal) => finish(code, signal));
  child.on('error', (err) => {
    // 'error' also reports a failed kill; only a failure to start ends the process here.
    if (child.pid === undefined) {
      error = err;
      finish(null, null);
    }
  });
  return {
    pid: child.pid,
    stdout: child.stdout as Readable,
    stderr: child.stderr as Readable,
    stdin: child.stdin,
    kill() {
      if (child.pid !== undefined) killProcessTree(child.pid, exit !== null, () => child.kill('SIGKILL'));
    },
    onExit(cb) {
      if (exit) {
        const [code, signal] = exit;
        queueMicrotask(() => cb(code, signal));
      } else waiting.push(cb);
    },
    spawnError: () => error,
  };
}

/** A process that never started: empty streams, exits at once with (null, null). */
export function failedProcess(error: Error): GroupProcess {
  return {
    pid: undefined,
    stdout: Readable.from([]),
    stderr: Readable.from([]),
    stdin: null,
    kill: () => undefined,
    onExit: (cb) => queueMicrotask(() => cb(null, null)),
    spawnError: () => error,
  };
}

/**
 * Kills a process group (POSIX) or process tree (Windows). After the leader has exited, POSIX still
 * kills any group members left behind (a background child); on Windows the tree cannot be found any
 * more once its root is gone, so there is nothing to do.
 */
export function killProcessTree(pid: number, exited: boolean, fallback: () => void): void {
  if (WINDOWS) {
    if (exited) return;
    const systemRoot = process.env.SystemRoot ?? process.env.SYSTEMROOT ?? 'C:\\Windows';
    try {
      const killer = spawn(join(systemRoot, 'System32', 'taskkill.exe'), ['/pid', String(pid), '/T', '/F'], {
        stdio: 'ignore',
        windowsHide: true,
      });
      killer.on('error', () => fallback());
    } catch {
      fallback();
    }
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (err) {
    // ESRCH: nothing left in the group. Anything else (EPERM): at least kill the process itself.
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH' && !exited) fallback();
  }
}

/**
 * The default JsLauncher: Node (`process.execPath`) in its own process group. Used by the tests and the
 * CLI where no sandbox exists; inside Electron, main supplies a launcher on Electron's own runtime
 * instead. Should this one still run under Electron, ELECTRON_RUN_AS_NODE makes the Electron binary
 * behave as Node.
 */
export const nodeJsLauncher: JsLauncher = (scriptPath, { cwd, env, execArgv }) => {
  const childEnv = process.versions.electron ? { ...env, ELECTRON_RUN_AS_NODE: '1' } : env;
  return spawnGroup(process.execPath, [...execArgv, scriptPath], { cwd, env: childEnv });
};
