import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { basename, delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeRunner, nodeJsLauncher, type RunRequest, type RunResult } from '../../electron/services/runner';

/**
 * What the sandbox holds a candidate's program to, against real programs, real toolchains, the real
 * bwrap and a real TCP server (Linux; CI installs bubblewrap). Each hole is first shown open without
 * the sandbox where that is safe to do, so a test that passes cannot pass for the wrong reason.
 */

const COMPILED = { timeout: 60_000 };
const SLOW = { timeout: 30_000 };

let root: string;
let tmpRoot: string;
let cacheDir: string;
let runner: CodeRunner;
/** The same runner with no sandbox at all: what a program could do before. */
let bare: CodeRunner;
const canary = join(homedir(), `.ir-sandbox-canary-${process.pid}`);
const SECRET = 'the-canary-secret-42';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ir-sandbox-test-'));
  tmpRoot = join(root, 'runs');
  cacheDir = join(root, 'cache');
  mkdirSync(tmpRoot);
  writeFileSync(canary, SECRET);
  runner = new CodeRunner({ tmpRoot, cacheDir });
  bare = new CodeRunner({ tmpRoot, cacheDir, sandbox: null });
});

afterAll(() => {
  runner.stopAll();
  bare.stopAll();
  rmSync(canary, { force: true });
  rmSync(root, { recursive: true, force: true });
});

const run = (request: RunRequest, using: CodeRunner = runner): Promise<RunResult> => using.start(request, () => undefined).done;
const unsandboxed = (request: RunRequest) => run({ ...request, allowUnsandboxed: true }, bare);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await sleep(25);
  }
}

/** Live (not zombie) processes whose command line or name holds `marker`, seen from outside through /proc. */
function processesWith(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2)[0] === 'Z') continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (cmdline.includes(marker) || comm === marker) found.push(Number(entry));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return found;
}

it('bubblewrap is there and works on this machine', async () => {
  const status = await runner.sandboxStatus();
  expect(status).toMatchObject({ available: true, tool: 'bwrap' });
  expect(status.detail).toMatch(/^bubblewrap \d+\.\d+/);
  expect((await run({ language: 'python', source: 'print("inside")' })).sandboxed).toBe(true);
});

