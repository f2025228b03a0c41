import type { RecordingSettings } from '../../../shared/settings/recording';
import type { CaptureInputs } from './capture-devices';
import type { SessionRecorder } from './recorder';

/**
 * Hand-over between the set-up steps and the room: the streams the candidate chose and tested stay
 * open from the test recording into the interview (asking for the screen again would show the OS
 * picker twice), and the room's End button reaches the running recorder through here.
 */
export interface PreparedCapture {
  sessionId: string;
  inputs: CaptureInputs;
  mimeType: string;
  settings: RecordingSettings;
}

let prepared: PreparedCapture | null = null;
const running = new Map<string, SessionRecorder>();

export function setPreparedCapture(next: PreparedCapture | null): void {
  if (prepared && prepared !== next) prepared.inputs.close();
  prepared = next;
}

/** The prepared capture for `sessionId`, handed over once (the caller now owns the streams). */
export function takePreparedCapture(sessionId: string): PreparedCapture | null {
  if (!prepared || prepared.sessionId !== sessionId) return null;
  const out = prepared;
  prepared = null;
  return out;
}

export function registerRecorder(sessionId: string, recorder: SessionRecorder | null): void {
  if (recorder) running.set(sessionId, recorder);
  else running.delete(sessionId);
}

/**
 * Stops the session's recording cleanly (last chunk written, file fsynced and closed) if one is
 * running. Never throws: a failure is on the recorder's status, which the room shows.
 */
export async function stopSessionRecording(sessionId: string): Promise<void> {
  await running.get(sessionId)?.stop();
}
