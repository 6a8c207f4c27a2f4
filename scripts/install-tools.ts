/**
 * Installs what the platform needs besides npm packages: the Temporal CLI and
 * the time-skipping test server, and schemathesis for the OpenAPI fuzz test
 * (into .relais/tools). Safe to run repeatedly.
 */
import { ensureSchemathesis, SchemathesisMissingError } from './services/schemathesis';
import { ensureTemporalBinary, TemporalBinaryMissingError } from './services/temporal-binaries';

try {
  for (const name of ['temporal', 'temporal-test-server'] as const) {
    console.log(`[relais] ${name}: ${ensureTemporalBinary(name)}`);
  }
  console.log(`[relais] schemathesis: ${ensureSchemathesis()}`);
} catch (error) {
  if (error instanceof TemporalBinaryMissingError || error instanceof SchemathesisMissingError) {
    console.error(`[relais] ${error.message}`);
    process.exit(1);
  }
  throw error;
}
