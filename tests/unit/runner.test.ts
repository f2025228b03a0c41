import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeRunner,
  nodeJsLauncher,
  runEvent,
  spawnGroup,
  RUN_LIMITS,
  type JsLauncher,
  type RunOutputChunk,
  type RunRequest,
  type RunResult,
} from '../../electron/services/runner';
import { validateTelemetryBatch } from '../../shared/telemetry';

/**
 * The code runner against real toolchains and real child processes: no mocks. Go may be missing on the
 * machine; its test asserts a successful run or the missing-toolchain answer, whichever PATH says.
 */

const POSIX = process.platform !== 'win32';
const COMPILED = { timeout: 60_000 };

let root: string;
let tmpRoot: string;
let cacheDir: string;
let runner: CodeRunner;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ir-runner-test-'));
  tmpRoot = join(root, 'runs');
  cacheDir = join(root, 'cache');
  mkdirSync(tmpRoot);
  runner = new CodeRunner({ tmpRoot, cacheDir });
});

afterAll(() => {
  runner.stopAll();
  rmSync(root, { recursive: true, force: true });
});

interface Collected {
  result: RunResult;
  chunks: (RunOutputChunk & { at: number })[];
  doneAt: number;
}

async function run(request: RunRequest, using: CodeRunner = runner): Promise<Collected> {
  const chunks: Collected['chunks'] = [];
  const handle = using.start(request, (c) => chunks.push({ ...c, at: performance.now() }));
  const result = await handle.done;
  expect(result.runId).toBe(handle.runId);
  for (const c of chunks) expect(c.runId).toBe(handle.runId);
  // What was streamed is exactly what the result holds.
  expect(
    chunks
      .filter((c) => c.stream === 'stdout')
      .map((c) => c.text)
      .join(''),
  ).toBe(result.stdout);
  expect(
    chunks
      .filter((c) => c.stream === 'stderr')
      .map((c) => c.text)
      .join(''),
  ).toBe(result.stderr);
  expect(result.outputHash).toBe(
    createHash('sha256')
      .update(result.stdout + result.stderr, 'utf8')
      .digest('hex'),
  );
  return { result, chunks, doneAt: performance.now() };
}

/** PATH lookup done by the test itself, independent of the runner's. */
function onPath(command: string): boolean {
  const names = POSIX ? [command] : ['.exe', '.cmd', '.bat', ''].map((e) => command + e);
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .some((dir) =>
      names.some((n) => {
        try {
          const p = join(dir, n);
          if (!statSync(p).isFile()) return false;
          if (POSIX) accessSync(p, constants.X_OK);
          return true;
        } catch {
          return false;
        }
      }),
    );
}

/** Alive and not a zombie (in a container nobody may reap an orphan, but a zombie runs nothing). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return !existsSync('/proc/self/stat');
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await sleep(25);
  }
}

/**
 * Processes whose command line holds `marker`, found from outside through /proc: inside the sandbox a
 * program sees neither the test's folders nor its process ids, so this is how the test finds what it left.
 */
function processesWith(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker) && isAlive(Number(entry))) found.push(Number(entry));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return found;
}

/** Python that starts a grandchild (a `sleep` renamed to `marker`) and says so. */
const pySpawnsChild = (marker: string, detach: boolean) => `import os, time
pid = os.fork()
if pid == 0:
    ${detach ? 'os.setsid()' : 'pass'}
    os.execv('/bin/sleep', [${JSON.stringify(marker)}, '1000'])
print('started', flush=True)
time.sleep(60)
`;

