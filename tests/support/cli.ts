import { runCli } from '../../electron/cli/run';
import { RESOURCES_DIR } from './paths';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in-process with its output captured. The environment is the test's own (never the
 * real user's data directory); stdin may be read once, and only when the test gives it.
 */
export function runCliCaptured(argv: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string; version?: string } = {}): CliRun {
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
  return { code, stdout, stderr };
}
