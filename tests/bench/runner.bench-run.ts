import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { expect, it } from 'vitest';
import { CodeRunner, type RunResult } from '../../electron/services/runner';
import { report, wanted } from './support';

const RUNS = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

it('runner figures', async () => {
  if (!wanted('runner.sandbox_overhead_ms')) return;
  const root = mkdtempSync(join(tmpdir(), 'ir-bench-runner-'));
  try {
    // Both run the very same interpreter: PATH may lead to a launcher (pyenv's shim) that the sandbox
    // skips by design, which would flatter it.
    const python = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
    const bin = join(root, 'bin');
    mkdirSync(bin);
    symlinkSync(realpathSync(python), join(bin, 'python3'));
    const pathEnv = `${bin}${delimiter}${process.env.PATH ?? ''}`;
    const sandboxed = new CodeRunner({ tmpRoot: root, cacheDir: join(root, 'cache'), pathEnv });
    const bare = new CodeRunner({ tmpRoot: root, cacheDir: join(root, 'cache'), pathEnv, sandbox: null });
    const program = { language: 'python' as const, source: 'print("hello")\n' };
    const once = async (runner: CodeRunner, allowUnsandboxed: boolean): Promise<number> => {
      const t0 = performance.now();
      const result: RunResult = await runner.start({ ...program, allowUnsandboxed }, () => undefined).done;
      const ms = performance.now() - t0;
      expect(result).toMatchObject({ status: 'success', stdout: 'hello\n', sandboxed: !allowUnsandboxed });
      return ms;
    };
    // Warm-up: the sandbox's one-time probe, the interpreter's own lookup, the page cache.
    for (let i = 0; i < 3; i++) {
      await once(sandboxed, false);
      await once(bare, true);
    }
    // Interleaved, so a busy moment of the machine weighs on both alike.
    const inside: number[] = [];
    const outside: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      inside.push(await once(sandboxed, false));
      outside.push(await once(bare, true));
    }
    // Baseline: the same trivial Python program without the sandbox (a child process group, as before).
    const line = report('runner.sandbox_overhead_ms', median(inside), 'ms', median(outside));
    expect(line).toMatch(/^bench: runner\.sandbox_overhead_ms \d+\.\d+ ms baseline \d+\.\d+ ratio \d+\.\d+$/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
