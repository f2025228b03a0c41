import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // A hang guard, not a speed target (those are benchmarks): several tests drive real SQLite, child
          // processes, sandboxes and local servers, which take seconds on a loaded two-core machine.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          // Packaging runs here too: electron-builder copying the app is as heavy as a Chromium.
          include: ['tests/e2e/**/*.test.ts', 'tests/electron/**/*.test.ts', 'tests/packaging/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One Chromium (or one packaging run) at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
