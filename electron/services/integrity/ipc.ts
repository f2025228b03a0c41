import type { Handlers } from '../../../shared/ipc/dispatch';
import type { integrityInvokeContract } from '../../../shared/ipc/contract-integrity';
import type { IntegrityService } from './integrity-service';

/** Integrity signals from the room. */
export function integrityHandlers(integrity: IntegrityService): Pick<Handlers, keyof typeof integrityInvokeContract> {
  return {
    'integrity:record': ({ interviewSessionId, ts, offsetMs, signal }) => integrity.record(interviewSessionId, ts, offsetMs, signal),
  };
}
