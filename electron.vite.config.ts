import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { gitHead, gitTreeState } from './src-main/version';

const pkg = JSON.parse(readFileSync(resolve(__dirname, 'package.json'), 'utf8')) as { version: string };
const stamps = {
  __PAPERTAPE_VERSION__: JSON.stringify(pkg.version),
  __PAPERTAPE_BUILD_ID__: JSON.stringify(process.env.PAPERTAPE_BUILD_ID ?? gitHead(__dirname) ?? 'dev'),
  __PAPERTAPE_TREE__: JSON.stringify(gitTreeState(__dirname)),
};

export default defineConfig({
  main: {
    define: stamps,
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          'jobs-worker': resolve(__dirname, 'src-main/worker/jobs-worker.ts'),
          // The headless CLI, built with the app: bin/papertape.mjs runs this, no TypeScript at run time.
          cli: resolve(__dirname, 'src-main/cli/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() packages: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    base: './',
    define: stamps,
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
  },
});
