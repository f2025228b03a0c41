import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { categoryLabel } from '../../../shared/judge/categories';
import { expandValue, GeneratorError } from '../../../shared/judge/generators';
import { caseBudgetMs, caseWallLimitMs, COMPILED_LANGUAGES } from '../../../shared/judge/languages';
import { totalsOf, type CaseStatus, type TestCaseResult, type TestRun } from '../../../shared/judge/result';
import { caseNames, isHashed, type CompareSpec, type TestCaseData, type TestSuite } from '../../../shared/judge/suite';
import type { EditorLanguage } from '../../../shared/session/model';
import type { CodeRunner, RunResult } from '../runner';
import { BuildCache, type Build } from './builds';
import { compareResult, show } from './compare';
import { buildProgram, type JudgeProgram } from './drivers';
import { FrameReader, type DriverError, type DriverFrame } from './frames';

export interface JudgeRequest {
  questionId: string;
  suite: TestSuite;
  language: EditorLanguage;
  code: string;
  /** Run where no sandbox exists (Settings allows it for practice): as the runner's own Runs. */
  allowUnsandboxed: boolean;
  /** Session clock offset of the press, stored with the run; null outside a session (the command line). */
  tMs?: number | null;
  /** Cases finished so far, as they finish. */
  onProgress?: (done: number, total: number) => void;
}

export interface JudgeHandle {
  id: string;
  /** Always resolves. */
  done: Promise<TestRun>;
  stop(): void;
}

export interface JudgeOptions {
  runner: CodeRunner;
  /** Where compiled builds are kept between runs (`<cache>/judge-builds`). */
  buildDir: string;
  /** Wall time a whole test run may take. */
  runBudgetMs?: number;
  now?: () => Date;
}

/** A whole test run stops here, whatever its cases' own limits (docs/judge.md, "Time"). */
export const RUN_BUDGET_MS = 180_000;
/** Room for a performance test's result: 100,000 numbers are under a megabyte of JSON. */
const OUTPUT_CAP_BYTES = 32 * 1024 * 1024;
/** What is kept of the candidate's printing per case, outside cases and on stderr. */
const KEPT_OUTPUT = { perCase: 4096, load: 8192, stderr: 16_384 } as const;

/** A case with its generated values expanded, ready to send; kept per question between runs. */
interface PreparedCase {
  data: TestCaseData;
  name: string;
  line: string;
  args: unknown[];
  calls: unknown[][] | null;
  expected: unknown;
  compare: CompareSpec;
}

/**
 * The judge (docs/judge.md): runs a candidate's code against a question's test cases in the sandbox.
 * One process per run takes every case on stdin and answers with a frame per case; compiled languages
 * are compiled once per run and the build is kept for the next run of the same code. A case that loops
 * past its time or crashes its process is that case's result: the judge ends the process and starts a
 * new one for the cases after it. Expected results never enter the sandbox.
 */
