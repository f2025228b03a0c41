import { AppError } from '../../shared/ipc/result';
import type { AppServices } from '../services';
import { sha256Hex } from '../services/code';
import { EXIT, printJson, UsageError, type CliIo } from './io';

export const REPLAY_USAGE = `Code playback
  replay ID --at MS [--file NAME]  Print a file's text as it was MS milliseconds after the session
                                   started (default file: the one changed last at or before MS)
  replay ID --verify [--file NAME] Replay every change and check it against its recorded hash;
                                   exit 2 if any does not match`;

interface ReplayOptions {
  at?: string;
  file?: string;
  verify: boolean;
  json: boolean;
}

/**
 * `replay ID --at MS [--file NAME]` prints the file's text exactly (no newline added; with --json, a
 * report with the text and its hash). Without --file: the file of the last change at or before MS; if
 * no file changed by then, the only file that existed then, and an invalid-input error listing them if
 * several did. `replay ID --verify` checks every change against its event's afterHash (and every
 * snapshot against the replay before it); exit 2 when anything disagrees.
 */
export function replayCommand(services: AppServices, id: string, options: ReplayOptions, io: CliIo): number {
  if (options.verify === (options.at !== undefined)) throw new UsageError('replay needs exactly one of --at MS or --verify');
  const playback = services.code.load(id);
  const files = playback.files();
  if (options.file !== undefined && !files.includes(options.file)) {
    throw new AppError(
      'invalid_input',
      `session ${id} has no file "${options.file}"; its files: ${files.join(', ') || 'none (no code was recorded)'}`,
    );
  }

  if (options.verify) {
    const mismatches = playback.verify(sha256Hex).filter((m) => options.file === undefined || m.file === options.file);
    const checked = services.code.stats(id).files.filter((f) => options.file === undefined || f.file === options.file);
    const summary = {
      ok: mismatches.length === 0,
      sessionId: id,
      files: checked.map((f) => f.file),
      changes: checked.reduce((n, f) => n + f.changes, 0),
      snapshots: checked.reduce((n, f) => n + f.snapshots, 0),
      mismatches,
    };
    if (options.json) printJson(io, summary);
    else {
      for (const m of mismatches) {
        io.stdout(
          `mismatch: ${m.kind} ${m.kind === 'snapshot' ? 'after seq' : 'seq'} ${m.seq} of ${m.file} at ${m.tMs} ms: ${m.reason}\n  expected ${m.expected || '(no hash recorded)'}\n  actual   ${m.actual}\n`,
        );
      }
      io.stdout(
        `${summary.ok ? 'OK' : 'FAILED'}: ${summary.changes} change${summary.changes === 1 ? '' : 's'} in ${checked.length} file${checked.length === 1 ? '' : 's'} replayed, ` +
          `${mismatches.length} mismatch${mismatches.length === 1 ? '' : 'es'}\n`,
      );
    }
    return summary.ok ? EXIT.ok : EXIT.invalid;
  }

  const at = options.at!;
  if (!/^\d+(\.\d+)?$/.test(at)) throw new UsageError(`--at must be milliseconds from the session's start (a number >= 0), got "${at}"`);
  const atMs = Number(at);
  if (files.length === 0) throw new AppError('invalid_input', `session ${id} has no recorded code`);
  let file = options.file;
  if (file === undefined) {
    file = playback.lastChangeAt(atMs)?.file;
    if (file === undefined) {
      const existing = files.filter((f) => playback.textAt(f, atMs) !== null);
      if (existing.length === 1) file = existing[0]!;
      else if (existing.length === 0) {
        throw new AppError(
          'invalid_input',
          `no file existed yet at ${atMs} ms; the first appears at ${Math.min(...files.map((f) => playback.firstMoment(f)!))} ms`,
        );
      } else throw new AppError('invalid_input', `no file had changed yet at ${atMs} ms; choose one with --file: ${existing.join(', ')}`);
    }
  }
  const text = playback.textAt(file, atMs);
  if (text === null)
    throw new AppError('invalid_input', `${file} did not exist yet at ${atMs} ms; it first appears at ${playback.firstMoment(file)} ms`);
  if (options.json) {
    const last = playback.changesNear(file, atMs, Infinity).at(-1);
    printJson(io, { sessionId: id, file, atMs, lastChange: last ? { seq: last.seq, tMs: last.tMs } : null, sha256: sha256Hex(text), text });
  } else io.stdout(text);
  return EXIT.ok;
}
