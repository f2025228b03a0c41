import type { Handlers } from '../../../shared/ipc/dispatch';
import type { codeInvokeContract } from '../../../shared/ipc/contract-code';
import type { CodeService } from './code-service';

/** The editor's changes and snapshots, and each file's latest text for a resumed interview. */
export function codeHandlers(code: CodeService): Pick<Handlers, keyof typeof codeInvokeContract> {
  return {
    'code:record': (input) => code.record(input),
    'code:latest': ({ interviewSessionId }) => code.latest(interviewSessionId),
  };
}
