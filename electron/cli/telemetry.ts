import { AppError } from '../../shared/ipc/result';
import { parseTelemetryRequest } from '../../shared/telemetry';
import type { AppServices } from '../services';
import { EXIT, expectArgs, printJson, UsageError, readJson, type CliIo } from './io';

export const TELEMETRY_USAGE = `Telemetry
  telemetry validate FILE          Validate and normalise a batch; prints the outgoing (redacted) batch
  telemetry append ID FILE         Validate a batch for session ID and store it
  telemetry export ID              Print the session's events as NDJSON, in stored order
                                   (redacted; --unredacted prints the local originals)`;

/** `telemetry validate FILE` checks a file on its own: no data directory is opened. */
export function validateTelemetryFile(args: string[], io: CliIo): number {
  const file = expectArgs(args, 1, 'telemetry validate FILE')[0];
  const request = parseTelemetryRequest(readJson(file, io));
  if (request.kind === 'init') {
    printJson(io, {
      ok: true,
      kind: 'init',
      interviewSessionId: request.interviewSessionId,
      accepted: 0,
      dropped: [],
      redactions: { total: 0, byKind: {} },
    });
    return EXIT.ok;
  }
  const v = request.validation;
  if (!v.ok) {
    printJson(io, { ok: false, errors: v.errors });
    return EXIT.invalid;
  }
  printJson(io, { ok: true, accepted: v.accepted, dropped: v.dropped, redactions: v.redactions, batch: v.batch });
  return EXIT.ok;
}

/** `telemetry append ID FILE` and `telemetry export ID [--unredacted]`. */
export function telemetryCommand(
  open: () => AppServices,
  command: string | undefined,
  args: string[],
  options: { unredacted: boolean },
  io: CliIo,
): number {
  switch (command) {
    case 'append': {
      const [id, file] = expectArgs(args, 2, 'telemetry append ID FILE');
      const body = readJson(file, io) as { interviewSessionId?: unknown } | null;
      if (body && typeof body === 'object' && 'interviewSessionId' in body && body.interviewSessionId !== id) {
        throw new AppError('invalid_input', `The batch is for session "${String(body.interviewSessionId)}", not "${id}"`);
      }
      printJson(io, { ok: true, ...open().telemetry.append(body) });
      return EXIT.ok;
    }
    case 'export': {
      const [id] = expectArgs(args, 1, 'telemetry export ID');
      for (const event of open().telemetry.events(id, { redacted: !options.unredacted })) io.stdout(`${JSON.stringify(event)}\n`);
      return EXIT.ok;
    }
    default:
      throw new UsageError(
        command === undefined
          ? 'expected: interview-recorder telemetry validate|append|export …'
          : `unknown command "telemetry ${command}"`,
      );
  }
}
