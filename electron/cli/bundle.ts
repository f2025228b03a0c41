import { isAbsolute, resolve } from 'node:path';
import { AppError } from '../../shared/ipc/result';
import type { AppServices } from '../services';
import { printJson, type CliIo } from './io';

export const BUNDLE_USAGE = `Session bundles (.irbundle: the session, its telemetry, code, transcript, annotations and recordings)
  bundle export ID OUT.irbundle    Write the session to one file
  bundle import FILE [--as-copy]   Verify and import a bundle; exit 2 if it is tampered or truncated;
                                   a session with the same id is never replaced (exit 1), unless
                                   --as-copy imports it under new ids`;

/**
 * `bundle export ID OUT.irbundle` and `bundle import FILE [--as-copy]`. Errors are thrown as AppErrors
 * for the CLI's one error path: a tampered, truncated or unreadable bundle is `invalid_input` (exit 2),
 * a session already here (`conflict`) and anything else exit 1.
 */
export async function bundleCommand(
  services: () => AppServices,
  command: string | undefined,
  args: string[],
  options: { asCopy: boolean; json: boolean },
  io: Pick<CliIo, 'stdout'>,
): Promise<number> {
  const out = (value: unknown) => printJson(io, value);
  switch (command) {
    case 'export': {
      if (args.length !== 2) throw new AppError('invalid_input', 'expected: interview-recorder bundle export ID OUT.irbundle');
      if (options.asCopy) throw new AppError('invalid_input', '--as-copy belongs to bundle import');
      const [id, file] = args as [string, string];
      const result = await services().bundles.export(id, absolute(file));
      if (options.json) out(result);
      else io.stdout(`Exported session ${result.sessionId} to ${result.path} (${result.parts} parts, ${formatBytes(result.bytes)})\n`);
      return 0;
    }
    case 'import': {
      if (args.length !== 1) throw new AppError('invalid_input', 'expected: interview-recorder bundle import FILE [--as-copy]');
      const result = await services().bundles.import(absolute(args[0]!), options.asCopy);
      if (options.json) out(result);
      else {
        io.stdout(
          result.asCopy
            ? `Imported session ${result.originalId} as a copy: ${result.sessionId} (${result.parts} parts verified)\n`
            : `Imported session ${result.sessionId} (${result.parts} parts verified)\n`,
        );
      }
      return 0;
    }
    default:
      throw new AppError(
        'invalid_input',
        command === undefined ? 'expected: interview-recorder bundle export|import …' : `unknown command "bundle ${command}"`,
      );
  }
}

const absolute = (file: string) => (isAbsolute(file) ? file : resolve(file));

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
