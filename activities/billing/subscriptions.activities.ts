import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { logger } from '../../config/logger';
import { startDunning } from '../../domain/billing/dunning-start';
import { invoiceDueSubscriptions, tenantsWithDueSubscriptions } from '../../domain/billing/subscriptions';
import type { SubscriptionInvoicingActivities, TenantInvoicing } from '../../workflows/billing/subscription-invoicing.contract';

/**
 * The activities of the recurring invoicing run (workflows/billing/subscription-invoicing.workflow.ts):
 * thin, over domain/billing/subscriptions.ts. An invoice issued by a subscription starts its dunning
 * at once (the issue asked for it); the engine unreachable, the request waits for the API's next start.
 */
export function createSubscriptionActivities(deps: { knex: Knex; temporal?: () => Promise<Client> }): SubscriptionInvoicingActivities {
  return {
    async 'billing.subscriptions.dueTenants'({ today }) {
      return tenantsWithDueSubscriptions(deps.knex, today);
    },
    async 'billing.subscriptions.invoice'({ tenantId, today, runId }): Promise<TenantInvoicing> {
      const taskQueue = Context.current().info.taskQueue;
      const run = await invoiceDueSubscriptions(deps.knex, tenantId, {
        today, runId,
        afterIssue: async (invoiceId) => {
          if (!deps.temporal) return;
          await startDunning(deps.knex, await deps.temporal(), taskQueue, tenantId, invoiceId).catch((error: Error) => {
            logger.warn({ err: error, tenantId, invoiceId }, 'the dunning of an invoice issued by a subscription could not start: it starts at the next start of the API');
          });
        },
      });
      for (const failure of run.failed) logger.warn({ tenantId, subscriptionId: failure.subscriptionId, periodStart: failure.periodStart }, 'a subscription period could not be invoiced; the next run tries again');
      return {
        tenantId,
        invoiced: run.invoiced.length,
        issued: run.invoiced.filter((p) => p.number).length,
        leftDraft: run.invoiced.filter((p) => p.issueProblem).length,
        failed: run.failed.length,
      };
    },
  };
}