export class Judge {
  private readonly builds: BuildCache;
  private readonly prepared = new Map<string, PreparedCase[]>();
  private readonly runBudgetMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: JudgeOptions) {
    this.builds = new BuildCache(options.runner, options.buildDir);
    this.runBudgetMs = options.runBudgetMs ?? RUN_BUDGET_MS;
    this.now = options.now ?? (() => new Date());
  }

  start(request: JudgeRequest): JudgeHandle {
    const id = randomUUID();
    const run = new TestRunState(id, request, this.now(), this.runBudgetMs);
    const done = this.execute(run).catch((err: unknown) => {
      run.internalError(err instanceof Error ? err.message : String(err));
      return run.result();
    });
    return { id, done, stop: () => run.stop() };
  }

  /** Removes the kept builds (app quit). */
  close(): void {
    this.builds.clear();
  }

  private async execute(run: TestRunState): Promise<TestRun> {
    const { request } = run;
    let cases: PreparedCase[];
    try {
      cases = this.prepare(request.questionId, request.suite);
    } catch (err) {
      if (err instanceof GeneratorError) {
        run.internalError(`The test data of this question is broken: ${err.message}`);
        return run.result();
      }
      throw err;
    }
    run.setCases(cases, request.language);
    const program = buildProgram(request.language, request.suite.signature, request.code);
    if ('failure' in program) {
      run.compileFailed(program.failure.message, program.failure.line, program.failure.message);
      return run.result();
    }
    let build: Build | null = null;
    let release = () => {};
    try {
      if (COMPILED_LANGUAGES.includes(request.language)) {
        const acquired = await this.builds.acquire(program, request.allowUnsandboxed);
        build = acquired.build;
        release = acquired.release;
        run.cached = build.cached;
        if (!build.ok) {
          run.buildFailed(build.result, program);
          return run.result();
        }
      }
      await this.runCases(run, program, build?.ok ? build.dir : null);
    } finally {
      release();
    }
    return run.result();
  }

  /** Expanded cases of a question, made once per question: generating 100,000 numbers is not free. */
  private prepare(questionId: string, suite: TestSuite): PreparedCase[] {
    const key = `${questionId}:${createHash('sha256').update(JSON.stringify(suite)).digest('hex')}`;
    const known = this.prepared.get(key);
    if (known) return known;
    const names = caseNames(suite.cases);
    const cases = suite.cases.map((data, i): PreparedCase => {
      const args = expandValue(data.args) as unknown[];
      const calls = data.calls === undefined ? null : (expandValue(data.calls) as unknown[][]);
      const expected = isHashed(data.expected) ? data.expected : expandValue(data.expected);
      const line = JSON.stringify(calls ? { i, args, calls } : { i, args });
      return { data, name: names[i] as string, line, args, calls, expected, compare: data.compare ?? suite.compare };
    });
    if (this.prepared.size >= 8) this.prepared.delete(this.prepared.keys().next().value as string);
    this.prepared.set(key, cases);
    return cases;
  }

  /** Processes until every case has a result: each picks up after the case that ended the one before. */
  private async runCases(run: TestRunState, program: JudgeProgram, buildDir: string | null): Promise<void> {
    const runner = this.options.runner;
    while (run.pending().length > 0 && !run.stopped) {
      const remaining = run.remainingMs();
      if (remaining <= 0) {
        run.outOfTime();
        return;
      }
      const pending = run.pending();
      const nonce = randomBytes(16).toString('hex');
      const stdin = `${JSON.stringify({ nonce })}\n${pending.map((i) => run.cases[i]!.line).join('\n')}\n`;
      const attempt = new ProcessState(run, program);
      const reader = new FrameReader(
        nonce,
        (frame) => attempt.onFrame(frame),
        (text) => attempt.onText(text),
      );
      const handle = runner.start(
        {
          language: program.runLanguage,
          source: program.source,
          files: program.files,
          ...(program.mainClass ? { mainClass: program.mainClass } : {}),
          ...(buildDir ? { fromBuild: buildDir } : {}),
          stdin,
          timeoutMs: remaining,
          outputCapBytes: OUTPUT_CAP_BYTES,
          allowUnsandboxed: run.request.allowUnsandboxed,
        },
        (chunk) => {
          if (chunk.stream === 'stdout') reader.push(chunk.text);
          else run.addStderr(chunk.text);
        },
      );
      attempt.stopProcess = () => handle.stop();
      run.current = attempt;
      const result = await handle.done;
      reader.end();
      attempt.finish();
      run.current = null;
      run.sandboxed &&= result.sandboxed;
      if (!attempt.settle(result)) return;
    }
  }
}

/** One test run's results as they come in. */
class TestRunState {
  readonly started: number;
  cases: PreparedCase[] = [];
  results: TestCaseResult[] = [];
  private readonly outcome = new Map<number, TestCaseResult>();
  compile: TestRun['compile'] = null;
  notRun: string | null = null;
  loadError: TestRun['loadError'] = null;
  private loadOutput = '';
  private stderr = '';
  cached = false;
  sandboxed = true;
  stopped = false;
  current: ProcessState | null = null;
  private budgets: number[] = [];

  constructor(
    readonly id: string,
    readonly request: JudgeRequest,
    readonly at: Date,
    private readonly budgetMs: number,
  ) {
    this.started = performance.now();
  }

  setCases(cases: PreparedCase[], language: EditorLanguage): void {
    this.cases = cases;
    this.budgets = cases.map((c) => caseBudgetMs(language, c.data.kind, c.data.budgetMs));
  }

  budget(i: number): number {
    return this.budgets[i] as number;
  }

  remainingMs(): number {
    return this.budgetMs - (performance.now() - this.started);
  }

  pending(): number[] {
    return this.cases.map((_, i) => i).filter((i) => !this.outcome.has(i));
  }