describe('Python', () => {
  it('prints and reads stdin', async () => {
    const { result } = await run({
      language: 'python',
      source: 'name = input()\nnums = [int(x) for x in input().split()]\nprint(f"hello {name}: {sum(nums)}")\n',
      stdin: 'Ada Lovelace\n1 2 3 4\n',
    });
    expect(result).toMatchObject({
      language: 'python',
      status: 'success',
      exitCode: 0,
      signal: null,
      timedOut: false,
      stopped: false,
      outputCapped: false,
    });
    expect(result.stdout).toBe('hello Ada Lovelace: 10\n');
    expect(result.stderr).toBe('');
    expect(result.missingToolchain).toBeUndefined();
  });

  it('gets an empty, closed stdin when none is given (a read returns at once)', async () => {
    const { result } = await run({ language: 'python', source: 'import sys\nprint(len(sys.stdin.read()))\n', timeoutMs: 5_000 });
    expect(result.stdout).toBe('0\n');
    expect(result.timedOut).toBe(false);
  });

  it('reports a non-zero exit code as an error with the traceback on stderr', async () => {
    const { result } = await run({ language: 'python', source: 'import sys\nprint("partial")\nsys.exit(3)\n' });
    expect(result).toMatchObject({ status: 'error', exitCode: 3, stdout: 'partial\n' });
    const crash = await run({ language: 'python', source: 'raise ValueError("bad input")\n' });
    expect(crash.result.status).toBe('error');
    expect(crash.result.stderr).toContain('ValueError: bad input');
  });

  it('streams output as it comes, before the program ends', async () => {
    const { result, chunks, doneAt } = await run({
      language: 'python',
      source: 'import time\nprint("first")\ntime.sleep(1)\nprint("second")\n',
    });
    expect(result.stdout).toBe('first\nsecond\n');
    const first = chunks.find((c) => c.text.includes('first'));
    expect(first).toBeDefined();
    expect(first?.text).not.toContain('second');
    expect(doneAt - (first?.at ?? doneAt)).toBeGreaterThan(600);
  });

  it('never splits a multi-byte character across chunks', async () => {
    const { result, chunks } = await run({
      language: 'python',
      source: [
        'import sys, time',
        'b = "€é😀".encode()',
        'for i in range(len(b)):',
        '    sys.stdout.buffer.write(b[i:i+1]); sys.stdout.buffer.flush(); time.sleep(0.02)',
        'sys.stdout.buffer.write(b"\\n")',
      ].join('\n'),
    });
    expect(result.stdout).toBe('€é😀\n');
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.text).not.toContain('\ufffd');
      expect(Buffer.from(c.text, 'utf8').toString('utf8')).toBe(c.text); // no lone surrogate
    }
  });
});

