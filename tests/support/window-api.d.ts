import type { Api } from '../../shared/ipc/api';

// Tests evaluate code in the renderer page, where the preload (or the harness shim) defines window.api.
declare global {
  interface Window {
    readonly api: Api;
  }
}
