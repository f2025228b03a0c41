import { readFileSync } from 'node:fs';
import { AppError } from '../../shared/ipc/result';
import type { AppServices } from '../services';
import { RUN_LANGUAGES, type RunLanguage, type RunResult } from '../services/runner';
import { EXIT, printJson, UsageError, type CliIo } from './io';

export const RUN_USAGE = `Running code
  run --language L FILE [--stdin FILE] [--timeout S]
                                   Run a program as the interview room does, in the sandbox and with
                                   its limits; L is one of python, javascript, typescript, java, cpp,
                                   go, rust. Prints the program's output, or with --json { status,
                                   exitCode, durationMs, stdout, stderr, limit? }; exit 0 when it
                                   succeeded, 1 when it failed`;

/** The longest --timeout: a program that needs more than ten minutes is not an interview answer. */
const MAX_TIMEOUT_S = 600;

interface RunCodeOptions {
  language?: string;
  stdin?: string;
  timeout?: string;
  json: boolean;
}

function readInput(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new AppError('invalid_input', `cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** How a failed Run reads on one line of stderr. */
export function runVerdict(result: RunResult): string {
  if (result.missingToolchain) return `not run: ${result.missingToolchain.tool} is not installed`;
  if (result.limit) return `stopped: the program reached ${result.limitText ?? result.limit}`;
  if (result.stopped) return 'stopped';
  if (result.exitCode !== null) return `exited with code ${result.exitCode}`;
  if (result.signal) return `ended by signal ${result.signal}`;
  return 'not run';
}

/**
 * `run --language L FILE`: the program runs on the app's own runner (same sandbox, limits, Go cache in
 * the data directory). Where no sandbox exists it runs only if Settings → Code runner allows that, as
 * for a practice interview. Output streams as it comes; --json prints one report at the end instead.
 */
export async function runCodeCommand(
  open: () => AppServices,
  file: string | undefined,
  args: string[],
  options: RunCodeOptions,
  io: CliIo,
): Promise<number> {
  if (file === undefined || args.length > 0)
    throw new UsageError('expected: interview-recorder run --language L FILE [--stdin FILE] [--timeout S]');
  if (options.language === undefined) throw new UsageError(`run needs --language (one of ${RUN_LANGUAGES.join(', ')})`);
  const language = options.language;
  if (!(RUN_LANGUAGES as readonly string[]).includes(language)) {
    throw new UsageError(`unknown language "${language}": one of ${RUN_LANGUAGES.join(', ')}`);
  }
  let timeoutMs: number | undefined;
  if (options.timeout !== undefined) {
    const seconds = Number(options.timeout);
    if (options.timeout.trim() === '' || !Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_TIMEOUT_S) {
      throw new UsageError(`--timeout must be a number of seconds above 0 and at most ${MAX_TIMEOUT_S}, not "${options.timeout}"`);
    }
    timeoutMs = Math.round(seconds * 1000);
  }
  const source = readInput(file, 'the program');
  const stdin = options.stdin === undefined ? undefined : readInput(options.stdin, 'the input');

  const services = open();
  const handle = services.runner.start(
    {
      language: language as RunLanguage,
      source,
      ...(stdin !== undefined ? { stdin } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      allowUnsandboxed: services.settings.get().runner.allowUnsandboxed,
    },
    (chunk) => {
      if (!options.json) io[chunk.stream](chunk.text);
    },
  );
  const result = await handle.done;
  if (options.json) {
    const { status, exitCode, durationMs, stdout, stderr, limit } = result;
    printJson(io, { status, exitCode, durationMs, stdout, stderr, ...(limit ? { limit } : {}) });
  } else if (result.status !== 'success') {
    io.stderr(`${result.stderr === '' || result.stderr.endsWith('\n') ? '' : '\n'}run: ${runVerdict(result)}\n`);
  }
  return result.status === 'success' ? EXIT.ok : EXIT.error;
}
