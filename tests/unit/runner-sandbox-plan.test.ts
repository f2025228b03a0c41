import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeRunner, RunService, UTILITY_BOOTSTRAP, nodePermissionArgs, hasPermissionModel } from '../../electron/services/runner';
import { unsandboxedRefusal } from '../../electron/services/runner/run-service';
import {
  bwrapArgs,
  prlimitArgs,
  sandboxAccounts,
  SANDBOX_UID,
  type BwrapTools,
  type HostLayout,
} from '../../electron/services/runner/sandbox/linux';
import { limitOfRun, signalFromExitCode, programLimits, compileLimits, describeLimit } from '../../electron/services/runner/sandbox/limits';
import { sandboxExecProfile, sbplString } from '../../electron/services/runner/sandbox/macos';
import { encodePowerShell, jobLauncherScript, psString, quoteWindowsArg } from '../../electron/services/runner/sandbox/windows';
import { linkedFolders } from '../../electron/services/runner/sandbox/toolchain-roots';
import type { SandboxStep } from '../../electron/services/runner/sandbox/types';
import type { AppServices } from '../../electron/services';
import { makeServices, validConfig } from '../support/services';

/** The sandbox's plans, generated as plain data (bwrap and prlimit arguments, macOS and Windows launchers), and the room's policy. */

const TOOLS: BwrapTools = {
  bwrap: '/usr/bin/bwrap',
  prlimit: '/usr/bin/prlimit',
  nice: '/usr/bin/nice',
  setpriv: '/usr/bin/setpriv',
  version: [0, 8, 0],
};
const LAYOUT: HostLayout = {
  symlinks: { '/bin': 'usr/bin', '/lib': 'usr/lib' },
  readOnly: ['/usr', '/etc/ld.so.cache', '/etc/alternatives'],
};
const STEP: SandboxStep = {
  command: '/opt/py/bin/python3',
  args: ['main.py'],
  runDir: '/tmp/ir-run-abc',
  writable: ['/home/u/.config/Interview Recorder/cache/go'],
  readable: ['/opt/py', '/opt/py/lib', '/usr/lib/jvm/java-17'],
  limits: programLimits(10_000),
};

/** Pairs of `flag value` (or `flag a b`) in an argument list, as [flag, ...values] tuples. */
function occurrences(args: string[], flag: string, arity: number): string[][] {
  const out: string[][] = [];
  args.forEach((a, i) => a === flag && out.push(args.slice(i + 1, i + 1 + arity)));
  return out;
}

