import type { SessionSyncStatus, SyncStatus } from '../../shared/sync/model';
import type { AppServices } from '../services';
import { REMOTE_TOKEN_ENV, REMOTE_URL_ENV } from '../services/sync';
import type { AppServicesOptions } from '../services/app-services';
import { EXIT, expectArgs, printJson, UsageError, type CliIo } from './io';

export const SYNC_USAGE = `Team sync (the server and token from Settings → Team sync, or $${REMOTE_URL_ENV} and $${REMOTE_TOKEN_ENV})
  sync run [--until-idle] [--timeout S]
                                   Send what is queued to the team's server. --until-idle stops once nothing
                                   more can be sent now (everything sent, or failed, or the token refused);
                                   without it, sending goes on until Ctrl+C or --timeout. Exit 0 when all
                                   was sent, 1 when something failed or is left
  sync status                      Per session: state, server id, events and recording bytes sent of the
                                   total, last error
  sync retry ID                    Queue a session's failed items again (sync run sends them)`;

/** The server and token the environment gives this run; neither is ever stored. */
export function teamSyncFromEnv(env: NodeJS.ProcessEnv): AppServicesOptions['teamSync'] {
  const url = env[REMOTE_URL_ENV]?.trim() || null;
  const token = env[REMOTE_TOKEN_ENV]?.trim() || null;
  return url || token ? { override: { url, token } } : {};
}

export interface SyncCliOptions {
  untilIdle: boolean;
  timeout?: string;
  json: boolean;
}

/** `sync run|status|retry`. */
export function syncCommand(
  open: () => AppServices,
  command: string | undefined,
  args: string[],
  options: SyncCliOptions,
  io: CliIo,
): number | Promise<number> {
  switch (command) {
    case 'run':
      expectArgs(args, 0, 'sync run [--until-idle] [--timeout S]');
      return run(open(), options, io);
    case 'status': {
      expectArgs(args, 0, 'sync status');
      const status = open().sync.status();
      if (options.json) printJson(io, status);
      else io.stdout(formatStatus(open(), status));
      return EXIT.ok;
    }
    case 'retry': {
      const [id] = expectArgs(args, 1, 'sync retry ID');
      const { requeued, status } = open().sync.retry(id);
      const session = status.sessions.find((s) => s.sessionId === id);
      if (options.json) printJson(io, { requeued, session });
      else
        io.stdout(
          requeued > 0
            ? `Queued ${requeued} failed item${requeued === 1 ? '' : 's'} of session ${id} again; \`sync run\` sends them.\n`
            : `Session ${id} has no failed items (${session?.reason ?? session?.state ?? 'nothing queued'}).\n`,
        );
      return EXIT.ok;
    }
    default:
      throw new UsageError(
        command === undefined ? 'expected: interview-recorder sync run|status|retry …' : `unknown command "sync ${command}"`,
      );
  }
}

async function run(services: AppServices, options: SyncCliOptions, io: CliIo): Promise<number> {
  let timeoutMs: number | null = null;
  if (options.timeout !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(options.timeout) || Number(options.timeout) <= 0)
      throw new UsageError(`--timeout must be a number of seconds above 0, got "${options.timeout}"`);
    timeoutMs = Number(options.timeout) * 1000;
  }
  const { sync } = services;
  let outcome;
  if (options.untilIdle) outcome = await sync.runUntilIdle(timeoutMs);
  else {
    // Sends as the app does until interrupted (or the time given runs out).
    sync.engine.start();
    await new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | null = null;
      const stop = () => {
        if (timer) clearTimeout(timer);
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      if (timeoutMs !== null) timer = setTimeout(stop, timeoutMs);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await sync.stop();
    const left = sync.outbox.unfinished();
    outcome = {
      sent: null,
      failed: left.filter((i) => i.state === 'parked').length,
      pending: left.filter((i) => i.state === 'pending').length,
      stoppedBecause: null,
    };
  }
  const status = sync.status();
  const ok = outcome.failed === 0 && outcome.pending === 0 && outcome.stoppedBecause === null;
  if (options.json) printJson(io, { ok, ...outcome, queue: status.queue, sessions: status.sessions });
  else {
    const parts = [
      outcome.sent === null ? null : `Sent ${outcome.sent} item${outcome.sent === 1 ? '' : 's'}`,
      `${outcome.failed} failed`,
      `${outcome.pending} left`,
    ].filter(Boolean);
    io.stdout(`${parts.join('; ')}.\n`);
    for (const s of status.sessions.filter((x) => x.state === 'failed')) io.stdout(`  ${s.sessionId}: ${s.reason}\n`);
  }
  if (!ok)
    io.stderr(
      `error: ${outcome.stoppedBecause ?? (outcome.failed > 0 ? 'some items failed; see sync status' : 'items are left in the queue')}\n`,
    );
  return ok ? EXIT.ok : EXIT.error;
}

function formatStatus(services: AppServices, status: SyncStatus): string {
  const lines = [
    `Team server: ${status.serverUrl ?? 'none set up'}`,
    `Queue:       ${status.queue.state.replace('_', ' ')}: ${status.queue.message}`,
  ];
  if (status.sessions.length === 0) return `${lines.join('\n')}\nNo session is being sent. ${status.unlistedReason}\n`;
  const rows = status.sessions.map((s) => row(services, s));
  const header = ['SESSION', 'CANDIDATE', 'STATE', 'SERVER ID', 'EVENTS', 'RECORDING', 'LAST ERROR'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${lines.join('\n')}\n\n${[fmt(header), ...rows.map(fmt)].join('\n')}\n`;
}

function row(services: AppServices, s: SessionSyncStatus): string[] {
  const name = services.sessions.existing(s.sessionId)?.candidateName ?? '';
  const recording = s.recordingBytesTotal > 0 ? `${mb(s.recordingBytesSent)}/${mb(s.recordingBytesTotal)} MB` : '—';
  const error = s.state === 'not_synced' || s.state === 'held' ? (s.reason ?? '') : (s.lastError ?? '');
  return [s.sessionId, name, s.state.replace('_', ' '), s.serverId ?? '—', `${s.eventsSent}/${s.eventsTotal}`, recording, error];
}

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);
