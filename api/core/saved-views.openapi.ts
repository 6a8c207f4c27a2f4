import { savedView, savedViewCreate, savedViewUpdate } from '../../domain/core/saved-view.schema';
import { errors, ifMatch, jsonBody, problem, schemaOf, uuidPath, type Json } from '../openapi-parts';

/** The saved views' part of the OpenAPI document, from the zod schemas the router validates with. */
export function savedViewsOpenApiPaths(): Json {
  const tags = ['Saved view'];
  const one = { content: { 'application/json': { schema: schemaOf(savedView, 'output') } } };
  const notOwner = problem('A colleague\'s shared view: only its owner renames, shares or deletes it');
  return {
    '/api/v1/saved-views': {
      get: {
        tags, summary: 'My views of a list, then those colleagues shared with the organisation',
        parameters: [{ name: 'list', in: 'query', required: true, schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9.-]{0,63}$' }, description: 'The list (the UI\'s route name, e.g. accounts)' }],
        responses: { 200: { description: '`items`', content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: schemaOf(savedView, 'output') } } } } } }, ...errors },
      },
      post: {
        tags, summary: 'Save a view of a list (its URL query) under a name; Idempotency-Key supported',
        requestBody: jsonBody(savedViewCreate),
        responses: { 201: { description: 'Saved', ...one }, ...errors, 409: problem('You already have a view of that name on this list'), 422: problem('Too many views on this list') },
      },
    },
    '/api/v1/saved-views/{id}': {
      patch: {
        tags, summary: 'Rename a view of mine, or share it with the organisation (or no longer)', parameters: [uuidPath(), ifMatch(true)],
        requestBody: jsonBody(savedViewUpdate),
        responses: { 200: { description: 'Updated', ...one }, ...errors, 403: notOwner, 409: problem('You already have a view of that name on this list'), 412: problem('Changed meanwhile'), 428: problem('If-Match is missing') },
      },
      delete: {
        tags, summary: 'Delete a view of mine', parameters: [uuidPath(), ifMatch(false)],
        responses: { 204: { description: 'Deleted' }, ...errors, 403: notOwner, 412: problem('Changed meanwhile') },
      },
    },
  };
}
