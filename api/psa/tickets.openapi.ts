import { z } from 'zod';
import { ticket, ticketComment, ticketCommentCreate, ticketStatusChange } from '../../domain/psa/ticket.schema';
import { answer, errors, idempotencyKey, ifMatch, itemsOf, jsonBody as body, problem, uuidPath, type Json } from '../openapi-parts';

/** The tickets' own endpoints in the OpenAPI document (the record endpoints come from the resource). */
export function ticketsOpenApiPaths(): Json {
  const tags = ['MSP tickets'];
  const id = uuidPath();
  const choice = z.object({ id: z.string().uuid(), name: z.string() });
  return {
    '/api/v1/psa/tickets/{id}/status': {
      post: {
        tags, summary: 'Move a ticket to another status (open, in-progress, waiting, resolved, closed) along the allowed transitions; a client user only confirms a resolution (closed) or reopens (open). The ticket\'s process hears it',
        parameters: [id, idempotencyKey, ifMatch(false)], requestBody: body(ticketStatusChange),
        responses: { 200: answer('The ticket', ticket), ...errors, 409: problem('A move the ticket\'s status does not allow (a closed ticket is final), or the status it already has') },
      },
    },
    '/api/v1/psa/tickets/{id}/comments': {
      get: {
        tags, summary: 'The ticket\'s replies and internal notes, oldest first (a client user receives the replies only)',
        parameters: [id], responses: { 200: answer('The comments', itemsOf(ticketComment)), ...errors },
      },
      post: {
        tags, summary: 'Reply to the client (public) or write an internal note (the team only); the team\'s first public reply is the first response; a client\'s reply reopens a resolved ticket or resumes a waiting one',
        parameters: [id, idempotencyKey], requestBody: body(ticketCommentCreate),
        responses: { 201: answer('The comment and the ticket after it', z.object({ comment: ticketComment, ticket })), ...errors, 409: problem('The ticket is closed') },
      },
    },
    '/api/v1/psa/tickets/{id}/timeline': {
      get: {
        tags, summary: 'The ticket\'s thread, newest first: comments, changes from its history, time entries (for the team), attachments kept from mail (download at their url)',
        parameters: [id], responses: { 200: answer('The thread', itemsOf(z.looseObject({ kind: z.enum(['comment', 'change', 'time', 'attachment']), at: z.string() }))), ...errors },
      },
    },
    '/api/v1/psa/tickets/queues': {
      get: { tags, summary: 'The queues a ticket may wait in (who may update tickets)', responses: { 200: answer('The queues', itemsOf(choice)), ...errors } },
    },
    '/api/v1/psa/tickets/assignees': {
      get: {
        tags, summary: 'Who a ticket may be assigned to: the organisation\'s active team members',
        responses: { 200: answer('The people', itemsOf(z.object({ id: z.string().uuid(), displayName: z.string() }))), ...errors },
      },
    },
  };
}
