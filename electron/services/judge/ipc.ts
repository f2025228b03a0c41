import type { Handlers } from '../../../shared/ipc/dispatch';
import type { judgeInvokeContract } from '../../../shared/ipc/contract-judge';
import type { JudgeService } from './judge-service';

/** Test presses from the room and the session's test history. */
export function judgeHandlers(tests: JudgeService): Pick<Handlers, keyof typeof judgeInvokeContract> {
  return {
    'judge:test': (input) => tests.test(input),
    'judge:runs': ({ interviewSessionId }) => tests.runs(interviewSessionId),
  };
}
