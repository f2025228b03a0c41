import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createApi } from '../../shared/ipc/api';
import { wireName } from '../../shared/ipc/channels';

// The whole preload: one typed `window.api` built from the contract. Raw ipcRenderer is never exposed.
const api = createApi({
  invoke: (channel, payload) => ipcRenderer.invoke(wireName(channel), payload),
  subscribe: (channel, listener) => {
    const handler = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(wireName(channel), handler);
    return () => {
      ipcRenderer.removeListener(wireName(channel), handler);
    };
  },
});

contextBridge.exposeInMainWorld('api', api);

// Besides the contract: a dropped file's path (a bundle dragged onto the window), which only the
// preload can read. It answers only for a real File and gives '' for one not backed by a file on disk.
contextBridge.exposeInMainWorld('droppedFiles', {
  pathForFile: (file: Parameters<typeof webUtils.getPathForFile>[0]) => webUtils.getPathForFile(file),
});
