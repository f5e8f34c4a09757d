/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testRegex: '\\.(unit|int|e2e)\\.spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.data/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@glint/eventstore$': '<rootDir>/libs/eventstore/src',
    '^@glint/database$': '<rootDir>/libs/database/src',
    '^@glint/domain-errors$': '<rootDir>/libs/domain-errors/src',
    '^@glint/personal-data$': '<rootDir>/libs/personal-data/src',
    '^@glint/projection-engine$': '<rootDir>/libs/projection-engine/src',
    '^@glint/projections$': '<rootDir>/projections',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
};
