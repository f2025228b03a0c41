import { execFile } from 'node:child_process';
import { chownSync, lstatSync, mkdtempSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { spawnGroup } from '../process';
import { findOnPath } from '../toolchains';
import { watchProcessTree } from './linux-monitor';
import type { RunLimitName, Sandbox, SandboxLimits, SandboxStatus, SandboxStep, SandboxUsage, WrappedCommand } from './types';

/** Who runs the programs when the app itself runs as root: root ignores the process limit (RLIMIT_NPROC). */
export const SANDBOX_UID = 65534;
export const SANDBOX_GID = 65534;

/**
 * How much less CPU a Run gets than the app when both want it: the recording and the editor stay
 * smooth (and the sandbox watch keeps looking) while a program — or a fork bomb — keeps every core
 * busy. On an idle machine it changes nothing.
 */
export const PROGRAM_NICENESS = 10;

/** Top-level folders of the system, bound read-only (or recreated as the same symlink, on merged-/usr systems). */
const SYSTEM_ROOTS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];
/**
 * The few files of /etc that programs and compilers read: the dynamic linker's search path, the
 * alternatives symlinks (`cc`, `java`), the time zone. Nothing else of /etc (users, hosts, keys).
 */
const SYSTEM_ETC = ['/etc/ld.so.cache', '/etc/ld.so.conf', '/etc/ld.so.conf.d', '/etc/alternatives', '/etc/localtime'];

export const BWRAP_INSTALL_HINT =
  'Install it with sudo apt install bubblewrap (Debian, Ubuntu), sudo dnf install bubblewrap (Fedora) or sudo pacman -S bubblewrap (Arch).';

export interface BwrapTools {
  bwrap: string;
  prlimit: string;
  /** coreutils' `nice`, where found: programs run below the app's priority. */
  nice: string | null;
  /** Needed only when the app runs as root. */
  setpriv: string | null;
  /** bwrap's version, e.g. [0, 8, 0]: options newer than the installed bwrap are left out. */
  version: [number, number, number];
}

/** How the host's system folders look: which are symlinks (merged /usr) and which /etc files exist. */
export interface HostLayout {
  /** `--symlink` targets for top-level folders that are symlinks, e.g. `{ '/bin': 'usr/bin' }`. */
  symlinks: Record<string, string>;
  /** Top-level folders and /etc files to bind read-only. */
  readOnly: string[];
}

export function hostLayout(): HostLayout {
  const symlinks: Record<string, string> = {};
  const readOnly: string[] = [];
  for (const path of [...SYSTEM_ROOTS, ...SYSTEM_ETC]) {
    try {
      const s = lstatSync(path);
      if (s.isSymbolicLink() && SYSTEM_ROOTS.includes(path)) symlinks[path] = readlinkSync(path);
      else readOnly.push(path);
    } catch {
      // Not on this system (no /lib32, no /etc/localtime in a container).
    }
  }
  return { symlinks, readOnly };
}

/** True when `path` is `root` or inside it. */
export function within(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith('/') ? root : `${root}/`);
}

/** Whether the system mounts already show `path` (so a toolchain there needs no mount of its own). */
export function coveredBySystem(path: string, layout: HostLayout): boolean {
  return layout.readOnly.some((root) => within(path, root));
}

/**
 * The sandbox's /etc/passwd and /etc/group: one account, the program's own, whose home is the Run's
 * folder. Without them `os.userInfo()`, `getpwuid()` and Java's `user.name` find nobody; with the
 * host's files the program would learn every account on the machine.
 */
export function sandboxAccounts(uid: number, gid: number, home: string): [string, string] {
  return [`sandbox:x:${uid}:${gid}:Interview Recorder sandbox:${home}:/bin/sh\n`, `sandbox:x:${gid}:\n`];
}

