import type { Handlers } from '../../../shared/ipc/dispatch';
import { AppError } from '../../../shared/ipc/result';
import type { ConsentStore } from './consent';
import type { CaptureSources } from './desktop';
import type { RecordingMedia } from './media';
import { diskSpace, diskStopThreshold, diskVerdict } from './writer';
import type { RecordingService } from './recording-service';

type RecordingChannel = Extract<keyof Handlers, `recording:${string}`>;

export interface RecordingIpcDeps {
  recordings: RecordingService;
  consent: ConsentStore;
  sources: CaptureSources;
  media: RecordingMedia;
  recordingsDir: string;
  /** The team server the consent step names, or null when none is set up. */
  teamServer: () => string | null;
}

/** The `recording:*` IPC calls over the recording services. */
export function recordingHandlers({
  recordings,
  consent,
  sources,
  media,
  recordingsDir,
  teamServer,
}: RecordingIpcDeps): Pick<Handlers, RecordingChannel> {
  return {
    'recording:consent': ({ sessionId, decision, items, sync }) => {
      if (decision === 'declined' && recordings.isRecording(sessionId)) {
        throw new AppError('conflict', `Session ${sessionId} is being recorded; stop the recording before declining.`);
      }
      const server = teamServer();
      if (sync !== undefined && !server) {
        throw new AppError('invalid_input', 'No team server is set up, so there is nothing to agree to send it to.', [
          { field: 'sync', message: 'no team server is set up' },
        ]);
      }
      const recorded = consent.decide(sessionId, decision, items);
      // The answer names the server it was given for: a session is never sent to another one.
      if (sync !== undefined && server) consent.decideSync(sessionId, sync, 'consent_step', server);
      return recorded;
    },
    'recording:getConsent': ({ sessionId }) => consent.get(sessionId),
    'recording:consents': () => consent.list(),
    'recording:sources': () => sources.list(),
    'recording:selectSource': ({ sourceId }) => {
      try {
        return sources.select(sourceId);
      } catch (err) {
        throw new AppError('invalid_input', (err as Error).message, [{ field: 'sourceId', message: 'is not an offered source' }]);
      }
    },
    'recording:start': async ({ sessionId, mimeType, startOffsetMs }) => {
      consent.requireGranted(sessionId);
      const { recordingId } = await recordings.start({ sessionId, mimeType, startOffsetMs: startOffsetMs ?? null });
      return recordings.get(recordingId);
    },
    'recording:setOffset': ({ recordingId, startOffsetMs }) => recordings.setStartOffset(recordingId, startOffsetMs),
    'recording:chunk': ({ recordingId, seq, bytes }) => recordings.appendChunk(recordingId, seq, bytes),
    'recording:pause': ({ recordingId, atMs }) => recordings.pause(recordingId, atMs),
    'recording:resume': ({ recordingId, atMs }) => recordings.resume(recordingId, atMs),
    'recording:stop': ({ recordingId, atMs }) => recordings.stop(recordingId, atMs),
    'recording:get': ({ recordingId }) => recordings.get(recordingId),
    'recording:list': ({ sessionId }) => (sessionId === undefined ? recordings.listAll() : recordings.listForSession(sessionId)),
    'recording:disk': async ({ bitsPerSecond }) => {
      const space = await diskSpace(recordingsDir);
      const stopBelowBytes = diskStopThreshold(bitsPerSecond);
      return {
        freeBytes: space.freeBytes,
        totalBytes: space.totalBytes,
        verdict: diskVerdict(space.freeBytes, bitsPerSecond),
        stopBelowBytes,
        secondsLeft: Math.max(0, Math.floor((space.freeBytes - stopBelowBytes) / (bitsPerSecond / 8))),
      };
    },
    'recording:media': ({ recordingId }) => media.url(recordingId),
    'recording:ffmpeg': async () => {
      const status = await recordings.ffmpeg();
      return status.available
        ? { available: true, path: status.path, version: status.version, reason: null }
        : { available: false, path: status.path, version: null, reason: status.reason };
    },
    'recording:reveal': async ({ recordingId }) => {
      const file = await media.file(recordingId);
      if (!file) throw new AppError('not_found', `The file of recording ${recordingId} is not in the recordings folder any more.`);
      const desktop = sources.integration;
      if (!desktop) return { path: file, revealed: false };
      desktop.showItemInFolder(file);
      return { path: file, revealed: true };
    },
  };
}
