/**
 * Installs what the platform needs besides npm packages: the Temporal CLI and
 * the time-skipping test server (into .relais/tools). Safe to run repeatedly.
 */
import { ensureTemporalBinary, TemporalBinaryMissingError } from './services/temporal-binaries';

try {
  for (const name of ['temporal', 'temporal-test-server'] as const) {
    console.log(`[relais] ${name}: ${ensureTemporalBinary(name)}`);
  }
} catch (error) {
  if (error instanceof TemporalBinaryMissingError) {
    console.error(`[relais] ${error.message}`);
    process.exit(1);
  }
  throw error;
}
