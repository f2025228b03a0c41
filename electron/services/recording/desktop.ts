import type { CaptureSource } from '../../../shared/ipc/contract-recording';

/**
 * What only the desktop shell can do for recording: list screens and windows (Electron's
 * desktopCapturer) and show a file in the system file manager (shell.showItemInFolder). Electron's
 * main process provides it; without one (the CLI), there are no sources to list and nothing to reveal in.
 */
export interface DesktopIntegration {
  listCaptureSources(): Promise<CaptureSource[]>;
  showItemInFolder(path: string): void;
}

/**
 * The capture source the candidate picked in our picker, handed to the next getDisplayMedia request:
 * the renderer asks for the screen the standard way and main's display-media handler answers with
 * this source, so the renderer's capture code is the same in Electron and in a plain browser.
 */
export class CaptureSources {
  private desktop: DesktopIntegration | null = null;
  private selected: string | null = null;
  private listed = new Map<string, CaptureSource>();

  setDesktop(desktop: DesktopIntegration | null): void {
    this.desktop = desktop;
  }

  get integration(): DesktopIntegration | null {
    return this.desktop;
  }

  async list(): Promise<CaptureSource[]> {
    const sources = this.desktop ? await this.desktop.listCaptureSources() : [];
    this.listed = new Map(sources.map((s) => [s.id, s]));
    return sources;
  }

  /** Only a source from the last listing can be chosen, so the renderer cannot name an arbitrary window id. */
  select(sourceId: string): { sourceId: string } {
    if (!this.listed.has(sourceId)) throw new Error(`"${sourceId}" is not one of the screens or windows offered; list the sources again.`);
    this.selected = sourceId;
    return { sourceId };
  }

  /** The chosen source, for main's display-media handler. */
  get selectedId(): string | null {
    return this.selected;
  }
}
