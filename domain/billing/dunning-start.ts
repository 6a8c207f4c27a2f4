import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import type { ProcessInput } from '../../kernel/process/engine-types';
import { getPlan, retirementOf } from '../process/definitions-service';
import { ensureInstanceRow, workflowIdOf } from '../process/instances-service';
import { startProcessOnce } from '../process/start-once';
import { claimStartRequestFor, markStartServed, requestProcessStart } from '../process/start-requests';

/**
 * Starting « Relance des factures impayées » (`billing.invoice-dunning`, dunning.ts) exactly once per
 * issued invoice: the action that issues it asks for it in the issuing transaction (`requestDunning`, a
 * `process_start_requests` row), and `startDunning`, once that committed, starts the workflow whose id
 * comes from the invoice's id and is never reused. A start that could not run then (the engine away)
 * is served when the API next starts (api/process/start-requests.ts).
 */
export const INVOICE_DUNNING = 'billing.invoice-dunning';

export interface DunningDelays {
  /** After the due date, each an ISO 8601 duration in days or weeks. */
  courteousReminderDelay: string;
  firmReminderDelay: string;
  formalNoticeDelay: string;
}

/** D+7 a courteous mail, D+21 a firm mail and an SMS, D+45 the formal notice (the diagram's defaults too). */
export const DEFAULT_DUNNING_DELAYS: DunningDelays = { courteousReminderDelay: 'P7D', firmReminderDelay: 'P21D', formalNoticeDelay: 'P45D' };

export function dunningVariables(invoiceId: string, delays: Partial<DunningDelays> = {}): Record<string, unknown> {
  return { invoiceId, ...delays };
}

/** Asks, in the transaction that issues the invoice, for its dunning (a second ask changes nothing). */
export async function requestDunning(trx: Knex.Transaction, tenantId: string, invoiceId: string, delays: Partial<DunningDelays> = {}): Promise<void> {
  await requestProcessStart(trx, tenantId, { processKey: INVOICE_DUNNING, businessKey: invoiceId, variables: dunningVariables(invoiceId, delays) });
}

export type DunningStart = 'started' | 'already-started' | 'not-requested' | 'not-installed';

/**
 * Starts the dunning an issue asked for: the instance's row (committed first: a retry finds the same
 * one), then its workflow `<tenant>/billing.invoice-dunning/<invoice id>`, which Temporal never starts
 * twice, then the request marked served. Nothing asked, or served already: nothing. The process not
 * deployed or retired in the organisation: the request waits (a process owner may deploy it).
 */
export async function startDunning(knex: Knex, client: Client, taskQueue: string, tenantId: string, invoiceId: string): Promise<DunningStart> {
  const prepared = await withTenant({ tenantId }, async (trx) => {
    const request = await claimStartRequestFor(trx, INVOICE_DUNNING, invoiceId);
    if (!request) return 'not-requested' as const;
    const plan = await getPlan(trx, INVOICE_DUNNING);
    if (!plan || await retirementOf(trx, INVOICE_DUNNING)) return 'not-installed' as const;
    const workflowId = workflowIdOf(tenantId, INVOICE_DUNNING, invoiceId);
    const instanceId = await ensureInstanceRow(trx, { tenantId, workflowId, processKey: INVOICE_DUNNING, version: plan.version, businessKey: invoiceId, startedBy: null });
    return { request, workflowId, args: { tenantId, instanceId, businessKey: invoiceId, plan, variables: request.variables, startedBy: null } satisfies ProcessInput };
  }, knex);
  if (typeof prepared === 'string') return prepared;
  const started = await startProcessOnce(client, prepared.workflowId, taskQueue, prepared.args);
  await withTenant({ tenantId }, (trx) => markStartServed(trx, prepared.request.id), knex);
  return started ? 'started' : 'already-started';
}
