// Test workers inherit the services' environment from global-setup.ts. Fail
// early with a clear message when a test file is run without it.
if (!process.env.DATABASE_URL || !process.env.TEMPORAL_ADDRESS) {
  throw new Error('Run tests through Jest (`npm test` or `npx jest <file>`): its global setup starts PostgreSQL and Temporal.');
}
