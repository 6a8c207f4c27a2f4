import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import { DomainError } from '../errors';
import { processContext } from '../core/process-context';
import { billingMessage } from './billing.messages';
import { todayInParis } from './issue';
import { expireQuote } from './quote-actions';

/**
 * The daily expiry of quotes (issue 13), started by the Temporal Schedule `relais/billing-quote-expiry`
 * (worker/billing-quote-expiry-schedule.ts): every sent quote of an organisation whose validity day
 * (Paris) is before today goes through `expireQuote`, the one write path the « Expiré » button uses,
 * each in its own transaction, credited to the system with a French reason on its timeline. Accepted,
 * refused, draft quotes and those still valid today are left alone; a second run finds nothing more.
 */
const RUN_PERMISSIONS = ['billing.quote.read', 'billing.quote.update', 'core.account.read'];

export interface QuoteExpiryRun {
  expired: string[];
  /** Quotes another hand decided meanwhile (accepted, refused, already expired): left as they are. */
  skipped: string[];
}

/** The organisations the run goes through (ids only: a security-definer function listing every organisation). */
export async function quoteExpiryTenants(knex: Knex): Promise<string[]> {
  const { rows } = await knex.raw<{ rows: Array<{ id: string }> }>('select id from gdpr_retention_tenants() as id');
  return rows.map((r) => r.id);
}

/** Expires one organisation's sent quotes past their validity on `today` (Paris). Idempotent. */
export async function expireOverdueQuotes(knex: Knex, tenantId: string, options: { today?: string; runId?: string } = {}): Promise<QuoteExpiryRun> {
  const today = options.today ?? todayInParis();
  const runId = options.runId ?? `billing/quote-expiry/${today}`;
  const due: Array<{ id: string }> = await withTenant({ tenantId }, (trx) => trx('billingQuotes').where({ status: 'sent' })
    .whereNotNull('validUntil').where('validUntil', '<', today).orderBy('number').select('id'), knex);
  const run: QuoteExpiryRun = { expired: [], skipped: [] };
  for (const { id } of due) {
    try {
      await withTenant({ tenantId }, async (trx) => {
        const ctx = processContext(trx, tenantId, runId, RUN_PERMISSIONS);
        const quote = await trx('billingQuotes').where({ id }).first('validUntil');
        const reason = billingMessage('billing.quote-expired-by-schedule', { validUntil: String(quote?.validUntil) }).render('fr');
        await expireQuote(ctx, id, { today, reason });
      }, knex);
      run.expired.push(id);
    } catch (error) {
      // Decided by someone between the list and the lock: nothing to do, the quote keeps its answer.
      if (!(error instanceof DomainError)) throw error;
      run.skipped.push(id);
    }
  }
  return run;
}
