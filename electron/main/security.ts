import { session, shell, type BrowserWindow } from 'electron';
import { DEVELOPMENT_CSP } from '../../shared/security/csp';
import { allowPermissionCheck, allowPermissionRequest, isAppUrl, isSafeExternalUrl } from '../services/security';

/** Permission and CSP policy for the default session: microphone and screen for our own page only, everything else denied. */
export function hardenSession(devServerUrl: string | undefined): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(allowPermissionRequest(permission, details, devServerUrl));
  });
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
    allowPermissionCheck(permission, { ...details, requestingOrigin }, devServerUrl),
  );
  if (devServerUrl) {
    // The packaged app gets its CSP from the app:// protocol handler; the dev server needs it added here.
    ses.webRequest.onHeadersReceived((details, callback) => {
      const headers = { ...details.responseHeaders };
      if (isAppUrl(details.url, devServerUrl)) headers['Content-Security-Policy'] = [DEVELOPMENT_CSP];
      callback({ responseHeaders: headers });
    });
  }
}

/** No new windows, no navigation away from the app; safe web links open in the system browser. */
export function guardNavigation(window: BrowserWindow, devServerUrl: string | undefined): void {
  const wc = window.webContents;
  wc.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  wc.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  wc.on('will-attach-webview', (event) => event.preventDefault());
}
