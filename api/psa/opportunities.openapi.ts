import { z } from 'zod';
import { quote } from '../../domain/billing/billing.schema';
import { opportunity, opportunityMove, pipelineBoard, pipelineBoardQuery, reminderTask } from '../../domain/psa/opportunity.schema';
import { answer, errors, ifMatch, idempotencyKey, itemsOf, jsonBody, preconditions, problem, queryParams, uuidPath, type Json } from '../openapi-parts';

/** The pipeline's actions in the OpenAPI document (its records' endpoints come from their resources). */
export function opportunitiesOpenApiPaths(): Json {
  const tags = ['MSP pipeline'];
  const id = uuidPath();
  return {
    '/api/v1/psa/pipeline': {
      get: { tags, summary: 'The board: stages in order, each with its opportunities by rank (first 200; `nextCursor` for the next ones through GET /psa/opportunities?stageId=…&sort=rank), count, amount and weighted amount', parameters: queryParams(pipelineBoardQuery), responses: { 200: answer('`stages`', pipelineBoard), ...errors } },
    },
    '/api/v1/psa/opportunities/{id}/move': {
      post: {
        tags, summary: 'Move a card on the board: its stage and the cards it lands between; a won or lost stage closes it (lost needs lostReason); won with an accepted quote opens the contract',
        parameters: [id, ifMatch()], requestBody: jsonBody(opportunityMove), responses: { 200: answer('The opportunity', opportunity), ...errors, ...preconditions },
      },
    },
    '/api/v1/psa/opportunities/{id}/quote': {
      post: {
        tags, summary: '« Créer un devis »: a draft billing quote of the opportunity\'s amount for its client, linked to it',
        parameters: [id, idempotencyKey], responses: { 201: answer('The opportunity and its quote', z.object({ opportunity, quote })), ...errors, 409: problem('A quote is already in progress'), 422: problem('The opportunity is closed') },
      },
    },
    '/api/v1/psa/reminders': {
      get: { tags, summary: 'The caller\'s reminders due (journal entries whose reminder time has come, not done), oldest first', responses: { 200: answer('`items`', itemsOf(reminderTask)), ...errors } },
    },
  };
}
