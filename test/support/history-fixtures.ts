import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';

export const HISTORIES_DIR = path.join(__dirname, '../fixtures/histories');

/** A recorded history: the exact protobuf bytes Temporal stored, and for encrypted ones the tenant's sealed keys. */
export interface HistoryFixture {
  workflowId: string;
  /** base64 of temporal.api.history.v1.History */
  history: string;
  /** Set when the payloads are encrypted as production writes them: the tenant and its payload keys, sealed by the test RELAIS_SECRET_KEY. */
  tenantId?: string;
  keys?: Array<{ id: string; sealedKey: string }>;
}

/** True when this run records replay fixtures (RECORD_HISTORIES=1 npx jest <file>). */
export const recordingHistories = () => process.env.RECORD_HISTORIES === '1';

/**
 * Writes the history of a workflow as a replay fixture, encrypted as it is
 * stored, with the tenant's payload keys (sealed) so that the replay test can
 * decrypt it with the product's codec.
 */
export async function saveHistoryFixture(client: Client, admin: Knex, name: string, workflowId: string, tenantId: string): Promise<void> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const keys = await admin('payloadKeys').where({ tenantId }).orderBy('createdAt').select('id', 'sealedKey');
  const fixture: HistoryFixture = {
    workflowId, tenantId, keys,
    history: Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('base64'),
  };
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  fs.writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), `${JSON.stringify(fixture, null, 1)}\n`);
}

/** Makes an encrypted fixture's tenant and keys exist in this run's database, so the codec finds them. */
export async function installFixtureKeys(admin: Knex, fixture: HistoryFixture): Promise<void> {
  if (!fixture.tenantId || !fixture.keys?.length) return;
  await admin('tenants').insert({ id: fixture.tenantId, slug: `replay-${fixture.tenantId.slice(0, 8)}`, name: 'Replay fixture' }).onConflict('id').ignore();
  for (const key of fixture.keys) await admin('payloadKeys').insert({ id: key.id, tenantId: fixture.tenantId, sealedKey: key.sealedKey }).onConflict('id').ignore();
}
