/** Jest runs every test against real PostgreSQL and a real Temporal server started once (test/support/global-setup.ts). */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];
const swcJs = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }];
// ESM-only packages (feelin, bpmn-moddle, dmn-moddle and what they import) are compiled to CommonJS for Jest.
const ESM_PACKAGES = ['feelin', 'lezer-feel', '@lezer', 'luxon', 'bpmn-moddle', 'dmn-moddle', 'moddle', 'moddle-xml', 'saxen', 'min-dash', 'min-dom', 'ids', 'temporal-polyfill', 'temporal-spec', 'temporal-utils', 'ical.js'];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc, '^.+\\.m?js$': swcJs },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  // The UI's '@/…' imports (its locale files, loaded by test/ui/locales.test.ts).
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/ui/src/$1' },
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/ui/', '/.relais/'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['<rootDir>/test/support/env.ts', '<rootDir>/test/support/modules.ts', '<rootDir>/test/support/grpc-closed-channel.ts'],
  // A limit for a hung test, not a measure: tests that start servers and kill processes take minutes on a loaded machine.
  testTimeout: 300_000,
  // Two cores: the database and Temporal share them with the tests.
  maxWorkers: 2,
  // Each test file leaves a little of its module graph behind (Temporal's runtime, gRPC channels): a
  // worker whose heap has grown past this after a file is replaced, before it runs out of memory.
  workerIdleMemoryLimit: '1536MB',
  // The Temporal client's gRPC channel can outlive its close() by a few seconds.
  forceExit: true,
};
