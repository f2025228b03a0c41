import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_LANGUAGES } from '../../electron/services/runner';
import { runCliCapturedAsync } from '../support/cli';
import { tempDataDir } from '../support/paths';

/**
 * `interview-recorder run`: the room's runner from the command line, in its sandbox, against real
 * programs and toolchains. The sandbox's guarantees are checked here a second time, through the CLI.
 */

const SLOW = { timeout: 60_000 };
let dataDir: string;
let work: string;
const canary = join(homedir(), `.ir-cli-canary-${process.pid}`);

beforeAll(() => {
  dataDir = tempDataDir('ir-cli-run-');
  work = tempDataDir('ir-cli-run-files-');
  writeFileSync(canary, 'cli-canary-secret');
});
afterAll(() => rmSync(canary, { force: true }));

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

const cli = (args: string[]) => runCliCapturedAsync(['run', ...args, '--data-dir', dataDir]);

async function json(args: string[]) {
  const r = await cli([...args, '--json']);
  return { code: r.code, stderr: r.stderr, report: JSON.parse(r.stdout) as Record<string, unknown> };
}

describe('interview-recorder run', () => {
  it('prints the program’s output and exits 0 when it succeeds', async () => {
    const program = file(
      'hello.py',
      'import sys\nname = sys.stdin.readline().strip()\nprint(f"hello {name}")\nprint("to stderr", file=sys.stderr)\n',
    );
    const input = file('input.txt', 'Ada\n');
    const r = await cli(['--language', 'python', program, '--stdin', input]);
    expect(r).toEqual({ code: 0, stdout: 'hello Ada\n', stderr: 'to stderr\n' });
  });

  it('--json gives { status, exitCode, durationMs, stdout, stderr }, and exit 1 with the verdict when the program fails', async () => {
    const ok = await json(['--language', 'javascript', file('ok.js', 'console.log(6 * 7)')]);
    expect(ok.code).toBe(0);
    expect(Object.keys(ok.report).sort()).toEqual(['durationMs', 'exitCode', 'status', 'stderr', 'stdout']);
    expect(ok.report).toMatchObject({ status: 'success', exitCode: 0, stdout: '42\n', stderr: '' });

    const failing = file('fail.py', 'import sys\nprint("partial")\nsys.exit(3)\n');
    const failed = await json(['--language', 'python', failing]);
    expect(failed.code).toBe(1);
    expect(failed.report).toMatchObject({ status: 'error', exitCode: 3, stdout: 'partial\n' });
    expect(failed.report.limit).toBeUndefined();
    const plain = await cli(['--language', 'python', failing]);
    expect(plain).toEqual({ code: 1, stdout: 'partial\n', stderr: 'run: exited with code 3\n' });
  });

  it('is in the usage, with every language the runner knows', async () => {
    const help = await runCliCapturedAsync(['--help']);
    const usage = help.stdout.slice(help.stdout.indexOf('Running code'));
    expect(usage).toContain('run --language L FILE [--stdin FILE] [--timeout S]');
    for (const language of RUN_LANGUAGES) expect(usage).toContain(language);
  });

  it('exit 2 for bad input: no or an unknown language, an unreadable file or input, a bad timeout', async () => {
    const program = file('p.py', 'print(1)');
    const cases: [string[], RegExp][] = [
      [[program], /run needs --language/],
      [['--language', 'cobol', program], /unknown language "cobol": one of python, javascript/],
      [['--language', 'python', join(work, 'missing.py')], /cannot read the program .*missing\.py: ENOENT/],
      [['--language', 'python', program, '--stdin', join(work, 'nope.txt')], /cannot read the input .*nope\.txt: ENOENT/],
      [['--language', 'python', program, '--timeout', 'soon'], /--timeout must be a number of seconds/],
      [['--language', 'python', program, '--timeout', '0'], /--timeout must be a number of seconds/],
      [['--language', 'python'], /expected: interview-recorder run --language L FILE/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    }
  });

  it('--timeout ends a long program, naming the time limit', SLOW, async () => {
    const r = await json([
      '--language',
      'python',
      file('slow.py', 'import time\nprint("start", flush=True)\ntime.sleep(30)\n'),
      '--timeout',
      '1.5',
    ]);
    expect(r.code).toBe(1);
    expect(r.report).toMatchObject({ status: 'error', exitCode: null, stdout: 'start\n', limit: 'time' });
    expect(r.report.durationMs).toBeGreaterThanOrEqual(1_400);
    const plain = await cli(['--language', 'python', file('slow2.py', 'import time\ntime.sleep(30)\n'), '--timeout', '1']);
    expect(plain.stderr).toBe('run: stopped: the program reached the time limit (1 s)\n');
  });
});

describe('the sandbox, through the command line', () => {
  let server: Server;
  let port = 0;
  let connections = 0;
  beforeAll(async () => {
    server = createServer((socket) => {
      connections++;
      socket.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('no home directory, no network, no child processes for JavaScript', async () => {
    const home = await json([
      '--language',
      'python',
      file('home.py', `try:\n    print(open(${JSON.stringify(canary)}).read())\nexcept OSError as e:\n    print(type(e).__name__)\n`),
    ]);
    expect(home.report.stdout).toBe('FileNotFoundError\n');

    const net = await json([
      '--language',
      'python',
      file(
        'net.py',
        `import socket\ntry:\n    socket.create_connection(('127.0.0.1', ${port}), timeout=3)\n    print('connected')\nexcept OSError as e:\n    print(type(e).__name__)\n`,
      ),
    ]);
    expect(net.report.stdout).toBe('ConnectionRefusedError\n');
    expect(connections).toBe(0);

    const spawn = await json([
      '--language',
      'javascript',
      file(
        'spawn.mjs',
        `for (const attempt of [() => import('node:child_process').then((cp) => cp.execSync('echo spawned')), async () => (await import('node:module')).createRequire(import.meta.url)('child_process').spawnSync('/bin/true')]) {\n  try { await attempt(); console.log('spawned'); } catch (e) { console.log(e.code); }\n}\n`,
      ),
    ]);
    expect(spawn.report.stdout).toBe('ERR_ACCESS_DENIED\nERR_ACCESS_DENIED\n');
  });

  it(
    'a fork bomb, a 4 GB allocation and a huge file each end naming their limit; a setsid child does not outlive a timeout',
    SLOW,
    async () => {
      const bomb = await json([
        '--language',
        'python',
        file('bomb.py', 'import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n'),
      ]);
      expect(bomb).toMatchObject({ code: 1, report: { status: 'error', limit: 'processes' } });

      const memory = await json(['--language', 'python', file('mem.py', 'block = bytearray(4 * 1024 ** 3)\n')]);
      expect(memory).toMatchObject({ code: 1, report: { status: 'error', limit: 'memory' } });
      expect(memory.report.stderr).toContain('MemoryError');

      const big = await json([
        '--language',
        'python',
        file('big.py', "with open('big.bin', 'wb') as f:\n    f.write(b'x' * (100 * 1024 * 1024))\n"),
      ]);
      expect(big).toMatchObject({ code: 1, report: { status: 'error', limit: 'fileSize' } });

      const marker = `ir-cli-setsid-${process.pid}-${Date.now()}`;
      const setsid = await json([
        '--language',
        'python',
        file(
          'setsid.py',
          `import os, time\nif os.fork() == 0:\n    os.setsid()\n    os.execv('/bin/sleep', [${JSON.stringify(marker)}, '1000'])\ntime.sleep(60)\n`,
        ),
        '--timeout',
        '1.5',
      ]);
      expect(setsid.report).toMatchObject({ status: 'error', limit: 'time' });
      const left = () =>
        readdirSync('/proc').filter((p) => {
          try {
            return /^\d+$/.test(p) && readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(marker);
          } catch {
            return false;
          }
        });
      for (let waited = 0; left().length > 0 && waited < 3_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      expect(left()).toEqual([]);
      // And the next run works.
      expect((await json(['--language', 'python', file('after.py', 'print("fine")')])).report).toMatchObject({
        status: 'success',
        stdout: 'fine\n',
      });
    },
  );
});
