import { z } from 'zod';
import { deployment, deploymentAbandon, deploymentAction } from '../../domain/telecom/deployment.schema';
import { answer, errors, jsonBody as body, problem, uuidPath, type Json } from '../openapi-parts';

/** The deployments' own endpoints in the OpenAPI document (the record endpoints, create included, come from the resource). */
export function deploymentsOpenApi(): Json {
  const tags = ['Telecom deployments'];
  const id = uuidPath();
  const panel = deployment.extend({
    actions: z.array(deploymentAction),
    process: z.object({
      instanceId: z.string().uuid(), status: z.string(),
      openTasks: z.array(z.object({ id: z.string().uuid(), elementId: z.string(), name: z.string().nullable() })),
      incidents: z.array(z.object({ id: z.string().uuid(), elementId: z.string(), message: z.string().nullable() })),
    }).nullable(),
  });
  return {
    '/api/v1/telecom/deployments/{id}/panel': {
      get: { tags, summary: 'The deployment with its actions (side, kind, line, state, vendor references, error) and where its process stands (open tasks, incidents)', parameters: [id], responses: { 200: answer('The deployment', panel), ...errors } },
    },
    '/api/v1/telecom/deployments/{id}/start': {
      post: {
        tags, summary: 'Start the deployment\'s process telecom.study-deploy-bill-check (a deployment created with start: false, by a bulk action or a control fix)',
        parameters: [id], responses: { 201: answer('The instance', z.object({ id: z.string().uuid(), workflowId: z.string(), processKey: z.string(), businessKey: z.string(), status: z.string() })), ...errors, 409: problem('Its process already runs, or it is finished') },
      },
    },
    '/api/v1/telecom/deployments/{id}/abandon': {
      post: {
        tags, summary: 'Abandon the deployment: its process undoes what was done in reverse (cancels what was billed, terminates the lines it created), then marks it abandoned; never started: abandoned at once',
        parameters: [id], requestBody: body(deploymentAbandon),
        responses: { 200: answer('Abandoned at once', z.object({ id: z.string().uuid(), status: z.string(), compensating: z.boolean() })), 202: answer('The process compensates', z.object({ id: z.string().uuid(), status: z.string(), compensating: z.boolean() })), ...errors, 409: problem('Already done or abandoned') },
      },
    },
  };
}
