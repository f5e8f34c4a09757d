const { readFileSync } = require('node:fs');
const { pathsToModuleNameMapper } = require('ts-jest');
const ts = require('typescript');

// The libraries are listed once, as tsconfig.json's paths; jest resolves the same aliases from them.
const { config: tsconfig } = ts.readConfigFile(require.resolve('./tsconfig.json'), (file) => readFileSync(file, 'utf8'));

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testRegex: '\\.(unit|int|e2e)\\.spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.data/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // Node 20 requires this ES module (Fastify's static files use it for the API docs UI); jest cannot, so it is compiled to CommonJS.
    '/content-disposition/dist/index\\.js$': '<rootDir>/libs/testing/jest/esm-to-commonjs.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!@fastify/static/|content-disposition/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(tsconfig.compilerOptions.paths, { prefix: '<rootDir>/' }),
  globalSetup: '<rootDir>/libs/testing/jest/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/jest/global-teardown.ts',
  testTimeout: 60000,
};
