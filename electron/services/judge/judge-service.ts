import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/ipc/result';
import { TestRunSchema, summaryText, totalsOf, type TestCaseResult, type TestRun } from '../../../shared/judge/result';
import { complexityQuestion } from '../../../shared/judge/categories';
import type { TestEvidence } from '../../../shared/judge/evidence';
import { historyEntry, totalsText, type TestHistoryEntry } from '../../../shared/judge/score';
import type { ReviewTest } from '../../../shared/ipc/contract-review';
import { CASE_KINDS, edgeQuestion } from '../../../shared/judge/suite';
import type { EditorLanguage } from '../../../shared/session/model';
import type { SessionSnapshot, TestRunLine } from '../../../shared/session/snapshot';
import { redactText, validateTelemetryBatch, type RunEvent } from '../../../shared/telemetry';
import type { RunnerSettings } from '../../../shared/settings';
import type { QuestionBank } from '../questions';
import { RUN_LIMITS, trimUtf8, type CodeRunner } from '../runner';
import { unsandboxedRefusal } from '../runner/run-service';
import type { SessionService } from '../sessions';
import { SnapshotError, restoredId, type RestoreRefs, type SnapshotRefs } from '../snapshot/refs';
import type { Db } from '../store';
import type { TelemetryService } from '../telemetry';
import type { Judge } from './judge';

export interface TestInput {
  interviewSessionId: string;
  /** The session's question (its id in the session), which must be a coding question from the bank. */
  questionId: string;
  language: EditorLanguage;
  source: string;
  /** When Test was pressed, on the session's clock. */
  offsetMs: number;
}

export interface JudgeServiceDeps {
  db: Db;
  judge: Judge;
  runner: CodeRunner;
  bank: () => QuestionBank;
  sessions: SessionService;
  telemetry: TelemetryService;
  settings: { get(): { runner: RunnerSettings } };
  now?: () => Date;
}

/** The parts of a stored run outside its columns and its cases. */
interface RunDetail {
  compile: TestRun['compile'];
  notRun: string | null;
  loadError: TestRun['loadError'];
  output: string;
  stderr: string;
  cached: boolean;
  sandboxed: boolean;
}

interface RunRow {
  id: string;
  event_seq: number | null;
  question_id: string;
  language: EditorLanguage;
  status: TestRun['status'];
  passed: number;
  total: number;
  duration_ms: number;
  ts: string;
  t_ms: number;
  source_hash: string;
  detail_json: string;
}

interface CaseRow {
  run_id: string;
  idx: number;
  name: string;
  kind: TestCaseResult['kind'];
  category: string | null;
  status: TestCaseResult['status'];
  time_ms: number | null;
  budget_ms: number;
  message: string | null;
  line: number | null;
  printed_lines: number;
  shown_json: string | null;
}

/**
 * Test presses from the room (docs/judge.md): judges the candidate's code against the question's cases
 * in the sandbox, stores the run as a `run` telemetry event (its summary as the preview, never hidden
 * data) and every case's result in its own tables, and gives the runs to the interviewer, the results
 * screen and the review. One run at a time per session: a second press while one runs is refused.
 */
export class JudgeService {
  private readonly running = new Set<string>();
  private readonly now: () => Date;

