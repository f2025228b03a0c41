import { ipcMain, type BrowserWindow } from 'electron';
import { INVOKE_CHANNELS, wireName, type EventChannel } from '../../shared/ipc/channels';
import { eventContract, type EventPayload } from '../../shared/ipc/contract';
import { dispatch, type Handlers } from '../../shared/ipc/dispatch';
import { fail } from '../../shared/ipc/result';
import { isAppUrl } from '../services/security';

/**
 * Registers every contract call on ipcMain through one path: the sender must be the app's own
 * page, then `dispatch` validates input and output and wraps the result in an envelope.
 */
export function registerIpc(handlers: Handlers, devServerUrl: string | undefined): void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(wireName(channel), (event, payload: unknown) => {
      const url = event.senderFrame?.url;
      if (!isAppUrl(url, devServerUrl)) {
        return fail('forbidden', `IPC call ${channel} refused: the sender is not the app's own page`);
      }
      return dispatch(handlers, channel, payload);
    });
  }
}

/** Sends a main→renderer event after checking its payload against the contract. */
export function emit<E extends EventChannel>(window: BrowserWindow | null, channel: E, payload: EventPayload<E>): void {
  if (!window || window.isDestroyed()) return;
  // Called from service callbacks (run output): a bad payload is reported, never thrown into them.
  const checked = eventContract[channel].safeParse(payload);
  if (!checked.success) {
    console.error(`Event ${channel} not sent: its payload does not match the contract`, checked.error.issues);
    return;
  }
  window.webContents.send(wireName(channel), checked.data);
}
