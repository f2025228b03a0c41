import type { Handlers } from '../../../shared/ipc/dispatch';
import type { runnerInvokeContract } from '../../../shared/ipc/contract-runner';
import type { CodeRunner } from './code-runner';
import type { RunService } from './run-service';

/** Runs from the room, which toolchains this machine has, and its sandbox. */
export function runnerHandlers(deps: { runner: CodeRunner; runs: RunService }): Pick<Handlers, keyof typeof runnerInvokeContract> {
  const { runner, runs } = deps;
  return {
    'runner:toolchains': () => runner.toolchains(),
    'runner:sandbox': (input) => runs.sandbox(input?.interviewSessionId),
    'runner:start': (input) => runs.start(input),
    'runner:stop': ({ runId }) => runs.stop(runId),
  };
}
