import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { env } from '../../config/env';
import { logger } from '../../config/logger';
import { withTenant } from '../../db/tenant-scope';
import { notifyDunning } from '../../domain/billing/dunning-signal';
import { documentViewOf } from '../../domain/billing/document-view-of';
import {
  accountingDocumentOf, applyPaymentState, documentsToPush, loadCursor, recordPush, saveCursor, SYNC_PERMISSIONS, type DocumentType,
} from '../../domain/billing/integrations/accounting-sync';
import { loadBillingIntegrations, type AccountingSettings } from '../../domain/billing/integrations/settings';
import { renderDocumentPdf } from '../../domain/billing/render/document-pdf';
import { processContext } from '../../domain/core/process-context';
import { defaultSecretBox, type SecretBox } from '../../domain/core/secret-box';
import type { BillingDocumentView } from '../../domain/billing/document-view';
import { createAccountingPort } from '../../integrations/accounting/accounting.factory';
import type { AccountingPort } from '../../integrations/accounting/accounting.port';

export interface AccountingSyncDeps {
  knex: Knex;
  /** Connected on first use: a payment the accounting software reports stops the invoice's dunning. */
  temporal?: () => Promise<Client>;
  box?: SecretBox;
  /** Where the Pennylane adapter sends its calls (PENNYLANE_API_BASE_URL; a loopback server in tests). */
  pennylaneApiBaseUrl?: string;
  renderPdf?: (view: BillingDocumentView) => Promise<Buffer>;
  /** How the adapter waits between retries (tests may shorten nothing: Retry-After is honoured as said). */
  sleep?: (ms: number) => Promise<void>;
}

export interface PushSummary { provider: string; pushed: number; alreadyThere: number; failed: number; errors: string[] }
export interface PullSummary { provider: string; states: number; paymentsRecorded: number; refused: number; cursor: string | null }

/**
 * The accounting sync of one organisation (issue 13), run by the workflow `billingAccountingSync`
 * (workflows/billing/accounting-sync.workflow.ts) on the Temporal schedule `relais/billing-accounting-sync`:
 *  - push: every issued invoice and credit note not there yet goes to its accounting software, invoices
 *    first; each push is an upsert by our document id, so a push retried after a lost answer, or a
 *    document pushed twice, leaves one copy; the outcome is kept per document;
 *  - pull: the payment states changed since the organisation's cursor become payments in the ledger
 *    (one per state, by its external id) and stop the dunning of the invoices they settle.
 * No transaction is held while the provider is called.
 */
export function createAccountingSyncActivities(deps: AccountingSyncDeps) {
  const box = (): SecretBox => deps.box ?? defaultSecretBox();
  const render = deps.renderPdf ?? renderDocumentPdf;

  function portOf(settings: AccountingSettings, tenantId: string): AccountingPort | null {
    switch (settings.provider) {
      case 'none':
        return null;
      case 'sandbox':
        return createAccountingPort({
          provider: 'sandbox',
          known: (reference) => withTenant({ tenantId }, async (trx) => Boolean(await trx('billingAccountingPushes').where({ provider: 'sandbox', documentId: reference, status: 'pushed' }).first('documentId')), deps.knex),
        });
      case 'pennylane':
        return createAccountingPort({ provider: 'pennylane', apiToken: settings.apiToken, apiBaseUrl: deps.pennylaneApiBaseUrl ?? env().PENNYLANE_API_BASE_URL, sleep: deps.sleep });
      default:
        return null;
    }
  }

  const configOf = (tenantId: string) => withTenant({ tenantId }, async (trx) => portOf((await loadBillingIntegrations(trx, tenantId, box())).accounting, tenantId), deps.knex);

  return {
    /** The organisations with an accounting software (ids only: the sync's one cross-organisation read). */
    async 'billing.accounting.tenants'(): Promise<string[]> {
      const { rows } = await deps.knex.raw('select billing_accounting_tenants() as id');
      return rows.map((r: { id: string }) => r.id);
    },

    async 'billing.accounting.push'(input: { tenantId: string; limit?: number }): Promise<PushSummary> {
      const { tenantId } = input;
      const port = await configOf(tenantId);
      const summary: PushSummary = { provider: port?.provider ?? 'none', pushed: 0, alreadyThere: 0, failed: 0, errors: [] };
      if (!port) return summary;
      const pending = await withTenant({ tenantId }, (trx) => documentsToPush(trx, port.provider, input.limit ?? 50), deps.knex);
      for (const { type, id } of pending) {
        const document = await withTenant({ tenantId }, async (trx) => {
          const ctx = processContext(trx, tenantId, `billing-accounting-sync/${tenantId}`, SYNC_PERMISSIONS);
          const view = await documentViewOf(ctx, type, id);
          const accountId = String((await trx(type === 'invoice' ? 'billingInvoices' : 'billingCreditNotes').where({ id }).first('accountId')).accountId);
          return accountingDocumentOf(type as DocumentType, view, accountId, await render(view));
        }, deps.knex);
        const result = await port.push(document);
        await withTenant({ tenantId }, (trx) => recordPush(trx, tenantId, port.provider, type, id, result), deps.knex);
        if (result.ok) {
          if (result.created) summary.pushed += 1;
          else summary.alreadyThere += 1;
          continue;
        }
        summary.failed += 1;
        summary.errors.push(`${document.number}: ${result.message}`);
        logger.warn({ tenantId, documentId: id, reason: result.reason, status: result.status }, 'accounting push failed');
        // Wrong credentials or the provider away: the next documents would fail the same way; the next run tries again.
        if (result.reason === 'misconfigured' || result.reason === 'unavailable') break;
      }
      return summary;
    },

    async 'billing.accounting.pull'(input: { tenantId: string }): Promise<PullSummary> {
      const { tenantId } = input;
      const port = await configOf(tenantId);
      if (!port) return { provider: 'none', states: 0, paymentsRecorded: 0, refused: 0, cursor: null };
      const cursor = await withTenant({ tenantId }, (trx) => loadCursor(trx, port.provider), deps.knex);
      const pulled = await port.pullPaymentStates(cursor);
      if (!pulled.ok) throw new Error(`The accounting software's payment states could not be read (${pulled.reason}): ${pulled.message}`);
      const settled: string[] = [];
      let paymentsRecorded = 0;
      let refused = 0;
      // One transaction: the payments and the cursor move together (a failure reads the same states again, recorded once).
      await withTenant({ tenantId }, async (trx) => {
        for (const state of pulled.states) {
          const applied = await applyPaymentState(trx, tenantId, port.provider, state, `billing-accounting-sync/${tenantId}`);
          if (!applied) continue;
          if (applied.outcome === 'payment-recorded') paymentsRecorded += 1;
          if (applied.outcome === 'refused-by-ledger') refused += 1;
          if (applied.outcome === 'payment-recorded' || applied.outcome === 'already-recorded') settled.push(applied.invoiceId);
        }
        await saveCursor(trx, tenantId, port.provider, pulled.cursor);
      }, deps.knex);
      if (deps.temporal) for (const invoiceId of settled) await notifyDunning(deps.knex, deps.temporal, tenantId, invoiceId, 'payment');
      return { provider: port.provider, states: pulled.states.length, paymentsRecorded, refused, cursor: pulled.cursor };
    },
  };
}

export type AccountingSyncActivities = ReturnType<typeof createAccountingSyncActivities>;
