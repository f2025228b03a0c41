import type { Handlers } from '../../../shared/ipc/dispatch';
import type { AppServices } from '../app-services';
import { interviewerHandlers } from '../interviewer/ipc';
import { recordingHandlers } from '../recording';
import { reviewHandlers } from '../review';
import { settingsHandlers } from '../settings';

/**
 * The implementation of every IPC call, as plain functions over the services. Electron's main
 * process registers these on ipcMain; the browser test harness bridges the very same object.
 */
export function createHandlers(services: AppServices): Handlers {
  const { sessions, telemetry, code, runner, runs, integrity } = services;
  return {
    'app:info': () => services.info(),
    'session:create': (config) => sessions.create(config),
    'session:list': () => sessions.list(),
    'session:get': ({ id }) => sessions.get(id),
    'session:start': ({ id }) => sessions.start(id),
    'session:heartbeat': ({ id }) => sessions.heartbeat(id),
    'session:complete': ({ id }) => sessions.complete(id),
    'session:abandon': ({ id }) => sessions.abandon(id),
    'telemetry:init': ({ interviewSessionId }) => telemetry.init(interviewSessionId),
    'telemetry:append': ({ offsetsMs, ...batch }) => telemetry.append(batch, { offsetsMs }),
    'code:record': (input) => code.record(input),
    'code:latest': ({ interviewSessionId }) => code.latest(interviewSessionId),
    'runner:toolchains': () => runner.toolchains(),
    'runner:start': (input) => runs.start(input),
    'runner:stop': ({ runId }) => runs.stop(runId),
    'integrity:record': ({ interviewSessionId, ts, offsetMs, signal }) => integrity.record(interviewSessionId, ts, offsetMs, signal),
    ...interviewerHandlers(services),
    ...settingsHandlers(services.settings),
    ...recordingHandlers({
      recordings: services.recording,
      consent: services.consent,
      sources: services.captureSources,
      media: services.media,
      recordingsDir: services.paths.recordings,
    }),
    ...reviewHandlers(services),
  };
}