/** `prlimit` options for a step's limits (soft = hard, except CPU: SIGXCPU at the soft limit, SIGKILL a second later). */
export function prlimitArgs(limits: SandboxLimits): string[] {
  const cpu = Math.max(1, Math.ceil(limits.cpuSeconds));
  return [
    `--nproc=${Math.floor(limits.processes)}`,
    `--data=${Math.floor(limits.memoryBytes)}`,
    `--fsize=${Math.floor(limits.fileSizeBytes)}`,
    `--cpu=${cpu}:${cpu + 1}`,
    '--core=0',
    '--nofile=1024',
  ];
}

const atLeast = (v: [number, number, number], want: [number, number, number]) =>
  v[0] !== want[0] ? v[0] > want[0] : v[1] !== want[1] ? v[1] > want[1] : v[2] >= want[2];

/**
 * The bwrap command line that runs `step` isolated: new user, pid, network, IPC, UTS (and cgroup)
 * namespaces; the system folders and the toolchain read-only; only the Run's directory (and the caches
 * in `writable`) writable; no home directory; /tmp and the rest of the root read-only; no network but
 * a loopback of its own; `prlimit` applying the step's limits once the namespaces exist, so the process
 * limit counts this sandbox's tasks only. bwrap's pid 1 ending (the program exiting, or bwrap being
 * killed: `--die-with-parent`) takes every process of the namespace with it.
 *
 * Run as root, the outer bwrap keeps root's powers only to mount; an inner bwrap, started by `setpriv`
 * as SANDBOX_UID with no capabilities, gives the program its user namespace.
 */
export function bwrapArgs(tools: BwrapTools, layout: HostLayout, step: SandboxStep, asRoot: boolean): string[] {
  // /etc/passwd and /etc/group come from file descriptors 3 and 4 (see `sandboxAccounts`).
  const modern = atLeast(tools.version, [0, 8, 0]);
  const args = ['--unshare-pid', '--unshare-net', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try'];
  if (!asRoot) args.push('--unshare-user', ...(modern ? ['--disable-userns'] : []));
  args.push('--hostname', 'sandbox', '--die-with-parent', '--new-session');
  if (asRoot) args.push('--cap-add', 'CAP_SETUID', '--cap-add', 'CAP_SETGID');

  // Mounts in path order, parents first; folders bwrap must create on the way are made traversable
  // (as root it would make them 0700, which the unprivileged program could not pass).
  type Mount = { path: string; kind: 'ro' | 'rw' | 'symlink'; target?: string };
  const mounts: Mount[] = [
    ...Object.entries(layout.symlinks).map(([path, target]) => ({ path, kind: 'symlink' as const, target })),
    ...layout.readOnly.map((path) => ({ path, kind: 'ro' as const })),
  ];
  const extraRo = [...new Set([...step.readable, ...toolDirs(tools)])].filter((p) => !coveredBySystem(p, layout));
  for (const path of extraRo) if (!extraRo.some((other) => other !== path && within(path, other))) mounts.push({ path, kind: 'ro' });
  for (const path of new Set([step.runDir, ...step.writable])) mounts.push({ path, kind: 'rw' });
  const depth = (p: string) => p.split('/').length;
  mounts.sort((a, b) => depth(a.path) - depth(b.path));

  const shown: string[] = [];
  const made = new Set<string>();
  for (const m of mounts) {
    // The folders bwrap must create on the way, from the top down, up to one a mount already shows.
    const chain: string[] = [];
    for (let d = posix.dirname(m.path); d !== '/' && !made.has(d) && !shown.some((s) => within(d, s)); d = posix.dirname(d))
      chain.unshift(d);
    for (const d of chain) {
      args.push('--perms', '0755', '--dir', d);
      made.add(d);
    }
    if (m.kind === 'symlink') args.push('--symlink', m.target as string, m.path);
    else {
      args.push(m.kind === 'ro' ? '--ro-bind' : '--bind', m.path, m.path);
      shown.push(m.path);
    }
  }
  if (!made.has('/etc')) args.push('--perms', '0755', '--dir', '/etc');
  args.push('--perms', '0644', '--ro-bind-data', '3', '/etc/passwd', '--perms', '0644', '--ro-bind-data', '4', '/etc/group');
  args.push('--proc', '/proc', '--dev', '/dev');
  // A small shared-memory folder (Python's multiprocessing wants one); the rest of /dev stays read-only,
  // so nothing there can grow into memory.
  if (modern) args.push('--perms', '1777', '--size', String(16 * 1024 * 1024), '--tmpfs', '/dev/shm');
  args.push('--remount-ro', '/dev', '--remount-ro', '/', '--chdir', step.runDir, '--');

  const niced = tools.nice ? [tools.nice, '-n', String(PROGRAM_NICENESS)] : [];
  const limited = [tools.prlimit, ...prlimitArgs(step.limits), '--', ...niced, step.command, ...step.args];
  if (!asRoot) return [...args, ...limited];
  return [
    ...args,
    tools.setpriv as string,
    `--reuid=${SANDBOX_UID}`,
    `--regid=${SANDBOX_GID}`,
    '--clear-groups',
    '--inh-caps=-all',
    '--bounding-set=-all',
    '--no-new-privs',
    '--',
    tools.bwrap,
    '--unshare-user',
    ...(modern ? ['--disable-userns'] : []),
    '--dev-bind',
    '/',
    '/',
    '--die-with-parent',
    '--chdir',
    step.runDir,
    '--',
    ...limited,
  ];
}

function parseVersion(text: string): [number, number, number] | null {
  const m = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

function versionText(command: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    execFile(command, ['--version'], { env, timeout: 15_000 }, (err, stdout) => resolve(err ? '' : String(stdout)));
  });
}

