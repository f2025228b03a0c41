import { existsSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Sandbox, SandboxStatus, SandboxStep, WrappedCommand } from './types';

const SANDBOX_EXEC = '/usr/bin/sandbox-exec';

/** Where macOS keeps what programs and compilers read: the system, the Xcode tools, Homebrew. */
const SYSTEM_READ = [
  '/usr',
  '/bin',
  '/sbin',
  '/System',
  '/Library',
  '/Applications/Xcode.app',
  '/opt/homebrew',
  '/opt/local',
  '/private/etc',
  '/private/var/db/dyld',
  '/private/var/db/timezone',
  '/private/var/select',
  '/dev',
];

/** A string literal of the sandbox profile language (a Scheme dialect). */
export function sbplString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The `sandbox-exec` profile of one step. Everything the profile does not mention stays as it is
 * (process start-up on macOS needs many system services); what it denies is the network and reading
 * any file outside the system folders, the toolchain and the Run's folder — so the user's home is
 * unreadable — and writing anywhere but the Run's folder (and the caches in `writable`).
 * File metadata stays readable: path resolution needs it, and it reveals no contents.
 */
export function sandboxExecProfile(step: Pick<SandboxStep, 'runDir' | 'readable' | 'writable'>, userCacheDir: string | null): string {
  const paths = (list: string[]) => list.map((p) => `(subpath ${sbplString(p)})`).join(' ');
  const writable = [step.runDir, ...step.writable];
  // The dynamic linker keeps its launch closures in the user's cache folder beside $TMPDIR; without
  // them no program starts. Listing / and /private is what getcwd() and path lookups need.
  const readable = [...SYSTEM_READ, ...(userCacheDir ? [userCacheDir] : []), ...step.readable, ...writable];
  return [
    '(version 1)',
    '(allow default)',
    '(deny network*)',
    '(deny file-read*)',
    '(allow file-read-metadata)',
    '(allow file-read* (literal "/") (literal "/private") (literal "/private/var"))',
    `(allow file-read* ${paths(readable)})`,
    '(deny file-write*)',
    `(allow file-write* ${paths(writable)} (literal "/dev/null") (literal "/dev/zero") (literal "/dev/dtracehelper") (regex #"^/dev/fd/"))`,
    '',
  ].join('\n');
}

/** macOS: `sandbox-exec` with a generated profile. The Run's process group is still what Stop kills. */
export class MacSandbox implements Sandbox {
  async status(): Promise<SandboxStatus> {
    if (existsSync(SANDBOX_EXEC)) {
      return {
        available: true,
        tool: 'sandbox-exec',
        detail: 'sandbox-exec: no network, no files read outside the system, the toolchain and the Run’s folder; writes only there.',
      };
    }
    return {
      available: false,
      tool: 'sandbox-exec',
      detail: 'sandbox-exec was not found at /usr/bin/sandbox-exec, so programs cannot be isolated.',
      hint: 'sandbox-exec is part of macOS; reinstalling the system tools (xcode-select --install) restores it.',
    };
  }

  wrap(step: SandboxStep): WrappedCommand {
    return { command: SANDBOX_EXEC, args: ['-p', sandboxExecProfile(step, userCacheDir()), step.command, ...step.args] };
  }

  owner(): null {
    return null;
  }
}

/** `/private/var/folders/xx/yyyy/C`, the per-user cache folder beside the per-user temp folder `…/T`. */
function userCacheDir(): string | null {
  try {
    const candidate = join(dirname(realpathSync(tmpdir())), 'C');
    return existsSync(candidate) ? candidate : null;
  } catch {
    return null;
  }
}