  stop(): void {
    this.stopped = true;
    this.current?.stopProcess();
  }

  addStderr(text: string): void {
    if (this.stderr.length < KEPT_OUTPUT.stderr) this.stderr += text.slice(0, KEPT_OUTPUT.stderr - this.stderr.length);
  }

  addLoadOutput(text: string): void {
    if (this.loadOutput.length < KEPT_OUTPUT.load) this.loadOutput += text.slice(0, KEPT_OUTPUT.load - this.loadOutput.length);
  }

  /** Records case `i`: visible cases keep their data, hidden ones only what says nothing about it. */
  record(
    i: number,
    status: CaseStatus,
    fields: {
      timeMs?: number | null;
      message?: string | null;
      hiddenMessage?: string | null;
      line?: number | null;
      actual?: unknown;
      output?: string;
      printed?: number;
    },
  ): void {
    if (this.outcome.has(i)) return;
    const c = this.cases[i] as PreparedCase;
    const visible = c.data.kind === 'example';
    const result: TestCaseResult = {
      index: i,
      name: c.name,
      kind: c.data.kind,
      category:
        c.data.kind === 'hidden' ? categoryLabel('hidden', c.data.category ?? null).replace(/^edge case: /, '') : (c.data.size ?? null),
      status,
      timeMs: fields.timeMs === undefined || fields.timeMs === null ? null : Math.round(fields.timeMs * 100) / 100,
      budgetMs: this.budget(i),
      message: visible ? (fields.message ?? null) : (fields.hiddenMessage ?? fields.message ?? null),
      line: fields.line ?? null,
      printedLines: fields.printed ?? 0,
    };
    if (visible) {
      result.args = c.args;
      if (c.calls) result.calls = c.calls;
      result.expected = c.expected;
      if (fields.actual !== undefined) result.actual = fields.actual;
      if (fields.output) result.output = fields.output;
    }
    this.outcome.set(i, result);
    this.request.onProgress?.(this.outcome.size, this.cases.length);
  }

  /** Every case still without a result gets this one. */
  recordRest(status: CaseStatus, message: string): void {
    for (const i of this.pending()) this.record(i, status, { message });
  }

  compileFailed(message: string, line: number | null, output: string): void {
    this.compile = { message, line, output };
    this.recordRest('error', 'Not run: the code does not compile.');
  }

  buildFailed(result: RunResult, program: JudgeProgram): void {
    if (result.missingToolchain) {
      this.notRun = result.missingToolchain.hint;
      this.recordRest('error', `Not run: ${result.missingToolchain.tool} is not installed.`);
      return;
    }
    const refused = /^Not run: .*/m.exec(result.stderr);
    if (refused && result.exitCode === null && !result.timedOut) {
      this.notRun = refused[0].replace(/^Not run: /, '');
      this.recordRest('error', 'Not run.');
      return;
    }
    const first = compileError(result.stderr, program);
    const output = result.timedOut ? `${result.stderr}\nCompiling took too long and was stopped.` : result.stderr;
    this.compileFailed(first.message, first.line, output.slice(0, 65_536));
  }

  internalError(message: string): void {
    this.notRun ??= message;
    this.recordRest('error', message);
  }

  outOfTime(): void {
    this.recordRest('timeout', `Not run: the test run reached its limit of ${Math.round(this.budgetMs / 1000)} s.`);
  }

