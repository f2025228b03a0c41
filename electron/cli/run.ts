import { parseArgs } from 'node:util';
import { createAppServices, resolveDataDir, type AppServices } from '../services';
import { DATA_DIR_ENV, dataPaths } from '../services/paths';
import { needsUpgrade } from '../services/store';
import { bundleCommand, BUNDLE_USAGE } from './bundle';
import { corpusCommand, CORPUS_USAGE } from './corpus';
import { dbCommand, DB_USAGE, upgradeWithBackup } from './db';
import { INTERVIEWER_USAGE, interviewerCommand } from './interviewer';
import { judgeCommand, JUDGE_USAGE } from './judge';
import { EXIT, report, UsageError, type CliContext, type CliIo } from './io';
import { recordingCommand, RECORDING_USAGE } from './recording';
import { replayCommand, REPLAY_USAGE } from './replay';
import { runCodeCommand, RUN_USAGE } from './run-code';
import { sessionCommand, SESSION_USAGE } from './session';
import { syncCommand, SYNC_USAGE, teamSyncFromEnv } from './sync';
import { statsCommand, STATS_USAGE } from './stats';
import { telemetryCommand, TELEMETRY_USAGE, validateTelemetryFile } from './telemetry';
import { twinCommand, TWIN_USAGE } from './twin';

export { EXIT, type CliContext, type CliIo } from './io';

export const USAGE = `Usage: interview-recorder <command> [options]

${SESSION_USAGE}

${TELEMETRY_USAGE}

${REPLAY_USAGE}

${RECORDING_USAGE}

${BUNDLE_USAGE}

${INTERVIEWER_USAGE}

${CORPUS_USAGE}

${TWIN_USAGE}

${DB_USAGE}

${RUN_USAGE}
${SYNC_USAGE}

${STATS_USAGE}

${JUDGE_USAGE}

Options
  --data-dir DIR   Data directory (default: $${DATA_DIR_ENV} or the app's own)
  --json           Machine-readable output
  -h, --help       Show this help
  -v, --version    Show the version

Exit status: 0 success, 2 invalid input, 1 any other error.`;

/**
 * Runs one CLI command; returns the exit status. All output goes through `io`. A command that waits (on
 * the network, or on files copied a chunk at a time) returns a promise of it. Each command group lives in
 * its own file beside this one; this only parses the line and hands it over.
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
        recording: { type: 'string' },
        'recording-offset-ms': { type: 'string' },
        interviewer: { type: 'string' },
        'started-at': { type: 'string' },
        'consent-sync': { type: 'boolean', default: false },
        out: { type: 'string' },
        sessions: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        format: { type: 'string' },
        split: { type: 'string' },
        offline: { type: 'boolean', default: false },
        language: { type: 'string' },
        stdin: { type: 'string' },
        'until-idle': { type: 'boolean', default: false },
        timeout: { type: 'string' },
        type: { type: 'string' },
        question: { type: 'string' },
        history: { type: 'string' },
        model: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        token: { type: 'string' },
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

  const dataDir = values['data-dir'] ?? resolveDataDir(io.env);
  // Commands on a file alone open no data directory; the database commands open only the database file.
  try {
    if (group === 'telemetry' && command === 'validate') return validateTelemetryFile(args, io);
    if (group === 'recording') return recordingCommand(command, args, io);
    if (group === 'db') {
      const done = dbCommand(dataDir, command, args, { json }, io);
      return typeof done === 'number' ? done : done.catch((err: unknown) => report(err, io, json));
    }
  } catch (err) {
    return report(err, io, json);
  }
  // An older app's database is backed up before the services migrate it; then the command runs as usual.
  if (needsUpgrade(dataPaths(dataDir).database)) {
    return upgradeWithBackup(dataDir).then(
      () => runCli(argv, io, ctx),
      (err: unknown) => report(err, io, json),
    );
  }

  let services: AppServices | undefined;
  const open = () =>
    (services ??= createAppServices({
      dataDir,
      resourcesDir: ctx.resourcesDir,
      appVersion: ctx.version,
      teamSync: teamSyncFromEnv(io.env),
    }));
  const close = () => services?.close();
  let result: number | Promise<number>;
  try {
    switch (group) {
      case 'session':
        result = sessionCommand(
          open,
          command,
          args,
          {
            config: values.config,
            transcript: values.transcript,
            recording: values.recording,
            recordingOffsetMs: values['recording-offset-ms'],
            interviewer: values.interviewer,
            startedAt: values['started-at'],
            consentSync: values['consent-sync'],
            json,
          },
          io,
        );
        break;
      case 'telemetry':
        result = telemetryCommand(open, command, args, { unredacted: values.unredacted }, io);
        break;
      case 'replay':
        if (command === undefined || args.length > 0)
          throw new UsageError('expected: interview-recorder replay ID --at MS [--file NAME] | --verify');
        result = replayCommand(open(), command, { at: values.at, file: values.file, verify: values.verify, json }, io);
        break;
      case 'corpus':
        result = corpusCommand(
          open,
          command,
          args,
          {
            out: values.out,
            interviewer: values.interviewer,
            sessions: values.sessions,
            from: values.from,
            to: values.to,
            format: values.format,
            split: values.split,
            json,
          },
          io,
        );
        break;
      case 'bundle':
        result = bundleCommand(open, command, args, { asCopy: values['as-copy'], json }, io);
        break;
      case 'interviewer':
        result = interviewerCommand(
          open,
          command,
          args,
          { config: values.config, transcript: values.transcript, offline: values.offline, resourcesDir: ctx.resourcesDir },
          io,
        );
        break;
      case 'twin':
        result = twinCommand(
          open,
          command,
          args,
          {
            interviewer: values.interviewer,
            history: values.history,
            config: values.config,
            offline: values.offline,
            model: values.model,
            port: values.port,
            host: values.host,
            token: values.token,
            json,
            stopSignal: ctx.stopSignal,
          },
          io,
        );
        break;
      case 'run':
        result = runCodeCommand(open, command, args, { language: values.language, stdin: values.stdin, timeout: values.timeout, json }, io);
        break;
      case 'sync':
        result = syncCommand(open, command, args, { untilIdle: values['until-idle'], timeout: values.timeout, json }, io);
        break;
      case 'stats':
        result = statsCommand(
          open,
          [command, ...args].filter((a): a is string => a !== undefined),
          { from: values.from, to: values.to, type: values.type, json },
          io,
        );
        break;
      case 'judge':
        result = judgeCommand(open, command, args, { question: values.question, language: values.language, json }, io);
        break;
      default:
        throw new UsageError(`unknown command "${positionals.slice(0, 2).join(' ')}"`);
    }
  } catch (err) {
    close();
    return report(err, io, json);
  }
  if (typeof result === 'number') {
    close();
    return result;
  }
  // Asynchronous work (recordings copied a chunk at a time, a model asked) keeps the services open until it ends.
  return result.catch((err: unknown) => report(err, io, json)).finally(close);
}
