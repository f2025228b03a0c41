import { net, powerMonitor } from 'electron';
import type { Connectivity } from '../services/sync';

/** How often the OS is asked whether the network is up: Electron's main process gets no event for it. */
const POLL_MS = 5000;

/**
 * Online and offline for team sync, from the OS (`net.isOnline`), looked at again when the machine
 * wakes: sync pauses while offline instead of piling up failed attempts, and resumes when it is back.
 */
export function electronConnectivity(): Connectivity {
  const listeners = new Set<(online: boolean) => void>();
  let online = net.isOnline();
  const check = () => {
    const now = net.isOnline();
    if (now === online) return;
    online = now;
    for (const listener of listeners) listener(online);
  };
  setInterval(check, POLL_MS).unref();
  powerMonitor.on('resume', check);
  return {
    online: () => online,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
