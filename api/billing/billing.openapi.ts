import { z } from 'zod';
import {
  accountBalance, applyCredit, billingProfile, billingProfileInput, invoice, invoiceSend, payment, paymentCreate, paymentRecorded,
} from '../../domain/billing/billing.schema';
import { answer, errors, idempotencyKey, ifMatch, itemsOf, jsonBody as body, preconditions, problem, uuidPath, type Json } from '../openapi-parts';

/**
 * Billing's actions in the OpenAPI document; the records' own endpoints (list, read, create, change
 * and delete drafts, history) come from their record kinds.
 */
const id = uuidPath();
const rule = problem('A business rule refuses it: `detail` says why in the reader\'s language and `errors` names each field concerned (e.g. `profile.siren` missing from the legal profile, `amountCents` above what is due)');
const state = problem('The document is no longer in a state that allows this (e.g. already issued: correct it with a credit note)');
const optionalBody = (schema: z.ZodType) => ({ ...body(schema), required: false });

export function billingOpenApiPaths(): Json {
  const tags = ['Billing'];
  const invoiceTags = ['Invoice'];
  return {
    '/api/v1/billing/profile': {
      get: { tags, summary: 'The organisation\'s legal profile as a seller, its numbering formats, and what is still missing before a document can be issued', responses: { 200: answer('The profile (ETag is its version, 0 before it was ever saved)', billingProfile), ...errors } },
      put: {
        tags, summary: 'Save the whole legal profile (fields left out take their default); If-Match is required once it exists',
        parameters: [ifMatch(false)], requestBody: body(billingProfileInput),
        responses: { 200: answer('Saved', billingProfile), ...errors, ...preconditions },
      },
    },
    '/api/v1/billing/invoices/{id}/issue': {
      post: {
        tags: invoiceTags, summary: 'Issue a draft invoice: its number is drawn (gapless, unique per organisation and sequence), the seller, the client and the terms are frozen, the due date set; it can no longer change',
        parameters: [id, idempotencyKey],
        responses: { 200: answer('The invoice, with its `number` and `status: "issued"`', invoice), ...errors, 409: state, 422: rule },
      },
    },
    '/api/v1/billing/invoices/{id}/send': {
      post: {
        tags: invoiceTags, summary: 'Note the invoice sent to the client (an issued invoice becomes "sent"; sending again is allowed)',
        parameters: [id], requestBody: optionalBody(invoiceSend),
        responses: { 200: answer('The invoice', invoice), ...errors, 422: rule },
      },
    },
    '/api/v1/billing/invoices/{id}/payments': {
      get: { tags: invoiceTags, summary: 'The payments recorded against the invoice, oldest first', parameters: [id], responses: { 200: answer('`items`', itemsOf(payment)), ...errors } },
      post: {
        tags: invoiceTags, summary: 'Record a payment (partial or whole; never above the amount due). The same `externalId` twice is one payment',
        parameters: [id, idempotencyKey], requestBody: body(paymentCreate),
        responses: {
          201: answer('The payment and the invoice (its amount due and status follow)', paymentRecorded),
          200: answer('This `externalId` was already recorded: the first payment, nothing changed (`duplicate: true`)', paymentRecorded),
          ...errors, 422: rule,
        },
      },
    },
    '/api/v1/billing/invoices/{id}/apply-credit': {
      post: {
        tags: invoiceTags, summary: 'Use the client\'s available credit (credit notes above what was due) against this invoice; all that can be used when no amount is given',
        parameters: [id, idempotencyKey], requestBody: optionalBody(applyCredit),
        responses: { 201: answer('The payment by account credit and the invoice', z.object({ payment, invoice })), ...errors, 422: rule },
      },
    },
    '/api/v1/billing/accounts/{accountId}/balance': {
      get: {
        tags, summary: 'A client account\'s standing: invoiced, due and overdue amounts of the invoices you may read, and its available credit',
        parameters: [uuidPath('accountId')],
        responses: { 200: answer('The balance', accountBalance), ...errors },
      },
    },
  };
}
