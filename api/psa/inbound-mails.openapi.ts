import { z } from 'zod';
import { inboundMail, inboundMailAssign } from '../../domain/psa/mail-intake-triage';
import { ticket } from '../../domain/psa/ticket.schema';
import { answer, errors, idempotencyKey, jsonBody as body, problem, uuidPath, type Json } from '../openapi-parts';

/** The mail intake's triage in the OpenAPI document. */
export function inboundMailsOpenApiPaths(): Json {
  const tags = ['MSP mail intake'];
  const id = uuidPath();
  const conflict = { 409: problem('The mail was already filed, discarded or turned into a comment') };
  return {
    '/api/v1/psa/inbound-mails': {
      get: {
        tags, summary: 'Received mail the intake could not file on a client (unknown sender, or failed), newest first, at most 200; `status` lists other statuses (comma-separated)',
        parameters: [{ name: 'status', in: 'query', required: false, schema: { type: 'string' } }],
        responses: { 200: answer('The mail', z.object({ items: z.array(inboundMail) })), ...errors },
      },
    },
    '/api/v1/psa/inbound-mails/address': {
      get: { tags, summary: 'The address the organisation\'s clients write to (support@<slug>.<mail domain>)', responses: { 200: answer('The address', z.object({ address: z.string() })), ...errors } },
    },
    '/api/v1/psa/inbound-mails/{id}/assign': {
      post: {
        tags, summary: 'File a mail on a client: opens its ticket (source email, the sender as requester, threaded by its Message-ID)',
        parameters: [id, idempotencyKey], requestBody: body(inboundMailAssign),
        responses: { 200: answer('The mail and its ticket', z.object({ mail: inboundMail, ticket })), ...errors, ...conflict },
      },
    },
    '/api/v1/psa/inbound-mails/{id}/discard': {
      post: { tags, summary: 'Set a mail aside (spam, wrong address): kept, out of the list to sort', parameters: [id, idempotencyKey], responses: { 200: answer('The mail', inboundMail), ...errors, ...conflict } },
    },
  };
}
