import { randomBytes } from 'node:crypto';
import { parseInterviewConfig } from '../../shared/config/interview-config';
import { AppError } from '../../shared/ipc/result';
import { isLoopbackUrl } from '../../shared/security/endpoint';
import { TwinHistorySchema } from '../../shared/twin/requests';
import { issuesFromZod } from '../../shared/util/issues';
import type { AppServices } from '../services';
import { resolveProvider } from '../services/interviewer';
import { startTwinServer } from '../services/twin/server';
import { API_KEY_ENV } from './interviewer';
import { expectArgs, printJson, readJson, UsageError, type CliIo } from './io';

export const TWIN_USAGE = `Interviewer twins (answer like a specific interviewer; docs/twin.md)
  twin list                        Interviewers with their sessions, whether a twin can be made, its model
                                   and latest evaluation
  twin profile --interviewer NAME  Their style profile (verbosity, question rate, follow-up mix, …)
  twin respond --interviewer NAME --history H.json [--config C.json] [--offline]
                                   The twin's next turn after H (the transcript array of "interviewer next",
                                   ending with the candidate's turn); prints
                                   { text, followUpType, reason, traces, safety, latencyMs }
  twin eval --interviewer NAME [--offline]
                                   Evaluate on the latest sessions (the test split) against the generic
                                   interviewer; the run is stored for the trend
  twin train --interviewer NAME [--model BASE]
                                   Fine-tune BASE on the twin's corpus through the provider's API; prints its
                                   status and events until it ends (the model becomes the twin's)
  twin serve [--port P] [--host 127.0.0.1] [--token T] [--offline]
                                   Serve POST /api/digital-twin/respond, POST /api/digital-twin/train and
                                   GET /api/digital-twin/eval/:interviewerId with a bearer token (printed
                                   at start unless --token is given) until interrupted
                                   Without --offline the model from the app's settings is used when it is
                                   reachable (a remote endpoint needs $${API_KEY_ENV}).`;

export interface TwinCliOptions {
  interviewer?: string;
  history?: string;
  config?: string;
  offline: boolean;
  model?: string;
  port?: string;
  host?: string;
  token?: string;
  json: boolean;
  /** Resolves when the server should stop (SIGINT in the binary; tests decide). */
  stopSignal?: Promise<void>;
}