describe('JavaScript and TypeScript', () => {
  it('JavaScript: an uncaught throw is an error run with the message on stderr', async () => {
    const { result } = await run({ language: 'javascript', source: 'console.log("before");\nthrow new Error("boom from js");\n' });
    expect(result).toMatchObject({ status: 'error', exitCode: 1, stdout: 'before\n', timedOut: false });
    expect(result.stderr).toContain('boom from js');
  });

  it('JavaScript reads stdin (CommonJS and ES module syntax)', async () => {
    const cjs = await run({
      language: 'javascript',
      source: 'const s = require("fs").readFileSync(0, "utf8");\nconsole.log(s.trim().split(" ").map(Number).reduce((a, b) => a + b));\n',
      stdin: '20 22',
    });
    expect(cjs.result).toMatchObject({ status: 'success', stdout: '42\n' });
    const esm = await run({
      language: 'javascript',
      source: 'import { readFileSync } from "node:fs";\nconsole.log(readFileSync(0, "utf8").toUpperCase());\n',
      stdin: 'esm',
    });
    expect(esm.result).toMatchObject({ status: 'success', stdout: 'ESM\n' });
  });

  it('TypeScript with types, generics, enums and imports runs', async () => {
    const source = `
import { EOL } from 'node:os';
interface Point { x: number; y: number }
enum Color { Red, Green }
function largest<T extends Point>(points: T[]): T | undefined {
  return [...points].sort((a, b) => b.x * b.y - a.x * a.y)[0];
}
const p: Point | undefined = largest<Point>([{ x: 1, y: 2 }, { x: 3, y: 4 }]);
const label = (c: Color): string => Color[c];
process.stdout.write(\`\${p!.x},\${p!.y} \${label(Color.Green)}\${EOL}\`);
`;
    const { result } = await run({ language: 'typescript', source });
    expect(result).toMatchObject({ language: 'typescript', status: 'success', exitCode: 0, stdout: '3,4 Green\n', stderr: '' });
  });

  it('a TypeScript syntax error is a failed run with the error on stderr, not a throw', async () => {
    const { result } = await run({ language: 'typescript', source: 'const x: = 1;\nconsole.log(x);\n' });
    expect(result).toMatchObject({ status: 'error', exitCode: null, stdout: '', timedOut: false, stopped: false });
    expect(result.stderr).toMatch(/^main\.ts: SyntaxError: .*\(1:\d+\)/);
  });

  it('runs JavaScript through the injected launcher, with the clean environment and the temp dir as cwd', async () => {
    const calls: { scriptPath: string; cwd: string; env: Record<string, string>; execArgv: string[] }[] = [];
    const launcher: JsLauncher = (scriptPath, options) => {
      calls.push({ scriptPath, ...options });
      return nodeJsLauncher(scriptPath, options);
    };
    // nodePath null: no Node binary for the sandbox, as in the packaged app on a machine without Node.
    const custom = new CodeRunner({ tmpRoot, cacheDir, jsLauncher: launcher, nodePath: null });
    const { result } = await run({ language: 'typescript', source: 'const n: number = 6 * 7;\nconsole.log(n);\n' }, custom);
    expect(result.stdout).toBe('42\n');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.scriptPath).toBe(join(calls[0]?.cwd ?? '', 'main.js'));
    expect(calls[0]?.env.HOME).toBe(calls[0]?.cwd);
    // Node's permission model, confined to the Run's folder, is what holds the program there.
    expect(calls[0]?.execArgv).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^--(experimental-)?permission$/),
        `--allow-fs-read=${calls[0]?.cwd}`,
        `--allow-fs-write=${calls[0]?.cwd}`,
      ]),
    );
  });

  it('a launcher that throws gives a failed run, not a throw', async () => {
    const broken = new CodeRunner({
      tmpRoot,
      cacheDir,
      nodePath: null,
      jsLauncher: () => {
        throw new Error('utility process unavailable');
      },
    });
    const { result } = await run({ language: 'javascript', source: 'console.log(1)' }, broken);
    expect(result.status).toBe('error');
    expect(result.stderr).toContain('utility process unavailable');
  });
});

