import { defineConfig } from 'vitest/config';

/** End-to-end tests in Firefox ESR (WebDriver BiDi), one file at a time (two cores). */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e-firefox/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
