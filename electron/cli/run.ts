import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/ipc/result';
import { INTERVIEW_TYPE_LABELS } from '../../shared/config/interview-config';
import { SESSION_STATUS_LABELS, type SessionSummary } from '../../shared/session/model';
import { parseTelemetryRequest } from '../../shared/telemetry';
import { createAppServices, resolveDataDir, type AppServices } from '../services';
import { sha256Hex } from '../services/code';
import { DATA_DIR_ENV } from '../services/paths';
import { probeMp4Sync, recoverMp4Sync } from '../services/recording';
import { bundleCommand } from './bundle';
import { INTERVIEWER_USAGE, interviewerCommand } from './interviewer';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => string;
  env: NodeJS.ProcessEnv;
}

export interface CliContext {
  resourcesDir: string;
  version: string;
}

export const EXIT = { ok: 0, error: 1, invalid: 2 } as const;

export const USAGE = `Usage: interview-recorder <command> [options]

Sessions
  session create --config FILE     Create a session from an interview config (JSON file, - for stdin)
  session list                     List sessions, newest first
  session show ID                  Show one session with its config and questions

Telemetry
  telemetry validate FILE          Validate and normalise a batch; prints the outgoing (redacted) batch
  telemetry append ID FILE         Validate a batch for session ID and store it
  telemetry export ID              Print the session's events as NDJSON, in stored order
                                   (redacted; --unredacted prints the local originals)

Code playback
  replay ID --at MS [--file NAME]  Print a file's text as it was MS milliseconds after the session
                                   started (default file: the one changed last at or before MS)
  replay ID --verify [--file NAME] Replay every change and check it against its recorded hash;
                                   exit 2 if any does not match

Recordings (an MP4 file; no data directory needed)
  recording probe FILE             Print the file's tracks, codecs, duration and fragments as JSON;
                                   exit 2 if it is not an MP4 file or cannot be read
  recording recover FILE           Cut the file back to its last complete fragment, in place, as the
                                   app does at start-up; prints a JSON report; exit 0 when the result
                                   is playable, 1 when nothing playable could be kept

Session bundles (.irbundle: the session, its telemetry, code, transcript, annotations and recordings)
  bundle export ID OUT.irbundle    Write the session to one file
  bundle import FILE [--as-copy]   Verify and import a bundle; exit 2 if it is tampered or truncated;
                                   a session with the same id is never replaced (exit 1), unless
                                   --as-copy imports it under new ids

${INTERVIEWER_USAGE}

Options
  --data-dir DIR   Data directory (default: $${DATA_DIR_ENV} or the app's own)
  --json           Machine-readable output
  -h, --help       Show this help
  -v, --version    Show the version

Exit status: 0 success, 2 invalid input, 1 any other error.`;

class UsageError extends Error {}

/**
 * Runs one CLI command; returns the exit status. All output goes through `io`. A command that waits on
 * the network (interviewer without --offline) returns a promise of it.
 */
