import type { Knex } from 'knex';
import { expireOverdueQuotes, quoteExpiryTenants } from '../../domain/billing/quote-expiry';
import type { QuoteExpiryActivities } from '../../workflows/billing/quote-expiry.contract';

/** The activities of the daily expiry of quotes (workflows/billing/quote-expiry.workflow.ts): thin, over domain/billing/quote-expiry.ts. */
export function createQuoteExpiryActivities(deps: { knex: Knex }): QuoteExpiryActivities {
  return {
    async 'billing.quotes.expiryTenants'() {
      return quoteExpiryTenants(deps.knex);
    },
    async 'billing.quotes.expire'({ tenantId, today, runId }) {
      const run = await expireOverdueQuotes(deps.knex, tenantId, { today, runId });
      return { tenantId, expired: run.expired.length, skipped: run.skipped.length };
    },
  };
}
