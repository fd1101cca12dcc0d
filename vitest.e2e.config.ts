import { defineConfig } from 'vitest/config';

/** End-to-end tests: real Chromium, one file at a time (the machine has two cores). */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
