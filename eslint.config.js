import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Determinism: the pipeline gets its PRNG injected.
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Inject a seeded PRNG (pure-rand) instead.' }],
    },
  },
  {
    files: ['src-main/**', 'src-shared/**', 'src-renderer/**'],
    rules: {
      // Papertape never opens a socket: no network globals in product code (imports are fenced by dependency-cruiser).
      'no-restricted-globals': [
        'error',
        ...['fetch', 'WebSocket', 'XMLHttpRequest', 'EventSource', 'RTCPeerConnection'].map((name) => ({
          name,
          message: 'Papertape is offline: no network access in product code.',
        })),
      ],
    },
  },
  {
    files: ['src-renderer/**/*.tsx', 'src-renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
);
