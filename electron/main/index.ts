import { app, BrowserWindow, dialog, Menu } from 'electron';
import { createAppServices, createHandlers, resolveDataDir, type AppServices } from '../services';
import { appFiles, RENDERER_ENTRY } from './app-paths';
import type { Db } from '../services/store';
import { openAppDatabase } from './database';
import { emit, registerIpc } from './ipc';
import { utilityProcessJsLauncher } from './js-launcher';
import { buildMenu } from './menu';
import { electronNativeBinding } from './native';
import { registerAppScheme, serveRenderer } from './protocol';
import { safeStorageCipher } from './secret-cipher';
import { desktopIntegration, handleDisplayMedia, serveMedia } from './recording';
import { electronFileDialogs } from './file-dialogs';
import { electronConnectivity } from './connectivity';
import { electronPdfPrinter } from './pdf-printer';
import { guardNavigation, hardenSession } from './security';
import { APP_ORIGIN } from '../services/security';
import { bundlePathsFromArgv } from '../services/bundles';

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const files = appFiles({ appPath: app.getAppPath(), resourcesPath: process.resourcesPath, isPackaged: app.isPackaged, mainDir: __dirname });
let mainWindow: BrowserWindow | null = null;
let services: AppServices | null = null;
/** Bundles the OS asked us to open before the services existed (macOS sends open-file that early). */
const earlyBundleOpens: string[] = [];

registerAppScheme();

function openBundles(paths: string[]): void {
  if (paths.length === 0) return;
  if (services) services.bundleOpens.add(paths);
  else earlyBundleOpens.push(...paths);
}

// macOS: a bundle opened from Finder (or dropped on the Dock icon), before or after start-up.
app.on('open-file', (event, path) => {
  event.preventDefault();
  openBundles(bundlePathsFromArgv([path], process.cwd()));
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});

if (!app.requestSingleInstanceLock()) {
  // A second copy would fight over the database and mark the first one's session as interrupted.
  app.quit();
} else {
  // Windows and Linux open a bundle by starting the app with its path; a second copy hands it over.
  app.on('second-instance', (_event, argv, workingDirectory) => {
    openBundles(bundlePathsFromArgv(argv.slice(1), workingDirectory));
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.whenReady().then(start, (err: unknown) => fatal(err));
}

async function start(): Promise<void> {
  const dataDir = resolveDataDir();
  const nativeBinding = electronNativeBinding(files.devNativeBinding, app.isPackaged);
  let db: Db | null = null;
  // Everything that reads the database stays inside: a damaged file must reach the dialog, not crash start-up.
  try {
    db = await openAppDatabase(dataDir, nativeBinding);
    if (!db) {
      app.exit(0);
      return;
    }
    services = createAppServices({
      dataDir,
      db,
      resourcesDir: files.resourcesDir,
      appVersion: app.getVersion(),
      nativeBinding,
      jsLauncher: utilityProcessJsLauncher,
      desktop: desktopIntegration,
      fileDialogs: electronFileDialogs,
      pdfPrinter: electronPdfPrinter,
      secretCipher: safeStorageCipher,
      teamSync: { connectivity: electronConnectivity() },
    });
    services.sessions.markInterrupted();
  } catch (err) {
    if (services) services.close();
    else db?.close();
    services = null;
    fatal(err);
    return;
  }
  openBundles([...earlyBundleOpens.splice(0), ...bundlePathsFromArgv(process.argv.slice(1), process.cwd())]);
  hardenSession(devServerUrl);
  serveRenderer(files.rendererDir);
  serveMedia(services);
  handleDisplayMedia(services, devServerUrl);
  // Recordings an earlier run left open are repaired before the window can list or play them.
  const ready = services.initialize().catch((err: unknown) => console.error('Recovering interrupted recordings failed', err));
  registerIpc(createHandlers(services), devServerUrl);
  services.events.subscribe((channel, payload) => emit(mainWindow, channel, payload));
  Menu.setApplicationMenu(buildMenu(() => mainWindow, dataDir, !app.isPackaged));
  void ready.then(() => {
    createWindow();
    services?.sync.start();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    title: 'Interview Recorder',
    backgroundColor: '#f6f7f9',
    // macOS and Windows take the icon from the app bundle or the .exe; a Linux window only has the one it is given.
    ...(process.platform === 'linux' ? { icon: files.windowIcon } : {}),
    webPreferences: {
      preload: files.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  guardNavigation(mainWindow, devServerUrl);
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  void mainWindow.loadURL(devServerUrl ?? `${APP_ORIGIN}/${RENDERER_ENTRY}`);
}

function fatal(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  dialog.showErrorBox('Interview Recorder cannot start', message);
  app.exit(1);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Before quitting, a recording still being written is stopped (written, fsynced, closed, marked
// completed), a bundle export or import under way stops and cleans up after itself, and team sync lets go
// of what it was sending (it stays queued and is sent again, with the same idempotency keys, next time).
let readyToQuit = false;
app.on('before-quit', (event) => {
  if (readyToQuit || !services) return;
  event.preventDefault();
  const stopping = Promise.allSettled([services.recording.stopAll(), services.bundles.cancelAll(), services.sync.stop()]);
  void stopping.finally(() => {
    readyToQuit = true;
    app.quit();
  });
});

app.on('will-quit', () => {
  services?.close();
  services = null;
});
