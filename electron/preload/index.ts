import { contextBridge, ipcRenderer } from 'electron';
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
