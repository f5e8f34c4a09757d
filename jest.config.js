/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testRegex: '\\.(unit|int|e2e)\\.spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.data/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // Node 20 requires this ES module (Fastify's static files use it for the API docs UI); jest cannot, so it is compiled to CommonJS.
    '/content-disposition/dist/index\\.js$': '<rootDir>/test/support/esm-to-commonjs.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!@fastify/static/|content-disposition/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@glint/eventstore$': '<rootDir>/libs/eventstore/src',
    '^@glint/database$': '<rootDir>/libs/database/src',
    '^@glint/domain-errors$': '<rootDir>/libs/domain-errors/src',
    '^@glint/personal-data$': '<rootDir>/libs/personal-data/src',
    '^@glint/projection-engine$': '<rootDir>/libs/projection-engine/src',
    '^@glint/runtime$': '<rootDir>/libs/runtime/src',
    '^@glint/access$': '<rootDir>/libs/access/src',
    '^@glint/event-sourcing$': '<rootDir>/libs/event-sourcing/src',
    '^@glint/identity$': '<rootDir>/libs/identity/src',
    '^@glint/developer-apps$': '<rootDir>/libs/developer-apps/src',
    '^@glint/channels$': '<rootDir>/libs/channels/src',
    '^@glint/community$': '<rootDir>/libs/community/src',
    '^@glint/moderation$': '<rootDir>/libs/moderation/src',
    '^@glint/chat$': '<rootDir>/libs/chat/src',
    '^@glint/support$': '<rootDir>/libs/support/src',
    '^@glint/gateway$': '<rootDir>/libs/gateway/src',
    '^@glint/streams$': '<rootDir>/libs/streams/src',
    '^@glint/notifications$': '<rootDir>/libs/notifications/src',
    '^@glint/safe-text$': '<rootDir>/libs/safe-text/src',
    '^@glint/projections$': '<rootDir>/projections',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  // After the gateway's end-to-end files, something that is neither a socket nor a native thread
  // (node-datachannel's callbacks are the suspect) keeps the test process's event loop alive once
  // every test has finished, and on 2 cores jest runs in that one process: without this, npm test
  // never returns. Every test still closes what it opens; see the note on issue 4.
  forceExit: true,
};
