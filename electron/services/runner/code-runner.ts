import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { chown, cp, mkdir, mkdtemp, readdir, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { transform } from 'sucrase';
import { javaNames } from './java';
import { hasPermissionModel, nodePermissionArgs } from './node-permissions';
import { failedProcess, nodeJsLauncher, spawnGroup, type GroupProcess } from './process';
import { platformSandbox } from './sandbox';
import { compileLimits, describeLimit, limitOfRun, programLimits, signalFromExitCode } from './sandbox/limits';
import { ToolchainRoots, type ToolKind } from './sandbox/toolchain-roots';
import type { RunLimitName, Sandbox, SandboxLimits, SandboxStatus } from './sandbox/types';
import { cleanEnv, findOnPath, resolveToolchain, TOOLCHAIN_COMMANDS } from './toolchains';
import {
  COMPILE_TIMEOUT_MS,
  RUN_LANGUAGES,
  RUN_LIMITS,
  type CodeRunnerOptions,
  type JsLauncher,
  type LaunchedProcess,
  type MissingToolchain,
  type RunHandle,
  type RunLanguage,
  type RunOutputChunk,
  type RunRequest,
  type RunResult,
  type ToolchainStatus,
} from './types';

const EXE = process.platform === 'win32' ? '.exe' : '';
/**
 * The JVM sizes its heap from the machine's memory, far past the sandbox's memory limit, and would then
 * die of a failed mmap; a heap of three quarters of the limit gives a program that allocates too much a
 * plain OutOfMemoryError instead. One garbage-collector thread keeps well inside the process limit.
 */
const JAVA_RUN_FLAGS = [`-Xmx${Math.floor((programLimits(RUN_LIMITS.timeoutMs).memoryBytes * 0.75) / (1024 * 1024))}m`, '-XX:+UseSerialGC'];
/** After the program exits, how long its streams may take to drain before the Run ends anyway. */
const STREAM_DRAIN_MS = 2_000;
/** After a kill, how long to wait for the exit before giving up on the process. */
const KILL_WAIT_MS = 5_000;
/** setTimeout's largest delay; a longer one would fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * SHA-256 hex of a Run's output, defined as the digest of the UTF-8 bytes of `stdout` immediately
 * followed by those of `stderr` (no separator), exactly as they appear in the RunResult (so after the
 * output cap). Anyone holding the result, or the two streams, can recompute it.
 */
export function outputHash(stdout: string, stderr: string): string {
  return createHash('sha256').update(stdout, 'utf8').update(stderr, 'utf8').digest('hex');
}

/**
 * One process of a Run. `toolchain` names the installed toolchain a command belongs to, which the
 * sandbox must show (a compiled program in the Run's folder has none).
 */
type Step =
  | { kind: 'spawn'; phase: 'compile' | 'run'; command: string; args: string[]; toolchain?: ToolKind }
  | { kind: 'js'; phase: 'run'; script: string };

type Plan = { steps: Step[]; files: Record<string, string> } | { missing: MissingToolchain } | { failure: string };

/** One Run's mutable state: output so far, flags, the process it is waiting on. */
class RunState {
  readonly stdout = { parts: [] as string[], bytes: 0 };
  readonly stderr = { parts: [] as string[], bytes: 0 };
  timedOut = false;
  stopped = false;
  outputCapped = false;
  /** The limit the sandbox watch saw the Run reach. */
  watched: RunLimitName | null = null;
  /** Set once the last process has exited: a Stop after that changes nothing. */
  finishing = false;
  current: LaunchedProcess | null = null;

  constructor(
    readonly runId: string,
    readonly capBytes: number,
    private readonly onOutput: (chunk: RunOutputChunk) => void,
  ) {}

  emit(stream: 'stdout' | 'stderr', text: string): void {
    if (text === '') return;
    this[stream].parts.push(text);
    try {
      this.onOutput({ runId: this.runId, stream, text });
    } catch {
      // A listener's bug must not end the Run.
    }
  }

  /** A message of the runner's own (missing toolchain, syntax error), counted against the cap like output. */
  note(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    const room = Math.max(0, this.capBytes - this.stderr.bytes);
    const kept = bytes.length <= room ? text : new StringDecoder('utf8').write(bytes.subarray(0, room));
    this.stderr.bytes += Buffer.byteLength(kept, 'utf8');
    this.emit('stderr', kept);
  }

  stop(): void {
    this.stopped = true;
    this.current?.kill();
  }
}

export class CodeRunner {
  private readonly jsLauncher: JsLauncher;
  private readonly tmpRoot: string;
  private readonly cacheDir: string;
  private readonly defaultTimeoutMs: number;
  private readonly defaultOutputCapBytes: number;
  private readonly pathEnv: string;
  private readonly sandbox: Sandbox | null;
  private readonly nodePath: string | null | undefined;
  private readonly roots = new ToolchainRoots();
  private sandboxNode: Promise<{ path: string; version: string } | null> | null = null;
  private readonly active = new Map<string, RunState>();

  constructor(options: CodeRunnerOptions) {
    this.jsLauncher = options.jsLauncher ?? nodeJsLauncher;
    this.tmpRoot = options.tmpRoot ?? tmpdir();
    this.cacheDir = options.cacheDir;
    this.defaultTimeoutMs = positive(options.defaultTimeoutMs) ?? RUN_LIMITS.timeoutMs;
    this.defaultOutputCapBytes = positive(options.defaultOutputCapBytes) ?? RUN_LIMITS.outputCapBytes;
    this.pathEnv = options.pathEnv ?? process.env.PATH ?? '';
    this.sandbox = options.sandbox === undefined ? platformSandbox(this.pathEnv, this.cacheDir) : options.sandbox;
    this.nodePath = options.nodePath;
  }

  /** Whether Runs are isolated on this machine, and if not, why and how to change that. */
  async sandboxStatus(): Promise<SandboxStatus> {
    if (!this.sandbox) {
      return { available: false, tool: 'none', detail: `No sandbox exists for programs on this system (${process.platform}).` };
    }
    return this.sandbox.status();
  }

  /**
   * Starts a Run. Output is streamed to `onOutput` as it comes. Never throws for problems with the
   * program or the machine: `done` always resolves, with status `error` and the reason on stderr.
   */
  start(request: RunRequest, onOutput: (chunk: RunOutputChunk) => void): RunHandle {
    const runId = randomUUID();
    const capBytes = Math.floor(positive(request.outputCapBytes) ?? this.defaultOutputCapBytes);
    const state = new RunState(runId, capBytes, onOutput);
    this.active.set(runId, state);
    const done = this.execute(state, request).finally(() => this.active.delete(runId));
    return { runId, done, stop: () => void this.stop(runId) };
  }

  /** Stops a Run: kills its whole process group. False when no such Run is still going. */
  stop(runId: string): boolean {
    const state = this.active.get(runId);
    if (!state || state.finishing) return false;
    state.stop();
    return true;
  }

  /** Stops every Run (app quit). */
  stopAll(): void {
    for (const state of this.active.values()) if (!state.finishing) state.stop();
  }

  /** Which languages can run on this machine, by PATH lookup; JavaScript and TypeScript always can. */
  async toolchains(): Promise<Record<RunLanguage, ToolchainStatus>> {
    const entries = await Promise.all(
      RUN_LANGUAGES.map(async (language): Promise<[RunLanguage, ToolchainStatus]> => {
        if (language === 'javascript' || language === 'typescript') return [language, { available: true, tool: 'node' }];
        const found = await resolveToolchain(language, this.pathEnv);
        if ('missing' in found) return [language, { available: false, tool: found.missing.tool, hint: found.missing.hint }];
        return [language, { available: true, tool: found.tools[0] as string }];
      }),
    );
    return Object.fromEntries(entries) as Record<RunLanguage, ToolchainStatus>;
  }

  private async execute(state: RunState, request: RunRequest): Promise<RunResult> {
    const started = performance.now();
    const language = request.language;
    const timeoutMs = positive(request.timeoutMs) ?? this.defaultTimeoutMs;
    let exitCode: number | null = null;
    let signal: string | null = null;
    let missing: MissingToolchain | undefined;
    let dir: string | undefined;
    let sandboxed = false;
    /** No step ran outside the sandbox (JavaScript on the JsLauncher does). */
    let allWrapped = true;
    let limits: SandboxLimits | null = null;
    let stepTimeoutMs = timeoutMs;
    let fileAtLimit = false;
    try {
      const status = await this.sandboxStatus();
      sandboxed = status.available && this.sandbox !== null;
      if (!sandboxed && !request.allowUnsandboxed) {
        state.note(`Not run: ${status.detail}${status.hint ? ` ${status.hint}` : ''}\n`);
      } else {
        dir = await realpath(await mkdtemp(join(this.tmpRoot, 'ir-run-')));
        const owner = sandboxed ? (this.sandbox?.owner() ?? null) : null;
        if (owner) await chown(dir, owner.uid, owner.gid);
        const plan = await this.plan(language, String(request.source ?? ''), dir, request);
        if ('missing' in plan) {
          missing = plan.missing;
          state.note(`${plan.missing.hint}\n`);
        } else if ('failure' in plan) {
          state.note(plan.failure);
        } else {
          if (request.fromBuild) {
            await cp(request.fromBuild, dir, { recursive: true });
            if (owner) await chownTree(dir, owner);
          }
          for (const [name, content] of Object.entries(plan.files)) await writeFile(join(dir, name), content, 'utf8');
          // Only the compile of a build to keep; only the program of a build kept earlier.
          const steps = request.keepBuild
            ? plan.steps.filter((s) => s.phase === 'compile')
            : request.fromBuild
              ? plan.steps.filter((s) => s.phase === 'run')
              : plan.steps;
          if (steps.length === 0) exitCode = 0;
          const goCache = join(this.cacheDir, owner ? 'go-sandbox' : 'go');
          const env = cleanEnv({ language, dir, pathEnv: this.pathEnv, goCacheDir: goCache });
          if (language === 'go') {
            await mkdir(goCache, { recursive: true });
            if (owner) await chown(goCache, owner.uid, owner.gid);
          }
          for (const [index, step] of steps.entries()) {
            if (state.stopped) break;
            const last = index === steps.length - 1;
            const limit = step.phase === 'compile' ? Math.max(COMPILE_TIMEOUT_MS, timeoutMs) : timeoutMs;
            limits = step.phase === 'compile' ? compileLimits(limit) : programLimits(limit);
            stepTimeoutMs = limit;
            const launched = await this.launch(step, { dir, env, sandboxed, limits, writable: language === 'go' ? [goCache] : [] });
            const proc = launched.proc;
            allWrapped &&= launched.wrapped;
            const unwatch = launched.watch?.((name) => {
              state.watched = name;
              try {
                proc.kill();
              } catch {
                // Already gone.
              }
            });
            const exit = await this.drive(
              state,
              proc,
              limit,
              step.phase === 'run' && typeof request.stdin === 'string' ? request.stdin : '',
              last,
            );
            unwatch?.();
            exitCode = exit.code;
            signal = exit.signal;
            // bwrap passes a program's death by signal N on as exit code 128 + N.
            const bySignal = launched.wrapped && signal === null ? signalFromExitCode(exitCode) : null;
            if (bySignal) {
              signal = bySignal;
              exitCode = null;
            }
            const notStarted = 'spawnError' in proc ? (proc as GroupProcess).spawnError() : undefined;
            if (notStarted)
              state.note(`Could not start ${step.kind === 'spawn' ? step.command : 'the JavaScript runtime'}: ${notStarted.message}\n`);
            else if (step.phase === 'compile' && state.timedOut)
              state.note(`\nCompiling was stopped after ${Math.round(limit / 1000)} s.\n`);
            if (exitCode !== 0 || state.timedOut || state.outputCapped || notStarted) break;
          }
          if (sandboxed && limits && exitCode !== 0) fileAtLimit = await fileReached(dir, limits.fileSizeBytes);
          if (request.keepBuild && exitCode === 0 && !state.timedOut && !state.stopped && !state.outputCapped) {
            await cp(dir, request.keepBuild, { recursive: true, errorOnExist: true, force: false });
          }
        }
      }
    } catch (err) {
      state.note(`The run could not be carried out: ${err instanceof Error ? err.message : String(err)}\n`);
      exitCode = null;
    } finally {
      state.finishing = true;
      state.current = null;
      if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch(() => undefined);
    }
    const stdout = state.stdout.parts.join('');
    const stderr = state.stderr.parts.join('');
    const clean = exitCode === 0 && !state.timedOut && !state.stopped && !state.outputCapped && !state.watched && !missing;
    const result: RunResult = {
      runId: state.runId,
      language,
      status: clean ? 'success' : 'error',
      exitCode,
      signal,
      durationMs: Math.max(0, Math.round(performance.now() - started)),
      timedOut: state.timedOut,
      stopped: state.stopped,
      outputCapped: state.outputCapped,
      stdout,
      stderr,
      outputHash: outputHash(stdout, stderr),
      sandboxed: sandboxed && dir !== undefined && allWrapped,
    };
    if (missing) result.missingToolchain = missing;
    const limit = state.stopped
      ? undefined
      : limitOfRun({
          outputCapped: state.outputCapped,
          timedOut: state.timedOut,
          watched: state.watched,
          failed: !clean && !missing,
          signal,
          stderr,
          fileAtLimit,
        });
    if (limit) {
      result.limit = limit;
      result.limitText = describeLimit(limit, sandboxed ? limits : null, stepTimeoutMs, state.capBytes);
    }
    return result;
  }

  /**
   * Starts one step: inside the sandbox when there is one (the real toolchain executable, its install
   * folder readable, the step's limits), else as it is. JavaScript runs under Node's permission model
   * either way; inside the sandbox on a Node binary, else on the JsLauncher (Electron's utilityProcess).
   */
  private async launch(
    step: Step,
    ctx: { dir: string; env: Record<string, string>; sandboxed: boolean; limits: SandboxLimits; writable: string[] },
  ): Promise<{ proc: LaunchedProcess; wrapped: boolean; watch?: (onLimit: (limit: RunLimitName) => void) => () => void }> {
    let command: string;
    let args: string[];
    let toolchain: ToolKind | undefined;
    if (step.kind === 'js') {
      const node = ctx.sandboxed ? await this.nodeForSandbox() : null;
      if (!node) {
        const execArgv = nodePermissionArgs(process.versions.node, ctx.dir, ctx.limits.memoryBytes);
        return { proc: this.launchJs(step.script, ctx.dir, ctx.env, execArgv), wrapped: false };
      }
      command = node.path;
      args = [...nodePermissionArgs(node.version, ctx.dir, ctx.limits.memoryBytes), step.script];
      toolchain = 'node';
    } else {
      command = step.command;
      args = step.args;
      toolchain = step.toolchain;
    }
    const sandbox = this.sandbox;
    if (!ctx.sandboxed || !sandbox) return { proc: spawnGroup(command, args, { cwd: ctx.dir, env: ctx.env }), wrapped: false };
    const tool = toolchain ? await this.roots.resolve(toolchain, command, ctx.env) : { command, roots: [] };
    const wrapped = sandbox.wrap({
      command: tool.command,
      args,
      runDir: ctx.dir,
      writable: ctx.writable,
      readable: tool.roots,
      limits: ctx.limits,
    });
    const proc = spawnGroup(wrapped.command, wrapped.args, { cwd: ctx.dir, env: ctx.env, inputs: wrapped.inputs });
    const pid = proc.pid;
    const watch =
      sandbox.watch && pid !== undefined
        ? (onLimit: (limit: RunLimitName) => void) => (sandbox.watch as NonNullable<Sandbox['watch']>)(pid, ctx.limits, onLimit)
        : undefined;
    return { proc, wrapped: true, watch };
  }

  /**
   * The Node binary for JavaScript inside the sandbox, or null (then the JsLauncher runs it): one with
   * Node's permission model, see `CodeRunnerOptions.nodePath`.
   */
  private nodeForSandbox(): Promise<{ path: string; version: string } | null> {
    return (this.sandboxNode ??= (async () => {
      if (this.nodePath === null) return null;
      const path = this.nodePath ?? (process.versions.electron ? await findOnPath('node', this.pathEnv) : process.execPath);
      if (!path) return null;
      const version = path === process.execPath && !process.versions.electron ? process.versions.node : await nodeVersion(path);
      return version && hasPermissionModel(version) ? { path, version } : null;
    })());
  }

  /** What to write and what to run, per language; toolchains looked up on PATH. */
  private async plan(language: RunLanguage, source: string, dir: string, request: RunRequest): Promise<Plan> {
    const extra = request.files ?? {};
    for (const name of Object.keys(extra)) {
      if (!SAFE_FILE_NAME.test(name)) return { failure: `Not run: "${name}" is not a plain file name.\n` };
    }
    const planned = await this.languagePlan(language, source, dir, extra, request.mainClass);
    if (!('steps' in planned)) return planned;
    for (const name of Object.keys(planned.files)) {
      if (name in extra) return { failure: `Not run: "${name}" is the program's own file.\n` };
    }
    return { steps: planned.steps, files: { ...extra, ...planned.files } };
  }

  private async languagePlan(
    language: RunLanguage,
    source: string,
    dir: string,
    extra: Readonly<Record<string, string>>,
    mainClassOverride: string | undefined,
  ): Promise<Plan> {
    const exe = join(dir, `main${EXE}`);
    const also = (ext: string) => Object.keys(extra).filter((n) => n.endsWith(ext));
    switch (language) {
      case 'javascript':
        return { files: { 'main.js': source }, steps: [{ kind: 'js', phase: 'run', script: join(dir, 'main.js') }] };
      case 'typescript': {
        let code: string;
        try {
          code = transform(source, { transforms: ['typescript', 'imports'], filePath: 'main.ts' }).code;
        } catch (err) {
          return { failure: `main.ts: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}\n` };
        }
        return { files: { 'main.js': code }, steps: [{ kind: 'js', phase: 'run', script: join(dir, 'main.js') }] };
      }
      default:
        break;
    }
    if (!(language in TOOLCHAIN_COMMANDS)) return { failure: `Unsupported language: ${String(language)}\n` };
    const tools = await resolveToolchain(language, this.pathEnv);
    if ('missing' in tools) return { missing: tools.missing };
    const [tool, second] = tools.paths as [string, string | undefined];
    switch (language) {
      case 'python':
        return {
          files: { 'main.py': source },
          steps: [{ kind: 'spawn', phase: 'run', command: tool, args: ['main.py'], toolchain: 'python' }],
        };
      case 'java': {
        const names = javaNames(source);
        const { fileClass } = names;
        const mainClass = mainClassOverride ?? names.mainClass;
        return {
          files: { [`${fileClass}.java`]: source },
          steps: [
            {
              kind: 'spawn',
              phase: 'compile',
              command: tool,
              args: ['-encoding', 'UTF-8', `${fileClass}.java`, ...also('.java')],
              toolchain: 'java',
            },
            { kind: 'spawn', phase: 'run', command: second as string, args: [...JAVA_RUN_FLAGS, '-cp', '.', mainClass], toolchain: 'java' },
          ],
        };
      }
      case 'cpp':
        return {
          files: { 'main.cpp': source },
          steps: [
            { kind: 'spawn', phase: 'compile', command: tool, args: ['-O2', '-std=c++17', '-o', exe, 'main.cpp'], toolchain: 'cpp' },
            { kind: 'spawn', phase: 'run', command: exe, args: [] },
          ],
        };
      case 'go':
        // `go build` then the binary, rather than `go run`: the compile gets the compile limit, the
        // program the program limit, and the program's own exit code comes back (go run turns it into 1).
        return {
          files: { 'main.go': source },
          steps: [
            { kind: 'spawn', phase: 'compile', command: tool, args: ['build', '-o', exe, 'main.go', ...also('.go')], toolchain: 'go' },
            { kind: 'spawn', phase: 'run', command: exe, args: [] },
          ],
        };
      case 'rust':
        return {
          files: { 'main.rs': source },
          steps: [
            { kind: 'spawn', phase: 'compile', command: tool, args: ['-O', '--edition', '2021', '-o', exe, 'main.rs'], toolchain: 'rust' },
            { kind: 'spawn', phase: 'run', command: exe, args: [] },
          ],
        };
      default:
        return { failure: `Unsupported language: ${String(language)}\n` };
    }
  }

  private launchJs(script: string, cwd: string, env: Record<string, string>, execArgv: string[]): LaunchedProcess {
    try {
      return this.jsLauncher(script, { cwd, env, execArgv });
    } catch (err) {
      return failedProcess(err instanceof Error ? err : new Error(String(err)));
    }
  }

  /**
   * Runs one process to its end: feeds stdin and closes it, streams and caps its output, enforces the
   * time limit, honours Stop. Resolves with the exit once the process has exited and its streams have
   * drained (or a grace period has passed).
   */
  private drive(
    state: RunState,
    proc: LaunchedProcess,
    limitMs: number,
    stdin: string,
    last: boolean,
  ): Promise<{ code: number | null; signal: string | null }> {
    return new Promise((resolve) => {
      state.current = proc;
      let exit: { code: number | null; signal: string | null } | null = null;
      let open = 2;
      let settled = false;
      const timers: NodeJS.Timeout[] = [];
      const settle = () => {
        if (settled) return;
        settled = true;
        for (const t of timers) clearTimeout(t);
        for (const d of decoders) d.flush();
        // Release pipes that something outside the group may still hold open.
        for (const stream of [proc.stdout, proc.stderr]) (stream as { destroy?: () => void }).destroy?.();
        if (state.current === proc) state.current = null;
        resolve(exit ?? { code: null, signal: null });
      };
      const kill = () => {
        try {
          proc.kill();
        } catch {
          // The launcher could not kill; the exit wait below still ends the step.
        }
        timers.push(setTimeout(settle, KILL_WAIT_MS));
      };

      const decoders = (['stdout', 'stderr'] as const).map((name) => {
        const stream = proc[name];
        const decoder = new StringDecoder('utf8');
        let capped = false;
        let closed = false;
        const close = () => {
          if (closed) return;
          closed = true;
          open--;
          if (exit && open === 0) settle();
        };
        stream.on('data', (chunk: Buffer | string) => {
          if (capped || settled) return;
          const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
          const out = state[name];
          const room = state.capBytes - out.bytes;
          if (buf.length <= room) {
            out.bytes += buf.length;
            state.emit(name, decoder.write(buf));
            return;
          }
          // Over the cap: keep exactly what fits (a character cut at the edge is dropped), end the group.
          out.bytes += Math.max(0, room);
          if (room > 0) state.emit(name, decoder.write(buf.subarray(0, room)));
          capped = true;
          state.outputCapped = true;
          kill();
        });
        stream.on('end', close);
        stream.on('close', close);
        stream.on('error', close);
        return {
          flush() {
            if (!capped) state.emit(name, decoder.end());
          },
        };
      });

      if (proc.stdin) {
        proc.stdin.on('error', () => undefined); // EPIPE: the program did not read its stdin.
        proc.stdin.end(stdin, 'utf8');
      }

      timers.push(
        setTimeout(
          () => {
            if (exit) return;
            state.timedOut = true;
            kill();
          },
          Math.min(limitMs, MAX_TIMER_MS),
        ),
      );
      proc.onExit((code, signal) => {
        if (exit) return;
        exit = { code, signal };
        if (last) state.finishing = true;
        // End whatever the program left running in its group; their output so far stays in the pipes.
        try {
          proc.kill();
        } catch {
          // Nothing left to kill.
        }
        if (open === 0) settle();
        else timers.push(setTimeout(settle, STREAM_DRAIN_MS));
      });
      if (state.stopped) kill();
    });
  }
}

/** A name for a file in the Run's folder: no folders, no dot files. */
const SAFE_FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/;

/** Hands a copied build to the sandbox's own account, so the program can read what root copied in. */
async function chownTree(dir: string, owner: { uid: number; gid: number }): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    await chown(path, owner.uid, owner.gid);
    if (entry.isDirectory()) await chownTree(path, owner);
  }
}

function positive(n: number | undefined): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}

function nodeVersion(path: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(path, ['--version'], { timeout: 10_000, env: { PATH: '' } }, (err, stdout) => resolve(err ? null : String(stdout).trim()));
  });
}

/**
 * Whether a file in the Run's folder reached the file size limit: Python ignores SIGXFSZ, so a write
 * past the limit fails inside the program instead of killing it, and only the file shows what happened.
 */
async function fileReached(dir: string, limitBytes: number): Promise<boolean> {
  let budget = 2000;
  const walk = async (d: string): Promise<boolean> => {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return false;
    }
    for (const e of entries) {
      if (--budget < 0) return false;
      const path = join(d, e.name);
      if (e.isDirectory()) {
        if (await walk(path)) return true;
      } else if (e.isFile()) {
        const size = await stat(path).then(
          (s) => s.size,
          () => 0,
        );
        if (size >= limitBytes) return true;
      }
    }
    return false;
  };
  return walk(dir);
}
