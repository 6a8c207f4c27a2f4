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