export function runCli(argv: string[], io: CliIo, ctx: CliContext): number | Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        config: { type: 'string' },
        unredacted: { type: 'boolean', default: false },
        at: { type: 'string' },
        file: { type: 'string' },
        verify: { type: 'boolean', default: false },
        'as-copy': { type: 'boolean', default: false },
        transcript: { type: 'string' },
        offline: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (err) {
    io.stderr(`error: ${(err as Error).message}\n${USAGE}\n`);
    return EXIT.invalid;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout(`${ctx.version}\n`);
    return EXIT.ok;
  }
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length === 0) {
    io.stderr(`error: no command given\n${USAGE}\n`);
    return EXIT.invalid;
  }
  const [group, command, ...args] = positionals;
  const json = values.json;
  const out = (value: unknown) => io.stdout(`${JSON.stringify(value, null, 2)}\n`);

  // `telemetry validate` needs no data directory: it checks a file on its own.
  if (group === 'telemetry' && command === 'validate') {
    try {
      const file = expectArgs(args, 1, 'telemetry validate FILE')[0];
      const request = parseTelemetryRequest(readJson(file, io));
      if (request.kind === 'init') {
        out({
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
        out({ ok: false, errors: v.errors });
        return EXIT.invalid;
      }
      out({ ok: true, accepted: v.accepted, dropped: v.dropped, redactions: v.redactions, batch: v.batch });
      return EXIT.ok;
    } catch (err) {
      return report(err, io);
    }
  }

  // `recording probe|recover FILE` need no data directory either: they work on the file alone.
  if (group === 'recording') {
    try {
      return recording(command, args, io);
    } catch (err) {
      return report(err, io);
    }
  }

  let services: AppServices | undefined;
  let handedOver = false;
  try {
    const dataDir = values['data-dir'] ?? resolveDataDir(io.env);
    const open = () => (services ??= createAppServices({ dataDir, resourcesDir: ctx.resourcesDir, appVersion: ctx.version }));
    if (group === 'bundle') {
      // The bundle work is asynchronous (recordings are copied chunk by chunk): the services it opened
      // close when it ends, not when this returns.
      handedOver = true;
      return bundleCommand(open, command, args, { asCopy: values['as-copy'], json }, io)
        .catch((err: unknown) => report(err, io, json))
        .finally(() => services?.close());
    }
    if (group === 'interviewer') {
      const done = interviewerCommand(
        open,
        command,
        args,
        { config: values.config, transcript: values.transcript, offline: values.offline, resourcesDir: ctx.resourcesDir },
        io,
      );
      return typeof done === 'number' ? done : done.catch((err: unknown) => report(err, io, json));
    }
    if (group === 'replay') {
      if (command === undefined || args.length > 0)
        throw new UsageError('expected: interview-recorder replay ID --at MS [--file NAME] | --verify');
      return replay(open(), command, { at: values.at, file: values.file, verify: values.verify, json }, io);
    }
    switch (`${group} ${command}`) {
      case 'session create': {
        expectArgs(args, 0, 'session create --config FILE');
        if (!values.config) throw new UsageError('session create needs --config FILE');
        const detail = open().sessions.create(readJson(values.config, io));
        if (json) out(detail);
        else
          io.stdout(
            `Created session ${detail.id}: ${detail.candidateName}, ${detail.jobTitle} (${INTERVIEW_TYPE_LABELS[detail.interviewType]})\n`,
          );
        return EXIT.ok;
      }
      case 'session list': {
        expectArgs(args, 0, 'session list');
        const list = open().sessions.list();
        if (json) out(list);
        else io.stdout(formatSessionTable(list));
        return EXIT.ok;
      }
      case 'session show': {
        const [id] = expectArgs(args, 1, 'session show ID');
        const detail = open().sessions.get(id);
        if (json) out({ ...detail, annotations: open().annotations.list(id) });
        else io.stdout(formatSessionDetail(detail));
        return EXIT.ok;
      }
      case 'telemetry append': {
        const [id, file] = expectArgs(args, 2, 'telemetry append ID FILE');
        const body = readJson(file, io) as { interviewSessionId?: unknown } | null;
        if (body && typeof body === 'object' && 'interviewSessionId' in body && body.interviewSessionId !== id) {
          throw new AppError('invalid_input', `The batch is for session "${String(body.interviewSessionId)}", not "${id}"`);
        }
        const result = open().telemetry.append(body);
        out({ ok: true, ...result });
        return EXIT.ok;
      }
      case 'telemetry export': {
        const [id] = expectArgs(args, 1, 'telemetry export ID');
        for (const event of open().telemetry.events(id, { redacted: !values.unredacted })) io.stdout(`${JSON.stringify(event)}\n`);
        return EXIT.ok;
      }
      default:
        throw new UsageError(`unknown command "${positionals.slice(0, 2).join(' ')}"`);
    }
  } catch (err) {
    return report(err, io, json);
  } finally {
    if (!handedOver) services?.close();
  }
}

/**
 * `recording probe FILE` prints the ProbeReport (exit 2 for a file that is not MP4 or cannot be read).
 * `recording recover FILE` repairs the file in place and prints the RecoveryReport: exit 0 when the result
 * is playable, 1 when it is not (nothing recoverable, or no media), 2 when the path cannot be read.
 */
function recording(command: string | undefined, args: string[], io: CliIo): number {
  const out = (value: unknown) => io.stdout(`${JSON.stringify(value, null, 2)}\n`);
  switch (command) {
    case 'probe': {
      const [file] = expectArgs(args, 1, 'recording probe FILE');
      out(probeMp4Sync(file));
      return EXIT.ok;
    }
    case 'recover': {
      const [file] = expectArgs(args, 1, 'recording recover FILE');
      const result = recoverMp4Sync(file);
      out(result);
      return result.playable ? EXIT.ok : EXIT.error;
    }
    default:
      throw new UsageError(
        command === undefined ? 'expected: interview-recorder recording probe|recover FILE' : `unknown command "recording ${command}"`,
      );
  }
}

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
function replay(services: AppServices, id: string, options: ReplayOptions, io: CliIo): number {
  if (options.verify === (options.at !== undefined)) throw new UsageError('replay needs exactly one of --at MS or --verify');
  const playback = services.code.load(id);
  const files = playback.files();
  const out = (value: unknown) => io.stdout(`${JSON.stringify(value, null, 2)}\n`);
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
    if (options.json) out(summary);
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
    out({ sessionId: id, file, atMs, lastChange: last ? { seq: last.seq, tMs: last.tMs } : null, sha256: sha256Hex(text), text });
  } else io.stdout(text);
  return EXIT.ok;
}