describe('bwrap arguments', () => {
  it('as a user: every namespace, read-only system and toolchain, only the Run folder and caches writable, limits last', () => {
    const args = bwrapArgs(TOOLS, LAYOUT, STEP, false);
    for (const flag of ['--unshare-user', '--disable-userns', '--unshare-pid', '--unshare-net', '--unshare-ipc', '--unshare-uts'])
      expect(args).toContain(flag);
    expect(args).toContain('--die-with-parent');
    expect(args).toContain('--new-session');
    expect(args).not.toContain('--share-net');
    expect(args).not.toContain(TOOLS.setpriv);
    expect(occurrences(args, '--symlink', 2)).toEqual([
      ['usr/bin', '/bin'],
      ['usr/lib', '/lib'],
    ]);
    // The toolchain under /usr is already shown; /opt/py once (its lib folder is inside it).
    expect(occurrences(args, '--ro-bind', 2)).toEqual([
      ['/usr', '/usr'],
      ['/etc/ld.so.cache', '/etc/ld.so.cache'],
      ['/etc/alternatives', '/etc/alternatives'],
      ['/opt/py', '/opt/py'],
    ]);
    expect(occurrences(args, '--bind', 2)).toEqual([
      ['/tmp/ir-run-abc', '/tmp/ir-run-abc'],
      ['/home/u/.config/Interview Recorder/cache/go', '/home/u/.config/Interview Recorder/cache/go'],
    ]);
    // Every folder on the way to a mount is made, traversable, before the mount; never /home itself with its contents.
    const made = occurrences(args, '--dir', 1).map(([d]) => d);
    expect(made).toEqual([
      '/etc',
      '/opt',
      '/tmp',
      '/home',
      '/home/u',
      '/home/u/.config',
      '/home/u/.config/Interview Recorder',
      '/home/u/.config/Interview Recorder/cache',
    ]);
    expect(args.indexOf('--dir')).toBeLessThan(args.indexOf('--bind'));
    expect(occurrences(args, '--ro-bind-data', 2)).toEqual([
      ['3', '/etc/passwd'],
      ['4', '/etc/group'],
    ]);
    expect(sandboxAccounts(1000, 1000, '/tmp/ir-run-abc')).toEqual([
      'sandbox:x:1000:1000:Interview Recorder sandbox:/tmp/ir-run-abc:/bin/sh\n',
      'sandbox:x:1000:\n',
    ]);
    expect(occurrences(args, '--remount-ro', 1)).toEqual([['/dev'], ['/']]);
    expect(occurrences(args, '--chdir', 1)).toEqual([['/tmp/ir-run-abc']]);
    const end = args.indexOf('--');
    expect(args.slice(end + 1)).toEqual([
      TOOLS.prlimit,
      ...prlimitArgs(STEP.limits),
      '--',
      '/usr/bin/nice',
      '-n',
      '10',
      '/opt/py/bin/python3',
      'main.py',
    ]);
  });

  it('as root: mounts as root, then the program becomes an unprivileged user in its own user namespace', () => {
    const args = bwrapArgs(TOOLS, LAYOUT, STEP, true);
    const outer = args.slice(0, args.indexOf('--'));
    expect(outer).not.toContain('--unshare-user');
    expect(occurrences(outer, '--cap-add', 1)).toEqual([['CAP_SETUID'], ['CAP_SETGID']]);
    const rest = args.slice(args.indexOf('--') + 1);
    expect(rest.slice(0, 8)).toEqual([
      TOOLS.setpriv,
      `--reuid=${SANDBOX_UID}`,
      `--regid=${SANDBOX_UID}`,
      '--clear-groups',
      '--inh-caps=-all',
      '--bounding-set=-all',
      '--no-new-privs',
      '--',
    ]);
    const inner = rest.slice(8);
    expect(inner.slice(0, 3)).toEqual([TOOLS.bwrap, '--unshare-user', '--disable-userns']);
    expect(inner).toContain('--die-with-parent');
    expect(inner.slice(inner.indexOf('--') + 1, inner.indexOf('--') + 2)).toEqual([TOOLS.prlimit]);
  });

  it('leaves out options an older bwrap does not have', () => {
    const args = bwrapArgs({ ...TOOLS, version: [0, 6, 1] }, LAYOUT, STEP, false);
    expect(args).toContain('--unshare-user');
    expect(args).not.toContain('--disable-userns');
    expect(args).not.toContain('--size');
  });

  it('prlimit: processes, memory, file size, CPU with a hard limit a second later, no core dumps', () => {
    expect(prlimitArgs({ processes: 128, memoryBytes: 536870912, fileSizeBytes: 67108864, cpuSeconds: 21 })).toEqual([
      '--nproc=128',
      '--data=536870912',
      '--fsize=67108864',
      '--cpu=21:22',
      '--core=0',
      '--nofile=1024',
    ]);
    expect(programLimits(10_000)).toEqual({
      processes: 128,
      memoryBytes: 512 * 1024 * 1024,
      fileSizeBytes: 64 * 1024 * 1024,
      cpuSeconds: 21,
    });
    expect(compileLimits(60_000).memoryBytes).toBe(2048 * 1024 * 1024);
  });
});