describe('files', () => {
  const READ_CANARY = `import os
try:
    print(open(${JSON.stringify(canary)}).read())
except OSError as e:
    print('read failed:', type(e).__name__)
try:
    print(sorted(os.listdir(${JSON.stringify(homedir())})))
except OSError as e:
    print('list failed:', type(e).__name__)
`;

  it('a Python program cannot read a file in the home directory (it can without the sandbox)', async () => {
    const open = await unsandboxed({ language: 'python', source: READ_CANARY });
    expect(open.stdout).toContain(SECRET);
    const result = await run({ language: 'python', source: READ_CANARY });
    expect(result.status).toBe('success');
    expect(result.stdout).not.toContain(SECRET);
    expect(result.stdout).toContain('read failed: FileNotFoundError');
    // Home shows at most the toolchain folders the sandbox needs (pyenv's Python lives there), never the rest.
    expect(result.stdout).not.toContain(basename(canary));
  });

  it('neither can JavaScript, nor C++, nor the C++ compiler', COMPILED, async () => {
    const js = await run({
      language: 'javascript',
      source: `try { console.log(require('fs').readFileSync(${JSON.stringify(canary)}, 'utf8')); } catch (e) { console.log('read failed:', e.code); }`,
    });
    expect(js.stdout).not.toContain(SECRET);
    expect(js.stdout).toMatch(/^read failed: (ERR_ACCESS_DENIED|ENOENT)\n$/);

    const cpp = await run({
      language: 'cpp',
      source: `#include <fstream>\n#include <iostream>\n#include <string>\nint main() { std::ifstream f(${JSON.stringify(canary)}); std::string s; if (f >> s) std::cout << s; else std::cout << "read failed"; }\n`,
    });
    expect(cpp.stdout).toBe('read failed');

    const compiler = await run({ language: 'cpp', source: `#include ${JSON.stringify(canary)}\nint main() { return 0; }\n` });
    expect(compiler.status).toBe('error');
    expect(compiler.stderr).toContain('No such file or directory');
    expect(compiler.stderr).not.toContain(SECRET);
  });

  it('a Python virtual environment on PATH is the one the program runs in', SLOW, async () => {
    const venv = join(root, 'venv');
    execFileSync('python3', ['-m', 'venv', '--without-pip', venv]);
    const inVenv = new CodeRunner({ tmpRoot, cacheDir, pathEnv: `${join(venv, 'bin')}${delimiter}${process.env.PATH ?? ''}` });
    const result = await run({ language: 'python', source: 'import sys\nprint(sys.prefix, sys.prefix != sys.base_prefix)\n' }, inVenv);
    expect(result).toMatchObject({ status: 'success', sandboxed: true, stdout: `${venv} True\n` });
  });

  it('the program sees one account, its own, not the machine’s', async () => {
    const { stdout } = await run({
      language: 'python',
      source:
        'import os, pwd\nme = pwd.getpwuid(os.getuid())\nprint(me.pw_name, me.pw_dir == os.getcwd(), [p.pw_name for p in pwd.getpwall()])\n',
    });
    expect(stdout).toBe("sandbox True ['sandbox']\n");
    const js = await run({ language: 'javascript', source: 'console.log(require("os").userInfo().username)' });
    expect(js.stdout).toBe('sandbox\n');
  });

  it('writes land only in the Run’s own folder: the rest of the file system is read-only', async () => {
    const { stdout } = await run({
      language: 'python',
      source: `import os
for path in ['/tmp/ir-escape', '/usr/ir-escape', '/ir-escape', '/dev/ir-escape', os.path.join(os.getcwd(), 'mine.txt')]:
    try:
        open(path, 'w').write('x')
        print('wrote', path == os.path.join(os.getcwd(), 'mine.txt') and 'own folder' or path)
    except OSError as e:
        print('refused', e.errno)
`,
    });
    expect(stdout.trim().split('\n')).toEqual(['refused 30', 'refused 30', 'refused 30', 'refused 30', 'wrote own folder']);
  });
});

