import { BrowserWindow } from 'electron';
import type { PdfPrinter } from '../services/progress';

/** Chromium's print-to-PDF of the app window as it shows now, with its print styles (A4, backgrounds kept). */
export const electronPdfPrinter: PdfPrinter = {
  async printToPdf() {
    const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
    if (!window) throw new Error('There is no window to print.');
    const pdf = await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  },
};