describe('naming the limit that ended a Run', () => {
  const base = { outputCapped: false, timedOut: false, watched: null, failed: true, signal: null, stderr: '', fileAtLimit: false };

  it('from the runner, the watch, signals, files and the runtimes’ own words', () => {
    expect(limitOfRun({ ...base, failed: false })).toBeUndefined();
    expect(limitOfRun({ ...base, stderr: 'Traceback…\nValueError: bad\n' })).toBeUndefined();
    expect(limitOfRun({ ...base, outputCapped: true, timedOut: true })).toBe('output');
    expect(limitOfRun({ ...base, watched: 'processes' })).toBe('processes');
    expect(limitOfRun({ ...base, timedOut: true })).toBe('time');
    expect(limitOfRun({ ...base, signal: 'SIGXCPU' })).toBe('time');
    expect(limitOfRun({ ...base, signal: 'SIGXFSZ' })).toBe('fileSize');
    expect(limitOfRun({ ...base, fileAtLimit: true })).toBe('fileSize');
    expect(limitOfRun({ ...base, stderr: 'OSError: [Errno 27] File too large' })).toBe('fileSize');
    expect(limitOfRun({ ...base, stderr: 'MemoryError' })).toBe('memory');
    expect(limitOfRun({ ...base, stderr: "terminate called after throwing an instance of 'std::bad_alloc'" })).toBe('memory');
    expect(limitOfRun({ ...base, stderr: 'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space' })).toBe('memory');
    expect(limitOfRun({ ...base, stderr: 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory' })).toBe(
      'memory',
    );
    expect(limitOfRun({ ...base, stderr: 'memory allocation of 4294967296 bytes failed' })).toBe('memory');
    expect(limitOfRun({ ...base, stderr: 'BlockingIOError: [Errno 11] Resource temporarily unavailable' })).toBe('processes');
    expect(limitOfRun({ ...base, stderr: 'java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory' })).toBe(
      'processes',
    );
  });

  it('turns bwrap’s 128 + N exit codes back into signals, the usual name first', () => {
    expect(signalFromExitCode(134)).toBe('SIGABRT');
    expect(signalFromExitCode(137)).toBe('SIGKILL');
    expect(signalFromExitCode(139)).toBe('SIGSEGV');
    expect(signalFromExitCode(152)).toBe('SIGXCPU');
    for (const code of [null, 0, 1, 128, 255]) expect(signalFromExitCode(code)).toBeNull();
  });

  it('reads as a person would say it', () => {
    expect(describeLimit('memory', programLimits(10_000), 10_000, 1_048_576)).toBe('the memory limit (512 MB)');
    expect(describeLimit('processes', programLimits(10_000), 10_000, 1_048_576)).toBe('the limit of 128 processes and threads');
    expect(describeLimit('time', null, 2_500, 1_048_576)).toBe('the time limit (2.5 s)');
    expect(describeLimit('output', null, 10_000, 1_048_576)).toBe('the output limit (1 MB per stream)');
  });
});

describe('macOS: the sandbox-exec profile', () => {
  it('denies the network and reads outside the system, the toolchain and the Run; writes only the Run and caches', () => {
    const profile = sandboxExecProfile(
      { runDir: '/private/var/folders/ab/T/ir-run-1', readable: ['/Users/me/.pyenv/versions/3.12.1'], writable: ['/Users/me/cache/go'] },
      '/private/var/folders/ab/C',
    );
    const lines = profile.trim().split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '(version 1)',
      '(allow default)',
      '(deny network*)',
      '(deny file-read*)',
      '(allow file-read-metadata)',
    ]);
    const reads = lines.find((l) => l.startsWith('(allow file-read* (subpath'));
    expect(reads).toContain('(subpath "/usr")');
    expect(reads).toContain('(subpath "/Users/me/.pyenv/versions/3.12.1")');
    expect(reads).toContain('(subpath "/private/var/folders/ab/T/ir-run-1")');
    expect(reads).toContain('(subpath "/private/var/folders/ab/C")');
    expect(reads).not.toMatch(/\(subpath "\/Users"\)/);
    // Later rules win in this language: the write denial comes after every read rule, its exceptions last.
    expect(lines.indexOf('(deny file-write*)')).toBe(lines.length - 2);
    expect(lines.at(-1)).toMatch(
      /^\(allow file-write\* \(subpath "\/private\/var\/folders\/ab\/T\/ir-run-1"\) \(subpath "\/Users\/me\/cache\/go"\)/,
    );
  });

  it('quotes paths so that none can end a string and add a rule', () => {
    expect(sbplString('/tmp/a "b"\\c')).toBe('"/tmp/a \\"b\\"\\\\c"');
    const profile = sandboxExecProfile({ runDir: '/tmp/x") (allow network*) ("', readable: [], writable: [] }, null);
    expect(profile).not.toMatch(/^\(allow network\*\)/m);
    expect(profile).toContain('(subpath "/tmp/x\\") (allow network*) (\\"")');
  });
});

describe('Windows: the job object launcher', () => {
  it('quotes arguments the way the C runtime reads them back', () => {
    expect(quoteWindowsArg('main.py')).toBe('main.py');
    expect(quoteWindowsArg('')).toBe('""');
    expect(quoteWindowsArg('C:\\Program Files\\Python\\python.exe')).toBe('"C:\\Program Files\\Python\\python.exe"');
    expect(quoteWindowsArg('say "hi"')).toBe('"say \\"hi\\""');
    expect(quoteWindowsArg('C:\\dir with space\\')).toBe('"C:\\dir with space\\\\"');
    expect(quoteWindowsArg('a\\\\"b')).toBe('"a\\\\\\\\\\"b"');
  });

  it('starts the program in a job with the step’s limits, from a script PowerShell can take encoded', () => {
    const script = jobLauncherScript(
      { command: 'C:\\Python 3\\python.exe', args: ['main.py'], runDir: "C:\\Users\\o'neil\\Temp\\ir-run-1" },
      programLimits(10_000),
      'C:\\cache\\job-launcher-v1.dll',
    );
    expect(script).toContain("$dll = 'C:\\cache\\job-launcher-v1.dll'");
    expect(script).toContain(
      `exit [InterviewRecorderJob]::Run('"C:\\Python 3\\python.exe" main.py', 'C:\\Users\\o''neil\\Temp\\ir-run-1', 128, 536870912, 21)`,
    );
    expect(script).toContain('LIMIT_KILL_ON_JOB_CLOSE');
    expect(script).toContain('CREATE_SUSPENDED');
    expect(psString("it's")).toBe("'it''s'");
    expect(Buffer.from(encodePowerShell(script), 'base64').toString('utf16le')).toBe(script);
  });
});

describe('JavaScript under Node’s permission model', () => {
  it('uses the flag each Node version knows, and refuses Nodes without the model', () => {
    expect(nodePermissionArgs('v20.19.0', '/tmp/r', 512 * 1024 * 1024)).toEqual([
      '--experimental-permission',
      '--allow-fs-read=/tmp/r',
      '--allow-fs-read=/dev/stdin',
      '--allow-fs-write=/tmp/r',
      '--disable-warning=ExperimentalWarning',
      '--max-old-space-size=384',
    ]);
    expect(nodePermissionArgs('22.13.1', '/tmp/r', 512 * 1024 * 1024)[0]).toBe('--permission');
    expect(nodePermissionArgs('23.4.0', '/tmp/r', 512 * 1024 * 1024)[0]).toBe('--experimental-permission');
    expect(nodePermissionArgs('v24.1.0', '/tmp/r', 512 * 1024 * 1024)[0]).toBe('--permission');
    expect(hasPermissionModel('v18.20.0')).toBe(false);
    expect(hasPermissionModel('v20.18.3')).toBe(false);
    expect(hasPermissionModel(process.version)).toBe(true);
  });

  describe('the utilityProcess bootstrap, run on this Node', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'ir-bootstrap-'));
      writeFileSync(join(dir, '.bootstrap.cjs'), UTILITY_BOOTSTRAP);
      writeFileSync(join(dir, '.stdin'), '20 22');
      writeFileSync(
        join(dir, 'main.js'),
        `const fs = require('fs');
const a = fs.readFileSync(0, 'utf8');
let b = '';
process.stdin.on('data', (c) => (b += c)).on('end', () => {
  let spawned;
  try { require('child_process').spawnSync('/bin/true'); spawned = 'yes'; } catch (e) { spawned = e.code; }
  console.log(a, '|', fs.readFileSync('/dev/stdin', 'utf8'), '|', b, '|', spawned);
});`,
      );
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const boot = (execArgv: string[]) =>
      spawnSync(process.execPath, [...execArgv, join(dir, '.bootstrap.cjs')], {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: '', IR_SCRIPT: join(dir, 'main.js'), IR_STDIN_FILE: join(dir, '.stdin') },
      });

    it('serves the input three ways under the permission model, which keeps child processes out', () => {
      const r = boot(nodePermissionArgs(process.version, dir, 512 * 1024 * 1024));
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('20 22 | 20 22 | 20 22 | ERR_ACCESS_DENIED\n');
    });

    it('refuses to run the program where the permission model is not in force', () => {
      const r = boot([]);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain("JavaScript cannot run: Node's permission model is not in force here");
    });
  });
});

