import { probeMp4Sync, recoverMp4Sync } from '../services/recording';
import { EXIT, expectArgs, printJson, UsageError, type CliIo } from './io';

export const RECORDING_USAGE = `Recordings (an MP4 file; no data directory needed)
  recording probe FILE             Print the file's tracks, codecs, duration and fragments as JSON;
                                   exit 2 if it is not an MP4 file or cannot be read
  recording recover FILE           Cut the file back to its last complete fragment, in place, as the
                                   app does at start-up; prints a JSON report; exit 0 when the result
                                   is playable, 1 when nothing playable could be kept`;

/**
 * `recording probe FILE` prints the ProbeReport (exit 2 for a file that is not MP4 or cannot be read).
 * `recording recover FILE` repairs the file in place and prints the RecoveryReport: exit 0 when the result
 * is playable, 1 when it is not (nothing recoverable, or no media), 2 when the path cannot be read.
 */
export function recordingCommand(command: string | undefined, args: string[], io: CliIo): number {
  switch (command) {
    case 'probe': {
      const [file] = expectArgs(args, 1, 'recording probe FILE');
      printJson(io, probeMp4Sync(file));
      return EXIT.ok;
    }
    case 'recover': {
      const [file] = expectArgs(args, 1, 'recording recover FILE');
      const result = recoverMp4Sync(file);
      printJson(io, result);
      return result.playable ? EXIT.ok : EXIT.error;
    }
    default:
      throw new UsageError(
        command === undefined ? 'expected: interview-recorder recording probe|recover FILE' : `unknown command "recording ${command}"`,
      );
  }
}
