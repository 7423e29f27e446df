import { defineConfig } from 'vitest/config';

// End-to-end tests drive Debian's Chromium against the built renderer (run `npm run build` first).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