describe('folders a toolchain links to outside itself', () => {
  it('are found once each, only where they are looked for', () => {
    const base = mkdtempSync(join(tmpdir(), 'ir-jdk-'));
    try {
      const home = join(base, 'jdk');
      const etc = join(base, 'etc', 'java-17');
      for (const d of [join(home, 'conf', 'security'), join(home, 'lib'), join(home, 'legal'), join(etc, 'security')])
        mkdirSync(d, { recursive: true });
      for (const f of ['logging.properties', 'jvm.cfg', 'security/java.security']) writeFileSync(join(etc, f), '');
      symlinkSync(join(etc, 'logging.properties'), join(home, 'conf', 'logging.properties'));
      symlinkSync(join(etc, 'security', 'java.security'), join(home, 'conf', 'security', 'java.security'));
      symlinkSync(join(etc, 'jvm.cfg'), join(home, 'lib', 'jvm.cfg'));
      symlinkSync('../lib/jvm.cfg', join(home, 'legal', 'inside-link'));
      symlinkSync(join(base, 'elsewhere'), join(home, 'legal', 'not-looked-at'));
      expect(linkedFolders(home, ['conf', 'lib'])).toEqual([etc]);
      // A linked folder is given itself (Debian's GOROOT/src → /usr/share/go-N/src), one level deep here.
      const share = join(base, 'share', 'src');
      mkdirSync(share, { recursive: true });
      symlinkSync(share, join(home, 'src'));
      expect(linkedFolders(home, ['.'], 1)).toEqual([share]);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});

describe('the room without a sandbox', () => {
  let services: AppServices;
  let runs: RunService;
  let bin: string;

  beforeAll(() => {
    services = makeServices();
    bin = join(services.paths.dataDir, 'bin-without-bwrap');
    mkdirSync(bin);
    for (const tool of ['python3', 'prlimit', 'setpriv']) symlinkSync(join('/usr/bin', tool), join(bin, tool));
    const runner = new CodeRunner({ cacheDir: services.paths.cache, pathEnv: bin });
    runs = new RunService(runner, services.sessions, services.telemetry, services.events, services.settings);
  });
  afterAll(() => services.close());

  const session = (mode: 'practice' | 'graded') => {
    const { id } = services.sessions.create({ ...validConfig(), mode });
    services.sessions.start(id);
    return id;
  };
  const start = (id: string) =>
    runs.start({ interviewSessionId: id, language: 'python', file: 'main.py', source: 'print("ran")', offsetMs: 0 });

  it('refuses Runs until running without the sandbox is allowed, and a graded interview always', async () => {
    const practice = session('practice');
    const graded = session('graded');
    await expect(start(practice)).rejects.toThrow(
      /Code cannot run without the sandbox: bubblewrap \(bwrap\) is not installed.*sudo apt install bubblewrap.*Settings → Code runner/,
    );
    const info = await runs.sandbox(practice);
    expect(info).toMatchObject({ available: false, tool: 'bwrap', runsAllowed: false });
    expect(info.notice).toMatch(/^Code cannot run without the sandbox:/);

    services.settings.update({ runner: { allowUnsandboxed: true } });
    const exits: unknown[] = [];
    const off = services.events.subscribe((channel, payload) => channel === 'runner:exit' && exits.push(payload));
    await start(practice);
    await runs.settle();
    off();
    expect(exits).toEqual([expect.objectContaining({ result: expect.objectContaining({ status: 'success', exitCode: 0 }) })]);
    const allowed = await runs.sandbox(practice);
    expect(allowed.runsAllowed).toBe(true);
    expect(allowed.notice).toMatch(/^Programs run without a sandbox on this computer.*sudo apt install bubblewrap/);

    await expect(start(graded)).rejects.toThrow(/^Code cannot run in a graded interview without the sandbox:/);
    expect(await runs.sandbox(graded)).toMatchObject({ runsAllowed: false, notice: expect.stringMatching(/graded interview/) });
    expect(unsandboxedRefusal({ available: true, tool: 'bwrap', detail: '' }, 'graded', false)).toBeNull();
  });
});