function expectArgs<N extends 0 | 1 | 2>(args: string[], n: N, usage: string): N extends 2 ? [string, string] : [string] {
  if (args.length !== n) throw new UsageError(`expected: interview-recorder ${usage}`);
  return args as N extends 2 ? [string, string] : [string];
}

function readJson(file: string, io: CliIo): unknown {
  let text: string;
  try {
    text = file === '-' ? io.readStdin() : readFileSync(file, 'utf8');
  } catch (err) {
    throw new AppError('invalid_input', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AppError('invalid_input', `${file} is not valid JSON: ${(err as Error).message}`);
  }
}

function report(err: unknown, io: CliIo, json = false): number {
  if (err instanceof UsageError) {
    io.stderr(`error: ${err.message}\n`);
    return EXIT.invalid;
  }
  const invalid = err instanceof AppError && err.code === 'invalid_input';
  const message = err instanceof Error ? err.message : String(err);
  if (json && err instanceof AppError && err.issues) io.stdout(`${JSON.stringify({ ok: false, errors: err.issues }, null, 2)}\n`);
  io.stderr(`error: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  return invalid ? EXIT.invalid : EXIT.error;
}

function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m ${String(s % 60).padStart(2, '0')}s`;
}

function statusLabel(s: SessionSummary): string {
  return s.interrupted ? 'Interrupted' : SESSION_STATUS_LABELS[s.status];
}

function formatSessionTable(list: SessionSummary[]): string {
  if (list.length === 0) return 'No sessions yet. Create one with: interview-recorder session create --config FILE\n';
  const rows = list.map((s) => [
    s.id,
    s.candidateName,
    s.jobTitle,
    INTERVIEW_TYPE_LABELS[s.interviewType],
    statusLabel(s),
    s.createdAt.slice(0, 16).replace('T', ' '),
    String(s.eventCount),
    formatDuration(s.activeMs),
  ]);
  const head = ['ID', 'CANDIDATE', 'JOB TITLE', 'TYPE', 'STATUS', 'CREATED (UTC)', 'EVENTS', 'DURATION'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

function formatSessionDetail(d: ReturnType<AppServices['sessions']['get']>): string {
  const lines = [
    `Session ${d.id}`,
    `  Candidate:  ${d.candidateName}${d.config.candidatePosition ? ` (${d.config.candidatePosition})` : ''}`,
    `  Job:        ${d.jobTitle}${d.company ? ` at ${d.company}` : ''}`,
    `  Interview:  ${INTERVIEW_TYPE_LABELS[d.interviewType]}, ${d.difficulty}, ${d.durationMinutes} min, ${d.mode}`,
    `  Status:     ${statusLabel(d)}`,
    `  Created:    ${d.createdAt}`,
    `  Time spent: ${formatDuration(d.activeMs)}`,
    `  Events:     ${d.eventCount}`,
    `  Questions:  ${d.questions.map((q) => q.title).join('; ') || 'none'}`,
    `  Integrity:  ${d.integritySignals.length === 0 ? 'no signals' : `${d.integritySignals.length} signal${d.integritySignals.length === 1 ? '' : 's'}`}`,
    ...d.integritySignals.map((s) =>
      s.kind === 'paste'
        ? `    ${formatDuration(Math.max(0, s.tMs))}  large paste: ${s.details.chars} characters, ${s.details.lines} lines into ${s.details.file}`
        : `    ${formatDuration(Math.max(0, s.tMs))}  app window lost focus for ${(s.details.durationMs / 1000).toFixed(1)} s`,
    ),
  ];
  return lines.join('\n') + '\n';
}
