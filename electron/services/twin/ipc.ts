import type { twinInvokeContract } from '../../../shared/ipc/contract-twin';
import type { Handlers } from '../../../shared/ipc/dispatch';
import type { TwinService } from './twin-service';

/** The Twins screen's calls; a training job's progress goes out as `twin:training` events (raised by the service). */
export function twinHandlers(twins: TwinService): Pick<Handlers, keyof typeof twinInvokeContract> {
  return {
    'twin:list': () => twins.list(),
    'twin:profile': ({ interviewer }) => twins.profile(interviewer),
    'twin:respond': ({ interviewer, history, controls, offline }) => twins.respond(interviewer, { history, controls, offline }),
    'twin:evaluate': ({ interviewer, offline }) => twins.evaluate(interviewer, { offline: offline ?? true }),
    'twin:evaluations': ({ interviewer }) => twins.evaluations(interviewer),
    'twin:train': ({ interviewer, baseModel }) => twins.startTraining(interviewer, { baseModel }),
    'twin:jobs': ({ interviewer }) => twins.jobs(interviewer),
  };
}
