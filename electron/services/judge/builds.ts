import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeRunner, RunResult } from '../runner';
import type { JudgeProgram } from './drivers';

/** What compiling a program gave: a folder to run it from, or the compiler's failure. */
export type Build = { ok: true; dir: string; cached: boolean } | { ok: false; result: RunResult; cached: boolean };

/**
 * Compiled programs kept between test runs (docs/judge.md, "Builds"): a Test pressed again on the same
 * code (Java, C++, Go, Rust) runs the kept build instead of compiling again. A build is keyed by the
 * SHA-256 of everything that goes into it (the candidate's code, the driver, the question's glue), so a
 * change to any of them is a new build. The newest `limit` builds are kept; the folder is emptied when the
 * judge starts, so builds never outlive the app.
 */
export class BuildCache {
  private readonly entries = new Map<string, { build: Promise<Build>; users: number; dir: string }>();

  constructor(
    private readonly runner: CodeRunner,
    private readonly dir: string,
    private readonly limit = 16,
  ) {
    rmSync(dir, { recursive: true, force: true });
  }

  static key(program: JudgeProgram): string {
    return createHash('sha256')
      .update(JSON.stringify([program.runLanguage, program.source, program.files, program.mainClass ?? null]))
      .digest('hex');
  }

  /**
   * The program's build, compiling it once however many runs ask at the same time. The caller releases it
   * when its run is over; until then it is never removed.
   */
  async acquire(program: JudgeProgram, allowUnsandboxed: boolean): Promise<{ build: Build; release: () => void }> {
    const key = BuildCache.key(program);
    let entry = this.entries.get(key);
    const cached = entry !== undefined;
    if (entry) {
      // Most recently used last: eviction takes the oldest first.
      this.entries.delete(key);
      this.entries.set(key, entry);
    } else {
      const dir = join(this.dir, key.slice(0, 32));
      entry = { build: this.compile(program, dir, allowUnsandboxed), users: 0, dir };
      this.entries.set(key, entry);
    }
    entry.users++;
    const held = entry;
    let build = await held.build;
    // A failed compile is not kept: the next press compiles again (the machine may have been the reason).
    if (!build.ok && this.entries.get(key) === held) this.entries.delete(key);
    if (cached) build = { ...build, cached: true };
    this.evict();
    let released = false;
    return {
      build,
      release: () => {
        if (released) return;
        released = true;
        held.users--;
        this.evict();
      },
    };
  }

  private async compile(program: JudgeProgram, dir: string, allowUnsandboxed: boolean): Promise<Build> {
    mkdirSync(this.dir, { recursive: true });
    rmSync(dir, { recursive: true, force: true });
    const result = await this.runner.start(
      {
        language: program.runLanguage,
        source: program.source,
        files: program.files,
        ...(program.mainClass ? { mainClass: program.mainClass } : {}),
        keepBuild: dir,
        allowUnsandboxed,
      },
      () => undefined,
    ).done;
    return result.status === 'success' ? { ok: true, dir, cached: false } : { ok: false, result, cached: false };
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.limit) break;
      if (entry.users > 0) continue;
      this.entries.delete(key);
      rmSync(entry.dir, { recursive: true, force: true });
    }
  }

  /** Removes every kept build (app quit, tests). */
  clear(): void {
    for (const entry of this.entries.values()) rmSync(entry.dir, { recursive: true, force: true });
    this.entries.clear();
  }
}
