import { z } from 'zod';
import { errors, problem, schemaOf, uuidPath, type Json } from '../openapi-parts';

const uuid = z.string().uuid();
const started = z.object({ id: uuid, workflowId: z.string(), processKey: z.literal('core.account-onboarding'), version: z.number().int(), businessKey: uuid, status: z.literal('running') });
const standing = z.object({
  onboarding: z.object({
    id: uuid, status: z.enum(['running', 'incident', 'completed', 'cancelled', 'failed']), startedAt: z.string(), endedAt: z.string().nullable(),
    openTasks: z.array(z.object({ id: uuid, name: z.string().nullable(), elementId: z.string(), dueAt: z.string().nullable() })),
  }).nullable(),
});

const answer = (description: string, schema: z.ZodType) => ({ description, content: { 'application/json': { schema: schemaOf(schema, 'output') } } });

/** The account onboarding's part of the OpenAPI document (api/core/account-onboarding.router.ts). */
export function accountOnboardingOpenApiPaths(): Json {
  const tags = ['Account'];
  return {
    '/api/v1/accounts/{id}/onboarding': {
      get: {
        tags, summary: 'Where the account\'s latest onboarding (core.account-onboarding) stands: its status and open tasks; null when it never had one', parameters: [uuidPath()],
        responses: { 200: answer('The latest onboarding, or null', standing), ...errors },
      },
      post: {
        tags, summary: 'Start the onboarding of an account you may edit (process.instance.create): legal identity, owner, contacts and sites, welcome mail, satisfaction check after 30 days; Idempotency-Key supported',
        parameters: [uuidPath()], requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', additionalProperties: false } } } },
        responses: { 201: answer('Started', started), ...errors, 409: problem('An onboarding of this account is already under way'), 422: problem('The onboarding is not deployed in this organisation'), 503: problem('The process engine does not answer: nothing was started') },
      },
    },
  };
}
