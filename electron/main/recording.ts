import { desktopCapturer, protocol, session, shell, type DesktopCapturerSource } from 'electron';
import type { CaptureSource } from '../../shared/ipc/contract-recording';
import type { AppServices, DesktopIntegration } from '../services';
import { MEDIA_SCHEME } from '../services/recording';
import { isAppUrl } from '../services/security';

/**
 * Recording wiring for Electron: screens and windows from desktopCapturer for our own picker, the
 * display-media handler that answers getDisplayMedia with the picked source, the media: protocol
 * recordings play from, and reveal-in-folder. The decisions live in the services.
 */

let lastListing = new Map<string, DesktopCapturerSource>();

export const desktopIntegration: DesktopIntegration = {
  async listCaptureSources(): Promise<CaptureSource[]> {
    const sources = await desktopCapturer.getSources({
      types: ['screen', 'window'],
      thumbnailSize: { width: 320, height: 180 },
      fetchWindowIcons: false,
    });
    lastListing = new Map(sources.map((s) => [s.id, s]));
    return sources.map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.id.startsWith('screen:') ? 'screen' : 'window',
      thumbnail: s.thumbnail.isEmpty() ? null : s.thumbnail.toDataURL(),
    }));
  },
  showItemInFolder(path: string): void {
    shell.showItemInFolder(path);
  },
};

/** getDisplayMedia from our page gets the source picked in our picker (else the first screen); system audio where the OS gives it. */
export function handleDisplayMedia(services: AppServices, devServerUrl: string | undefined): void {
  session.defaultSession.setDisplayMediaRequestHandler((request, callback) => {
    if (!isAppUrl(request.frame?.url ?? request.securityOrigin, devServerUrl)) {
      callback({});
      return;
    }
    const pick = async () => {
      const chosen = services.captureSources.selectedId;
      let source = chosen ? lastListing.get(chosen) : undefined;
      if (!source) {
        const screens = await desktopCapturer.getSources({ types: ['screen'] });
        source = screens[0];
      }
      if (!source) return callback({});
      // Loopback (system) audio is only offered by Windows' capture stack; elsewhere the mic alone is recorded.
      callback(request.audioRequested && process.platform === 'win32' ? { video: source, audio: 'loopback' } : { video: source });
    };
    pick().catch(() => callback({}));
  });
}

/** Serves recordings at media://recording/<id>, with byte ranges (seeking). */
export function serveMedia(services: AppServices): void {
  protocol.handle(MEDIA_SCHEME, (request) => services.media.respond(request));
}
