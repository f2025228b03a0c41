import { Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { emit } from './ipc';

export function buildMenu(getWindow: () => BrowserWindow | null, dataDir: string, isDev: boolean): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        {
          label: 'New Practice Interview…',
          accelerator: 'CmdOrCtrl+N',
          click: () => emit(getWindow(), 'app:command', { command: 'new-interview' }),
        },
        {
          label: 'Session Library',
          accelerator: 'CmdOrCtrl+L',
          click: () => emit(getWindow(), 'app:command', { command: 'open-library' }),
        },
        {
          label: 'Import Session…',
          accelerator: 'CmdOrCtrl+I',
          click: () => emit(getWindow(), 'app:command', { command: 'import-session' }),
        },
        { type: 'separator' },
        { label: 'Open Data Folder', click: () => void shell.openPath(dataDir) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...(isDev ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }] : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
