import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Another library, app or the test kit is reached by its @glint/… alias, never by climbing folders.
      'no-restricted-imports': ['error', { patterns: [{ group: ['../../*', '!../../src/*'], message: 'Import another library, app or the test kit through its @glint/… alias (tsconfig.json paths).' }] }],
    },
  },
  {
    // jest loads its global setup outside its module map, where the @glint/… aliases do not resolve.
    files: ['libs/testing/jest/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The watch and go-live pages' scripts: classic browser scripts, served as they are (Node's globals are not there).
    files: ['apps/platform/src/watch/assets/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        process: 'off', require: 'off', module: 'off', __dirname: 'off', setImmediate: 'off',
        window: 'readonly', document: 'readonly', location: 'readonly', navigator: 'readonly', localStorage: 'readonly', crypto: 'readonly', console: 'readonly',
        fetch: 'readonly', URL: 'readonly', CSS: 'readonly', WebSocket: 'readonly', RTCPeerConnection: 'readonly', RTCRtpReceiver: 'readonly', MediaStream: 'readonly',
      },
    },
    // A script's top-level declarations are the page's globals, which another script may use.
    rules: { '@typescript-eslint/no-unused-vars': ['error', { vars: 'local', argsIgnorePattern: '^_' }] },
  },
);
