declare global {
  interface Window {
    /** Set by the preload: the local path of a file dropped on the window (Electron's webUtils). */
    readonly droppedFiles?: { pathForFile(file: File): string };
  }
}

/** The dropped file's path on disk, or '' where there is none (a file made in the page, or no preload). */
export function pathOfDroppedFile(file: File): string {
  try {
    return window.droppedFiles?.pathForFile(file) ?? '';
  } catch {
    return '';
  }
}
