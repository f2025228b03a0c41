import { isAbsolute, resolve } from 'node:path';
import type { AppEvents } from '../events';
import { BUNDLE_EXTENSION } from '../../../shared/ipc/contract-bundles';

/**
 * The `.irbundle` files among a command line: what the OS passes when a bundle is opened from the file
 * manager (Windows and Linux start the app, or a second instance, with the file as an argument).
 * Relative paths are resolved against the directory the command ran in; anything else is ignored.
 */
export function bundlePathsFromArgv(argv: readonly string[], cwd: string): string[] {
  const paths: string[] = [];
  for (const arg of argv) {
    if (typeof arg !== 'string' || arg.startsWith('-') || !arg.toLowerCase().endsWith(BUNDLE_EXTENSION)) continue;
    const path = isAbsolute(arg) ? arg : resolve(cwd, arg);
    if (!paths.includes(path)) paths.push(path);
  }
  return paths;
}

/**
 * Bundles the OS asked the app to open, waiting for the window to take them. A request can arrive
 * before the window exists (the app was started by opening the file) or while an interview is running
 * (the window imports it afterwards), so requests are queued here and the window takes them all at once
 * whenever it is ready; `bundle:openRequested` tells an open window that there is something to take.
 */
export class BundleOpenRequests {
  private pending: string[] = [];

  constructor(private readonly events: AppEvents) {}

  /** Queues bundle paths (duplicates of a queued one are ignored) and tells the window. */
  add(paths: readonly string[]): void {
    const fresh = paths.filter((p) => !this.pending.includes(p));
    if (fresh.length === 0) return;
    this.pending.push(...fresh);
    this.events.emit('bundle:openRequested', { count: this.pending.length });
  }

  /** Everything queued so far, oldest first; the queue is empty afterwards. */
  take(): string[] {
    const taken = this.pending;
    this.pending = [];
    return taken;
  }
}
