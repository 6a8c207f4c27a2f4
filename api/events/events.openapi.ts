import { paymentCreate } from '../../domain/events/contract.schema';
import { eventClose } from '../../domain/events/event.schema';
import { userCreate, userUpdate } from '../../domain/identity/user.schema';
import { errors as common, jsonBody as body, problem, uuidPath, type Json } from '../openapi-parts';

/** The events vertical's actions and the collaborators API in the OpenAPI document (records come from their resources). */
const errors = { ...common, 403: problem('Your department does not grant this') };
const id = uuidPath();
const rule = problem('A business rule refuses it; `errors` names the field (e.g. the event is not over yet)');

export function eventsOpenApiPaths(): Json {
  const tags = ['Events'];
  return {
    '/api/v1/events/contracts/{id}/sign': { post: { tags, summary: 'Mark the contract signed (tells the client\'s process)', parameters: [id], responses: { 200: { description: 'The contract' }, ...errors } } },
    '/api/v1/events/contracts/{id}/payments': {
      get: { tags, summary: 'Payments recorded against the contract, oldest first', parameters: [id], responses: { 200: { description: '`items`' }, ...errors } },
      post: { tags, summary: 'Record a payment (management); lowers the amount due', parameters: [id], requestBody: body(paymentCreate), responses: { 201: { description: '`{ payment, contract }`' }, ...errors, 422: rule } },
    },
    '/api/v1/events/events/{id}/close': { post: { tags, summary: 'Close an event once it is over, with support\'s notes', parameters: [id], requestBody: body(eventClose), responses: { 200: { description: 'The event, closed' }, ...errors, 422: rule } } },
    '/api/v1/events/events/import': {
      post: {
        tags, summary: 'Import the legacy events spreadsheet (.xlsx, one key/value sheet per event); answers a report per sheet',
        requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } } } },
        responses: { 200: { description: 'Per sheet: created, skipped or rejected, with each row\'s outcome' }, ...errors },
      },
    },
    '/api/v1/events/collaborators': {
      get: { tags, summary: 'Active staff for pickers (sales contact, support contact)', parameters: [{ name: 'role', in: 'query', schema: { type: 'string', enum: ['sales', 'support', 'management'] } }], responses: { 200: { description: '`items`' }, ...errors } },
    },
    '/api/v1/users': {
      get: { tags: ['Collaborators'], summary: 'The organisation\'s collaborators with their roles', parameters: ['role', 'active', 'q'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })), responses: { 200: { description: '`items`' }, ...errors } },
      post: { tags: ['Collaborators'], summary: 'Create a collaborator', requestBody: body(userCreate), responses: { 201: { description: 'Created' }, ...errors, 409: problem('The email is already used in this organisation') } },
    },
    '/api/v1/users/{id}': {
      get: { tags: ['Collaborators'], summary: 'A collaborator', parameters: [id], responses: { 200: { description: 'ETag is its version' }, ...errors } },
      patch: { tags: ['Collaborators'], summary: 'Change name, email, roles, password or deactivate (ends their sessions)', parameters: [id], requestBody: body(userUpdate), responses: { 200: { description: 'Updated' }, ...errors, 412: problem('Changed by someone else first') } },
      delete: { tags: ['Collaborators'], summary: 'Remove a collaborator (deactivated, roles withdrawn; their name stays on past work)', parameters: [id], responses: { 204: { description: 'Removed' }, ...errors, 422: rule } },
    },
  };
}
