import { readFileSync } from 'node:fs';
import { AppError } from '../../shared/ipc/result';

/** Where a command writes and reads: the process's streams in the binary, buffers in tests. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => string;
  env: NodeJS.ProcessEnv;
}

export interface CliContext {
  resourcesDir: string;
  version: string;
  /** Ends a long-running command (`twin serve`); the binary leaves it unset and stops on Ctrl-C. */
  stopSignal?: Promise<void>;
}

export const EXIT = { ok: 0, error: 1, invalid: 2 } as const;

/** A command line that does not say what it means: exit 2 with the message, never a stack. */
export class UsageError extends Error {}

export const printJson = (io: Pick<CliIo, 'stdout'>, value: unknown) => io.stdout(`${JSON.stringify(value, null, 2)}\n`);

/** Reads and parses a JSON file (`-`: standard input); unreadable or malformed input is `invalid_input` (exit 2). */
export function readJson(file: string, io: Pick<CliIo, 'readStdin'>): unknown {
  let text: string;
  try {
    text = file === '-' ? io.readStdin() : readFileSync(file, 'utf8');
  } catch (err) {
    throw new AppError('invalid_input', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AppError('invalid_input', `${file} is not valid JSON: ${(err as Error).message}`);
  }
}

export function expectArgs<N extends 0 | 1 | 2>(args: string[], n: N, usage: string): N extends 2 ? [string, string] : [string] {
  if (args.length !== n) throw new UsageError(`expected: interview-recorder ${usage}`);
  return args as N extends 2 ? [string, string] : [string];
}

/**
 * The CLI's one error path: usage and `invalid_input` errors exit 2, anything else 1. With --json, an
 * error that lists its problems prints them as `{ ok: false, errors }` on stdout as well.
 */
export function report(err: unknown, io: CliIo, json = false): number {
  if (err instanceof UsageError) {
    io.stderr(`error: ${err.message}\n`);
    return EXIT.invalid;
  }
  const invalid = err instanceof AppError && err.code === 'invalid_input';
  const message = err instanceof Error ? err.message : String(err);
  if (json && err instanceof AppError && err.issues) printJson(io, { ok: false, errors: err.issues });
  io.stderr(`error: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  return invalid ? EXIT.invalid : EXIT.error;
}