/** Runs a command to its end with `inputs` on file descriptors 3, 4, …; its exit code and stderr. */
function runWithInputs(
  command: string,
  args: string[],
  env: Record<string, string>,
  inputs: string[],
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawnGroup(command, args, { cwd: '/', env, inputs });
    let stderr = '';
    let exit: number | null | undefined;
    let drained = false;
    const finish = () => {
      if (exit === undefined || !drained) return;
      clearTimeout(timer);
      resolve({ code: exit, stderr: stderr || (proc.spawnError()?.message ?? '') });
    };
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    proc.stderr.on('close', () => {
      drained = true;
      finish();
    });
    proc.stdout.resume();
    proc.stdin?.end();
    const timer = setTimeout(() => proc.kill(), 15_000);
    proc.onExit((code) => {
      exit = code;
      finish();
    });
  });
}

/**
 * bubblewrap (`bwrap`) plus `prlimit`: the Linux sandbox. The first `status()` looks the tools up and
 * starts one empty sandbox with the same options a Run uses, so a kernel that refuses user namespaces is
 * reported before any Run, with what to do about it.
 */
export class LinuxSandbox implements Sandbox {
  private found: Promise<SandboxStatus> | null = null;
  private resolvedTools: BwrapTools | null = null;
  private layout: HostLayout | null = null;
  private readonly asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

  constructor(private readonly pathEnv: string) {}

  async status(): Promise<SandboxStatus> {
    const status = await (this.found ??= this.detect());
    // Looked up again while missing: installing bubblewrap must not need a restart of the app.
    if (!status.available) this.found = null;
    return status;
  }

  wrap(step: SandboxStep): WrappedCommand {
    const tools = this.tools();
    this.layout ??= hostLayout();
    return { command: tools.bwrap, args: bwrapArgs(tools, this.layout, step, this.asRoot), inputs: this.accounts(step.runDir) };
  }

  private accounts(home: string): [string, string] {
    const owner = this.owner();
    const uid = owner?.uid ?? (typeof process.getuid === 'function' ? process.getuid() : 0);
    const gid = owner?.gid ?? (typeof process.getgid === 'function' ? process.getgid() : 0);
    return sandboxAccounts(uid, gid, home);
  }

