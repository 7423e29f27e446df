/** Layering rules: forbidden, not conventions. `npm run depcruise` fails the build on any violation. */
const NETWORK = '^(node:)?(net|http|https|http2|tls|dgram)$';

module.exports = {
  forbidden: [
    {
      name: 'renderer-not-to-main',
      severity: 'error',
      comment: 'The renderer talks to the main process only through the IPC contract.',
      from: { path: '^src-renderer' },
      to: { path: '^src-main' },
    },
    {
      name: 'shared-is-pure',
      severity: 'error',
      comment: 'src-shared imports neither src-main nor src-renderer.',
      from: { path: '^src-shared' },
      to: { path: '^(src-main|src-renderer)' },
    },
    {
      name: 'shared-no-node-or-electron',
      severity: 'error',
      comment: 'src-shared runs in the renderer too: no Node built-ins, no electron.',
      from: { path: '^src-shared' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-no-electron',
      severity: 'error',
      from: { path: '^src-shared' },
      to: { path: '^electron$|node_modules/electron/' },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      comment: 'The sandboxed renderer has no Node.',
      from: { path: '^src-renderer' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'only-shell-imports-electron',
      severity: 'error',
      comment: 'Only src-main/electron may import electron; every service runs under plain Node.',
      from: { path: '^(src-main|src-renderer|src-shared)', pathNot: '^src-main/electron/' },
      to: { path: '^electron$|node_modules/electron/' },
    },
    {
      name: 'no-network-modules',
      severity: 'error',
      comment: 'Papertape never opens a socket.',
      from: { path: '^(src-main|src-renderer|src-shared)' },
      to: { path: NETWORK },
    },
    {
      name: 'no-network-modules-core',
      severity: 'error',
      from: { path: '^(src-main|src-renderer|src-shared)' },
      to: { dependencyTypes: ['core'], path: NETWORK },
    },
    {
      name: 'store-is-the-bottom',
      severity: 'error',
      comment: 'The audit store and its key sit below every service: they import only shared code, file-format readers and themselves.',
      from: { path: '^src-main/store/' },
      to: { path: '^src-main/(?!store/|io/)' },
    },
    {
      name: 'io-is-a-leaf',
      severity: 'error',
      comment: 'File-format readers (src-main/io) know nothing of the product above them.',
      from: { path: '^src-main/io/' },
      to: { path: '^src-main/(?!io/)' },
    },
    {
      name: 'pipeline-to-shared-only',
      severity: 'error',
      comment: 'The deterministic pipeline depends on shared rules and file readers only: never on services, the store, IPC or the shell.',
      from: { path: '^src-main/pipeline/' },
      to: { path: '^src-main/(?!pipeline/|io/)' },
    },
    {
      name: 'services-not-ipc',
      severity: 'error',
      comment: 'Services are called by IPC handlers, the CLI and the worker; they never import them (nor the Electron shell).',
      from: { path: '^src-main/services/' },
      to: { path: '^src-main/(ipc|cli|electron)/' },
    },
    {
      name: 'nothing-imports-bench-or-tests',
      severity: 'error',
      from: { path: '^(src-main|src-shared|src-renderer)/' },
      to: { path: '^(bench|tests)/' },
    },
    {
      name: 'no-circular',
      // A cycle through a type-only import vanishes at run time (the context's port types name the
      // services that receive the context); a cycle of real imports is still an error.
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
