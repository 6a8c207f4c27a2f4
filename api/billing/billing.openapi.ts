import { z } from 'zod';
import {
  accountBalance, applyCredit, billingProfile, billingProfileInput, creditNote, invoice, invoiceCreditNote, invoiceSend, payment, paymentCreate, paymentRecorded,
  quote, quoteAccept,
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
    '/api/v1/billing/invoices/{id}/credit-note': {
      post: {
        tags: invoiceTags, summary: 'Correct or cancel an issued invoice with a credit note: all that remains creditable when no lines are given, else these lines; issued at once (own gapless sequence) unless `draft`. What was already paid beyond the amount due becomes the client\'s account credit',
        parameters: [id, idempotencyKey], requestBody: optionalBody(invoiceCreditNote),
        responses: { 201: answer('The credit note and the invoice after it (cancelled when fully credited)', z.object({ creditNote, invoice })), ...errors, 409: state, 422: rule },
      },
    },
    '/api/v1/billing/credit-notes/{id}/issue': {
      post: {
        tags: ['CreditNote'], summary: 'Issue a draft credit note: numbered in the credit notes\' sequence; its invoice\'s amount due and status follow',
        parameters: [id, idempotencyKey],
        responses: { 200: answer('The credit note, issued', creditNote), ...errors, 409: state, 422: rule },
      },
    },
    '/api/v1/billing/quotes/{id}/send': {
      post: {
        tags: ['Quote'], summary: 'Send a draft quote: numbered in the quotes\' sequence, valid 30 days unless `validUntil` was set',
        parameters: [id, idempotencyKey], requestBody: optionalBody(invoiceSend),
        responses: { 200: answer('The quote, sent', quote), ...errors, 409: state, 422: rule },
      },
    },
    '/api/v1/billing/quotes/{id}/accept': {
      post: {
        tags: ['Quote'], summary: 'The client accepted the quote: in the same action, the invoice of the whole quote (default) or a deposit invoice, issued at once when `issue`',
        parameters: [id, idempotencyKey], requestBody: optionalBody(quoteAccept),
        responses: { 200: answer('The quote and the invoice made (null for `invoice: "none"`)', z.object({ quote, invoice: invoice.nullable() })), ...errors, 422: rule },
      },
    },
    '/api/v1/billing/quotes/{id}/refuse': {
      post: { tags: ['Quote'], summary: 'The client refused the quote', parameters: [id], responses: { 200: answer('The quote', quote), ...errors, 422: rule } },
    },
    '/api/v1/billing/quotes/{id}/expire': {
      post: { tags: ['Quote'], summary: 'A sent quote past its validity without an answer expires', parameters: [id], responses: { 200: answer('The quote', quote), ...errors, 422: rule } },
    },
    '/api/v1/billing/quotes/{id}/final-invoice': {
      post: {
        tags: ['Quote'], summary: 'The final invoice of an accepted quote (a draft with all its lines; at issue it deducts the quote\'s deposit invoices)',
        parameters: [id, idempotencyKey],
        responses: { 201: answer('The draft final invoice', invoice), ...errors, 422: rule },
      },
    },
    '/api/v1/billing/accounts/{accountId}/balance': {
      get: {
        tags, summary: 'A client account\'s standing: invoiced, due and overdue amounts of the invoices you may read, and its available credit',
        parameters: [uuidPath('accountId')],
        responses: { 200: answer('The balance', accountBalance), ...errors },
      },
    },
    '/api/v1/billing/fec': {
      get: {
        tags, summary: 'The FEC (fichier des écritures comptables, art. A47 A-1 du LPF) of the sales for a period: issued invoices and credit notes in the sales journal, payments in the bank and cash journals, lettered; named `<SIREN>FEC<yyyyMMdd>.txt`',
        parameters: ['from', 'to'].map((name) => ({ name, in: 'query', required: true, description: `The period's ${name === 'from' ? 'first' : 'last'} day (included)`, schema: { type: 'string', format: 'date' } })),
        responses: {
          200: { description: 'The file: a header and 18 tab-separated columns, ISO 8859-15', content: { 'text/plain': { schema: { type: 'string' } } } },
          ...errors, 422: problem('The period is not valid (a date missing or not YYYY-MM-DD, the end before the start, more than 24 months), or the legal profile has no SIREN'),
        },
      },
    },
  };
}
