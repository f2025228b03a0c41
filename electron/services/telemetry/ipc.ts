import type { Handlers } from '../../../shared/ipc/dispatch';
import type { telemetryInvokeContract } from '../../../shared/ipc/contract-telemetry';
import type { TelemetryService } from './telemetry-service';

/** Telemetry from the room. */
export function telemetryHandlers(telemetry: TelemetryService): Pick<Handlers, keyof typeof telemetryInvokeContract> {
  return {
    'telemetry:init': ({ interviewSessionId }) => telemetry.init(interviewSessionId),
    'telemetry:append': ({ offsetsMs, ...batch }) => telemetry.append(batch, { offsetsMs }),
  };
}
