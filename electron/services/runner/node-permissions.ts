/**
 * Node's permission model for candidate JavaScript, wherever it runs (the machine's `node` inside the
 * sandbox, or Electron's utilityProcess, which no OS sandbox can wrap): files readable and writable in
 * the Run's folder only, and no child processes, worker threads, native addons, WASI or inspector —
 * whether the program asks through `require('child_process')`, `import('node:child_process')` or
 * `process.binding('spawn_sync')`.
 */

/** The oldest Node whose permission model takes one `--allow-fs-*` flag per path (and so any path). */
export const MIN_PERMISSION_NODE: readonly [number, number] = [20, 19];

export function parseNodeVersion(version: string): [number, number] | null {
  const m = /^v?(\d+)\.(\d+)/.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2])] : null;
}

export function hasPermissionModel(version: string): boolean {
  const v = parseNodeVersion(version);
  return v !== null && (v[0] > MIN_PERMISSION_NODE[0] || (v[0] === MIN_PERMISSION_NODE[0] && v[1] >= MIN_PERMISSION_NODE[1]));
}

/**
 * The flags, for a Node of `version`. The model left "experimental" in 22.13 and 23.5, where the flag
 * became `--permission`. The heap limit makes a runaway program end with V8's own "heap out of memory"
 * before it meets the sandbox's memory limit (and is the only memory bound in a utilityProcess).
 */
export function nodePermissionArgs(version: string, runDir: string, memoryBytes: number): string[] {
  const [major, minor] = parseNodeVersion(version) ?? [0, 0];
  const stable = major > 23 || (major === 23 && minor >= 5) || (major === 22 && minor >= 13);
  return [
    stable ? '--permission' : '--experimental-permission',
    `--allow-fs-read=${runDir}`,
    '--allow-fs-read=/dev/stdin',
    `--allow-fs-write=${runDir}`,
    '--disable-warning=ExperimentalWarning',
    `--max-old-space-size=${Math.max(64, Math.floor((memoryBytes * 0.75) / (1024 * 1024)))}`,
  ];
}
