import { billingIntegrationsUpdate, billingIntegrationsView, paymentLinkView } from '../../domain/billing/integrations/integrations.schema';
import { answer, errors, ifMatch, jsonBody as body, preconditions, problem, uuidPath, type Json } from '../openapi-parts';

/** Billing's integrations in the OpenAPI document (api/billing/billing-integrations.router.ts, stripe-webhook.router.ts). */
export function billingIntegrationsOpenApiPaths(): Json {
  const tags = ['Billing'];
  return {
    '/api/v1/billing/integrations': {
      get: { tags, summary: 'The payment provider (sandbox or Stripe) and accounting software (none, sandbox or Pennylane); secrets are never returned, only whether they are set', responses: { 200: answer('The settings (ETag is their version, 0 before they were ever saved)', billingIntegrationsView), ...errors } },
      put: {
        tags, summary: 'Change the providers and their credentials (sealed at rest; a secret left out or null is kept)',
        parameters: [ifMatch(false)], requestBody: body(billingIntegrationsUpdate),
        responses: { 200: answer('Saved', billingIntegrationsView), ...errors, 412: preconditions[412] },
      },
    },
    '/api/v1/billing/invoices/{id}/payment-link': {
      post: {
        tags: ['Invoice'], summary: 'A hosted payment page for what the issued invoice still owes (a Stripe Checkout Session, or the sandbox\'s page), kept as its paymentUrl; asking again for the same amount answers the same session',
        parameters: [uuidPath()],
        responses: { 200: answer('The link', paymentLinkView), ...errors, 422: problem('Not issued, nothing left to pay, or the provider refused (`detail` says which)') },
      },
    },
    '/api/v1/webhooks/stripe': {
      post: {
        tags, security: [], summary: 'Stripe notifications (`?tenant=<slug>`; Stripe-Signature checked over the raw body, 5 minutes of tolerance; checkout.session.completed and async_payment_succeeded record the payment; the same event id twice is handled once)',
        parameters: [{ name: 'tenant', in: 'query', required: true, schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
        responses: {
          200: { description: 'Received (`outcome` says what it did)', content: { 'application/json': { schema: { type: 'object', properties: { received: { type: 'boolean' }, outcome: { type: 'string' } }, required: ['received', 'outcome'] } } } },
          400: problem('Unsigned, forged or stale (replayed) notification, or an address naming no organisation: nothing changed'),
        },
      },
    },
  };
}
