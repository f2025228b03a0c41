import { BrowserWindow, dialog } from 'electron';
import type { FileDialogs } from '../services/bundles';

/** The system Save/Open dialogs for session bundles, attached to the focused window so they are modal. */
export const electronFileDialogs: FileDialogs = {
  async chooseSavePath({ title, defaultPath, filters }) {
    const window = BrowserWindow.getFocusedWindow();
    const options = { title, defaultPath, filters, properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const] };
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  },
  async chooseOpenPath({ title, filters }) {
    const window = BrowserWindow.getFocusedWindow();
    const options = { title, filters, properties: ['openFile' as const] };
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
};
