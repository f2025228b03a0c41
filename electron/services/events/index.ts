import type { EventChannel } from '../../../shared/ipc/channels';
import type { EventPayload } from '../../../shared/ipc/contract';

type Listener = <E extends EventChannel>(channel: E, payload: EventPayload<E>) => void;

/**
 * Main→renderer events raised by services (run output, …). Electron's main process forwards them
 * to the window; the browser harness forwards them into the page. Services never know which.
 */
export class AppEvents {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventChannel>(channel: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(channel, payload);
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
