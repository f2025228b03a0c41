import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { PRODUCTION_CSP } from './shared/security/csp';

/** Puts the production CSP into the built index.html, so it holds wherever the page is served from. */
function cspMeta(): Plugin {
  return {
    name: 'interview-recorder:csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: PRODUCTION_CSP }, injectTo: 'head-prepend' },
    ],
  };
}

/** `IR_OUT_DIR` builds somewhere other than `out/` (parallel work on one checkout); the harness reads the same variable. */
const outDir = resolve(process.env.IR_OUT_DIR ?? 'out');

export default defineConfig({
  main: {
    build: {
      outDir: resolve(outDir, 'main'),
      rolldownOptions: {
        input: { index: resolve('electron/main/index.ts'), cli: resolve('electron/cli/index.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(outDir, 'preload'),
      // Sandboxed preloads cannot require anything but 'electron': bundle everything else in.
      externalizeDeps: false,
      rolldownOptions: { input: { index: resolve('electron/preload/index.ts') }, external: ['electron'] },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [react(), cspMeta()],
    build: {
      outDir: resolve(outDir, 'renderer'),
      chunkSizeWarningLimit: 8000,
      rolldownOptions: { input: resolve('renderer/index.html') },
    },
  },
});
