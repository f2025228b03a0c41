import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../electron/cli/run';
import { RESOURCES_DIR, tempDataDir } from './paths';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in-process with its output captured. The environment is the test's own (never the
 * real user's data directory); stdin may be read once, and only when the test gives it.
 */
export function runCliCaptured(argv: string[], options: CliOptions = {}): CliRun {
  const run = capture(argv, options);
  if (typeof run.code !== 'number') throw new Error(`"${argv.join(' ')}" is asynchronous; use runCliCapturedAsync`);
  return { code: run.code, ...run.output() };
}

/** The same, for commands that wait on I/O or the network (bundles, the interviewer talking to a local model server). */
export async function runCliCapturedAsync(argv: string[], options: CliOptions = {}): Promise<CliRun> {
  const run = capture(argv, options);
  const code = await run.code;
  return { code, ...run.output() };
}

type CliOptions = { env?: NodeJS.ProcessEnv; stdin?: string; version?: string };

function capture(
  argv: string[],
  options: CliOptions,
): { code: number | Promise<number>; output: () => { stdout: string; stderr: string } } {
  let stdout = '';
  let stderr = '';
  let stdinReads = 0;
  const code = runCli(
    argv,
    {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
      readStdin: () => {
        if (++stdinReads > 1) throw new Error('stdin was read twice');
        if (options.stdin === undefined) throw new Error('stdin was read but the test gave none');
        return options.stdin;
      },
      env: options.env ?? {},
    },
    { resourcesDir: RESOURCES_DIR, version: options.version ?? '0.0.0-test' },
  );
  return { code, output: () => ({ stdout, stderr }) };
}

/** A data directory for the CLI (chosen through its environment variable) and a folder for input files. */
export function cliFiles(prefix = 'ir-cli-') {
  const dataDir = tempDataDir(`${prefix}data-`);
  const files = tempDataDir(`${prefix}files-`);
  const env = { INTERVIEW_RECORDER_DATA_DIR: dataDir };
  let n = 0;
  /** Writes a JSON value (or a string as it is) into the files folder; returns its path. */
  const write = (content: unknown, name = `file-${++n}.json`) => {
    const file = join(files, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return file;
  };
  return { dataDir, files, env, write };
}