  result(): TestRun {
    const cases = this.cases.map((_, i) => this.outcome.get(i)).filter((c): c is TestCaseResult => c !== undefined);
    const passed = cases.filter((c) => c.status === 'passed').length;
    const byKind = totalsOf(cases);
    return {
      id: this.id,
      questionId: this.request.questionId,
      language: this.request.language,
      status: this.compile || this.notRun ? 'error' : passed === cases.length && cases.length > 0 ? 'passed' : 'failed',
      passed,
      failed: cases.length - passed,
      total: cases.length,
      byKind,
      durationMs: Math.round(performance.now() - this.started),
      ts: this.at.toISOString(),
      tMs: this.request.tMs ?? null,
      compile: this.compile,
      notRun: this.notRun,
      loadError: this.loadError,
      output: this.loadOutput,
      stderr: this.stderr.replace(
        /^\(node:\d+\) ExperimentalWarning: Permission is an experimental feature.*\n(\(Use `node --trace-warnings.*\n)?/m,
        '',
      ),
      sourceHash: createHash('sha256').update(this.request.code, 'utf8').digest('hex'),
      cached: this.cached,
      sandboxed: this.sandboxed,
      cases,
    };
  }
}

/** One process of a test run: the case it is in, and whether the judge ended it for running too long. */
class ProcessState {
  private ready = false;
  private fatal = false;
  private currentCase: number | null = null;
  private caseOutput = '';
  private casePrinted = 0;
  private timer: NodeJS.Timeout | null = null;
  private timedOutCase: number | null = null;
  private progressed = false;
  stopProcess: () => void = () => undefined;

  constructor(
    private readonly run: TestRunState,
    private readonly program: JudgeProgram,
  ) {}

  onText(text: string): void {
    if (this.currentCase === null) {
      this.run.addLoadOutput(text);
      return;
    }
    this.casePrinted += (text.match(/\n/g) ?? []).length;
    if (this.caseOutput.length < KEPT_OUTPUT.perCase) this.caseOutput += text.slice(0, KEPT_OUTPUT.perCase - this.caseOutput.length);
  }

  onFrame(frame: DriverFrame): void {
    switch (frame.t) {
      case 'ready':
        this.ready = true;
        if (frame.loadError && !this.run.loadError) this.run.loadError = this.located(frame.loadError);
        return;
      case 'fatal': {
        this.fatal = true;
        const e = this.located(frame.error);
        if (frame.kind === 'compile') this.run.compileFailed(e.message, e.line, e.message);
        else {
          this.run.loadError = e;
          this.run.recordRest('error', `Not run: ${e.message}`);
        }
        return;
      }
      case 'start': {
        this.progressed = true;
        this.currentCase = frame.i;
        this.caseOutput = '';
        this.casePrinted = 0;
        const limit = caseWallLimitMs(this.run.budget(frame.i));
        this.clearTimer();
        this.timer = setTimeout(() => {
          this.timedOutCase = frame.i;
          this.stopProcess();
        }, limit);
        return;
      }
      case 'done':
        this.clearTimer();
        this.progressed = true;
        this.finishCase(frame);
        this.currentCase = null;
        return;
      case 'end':
        return;
    }
  }

  private finishCase(frame: Extract<DriverFrame, { t: 'done' }>): void {
    const i = frame.i;
    const c = this.run.cases[i];
    if (!c) return;
    const budget = this.run.budget(i);
    const printed = this.casePrinted + (this.caseOutput && !this.caseOutput.endsWith('\n') ? 1 : 0);
    const base = { timeMs: frame.cpuMs, output: this.caseOutput, printed };
    if (!frame.ok) {
      const e = this.located(frame.error);
      const during = c.calls && frame.call >= 0 ? ` (call ${frame.call + 1}: ${callText(c.calls[frame.call])})` : '';
      this.run.record(i, 'error', {
        ...base,
        message: `${e.message}${during}`,
        hiddenMessage: `${e.type}${e.line ? ` on line ${e.line}` : ''}${c.calls && frame.call >= 0 ? ` in call ${frame.call + 1}` : ''}`,
        line: e.line,
        actual: c.calls ? frame.value : undefined,
      });
      return;
    }
    if (frame.cpuMs > budget) {
      const message = `Used ${formatMs(frame.cpuMs)} of CPU time; the limit for this test is ${formatMs(budget)}.`;
      this.run.record(i, 'timeout', { ...base, message, actual: frame.value });
      return;
    }
    const verdict = compareResult(frame.value, c.expected, c.compare, c.args);
    if (verdict.ok) {
      this.run.record(i, 'passed', { ...base, actual: frame.value });
      return;
    }
    let message = verdict.message;
    if (c.calls && Array.isArray(frame.value) && Array.isArray(c.expected)) {
      const k = (c.expected as unknown[]).findIndex((e, n) => !compareResult((frame.value as unknown[])[n], e, c.compare, c.args).ok);
      if (k >= 0)
        message = `Call ${k + 1}, ${callText(c.calls[k])}: expected ${show((c.expected as unknown[])[k])}, got ${show((frame.value as unknown[])[k])}.`;
    }
    this.run.record(i, 'failed', { ...base, message, hiddenMessage: 'Wrong answer.', actual: frame.value });
  }

  /** A driver's error with a line only when it is in the candidate's code. */
  private located(e: DriverError): { type: string; message: string; line: number | null } {
    const line = e.line !== null && e.line <= this.program.lines ? e.line : null;
    return { type: e.type, message: e.message, line };
  }

  finish(): void {
    this.clearTimer();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * After the process ended: gives the case it was in its result (a timeout, a crash), and says whether
   * another process should pick up the cases still waiting.
   */
  settle(result: RunResult): boolean {
    const run = this.run;
    if (this.fatal) return false;
    if (run.stopped) {
      run.recordRest('error', 'Stopped before this test ran.');
      return false;
    }
    if (!this.ready) {
      if (result.missingToolchain) {
        run.notRun = result.missingToolchain.hint;
        run.recordRest('error', `Not run: ${result.missingToolchain.tool} is not installed.`);
      } else if (/^Not run: /m.test(result.stderr)) {
        run.notRun = (/^Not run: (.*)$/m.exec(result.stderr) as RegExpExecArray)[1] as string;
        run.recordRest('error', 'Not run.');
      } else {
        const why = ended(result) ?? 'it ended before the first test';
        run.notRun = `The program could not start: ${why}.`;
        run.recordRest('error', `Not run: the program could not start (${why}).`);
      }
      return false;
    }
    const i = this.currentCase;
    if (i !== null) {
      const printed = this.casePrinted;
      if (this.timedOutCase === i) {
        const limit = caseWallLimitMs(run.budget(i));
        run.record(i, 'timeout', {
          message: `Still running after ${formatMs(limit)}, so it was stopped: an endless loop, or far too slow.`,
          output: this.caseOutput,
          printed,
        });
      } else if (result.timedOut) {
        run.outOfTime();
        return false;
      } else {
        const why = ended(result) ?? 'the program ended during this test';
        const stderrTail = result.stderr.trim().split('\n').slice(-3).join('\n');
        run.record(i, 'error', {
          message: `The program crashed: ${why}.${stderrTail ? `\n${stderrTail}` : ''}`,
          hiddenMessage: `The program crashed: ${why}.`,
          output: this.caseOutput,
          printed,
        });
      }
    }
    if (run.pending().length === 0) return false;
    if (!this.progressed) {
      // Ready but no case started: nothing new would come of another try.
      run.recordRest('error', `Not run: the program ended before this test (${ended(result) ?? 'no reason given'}).`);
      return false;
    }
    return true;
  }
}

function ended(result: RunResult): string | null {
  if (result.limit) return `it reached ${result.limitText ?? `the ${result.limit} limit`}`;
  if (result.signal)
    return `it was ended by ${result.signal}${result.signal === 'SIGSEGV' ? ' (often a stack overflow from deep recursion, or an index out of range)' : ''}`;
  if (result.exitCode !== null) return `it exited with code ${result.exitCode}`;
  return null;
}

function callText(call: unknown[] | undefined): string {
  if (!call) return '';
  const [name, ...args] = call;
  return `${String(name)}(${args.map((a) => show(a, 60)).join(', ')})`;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/**
 * The compiler's first error, located in the candidate's file when it is there. An error in the
 * driver's part means the candidate's declaration no longer fits the call the question makes.
 */
export function compileError(stderr: string, program: JudgeProgram): { message: string; line: number | null } {
  const lines = stderr.split('\n');
  const escaped = program.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const inFile = new RegExp(`(?:^|[\\s/])${escaped}:(\\d+)`);
  const errorLine = lines.find((l) => /\berror\b/i.test(l)) ?? lines.find((l) => l.trim() !== '') ?? 'The code does not compile.';
  const index = lines.indexOf(errorLine);
  // rustc names the place on a line after the message ("--> main.rs:3:5").
  const around = lines.slice(Math.max(0, index), index + 4).join('\n');
  const at = inFile.exec(around);
  const line = at ? Number(at[1]) : null;
  const message = errorLine
    .trim()
    .replace(/^.*?\b(error(\[\w+\])?:)/i, 'error:')
    .trim();
  if (line !== null && line <= program.lines) return { message, line };
  const foreign = line !== null || program.driverFiles.some((f) => around.includes(f)) || /irjudge/i.test(around);
  return {
    message: foreign
      ? `The test driver cannot call your code as the starter code declares it: keep its name and parameters. (${message})`
      : message,
    line: null,
  };
}