describe('network', () => {
  let server: Server;
  let port = 0;
  let connections = 0;

  beforeAll(async () => {
    server = createServer((socket) => {
      connections++;
      socket.end('hello from the host\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const connect = () => `import socket
try:
    s = socket.create_connection(('127.0.0.1', ${port}), timeout=3)
    print('connected:', s.recv(100).decode().strip())
except OSError as e:
    print('connect failed:', type(e).__name__)
`;

  it('a program cannot reach a server on the host’s loopback (it can without the sandbox)', async () => {
    const open = await unsandboxed({ language: 'python', source: connect() });
    expect(open.stdout).toBe('connected: hello from the host\n');
    expect(connections).toBe(1);

    const result = await run({ language: 'python', source: connect() });
    expect(result.stdout).toBe('connect failed: ConnectionRefusedError\n');
    const js = await run({
      language: 'javascript',
      source: `const s = require('net').connect(${port}, '127.0.0.1');\ns.on('connect', () => { console.log('connected'); s.end(); });\ns.on('error', (e) => console.log('connect failed:', e.code));`,
    });
    expect(js.stdout).toBe('connect failed: ECONNREFUSED\n');
    expect(connections).toBe(1);
  });
});

describe('processes', () => {
  it('a fork bomb ends as an error naming the process limit, and the machine stays fine', SLOW, async () => {
    const marker = `irbomb${process.pid % 100000}`;
    const source = `import ctypes, os
ctypes.CDLL(None).prctl(15, ${JSON.stringify(marker)}.encode(), 0, 0, 0)
while True:
    try:
        os.fork()
    except OSError:
        pass
`;
    let most = 0;
    const handle = runner.start({ language: 'python', source, timeoutMs: 20_000 }, () => undefined);
    const counting = setInterval(() => (most = Math.max(most, processesWith(marker).length)), 20);
    const result = await handle.done;
    clearInterval(counting);
    expect(result).toMatchObject({ status: 'error', limit: 'processes', timedOut: false, stopped: false });
    expect(result.limitText).toBe('the limit of 128 processes and threads');
    // Ended by the watch as soon as it saw the limit reached, not by the 20 s time limit.
    expect(result.durationMs).toBeLessThan(10_000);
    expect(most).toBeGreaterThan(10);
    expect(most).toBeLessThanOrEqual(128);
    await waitFor(() => processesWith(marker).length === 0, 3_000);
    // The test's own process is alive and well, and the next Run works.
    expect(process.memoryUsage().rss).toBeGreaterThan(0);
    expect(await run({ language: 'python', source: 'print("still fine")' })).toMatchObject({ status: 'success', stdout: 'still fine\n' });
  });

  for (const when of ['Stop', 'a timeout'] as const) {
    it(`a child that left with setsid() is gone after ${when} (it survives without the sandbox)`, SLOW, async () => {
      const marker = `ir-setsid-${when === 'Stop' ? 'stop' : 'timeout'}-${process.pid}-${Date.now()}`;
      const source = `import os, time
if os.fork() == 0:
    os.setsid()
    os.execv('/bin/sleep', [${JSON.stringify(marker)}, '1000'])
print('started', flush=True)
time.sleep(60)
`;
      if (when === 'Stop') {
        // Without the sandbox, killing the process group misses the child in its own session.
        const escaped = bare.start({ language: 'python', source, allowUnsandboxed: true }, () => undefined);
        await waitFor(() => processesWith(marker).length === 1);
        escaped.stop();
        await escaped.done;
        await sleep(300);
        const survivors = processesWith(marker);
        expect(survivors).toHaveLength(1);
        for (const pid of survivors) process.kill(pid, 'SIGKILL');
        await waitFor(() => processesWith(marker).length === 0);
      }
      const handle = runner.start({ language: 'python', source, timeoutMs: when === 'Stop' ? 30_000 : 2_000 }, () => undefined);
      await waitFor(() => processesWith(marker).length === 1);
      if (when === 'Stop') runner.stop(handle.runId);
      const result = await handle.done;
      expect(result).toMatchObject(when === 'Stop' ? { stopped: true } : { timedOut: true, limit: 'time' });
      await waitFor(() => processesWith(marker).length === 0, 3_000);
    });
  }

  const SPAWN_ATTEMPTS = `const attempts = {
  require: () => require('child_process').spawnSync('/bin/echo', ['spawned']).stdout.toString(),
  importExec: async () => (await import('node:child_process')).execSync('echo spawned').toString(),
  importSpawn: async () => { (await import('node:child_process')).spawn('/bin/true'); return 'spawned'; },
  binding: () => typeof process.binding('spawn_sync').spawn,
  worker: async () => { new (await import('node:worker_threads')).Worker('1', { eval: true }); return 'worker started'; },
};
(async () => {
  for (const [name, attempt] of Object.entries(attempts)) {
    try { console.log(name, 'did:', String(await attempt()).trim()); } catch (e) { console.log(name, 'refused:', e.code); }
  }
})();
`;
  const REFUSED = ['require', 'importExec', 'importSpawn', 'binding', 'worker'].map((n) => `${n} refused: ERR_ACCESS_DENIED`);

  it('JavaScript cannot start processes or threads, however it asks (it can without the permission model)', SLOW, async () => {
    const open = await run({ language: 'javascript', source: SPAWN_ATTEMPTS, allowUnsandboxed: true }, bareWithoutPermissions());
    expect(open.stdout).toContain('require did: spawned');
    expect(open.stdout).toContain('importExec did: spawned');

    const sandboxed = await run({ language: 'javascript', source: SPAWN_ATTEMPTS });
    expect(sandboxed.sandboxed).toBe(true);
    expect(sandboxed.stdout.trim().split('\n')).toEqual(REFUSED);
    // The same on the launcher that runs JavaScript where there is no Node binary for the sandbox.
    const launcher = new CodeRunner({ tmpRoot, cacheDir, nodePath: null });
    const outside = await run({ language: 'typescript', source: SPAWN_ATTEMPTS }, launcher);
    expect(outside.sandboxed).toBe(false);
    expect(outside.stdout.trim().split('\n')).toEqual(REFUSED);
  });
});

/** A runner whose JavaScript launcher drops the permission flags: the program as Node runs it plainly. */
function bareWithoutPermissions(): CodeRunner {
  return new CodeRunner({
    tmpRoot,
    cacheDir,
    sandbox: null,
    jsLauncher: (script, options) => nodeJsLauncher(script, { ...options, execArgv: [] }),
  });
}

describe('memory and files', () => {
  it('a 4 GB allocation ends as an error naming the memory limit', SLOW, async () => {
    const python = await run({ language: 'python', source: 'data = bytearray(4 * 1024 ** 3)\nprint(len(data))\n' });
    expect(python).toMatchObject({ status: 'error', exitCode: 1, limit: 'memory', limitText: 'the memory limit (512 MB)' });
    expect(python.stderr).toContain('MemoryError');
    const cpp = await run({
      language: 'cpp',
      source:
        '#include <cstring>\n#include <iostream>\nint main() { size_t n = 4ULL << 30; char* p = new char[n]; std::memset(p, 1, n); std::cout << p[n - 1]; }\n',
    });
    expect(cpp).toMatchObject({ status: 'error', limit: 'memory', signal: 'SIGABRT' });
    expect(cpp.stderr).toContain('std::bad_alloc');
    expect(await run({ language: 'python', source: 'print("still fine")' })).toMatchObject({ status: 'success', stdout: 'still fine\n' });
  });

  it('processes that each stay under the memory limit are stopped together when they pass it', SLOW, async () => {
    const source = `import os, time
for _ in range(4):
    if os.fork() == 0:
        block = b'x' * (200 * 1024 * 1024)
        time.sleep(30)
        os._exit(0)
time.sleep(30)
`;
    const result = await run({ language: 'python', source, timeoutMs: 20_000 });
    expect(result).toMatchObject({ status: 'error', limit: 'memory', timedOut: false });
    expect(result.durationMs).toBeLessThan(15_000);
  });

  it('a file past the file size limit ends the Run naming that limit', SLOW, async () => {
    const result = await run({
      language: 'python',
      source: "with open('big.bin', 'wb') as f:\n    for _ in range(100):\n        f.write(b'x' * (1024 * 1024))\nprint('written')\n",
    });
    expect(result).toMatchObject({ status: 'error', limit: 'fileSize', limitText: 'the file size limit (64 MB)' });
    expect(result.stdout).toBe('');
  });
});

describe('compilers', () => {
  it('Go builds in the sandbox with its build cache in the cache folder, or says it is missing', { timeout: 120_000 }, async () => {
    const result = await run({ language: 'go', source: 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello go") }\n' });
    const uid = process.getuid?.() ?? 0;
    if (result.missingToolchain) {
      expect(result.missingToolchain).toMatchObject({ tool: 'go', language: 'go' });
      return;
    }
    expect(result).toMatchObject({ status: 'success', stdout: 'hello go\n', sandboxed: true });
    const cache = join(cacheDir, uid === 0 ? 'go-sandbox' : 'go', 'build');
    expect(readdirSync(cache).length).toBeGreaterThan(0);
    expect(readdirSync(tmpdir()).filter((n) => n === `interview-recorder-go-${uid}`)).toEqual([]);
  });
});

describe('without a sandbox', () => {
  it('a Run is refused with what is missing and how to install it, unless running without one is allowed', async () => {
    // A PATH with the toolchain and util-linux but no bwrap.
    const bin = join(root, 'bin-without-bwrap');
    mkdirSync(bin);
    for (const tool of ['python3', 'prlimit', 'setpriv']) symlinkSync(join('/usr/bin', tool), join(bin, tool));
    const missing = new CodeRunner({ tmpRoot, cacheDir, pathEnv: bin });
    expect(await missing.sandboxStatus()).toMatchObject({ available: false, tool: 'bwrap' });
    const refused = await run({ language: 'python', source: 'print("ran")' }, missing);
    expect(refused).toMatchObject({ status: 'error', exitCode: null, stdout: '', sandboxed: false });
    expect(refused.stderr).toContain('bubblewrap (bwrap) is not installed');
    expect(refused.stderr).toContain('sudo apt install bubblewrap');
    const allowed = await run({ language: 'python', source: 'print("ran")', allowUnsandboxed: true }, missing);
    expect(allowed).toMatchObject({ status: 'success', stdout: 'ran\n', sandboxed: false });
  });
});
