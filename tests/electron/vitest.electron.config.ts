import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Electron smoke tests: not part of the default unit or e2e runs. They skip without an Electron binary.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['tests/electron/**/*.smoke.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
