import type { Knex } from 'knex';

/**
 * Process starts asked for while the engine is away (`process_start_requests`): written by the demo
 * seed, served by the API when it starts (api/process/start-requests.ts). One request per process and
 * business key: asking again changes nothing, even once it has been served.
 */
export interface StartRequest {
  id: string;
  processKey: string;
  businessKey: string;
  variables: Record<string, unknown>;
}

/** Asks for an instance of `processKey` for `businessKey` (owner connection: the tenant is named). */
export async function requestProcessStart(admin: Knex, tenantId: string, request: Omit<StartRequest, 'id'>): Promise<void> {
  await admin('processStartRequests')
    .insert({ tenantId, processKey: request.processKey, businessKey: request.businessKey, variables: JSON.stringify(request.variables) })
    .onConflict(['tenantId', 'processKey', 'businessKey']).ignore();
}

/** The organisations with requests not served yet (ids only: a security-definer function for the API's role). */
export async function tenantsWithStartRequests(knex: Knex): Promise<string[]> {
  const { rows } = await knex.raw<{ rows: Array<{ id: string }> }>('select id from tenants_with_process_start_requests() as id');
  return rows.map((r) => r.id);
}

/** The tenant's requests not served yet, oldest first. */
export async function waitingStartRequests(trx: Knex.Transaction): Promise<StartRequest[]> {
  return trx('processStartRequests').whereNull('startedAt').orderBy([{ column: 'requestedAt' }, { column: 'id' }])
    .select('id', 'processKey', 'businessKey', 'variables');
}

/** Takes one request to serve it in this transaction; undefined when it was served, or is being served by another replica. */
export async function claimStartRequest(trx: Knex.Transaction, id: string): Promise<StartRequest | undefined> {
  return trx('processStartRequests').where({ id }).whereNull('startedAt').forUpdate().skipLocked()
    .first('id', 'processKey', 'businessKey', 'variables');
}

/** The request for that process and business key, taken to serve it now (the action that asked just committed); undefined when served or being served. */
export async function claimStartRequestFor(trx: Knex.Transaction, processKey: string, businessKey: string): Promise<StartRequest | undefined> {
  return trx('processStartRequests').where({ processKey, businessKey }).whereNull('startedAt').forUpdate().skipLocked()
    .first('id', 'processKey', 'businessKey', 'variables');
}

export async function markStartServed(trx: Knex.Transaction, id: string): Promise<void> {
  await trx('processStartRequests').where({ id }).update({ startedAt: trx.fn.now() });
}
