import { defineConfig } from 'vitest/config';

// Benchmarks print figures; they are not part of `npm test` and never assert on timings.
export default defineConfig({
  test: { include: ['tests/bench/**/*.bench-run.ts'], testTimeout: 300_000, fileParallelism: false },
});
