import { z } from 'zod';
import { invoice } from '../../domain/billing/billing.schema';
import { contract, contractHours, packPurchase } from '../../domain/psa/contract.schema';
import { answer, errors, idempotencyKey, jsonBody as body, problem, uuidPath, type Json } from '../openapi-parts';

/** The contracts' own endpoints in the OpenAPI document (the record endpoints come from the resource). */
export function contractsOpenApiPaths(): Json {
  const tags = ['MSP contracts'];
  const id = uuidPath();
  return {
    '/api/v1/psa/contracts/{id}/hours': {
      get: {
        tags, summary: 'The hour ledger of a contract, newest first: purchases, consumptions of approved time, reversals, adjustments, each with the balance after it, its time entry and ticket, its invoice, who and when',
        parameters: [id], responses: { 200: answer('The balance (the ledger\'s sum), what was purchased, and the movements', contractHours), ...errors },
      },
    },
    '/api/v1/psa/contracts/{id}/packs': {
      post: {
        tags, summary: 'Buy a pack of hours on an hour bank: the pack\'s invoice (a draft unless `issue`) and a purchase movement crediting the hours at once',
        parameters: [id, idempotencyKey], requestBody: body(packPurchase),
        responses: {
          201: answer('The contract (its new balance), the invoice and the movement', z.object({ contract, invoice, movement: z.object({ id: z.string().uuid(), kind: z.literal('purchase'), minutes: z.number().int(), invoiceId: z.string().uuid(), createdAt: z.string() }) })),
          ...errors, 422: problem('Not an hour bank, an ended contract, no pack price, or the invoice could not be issued (the legal profile or the client lacks a mention)'),
        },
      },
    },
  };
}
