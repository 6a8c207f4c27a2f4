import { z } from 'zod';
import { invoiceDunningState } from '../../domain/billing/dunning';
import { subscriptionPeriod } from '../../domain/billing/subscription.schema';
import { answer, errors, itemsOf, uuidPath, type Json } from '../openapi-parts';

/** The dunning of an invoice and the periods of a subscription in the OpenAPI document (api/billing/dunning.router.ts). */
export function dunningOpenApiPaths(): Json {
  const id = uuidPath();
  return {
    '/api/v1/billing/invoices/{id}/dunning': {
      get: {
        tags: ['Invoice'], summary: 'Where the invoice\'s dunning (billing.invoice-dunning) stands: its planned days, open tasks and the mails and SMS it sent; null when none was asked for',
        parameters: [id], responses: { 200: answer('`dunning`', z.object({ dunning: invoiceDunningState.nullable() })), ...errors },
      },
    },
    '/api/v1/billing/subscriptions/{id}/periods': {
      get: {
        tags: ['Subscription'], summary: 'The periods the subscription invoiced, newest first, each with its invoice',
        parameters: [id], responses: { 200: answer('`items`', itemsOf(subscriptionPeriod)), ...errors },
      },
    },
  };
}