describe('compiled languages', () => {
  it('C++ hello world with stdin', COMPILED, async () => {
    const source =
      '#include <iostream>\nint main() { long a, b; std::cin >> a >> b; std::cout << "hello c++ " << a + b << std::endl; return 0; }\n';
    const { result } = await run({ language: 'cpp', source, stdin: '40 2\n' });
    expect(result).toMatchObject({ status: 'success', exitCode: 0, stdout: 'hello c++ 42\n' });
  });

  it('a C++ compile error ends the run with the compiler output on stderr', COMPILED, async () => {
    const { result } = await run({ language: 'cpp', source: 'int main() { return undefined_name; }\n' });
    expect(result.status).toBe('error');
    expect(result.exitCode).not.toBe(0);
    expect(result.exitCode).not.toBeNull();
    expect(result.timedOut).toBe(false);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('undefined_name');
  });

  it('Java hello world: public class Solution after a helper class, reading stdin', COMPILED, async () => {
    const source = `import java.util.Scanner;
class Helper { static String greet(String n) { return "hello " + n; } }
public class Solution {
  public static void main(String[] args) {
    Scanner in = new Scanner(System.in);
    System.out.println(Helper.greet(in.nextLine()) + " ☕");
  }
}
`;
    const { result } = await run({ language: 'java', source, stdin: 'java\n' });
    expect(result).toMatchObject({ status: 'success', exitCode: 0, stdout: 'hello java ☕\n' });
  });

  it('Java with a plain class Main and a compile error', COMPILED, async () => {
    const ok = await run({
      language: 'java',
      source: 'class Main { public static void main(String[] a) { System.out.println("main"); } }\n',
    });
    expect(ok.result).toMatchObject({ status: 'success', stdout: 'main\n' });
    const bad = await run({ language: 'java', source: 'public class Main { public static void main(String[] a) { int x = "s"; } }\n' });
    expect(bad.result.status).toBe('error');
    expect(bad.result.stderr).toContain('incompatible types');
  });

  it('Rust hello world', COMPILED, async () => {
    const source =
      'use std::io::Read;\nfn main() { let mut s = String::new(); std::io::stdin().read_to_string(&mut s).unwrap(); println!("hello rust {}", s.trim()); }\n';
    const { result } = await run({ language: 'rust', source, stdin: 'crab\n' });
    expect(result).toMatchObject({ status: 'success', exitCode: 0, stdout: 'hello rust crab\n' });
  });

  it('Go hello world, or the missing-toolchain answer when go is not on PATH', COMPILED, async () => {
    const { result } = await run({ language: 'go', source: 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello go") }\n' });
    if (onPath('go')) {
      expect(result).toMatchObject({ status: 'success', exitCode: 0, stdout: 'hello go\n' });
    } else {
      expect(result.status).toBe('error');
      expect(result.missingToolchain).toMatchObject({ tool: 'go', language: 'go' });
      expect(result.missingToolchain?.hint).toContain('https://go.dev/dl/');
      expect(result.stderr).toBe(`${result.missingToolchain?.hint}\n`);
    }
  });
});

describe('limits, Stop and isolation', () => {
  it('a timeout kills the program and the child it started', async () => {
    const marker = `ir-timeout-child-${process.pid}-${Date.now()}`;
    const started = performance.now();
    const handle = runner.start({ language: 'python', source: pySpawnsChild(marker, false), timeoutMs: 1_500 }, () => undefined);
    if (POSIX) await waitFor(() => processesWith(marker).length === 1);
    const result = await handle.done;
    expect(performance.now() - started).toBeLessThan(6_000);
    expect(result).toMatchObject({ status: 'error', timedOut: true, stopped: false, exitCode: null, stdout: 'started\n', limit: 'time' });
    if (POSIX) expect(result.signal).toBe('SIGKILL');
    expect(result.durationMs).toBeGreaterThanOrEqual(1_400);
    if (POSIX) await waitFor(() => processesWith(marker).length === 0, 3_000);
  });

  it('Stop kills the program and everything it started', async () => {
    const marker = `ir-stop-child-${process.pid}-${Date.now()}`;
    const handle = runner.start({ language: 'python', source: pySpawnsChild(marker, false), timeoutMs: 30_000 }, () => undefined);
    await waitFor(() => processesWith(marker).length === 1);
    expect(runner.stop(handle.runId)).toBe(true);
    const result = await handle.done;
    expect(result).toMatchObject({ status: 'error', stopped: true, timedOut: false, stdout: 'started\n' });
    expect(result.limit).toBeUndefined();
    expect(result.durationMs).toBeLessThan(10_000);
    await waitFor(() => processesWith(marker).length === 0, 3_000);
    expect(runner.stop(handle.runId)).toBe(false);
    expect(runner.stop('no-such-run')).toBe(false);
  });

  it('Stop ends a JavaScript program on the default launcher', async () => {
    const handle = runner.start(
      { language: 'javascript', source: 'console.log("started");\nsetInterval(() => {}, 1000);\n', timeoutMs: 30_000 },
      () => undefined,
    );
    await sleep(500);
    expect(runner.stop(handle.runId)).toBe(true);
    expect(await handle.done).toMatchObject({ status: 'error', stopped: true, timedOut: false, stdout: 'started\n' });
  });

  it('handle.stop() and stopAll() end running programs', async () => {
    const a = runner.start({ language: 'python', source: 'import time\ntime.sleep(30)\n' }, () => undefined);
    const b = runner.start({ language: 'javascript', source: 'setInterval(() => {}, 1000);' }, () => undefined);
    const c = runner.start({ language: 'python', source: 'import time\ntime.sleep(30)\n' }, () => undefined);
    await sleep(300);
    a.stop();
    runner.stopAll();
    const results = await Promise.all([a.done, b.done, c.done]);
    for (const r of results) expect(r).toMatchObject({ status: 'error', stopped: true, timedOut: false });
  });

  it('the output cap keeps the first 1 MB, marks the run and kills it at once', async () => {
    const { result } = await run({
      language: 'python',
      source: 'import sys, time\nsys.stdout.write("x" * 5_000_000)\nsys.stdout.flush()\ntime.sleep(30)\n',
      timeoutMs: 30_000,
    });
    expect(result).toMatchObject({ status: 'error', outputCapped: true, timedOut: false, stopped: false, exitCode: null });
    expect(result.stdout.length).toBe(RUN_LIMITS.outputCapBytes);
    expect(result.stdout).toBe('x'.repeat(RUN_LIMITS.outputCapBytes));
    expect(result.durationMs).toBeLessThan(5_000);
    // A capped run still makes a valid telemetry event with a full-size preview.
    const event = runEvent('s-cap', '2026-01-31T09:15:00.000Z', result);
    expect(Buffer.byteLength(event.stdoutPreview ?? '', 'utf8')).toBe(RUN_LIMITS.previewBytes);
    const v = validateTelemetryBatch({ interviewSessionId: 's-cap', events: [event] });
    expect(v.ok && v.dropped).toEqual([]);
  });

  it('a small cap cuts on a character boundary, per stream', async () => {
    const { result } = await run({
      language: 'python',
      source: 'import sys\nsys.stderr.write("warn\\n")\nsys.stderr.flush()\nprint("€" * 100)\n',
      outputCapBytes: 10,
    });
    expect(result.outputCapped).toBe(true);
    expect(result.stdout).toBe('€€€');
    expect(result.stderr).toBe('warn\n');
  });

  it('the environment is clean: no app variables, HOME and TMPDIR are the temp dir, which is removed afterwards', async () => {
    process.env.IR_RUNNER_TEST_SECRET = 'sk-test-do-not-leak';
    try {
      const { result } = await run({
        language: 'javascript',
        source:
          'const os = require("os");\nconsole.log(JSON.stringify({ env: process.env, cwd: process.cwd(), home: os.homedir(), tmp: os.tmpdir() }));\n',
      });
      expect(result.status).toBe('success');
      const seen = JSON.parse(result.stdout) as { env: Record<string, string>; cwd: string; home: string; tmp: string };
      expect(result.stdout).not.toContain('sk-test-do-not-leak');
      expect(seen.env.IR_RUNNER_TEST_SECRET).toBeUndefined();
      expect(seen.env.VITEST).toBeUndefined();
      expect(seen.env.NODE_OPTIONS).toBeUndefined();
      // bwrap adds PWD (the working directory it set); nothing else comes in.
      if (POSIX)
        expect(Object.keys(seen.env).sort()).toEqual(
          [...(result.sandboxed ? ['PWD'] : []), 'HOME', 'LANG', 'LC_ALL', 'PATH', 'TMPDIR'].sort(),
        );
      if (result.sandboxed) expect(seen.env.PWD).toBe(seen.cwd);
      expect(seen.env.PATH).toBe(process.env.PATH);
      expect(seen.env.LANG).toBe('C.UTF-8');
      expect(seen.env.LC_ALL).toBe('C.UTF-8');
      expect(seen.home).toBe(seen.env.HOME);
      expect(seen.tmp).toBe(seen.env.TMPDIR);
      const home = seen.env.HOME as string;
      expect(dirname(home)).toBe(tmpRoot);
      expect(basename(home)).toMatch(/^ir-run-/);
      expect(seen.cwd).toBe(join(realpathSync(tmpRoot), basename(home)));
      // The temp directory is gone once `done` resolves.
      expect(existsSync(seen.cwd)).toBe(false);
    } finally {
      delete process.env.IR_RUNNER_TEST_SECRET;
    }
  });

  it('leaves no temp directory behind, whatever the outcome', COMPILED, async () => {
    await run({ language: 'python', source: 'import os\nopen("left.txt", "w").write("x")\n' });
    await run({ language: 'cpp', source: 'int main() { return 1; }' });
    await run({ language: 'typescript', source: 'let = ;' });
    expect(readdirSync(tmpRoot).filter((n) => n.startsWith('ir-run-'))).toEqual([]);
  });
});

describe('spawnGroup', () => {
  it('reports a command that cannot start as an exit with no code, never a throw', async () => {
    const proc = spawnGroup(join(root, 'no-such-command'), [], { cwd: root, env: { PATH: '' } });
    const exit = await new Promise((resolve) => proc.onExit((code, signal) => resolve({ code, signal })));
    expect(exit).toEqual({ code: null, signal: null });
    expect(proc.spawnError()?.message).toContain('ENOENT');
    expect(() => proc.kill()).not.toThrow();
  });
});

describe('missing toolchains', () => {
  it('says which tool is missing and how to get it, without throwing; JavaScript still runs', async () => {
    // A PATH with the sandbox's own tools and no toolchain at all.
    const sandboxOnly = mkdtempSync(join(root, 'sandbox-only-path-'));
    for (const tool of ['bwrap', 'prlimit', 'setpriv', 'nice']) symlinkSync(join('/usr/bin', tool), join(sandboxOnly, tool));
    const bare = new CodeRunner({ tmpRoot, cacheDir, pathEnv: sandboxOnly });
    const { result, chunks } = await run({ language: 'python', source: 'print(1)' }, bare);
    const hint =
      process.platform === 'linux'
        ? 'Python 3 is not installed: python3 was not found on PATH. Install it from https://www.python.org/downloads/ or with your package manager (apt install python3), then run again.'
        : expect.stringContaining('python3 was not found on PATH');
    expect(result).toMatchObject({
      status: 'error',
      exitCode: null,
      signal: null,
      timedOut: false,
      stopped: false,
      outputCapped: false,
      stdout: '',
    });
    expect(result.missingToolchain).toEqual({ tool: 'python3', language: 'python', hint });
    expect(result.stderr).toBe(`${result.missingToolchain?.hint}\n`);
    expect(chunks).toEqual([expect.objectContaining({ stream: 'stderr', text: result.stderr })]);

    for (const [language, tool] of [
      ['java', 'javac'],
      ['cpp', 'g++'],
      ['rust', 'rustc'],
      ['go', 'go'],
    ] as const) {
      const r = (await run({ language, source: '' }, bare)).result;
      expect(r.missingToolchain).toMatchObject({ tool, language });
    }

    const js = await run({ language: 'javascript', source: 'console.log("no node on PATH needed")' }, bare);
    expect(js.result).toMatchObject({ status: 'success', stdout: 'no node on PATH needed\n' });

    const status = await bare.toolchains();
    expect(status.javascript).toEqual({ available: true, tool: 'node' });
    expect(status.typescript.available).toBe(true);
    for (const language of ['python', 'java', 'cpp', 'go', 'rust'] as const) {
      expect(status[language].available).toBe(false);
      expect(status[language].hint).toContain('was not found on PATH');
    }
  });

  it('toolchains() reports what this machine has', async () => {
    const status = await runner.toolchains();
    expect(Object.keys(status).sort()).toEqual(['cpp', 'go', 'java', 'javascript', 'python', 'rust', 'typescript']);
    expect(status.python.available).toBe(onPath('python3') || onPath('python'));
    expect(status.java.available).toBe(onPath('javac') && onPath('java'));
    expect(status.rust).toMatchObject({ available: onPath('rustc'), tool: 'rustc' });
    expect(status.go).toMatchObject({ available: onPath('go'), tool: 'go' });
    expect(status.go.hint === undefined).toBe(onPath('go'));
  });
});
