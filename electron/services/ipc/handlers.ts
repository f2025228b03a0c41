import type { Handlers } from '../../../shared/ipc/dispatch';
import { annotationsHandlers } from '../annotations';
import type { AppServices } from '../app-services';
import { bundlesHandlers } from '../bundles';
import { codeHandlers } from '../code';
import { corpusHandlers } from '../corpus';
import { integrityHandlers } from '../integrity';
import { progressHandlers } from '../progress';
import { interviewerHandlers } from '../interviewer';
import { judgeHandlers } from '../judge';
import { recordingHandlers } from '../recording';
import { reviewHandlers } from '../review';
import { runnerHandlers } from '../runner';
import { sessionsHandlers } from '../sessions';
import { settingsHandlers } from '../settings';
import { syncHandlers } from '../sync';
import { telemetryHandlers } from '../telemetry';
import { transcriptsHandlers } from '../transcripts';
import { twinHandlers } from '../twin';
import { voiceHandlers } from '../voice';

/**
 * The implementation of every IPC call: each service folder's `ipc.ts` gives its domain's handlers, over
 * the narrow services it needs. Electron's main process registers the whole set on ipcMain; the browser
 * test harness bridges the very same object. `app:*` is answered here, because it describes the app.
 */
export function createHandlers(services: AppServices): Handlers {
  return {
    'app:info': () => services.info(),
    ...sessionsHandlers(services.sessions),
    ...telemetryHandlers(services.telemetry),
    ...codeHandlers(services.code),
    ...runnerHandlers(services),
    ...judgeHandlers(services.tests),
    ...integrityHandlers(services.integrity),
    ...interviewerHandlers(services),
    ...settingsHandlers(services.settings),
    ...recordingHandlers({
      recordings: services.recording,
      consent: services.consent,
      sources: services.captureSources,
      media: services.media,
      recordingsDir: services.paths.recordings,
      teamServer: () => services.sync.serverUrl(),
    }),
    ...reviewHandlers(services),
    ...annotationsHandlers(services.annotations),
    ...bundlesHandlers(services),
    ...transcriptsHandlers(services.transcriptImports),
    ...voiceHandlers(services.voice),
    ...corpusHandlers({
      corpus: services.corpus,
      events: services.events,
      dialogs: services.fileDialogs,
      exportsDir: services.paths.exports,
      now: () => new Date(),
    }),
    ...syncHandlers(services.sync),
    ...progressHandlers(services),
    ...twinHandlers(services.twins),
  };
}
