import { z } from 'zod';
import { collaboratorQuery, collaboratorView } from '../../domain/events/collaborators';
import { contract, payment, paymentCreate } from '../../domain/events/contract.schema';
import { event, eventClose, eventImportReport } from '../../domain/events/event.schema';
import { user, userCreate, userListQuery, userUpdate } from '../../domain/identity/user.schema';
import { answer, errors as common, ifMatch, itemsOf, jsonBody as body, preconditions, problem, queryParams, uuidPath, type Json } from '../openapi-parts';

/** The events vertical's actions and the collaborators API in the OpenAPI document (records come from their resources). */
const errors = { ...common, 403: problem('Your department does not grant this') };
const id = uuidPath();
const rule = problem('A business rule refuses it; `errors` names the field (e.g. the event is not over yet)');

export function eventsOpenApiPaths(): Json {
  const tags = ['Events'];
  return {
    '/api/v1/events/contracts/{id}/sign': { post: { tags, summary: 'Mark the contract signed (tells the client\'s process)', parameters: [id], responses: { 200: answer('The contract', contract), ...errors } } },
    '/api/v1/events/contracts/{id}/payments': {
      get: { tags, summary: 'Payments recorded against the contract, oldest first', parameters: [id], responses: { 200: answer('`items`', itemsOf(payment)), ...errors } },
      post: { tags, summary: 'Record a payment (management); lowers the amount due', parameters: [id], requestBody: body(paymentCreate), responses: { 201: answer('The payment and the contract', z.object({ payment, contract })), ...errors, 422: rule } },
    },
    '/api/v1/events/events/{id}/close': { post: { tags, summary: 'Close an event once it is over, with support\'s notes', parameters: [id], requestBody: body(eventClose), responses: { 200: answer('The event, closed', event), ...errors, 422: rule } } },
    '/api/v1/events/events/import': {
      post: {
        tags, summary: 'Import the legacy events spreadsheet (.xlsx, one key/value sheet per event); answers a report per sheet',
        requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } } } },
        responses: { 200: answer('Per sheet: created, skipped or rejected, with each row\'s outcome', eventImportReport), ...errors },
      },
    },
    '/api/v1/events/collaborators': {
      get: { tags, summary: 'Active staff for pickers (sales contact, support contact)', parameters: queryParams(collaboratorQuery), responses: { 200: answer('`items`', itemsOf(collaboratorView)), ...errors } },
    },
    '/api/v1/users': {
      get: { tags: ['Collaborators'], summary: 'The organisation\'s collaborators with their roles', parameters: queryParams(userListQuery), responses: { 200: answer('`items`', itemsOf(user)), ...errors } },
      post: { tags: ['Collaborators'], summary: 'Create a collaborator', requestBody: body(userCreate), responses: { 201: answer('Created', user), ...errors, 409: problem('The email is already used in this organisation') } },
    },
    '/api/v1/users/{id}': {
      get: { tags: ['Collaborators'], summary: 'A collaborator', parameters: [id], responses: { 200: answer('ETag is its version', user), ...errors } },
      patch: { tags: ['Collaborators'], summary: 'Change name, email, roles, password or deactivate (ends their sessions)', parameters: [id, ifMatch()], requestBody: body(userUpdate), responses: { 200: answer('Updated', user), ...errors, ...preconditions } },
      delete: { tags: ['Collaborators'], summary: 'Remove a collaborator (deactivated, roles withdrawn; their name stays on past work)', parameters: [id], responses: { 204: { description: 'Removed' }, ...errors, 422: rule } },
    },
  };
}
