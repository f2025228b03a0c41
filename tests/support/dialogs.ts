import type { FileDialogs } from '../../electron/services/bundles';

/**
 * The system file dialogs, answered by the test: `next(path)` queues what the next "Open" dialog
 * returns (null: cancelled), and `asked` lists the titles of the dialogs shown. The real dialogs are
 * Electron's (in main), which cannot run here; this stand-in answers the way `dialog.showOpenDialog`
 * does for the app: with the path the user picked, or null when cancelled.
 */
export function pickedFiles(): FileDialogs & { next: (path: string | null) => void; asked: string[] } {
  const queue: Array<string | null> = [];
  const asked: string[] = [];
  return {
    asked,
    next: (path) => queue.push(path),
    chooseSavePath: async () => null,
    chooseOpenPath: async ({ title }) => {
      asked.push(title);
      return queue.shift() ?? null;
    },
  };
}
