import { readFileSync } from 'node:fs';
import { AppError } from '../../shared/ipc/result';
import type { TestRun } from '../../shared/judge/result';
import { EDITOR_LANGUAGES, type EditorLanguage } from '../../shared/session/model';
import type { AppServices } from '../services';
import { EXIT, printJson, UsageError, type CliIo } from './io';

export const JUDGE_USAGE = `Judging code
  judge --question ID --language L FILE
                                   Run FILE against the bank question's test cases (examples, hidden
                                   edge cases, performance tests) as the room's Test button does, in
                                   the sandbox; L is one of ${EDITOR_LANGUAGES.join(', ')}. Prints one
                                   line per case, or with --json { passed, failed, total, cases:
                                   [{ name, kind, status, expected?, actual?, timeMs, message? }] };
                                   exit 0 when every case passes, 1 when any fails`;

interface JudgeOptions {
  question?: string;
  language?: string;
  json: boolean;
}

/** `judge --question ID --language L FILE`: the app's judge on a file, nothing stored. */
export async function judgeCommand(
  open: () => AppServices,
  file: string | undefined,
  args: string[],
  options: JudgeOptions,
  io: CliIo,
): Promise<number> {
  const usage = 'expected: interview-recorder judge --question ID --language L FILE [--json]';
  if (file === undefined || args.length > 0) throw new UsageError(usage);
  if (!options.question) throw new UsageError(`judge needs --question (a coding question's id in the bank)`);
  if (!options.language) throw new UsageError(`judge needs --language (one of ${EDITOR_LANGUAGES.join(', ')})`);
  if (!(EDITOR_LANGUAGES as readonly string[]).includes(options.language))
    throw new UsageError(`unknown language "${options.language}": one of ${EDITOR_LANGUAGES.join(', ')}`);
  let code: string;
  try {
    code = readFileSync(file, 'utf8');
  } catch (err) {
    throw new AppError(
      'invalid_input',
      `cannot read the program ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  const run = await open().tests.judgeCode({ questionId: options.question, language: options.language as EditorLanguage, code });
  if (options.json) printJson(io, judgeReport(run));
  else io.stdout(judgeText(run));
  return run.status === 'passed' ? EXIT.ok : EXIT.error;
}

/** The report `--json` prints: every case, with results only for the visible examples. */
export function judgeReport(run: TestRun) {
  return {
    passed: run.passed,
    failed: run.failed,
    total: run.total,
    ...(run.compile ? { compile: { message: run.compile.message, line: run.compile.line } } : {}),
    ...(run.notRun ? { notRun: run.notRun } : {}),
    cases: run.cases.map((c) => ({
      name: c.name,
      kind: c.kind,
      ...(c.category ? { category: c.category } : {}),
      status: c.status,
      ...(c.expected !== undefined ? { expected: c.expected } : {}),
      ...(c.actual !== undefined ? { actual: c.actual } : {}),
      timeMs: c.timeMs,
      ...(c.message ? { message: c.message } : {}),
      ...(c.line ? { line: c.line } : {}),
    })),
  };
}

function judgeText(run: TestRun): string {
  const lines: string[] = [];
  if (run.notRun) lines.push(`not run: ${run.notRun}`);
  if (run.compile) lines.push(`does not compile${run.compile.line ? ` (line ${run.compile.line})` : ''}: ${run.compile.message}`);
  if (!run.compile && !run.notRun)
    for (const c of run.cases) {
      const about = c.category ? ` (${c.category})` : '';
      const time = c.timeMs === null ? '' : ` ${c.timeMs < 10 ? c.timeMs.toFixed(1) : Math.round(c.timeMs)} ms`;
      const why = c.status === 'passed' ? '' : ` — ${(c.message ?? c.status).split('\n')[0]}${c.line ? ` (line ${c.line})` : ''}`;
      lines.push(`${c.status.padEnd(7)} ${c.name}${about}${time}${why}`);
    }
  lines.push(`${run.passed}/${run.total} passed`);
  return `${lines.join('\n')}\n`;
}