  constructor(private readonly deps: JudgeServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async test(input: TestInput): Promise<TestRun> {
    const { sessions, runner, settings } = this.deps;
    const session = sessions.get(input.interviewSessionId);
    if (session.status !== 'in_progress') throw new AppError('conflict', 'Code can only be tested while the interview is in progress.');
    const question = session.questions.find((q) => q.id === input.questionId);
    if (!question) throw new AppError('not_found', `This session has no question with id "${input.questionId}".`);
    const suite = question.category === 'coding' && question.sourceId ? this.deps.bank().testSuite(question.sourceId) : undefined;
    if (!question.sourceId || !suite)
      throw new AppError('invalid_input', `"${question.title}" has no test cases: only the bank's coding questions can be tested.`, [
        { field: 'questionId', message: 'has no test cases' },
      ]);
    const status = await runner.sandboxStatus();
    const refusal = unsandboxedRefusal(status, session.mode, settings.get().runner.allowUnsandboxed);
    if (refusal) throw new AppError('conflict', refusal);
    if (this.running.has(input.interviewSessionId))
      throw new AppError('conflict', 'The tests are already running; wait for them to finish.');
    this.running.add(input.interviewSessionId);
    try {
      const run = await this.deps.judge.start({
        questionId: question.sourceId,
        suite,
        language: input.language,
        code: input.source,
        allowUnsandboxed: !status.available,
        tMs: Math.round(input.offsetMs),
      }).done;
      this.store(input.interviewSessionId, run);
      return run;
    } finally {
      this.running.delete(input.interviewSessionId);
    }
  }

  /**
   * Judges code outside any session (the command line): the same judge and sandbox as the room, where no
   * sandbox exists only if Settings allows it, nothing stored. An unknown question is `invalid_input`.
   */
  async judgeCode(input: { questionId: string; language: EditorLanguage; code: string }): Promise<TestRun> {
    const suite = this.deps.bank().testSuite(input.questionId);
    if (!suite) {
      const known = this.deps.bank().get(input.questionId) !== undefined;
      throw new AppError(
        'invalid_input',
        known
          ? `"${input.questionId}" is not a coding question: only coding questions have test cases.`
          : `There is no question "${input.questionId}" in the bank.`,
        [{ field: 'question', message: known ? 'has no test cases' : 'is not in the bank' }],
      );
    }
    const status = await this.deps.runner.sandboxStatus();
    const refusal = unsandboxedRefusal(status, 'practice', this.deps.settings.get().runner.allowUnsandboxed);
    if (refusal) throw new AppError('conflict', refusal);
    return this.deps.judge.start({
      questionId: input.questionId,
      suite,
      language: input.language,
      code: input.code,
      allowUnsandboxed: !status.available,
    }).done;
  }

  /** Every stored run of a session, oldest first. */
  runs(sessionId: string): TestRun[] {
    return this.rows(sessionId).map(({ run }) => run);
  }

  /** The latest run of one bank question in a session, or null: what the interviewer looks at. */
  latest(sessionId: string, bankQuestionId: string): TestRun | null {
    const row = this.deps.db
      .prepare(`SELECT * FROM test_runs WHERE session_id = ? AND question_id = ? ORDER BY t_ms DESC, rowid DESC LIMIT 1`)
      .get(sessionId, bankQuestionId) as RunRow | undefined;
    return row ? this.toRun(row) : null;
  }

  /**
   * The latest run of a bank question as the interviewer sees it: totals and failing cases with the
   * question each one calls for (the case's own, its category's, or the complexity question).
   */
  evidence(sessionId: string, bankQuestionId: string): TestEvidence | null {
    const run = this.latest(sessionId, bankQuestionId);
    const suite = this.deps.bank().testSuite(bankQuestionId);
    if (!run || !suite) return null;
    return {
      runId: run.id,
      tMs: run.tMs ?? 0,
      status: run.status,
      passed: run.passed,
      total: run.total,
      byKind: run.byKind,
      notRun: run.notRun ?? (run.compile ? `the code does not compile: ${run.compile.message}` : null),
      failing: run.cases
        .filter((c) => c.status !== 'passed')
        .map((c) => {
          const data = suite.cases[c.index];
          const ask =
            c.kind === 'performance'
              ? complexityQuestion(c.category ?? 'a large input')
              : c.kind === 'hidden' && data
                ? edgeQuestion(data)
                : `Your code does not pass ${c.name} yet. What does it return there, and what should it return?`;
          return { name: c.name, kind: c.kind, category: c.category, status: c.status, ask };
        }),
    };
  }

  /** The review's Tests track: every press with its `run` event's seq (that event is not shown as a Run too). */
  reviewTrack(sessionId: string): Array<ReviewTest & { eventSeq: number | null }> {
    return this.rows(sessionId).map(({ row, run }) => ({
      eventSeq: row.event_seq,
      tMs: row.t_ms,
      durationMs: run.durationMs,
      questionId: run.questionId,
      language: run.language,
      status: run.status,
      passed: run.passed,
      total: run.total,
      summary: run.notRun
        ? `Not run: ${run.notRun}`
        : run.compile
          ? `Does not compile${run.compile.line ? ` (line ${run.compile.line})` : ''}: ${run.compile.message}`
          : totalsText(run.byKind),
      failing: run.compile || run.notRun ? [] : historyEntry(run).failing,
    }));
  }

  /** Every run of a bank question in a session, oldest first, as scoring reads it. */
  history(sessionId: string, bankQuestionId: string): TestHistoryEntry[] {
    return this.runs(sessionId)
      .filter((r) => r.questionId === bankQuestionId)
      .map(historyEntry);
  }

  /** The run event and the rows in one transaction: a run is stored whole or not at all. */
  private store(sessionId: string, run: TestRun): void {
    const { db, telemetry } = this.deps;
    db.transaction(() => {
      const validation = validateTelemetryBatch({ interviewSessionId: sessionId, events: [testRunEvent(sessionId, run)] });
      if (!validation.ok) throw new AppError('internal', `The test run's event was refused: ${validation.errors[0]?.reason ?? 'invalid'}`);
      const { seqs } = telemetry.appendValidated(validation, { offsetsMs: [run.tMs ?? 0] });
      this.insert(sessionId, run, seqs[0] ?? null);
    })();
  }

  private insert(sessionId: string, run: TestRun, eventSeq: number | null): void {
    const detail: RunDetail = {
      compile: run.compile,
      notRun: run.notRun,
      loadError: run.loadError,
      output: run.output,
      stderr: run.stderr,
      cached: run.cached,
      sandboxed: run.sandboxed,
    };
    this.deps.db
      .prepare(
        `INSERT INTO test_runs (id, session_id, event_seq, question_id, language, status, passed, total, duration_ms, ts, t_ms, source_hash, detail_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        run.id,
        sessionId,
        eventSeq,
        run.questionId,
        run.language,
        run.status,
        run.passed,
        run.total,
        Math.round(run.durationMs),
        run.ts,
        run.tMs ?? 0,
        run.sourceHash,
        JSON.stringify(detail),
      );
    const insertCase = this.deps.db.prepare(
      `INSERT INTO test_case_results (run_id, idx, name, kind, category, status, time_ms, budget_ms, message, line, printed_lines, shown_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const c of run.cases) {
      const shown =
        c.kind === 'example'
          ? JSON.stringify({ args: c.args, calls: c.calls, expected: c.expected, actual: c.actual, output: c.output })
          : null;
      insertCase.run(run.id, c.index, c.name, c.kind, c.category, c.status, c.timeMs, c.budgetMs, c.message, c.line, c.printedLines, shown);
    }
  }

  private rows(sessionId: string): Array<{ row: RunRow; run: TestRun }> {
    const rows = this.deps.db.prepare(`SELECT * FROM test_runs WHERE session_id = ? ORDER BY t_ms, rowid`).all(sessionId) as RunRow[];
    return rows.map((row) => ({ row, run: this.toRun(row) }));
  }

  private toRun(row: RunRow): TestRun {
    const cases = (this.deps.db.prepare(`SELECT * FROM test_case_results WHERE run_id = ? ORDER BY idx`).all(row.id) as CaseRow[]).map(
      (c): TestCaseResult => {
        const result: TestCaseResult = {
          index: c.idx,
          name: c.name,
          kind: c.kind,
          category: c.category,
          status: c.status,
          timeMs: c.time_ms,
          budgetMs: c.budget_ms,
          message: c.message,
          line: c.line,
          printedLines: c.printed_lines,
        };
        if (c.shown_json) {
          const shown = JSON.parse(c.shown_json) as Partial<Pick<TestCaseResult, 'args' | 'calls' | 'expected' | 'actual' | 'output'>>;
          for (const key of ['args', 'calls', 'expected', 'actual', 'output'] as const)
            if (shown[key] !== undefined) (result as Record<string, unknown>)[key] = shown[key];
        }
        return result;
      },
    );
    const detail = JSON.parse(row.detail_json) as RunDetail;
    return {
      id: row.id,
      questionId: row.question_id,
      language: row.language,
      status: row.status,
      passed: row.passed,
      failed: row.total - row.passed,
      total: row.total,
      byKind: totalsOf(cases),
      durationMs: row.duration_ms,
      ts: row.ts,
      tMs: row.t_ms,
      ...detail,
      sourceHash: row.source_hash,
      cases,
    };
  }

  /** This service's part of the session snapshot; `event` is its run event's index in `telemetry`. */
  snapshot(sessionId: string, refs: SnapshotRefs): Pick<SessionSnapshot, 'testRuns'> {
    return {
      testRuns: this.rows(sessionId).map(({ row, run }) => ({
        ...run,
        tMs: row.t_ms,
        event: row.event_seq === null ? null : (refs.eventIndex.get(row.event_seq) ?? null),
      })),
    };
  }

  /**
   * Inserts the runs inside the caller's transaction, after telemetry. Each line must hold together:
   * its totals are its cases', its event is a `run` event, hidden cases carry no data.
   */
  restore(lines: Iterable<TestRunLine>, refs: RestoreRefs, where = 'test runs'): void {
    let n = 0;
    for (const line of lines) {
      n++;
      const at = `line ${n} of ${where}`;
      const { event, ...run } = line;
      const parsed = TestRunSchema.safeParse(run);
      if (!parsed.success) throw new SnapshotError(at, `is not a test run: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      const totals = totalsOf(run.cases);
      const passed = CASE_KINDS.reduce((sum, k) => sum + totals[k].passed, 0);
      if (passed !== run.passed || run.cases.length !== run.total || run.failed !== run.total - run.passed)
        throw new SnapshotError(at, 'has totals that are not those of its cases');
      if (run.cases.some((c) => c.kind !== 'example' && (c.args !== undefined || c.expected !== undefined || c.actual !== undefined)))
        throw new SnapshotError(at, 'shows the data of a hidden or performance case');
      let seq: number | null = null;
      if (event !== null) {
        seq = refs.eventSeqs[event] ?? null;
        if (seq === null || refs.eventTypes[event] !== 'run')
          throw new SnapshotError(at, `points at event ${event}, which is not a run event`);
      }
      this.insert(refs.sessionId, { ...run, id: restoredId(refs, run.id) }, seq);
    }
  }
}

/**
 * The canonical `run` event of a test run: success only when every case passed. Its preview is the
 * summary (totals per kind, failing cases by name and category); the hash covers every case's outcome.
 */
export function testRunEvent(sessionId: string, run: TestRun): RunEvent {
  const outcome = run.cases.map((c) => `${c.name}:${c.status}`).join('\n');
  const event: RunEvent = {
    type: 'run',
    ts: run.ts,
    sessionId,
    source: 'client',
    status: run.status === 'passed' ? 'success' : 'error',
    durationMs: Math.max(0, run.durationMs),
    outputHash: createHash('sha256').update(outcome, 'utf8').digest('hex'),
    stdoutPreview: trimUtf8(summaryText(run), RUN_LIMITS.previewBytes),
  };
  if (run.compile) event.stderrPreview = trimUtf8(redactText(run.compile.message).text, RUN_LIMITS.previewBytes);
  return event;
}