export function twinCommand(
  open: () => AppServices,
  command: string | undefined,
  args: string[],
  options: TwinCliOptions,
  io: CliIo,
): number | Promise<number> {
  const need = () => {
    if (!options.interviewer) throw new UsageError(`twin ${command} needs --interviewer NAME`);
    return options.interviewer;
  };
  switch (command) {
    case 'list': {
      expectArgs(args, 0, 'twin list');
      const twins = open().twins.list();
      if (options.json) printJson(io, twins);
      else if (twins.length === 0) io.stdout('No interviewer has a completed session yet.\n');
      else
        for (const t of twins) {
          const e = t.latestEval;
          io.stdout(
            `${t.interviewer}\t${t.sessions} session${t.sessions === 1 ? '' : 's'}\t${t.ready ? 'twin ready' : `needs ${t.threshold}`}` +
              `${t.model ? `\tmodel ${t.model}` : ''}${e ? `\teval ${e.createdAt.slice(0, 10)}: ROUGE-L ${e.twin.similarity} vs ${e.baseline.similarity}` : ''}\n`,
          );
        }
      return 0;
    }
    case 'profile': {
      expectArgs(args, 0, 'twin profile --interviewer NAME');
      const p = open().twins.profile(need());
      if (options.json) printJson(io, p);
      else {
        const pct = (x: number) => `${Math.round(x * 100)}%`;
        io.stdout(
          [
            `${p.interviewer}: ${p.sessions} training sessions, ${p.interviewerTurns} turns`,
            `  words per turn   ${p.verbosity.mean} (p10 ${p.verbosity.p10}, p90 ${p.verbosity.p90})`,
            `  questions        ${pct(p.questionRate)}   hints ${pct(p.hintRate)}`,
            `  challenge        ${pct(p.challenge)}   warmth ${pct(p.warmth)}   directness ${pct(p.directness)}`,
            `  follow-ups       ${
              Object.entries(p.followUpMix)
                .filter(([, v]) => v > 0)
                .map(([k, v]) => `${k} ${pct(v)}`)
                .join(', ') || 'none told'
            }`,
            `  minutes/question ${p.minutesPerQuestion ?? '—'}`,
            `  openings         ${p.openings.join(' | ') || '—'}`,
            `  closings         ${p.closings.join(' | ') || '—'}`,
          ].join('\n') + '\n',
        );
      }
      return 0;
    }
    case 'respond': {
      expectArgs(args, 0, 'twin respond --interviewer NAME --history H.json');
      const interviewer = need();
      if (!options.history) throw new UsageError('twin respond needs --history H.json');
      const raw = readJson(options.history, io);
      const history = TwinHistorySchema.safeParse(raw);
      if (!history.success) throw new AppError('invalid_input', `invalid history`, issuesFromZod(history.error, raw));
      let config;
      if (options.config) {
        const parsed = parseInterviewConfig(readJson(options.config, io));
        if (!parsed.ok) throw new AppError('invalid_input', 'invalid config', parsed.issues);
        config = parsed.config;
      }
      const services = open();
      useCliProvider(services, io, options.offline);
      return services.twins.respond(interviewer, { history: history.data, config, offline: options.offline }).then((r) => {
        printJson(io, {
          text: r.text,
          followUpType: r.followUpType,
          reason: r.reason,
          traces: r.traces,
          safety: r.safety,
          latencyMs: r.latencyMs,
        });
        return 0;
      });
    }
    case 'eval': {
      expectArgs(args, 0, 'twin eval --interviewer NAME');
      const services = open();
      useCliProvider(services, io, options.offline);
      return services.twins.evaluate(need(), { offline: options.offline }).then((run) => {
        if (options.json) printJson(io, run);
        else {
          const row = (label: string, key: 'similarity' | 'styleAgreement' | 'followUpTypeAgreement' | 'safety') =>
            `  ${label.padEnd(26)}${String(run.twin[key]).padEnd(10)}${run.baseline[key]}`;
          io.stdout(
            [
              `${run.interviewer}: ${run.turns} turns from ${run.testSessions} test session${run.testSessions === 1 ? '' : 's'} (${run.mode}${run.model ? `, ${run.model}` : ''})`,
              `  ${''.padEnd(26)}${'twin'.padEnd(10)}generic`,
              row('ROUGE-L', 'similarity'),
              row('style agreement', 'styleAgreement'),
              row('follow-up type agreement', 'followUpTypeAgreement'),
              row('safety (not blocked)', 'safety'),
              run.twin.embeddingCosine !== null
                ? `  ${'embedding cosine'.padEnd(26)}${String(run.twin.embeddingCosine).padEnd(10)}${run.baseline.embeddingCosine}`
                : '',
            ]
              .filter(Boolean)
              .join('\n') + '\n',
          );
        }
        return 0;
      });
    }
    case 'train': {
      expectArgs(args, 0, 'twin train --interviewer NAME [--model BASE]');
      const services = open();
      useCliProvider(services, io, false);
      let shown = 0;
      const show = (job: { status: string; events: Array<{ at: string; level: string; message: string }> }) => {
        for (const e of job.events.slice(shown)) io.stderr(`${e.at} ${e.level} ${e.message}\n`);
        shown = job.events.length;
      };
      return services.twins
        .train(need(), {
          baseModel: options.model,
          onStarted: (job) => io.stderr(`job ${job.id} ${job.status} (${job.baseModel})\n`),
          onUpdate: (job) => {
            show(job);
            io.stderr(`status: ${job.status}\n`);
          },
        })
        .then((job) => {
          if (options.json) printJson(io, job);
          else
            io.stdout(
              job.fineTunedModel ? `${job.status}: ${job.fineTunedModel}\n` : `${job.status}${job.error ? `: ${job.error}` : ''}\n`,
            );
          if (job.status === 'succeeded') return 0;
          io.stderr(`error: the fine-tuning job ${job.status}${job.error ? `: ${job.error}` : ''}\n`);
          return 1;
        });
    }
    case 'serve': {
      expectArgs(args, 0, 'twin serve [--port P] [--host H] [--token T]');
      const port = options.port === undefined ? 8787 : Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError('--port must be a whole number from 0 to 65535');
      const host = options.host ?? '127.0.0.1';
      if (options.token !== undefined && options.token.length < 16) throw new UsageError('--token must be at least 16 characters');
      const token = options.token ?? randomBytes(24).toString('base64url');
      const services = open();
      useCliProvider(services, io, options.offline);
      return startTwinServer({
        twins: services.twins,
        token,
        host,
        port,
        offline: options.offline,
        log: (line) => io.stderr(`${line}\n`),
      }).then(async (server) => {
        if (!isLoopbackUrl(`http://${host.includes(':') ? `[${host}]` : host}/`))
          io.stderr(`warning: listening on ${host}, reachable from other computers; keep the token secret.\n`);
        if (options.json) printJson(io, { url: server.url, token: options.token ? null : token });
        else io.stdout(`Serving the twins at ${server.url}/api/digital-twin/\n${options.token ? '' : `Token: ${token}\n`}`);
        await (options.stopSignal ?? new Promise<void>((resolve) => process.once('SIGINT', () => resolve())));
        services.twins.stopFollowing();
        await server.close();
        return 0;
      });
    }
    default:
      throw new UsageError(
        command === undefined
          ? 'expected: interview-recorder twin list|profile|respond|eval|train|serve'
          : `unknown command "twin ${command}"`,
      );
  }
}

/** The CLI has no keychain: a remote model's key comes from the environment (as for `interviewer next`). */
function useCliProvider(services: AppServices, io: CliIo, offline: boolean): void {
  if (offline) return;
  const apiKey = io.env[API_KEY_ENV];
  services.twins.setProvider(() => resolveProvider(services.settings.section('interviewer'), null, apiKey ? { apiKey } : {}));
}
