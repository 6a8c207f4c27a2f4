import { z } from 'zod';

/** Building blocks of the OpenAPI document, shared by the parts each context contributes. */
export type Json = Record<string, unknown>;

/** JSON Schema (2020-12) of a zod schema, as a request (`input`) or an answer (`output`). */
export function schemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): Json {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  delete json.$schema;
  return json;
}

export const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
export const errors = {
  400: problem('Invalid input; `errors` names each faulty field'),
  401: problem('Missing, expired or invalid access token'),
  403: problem('Your role does not grant this'),
  404: problem('Not found, or not visible to you'),
};
export const jsonBody = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: schemaOf(schema) } } });
export const uuidPath = (name = 'id') => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });

/** A JSON answer whose body is the zod schema's output. */
export const answer = (description: string, schema: z.ZodType) => ({ description, content: { 'application/json': { schema: schemaOf(schema, 'output') } } });
/** `{ items: [...] }`, the shape of every unpaged list. */
export const itemsOf = (item: z.ZodType) => z.object({ items: z.array(item) });

/**
 * The query parameters of a zod object, as the API validates them (an empty
 * value counts as absent: api/http/query.ts).
 */
export function queryParams(schema: z.ZodObject): Json[] {
  const json = schemaOf(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property as { description?: string };
    return { name, in: 'query', required: (json.required ?? []).includes(name), schema: rest, ...(description ? { description } : {}) };
  });
}

/** The ETag a client read, as api/http/if-match.ts reads it (`"3"`, `W/"3"` or `3`), or `*` (any current version, RFC 9110). */
export const ifMatch = (required = true) => ({
  name: 'If-Match', in: 'header', required, schema: { type: 'string', pattern: '^((W/)?"?[0-9]+"?|\\*)$' },
  description: 'The ETag (version) you read: a stale one answers 412. `*` matches whatever version is current (you overwrite changes you did not see); a record that does not exist answers 404',
});
export const preconditions = {
  412: problem('Someone changed it first; `current` holds their version'),
  428: problem('If-Match is missing'),
};
export const idempotencyKey = {
  name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 },
  description: 'Repeating a request with the same key returns the first answer and creates nothing more',
};