  owner(): { uid: number; gid: number } | null {
    return this.asRoot ? { uid: SANDBOX_UID, gid: SANDBOX_GID } : null;
  }

  watch(pid: number, limits: SandboxLimits, onLimit: (limit: RunLimitName, usage: SandboxUsage) => void): () => void {
    return watchProcessTree(pid, limits, onLimit);
  }

  private tools(): BwrapTools {
    if (!this.resolvedTools) throw new Error('the sandbox was used before status() found it available');
    return this.resolvedTools;
  }

  private async detect(): Promise<SandboxStatus> {
    const unavailable = (detail: string, hint: string): SandboxStatus => ({ available: false, tool: 'bwrap', detail, hint });
    // Real paths: the sandbox shows the system's folders, not the symlink farms that may lead there.
    const lookup = async (name: string) => {
      const found = await findOnPath(name, this.pathEnv);
      return found ? realpathSync(found) : null;
    };
    const bwrap = await lookup('bwrap');
    if (!bwrap) return unavailable('bubblewrap (bwrap) is not installed.', BWRAP_INSTALL_HINT);
    const prlimit = await lookup('prlimit');
    const setpriv = this.asRoot ? await lookup('setpriv') : null;
    if (!prlimit || (this.asRoot && !setpriv)) {
      return unavailable(
        `${prlimit ? 'setpriv' : 'prlimit'} (util-linux) is not installed, so the sandbox cannot apply its limits.`,
        'Install it with sudo apt install util-linux (or your system’s package manager).',
      );
    }
    const env = { PATH: this.pathEnv, LANG: 'C.UTF-8' };
    const version = parseVersion(await versionText(bwrap, env)) ?? [0, 0, 0];
    const tools: BwrapTools = { bwrap, prlimit, nice: await lookup('nice'), setpriv, version };
    // One empty sandbox with a Run's own options: what works here works for every Run.
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'ir-sandbox-probe-')));
    try {
      if (this.asRoot) chownSync(dir, SANDBOX_UID, SANDBOX_GID);
      this.layout ??= hostLayout();
      const trueCommand = (await lookup('true')) ?? '/bin/true';
      const step: SandboxStep = {
        command: trueCommand,
        args: [],
        runDir: dir,
        writable: [],
        readable: [dirname(trueCommand)],
        limits: { processes: 16, memoryBytes: 256 * 1024 * 1024, fileSizeBytes: 1024 * 1024, cpuSeconds: 5 },
      };
      const probe = await runWithInputs(bwrap, bwrapArgs(tools, this.layout, step, this.asRoot), env, this.accounts(dir));
      if (probe.code !== 0) {
        const reason = (probe.stderr.trim().split('\n')[0] ?? '').trim() || `exit code ${String(probe.code)}`;
        const namespaces = /namespace|uid map|setting up uid|Operation not permitted|No permissions/i.test(reason);
        return unavailable(
          `bubblewrap is installed but cannot create a sandbox here (${reason}).`,
          namespaces
            ? 'bwrap needs unprivileged user namespaces: enable them (sysctl kernel.unprivileged_userns_clone=1; on Ubuntu 24.04 and ' +
                'later, an AppArmor profile for bwrap or kernel.apparmor_restrict_unprivileged_userns=0), then run again.'
            : 'Check that bubblewrap works with: bwrap --ro-bind / / true, then run again.',
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    this.resolvedTools = tools;
    return {
      available: true,
      tool: 'bwrap',
      detail:
        `bubblewrap ${version.join('.')}: no access to your files or the network; its own user, process and IPC namespaces; ` +
        'limits on processes, memory, file size and CPU time.',
    };
  }
}

/** The folders of the sandbox's own tools, which must be visible inside it too (prlimit, and bwrap + setpriv as root). */
export function toolDirs(tools: BwrapTools): string[] {
  return [tools.prlimit, tools.bwrap, ...(tools.nice ? [tools.nice] : []), ...(tools.setpriv ? [tools.setpriv] : [])].map((p) =>
    dirname(p),
  );
}
