import { defineConfig } from 'vitest/config';

// The tests of each file run in a shuffled order: none may depend on another having run first (each
// starts from a reloaded page and asks for the steps it needs). PAPERTAPE_E2E_SEED replays an order.
const seed = Number(process.env.PAPERTAPE_E2E_SEED ?? Date.now() % 1_000_000);
console.log(`e2e test order: PAPERTAPE_E2E_SEED=${seed}`);

// End-to-end tests drive Debian's Chromium against the built renderer (run `npm run build` first).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    sequence: { shuffle: { files: false, tests: true }, seed },
  },
});
