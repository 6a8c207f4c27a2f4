import { z } from 'zod';

export const startInstanceRequest = z.object({
  processKey: z.string().regex(/^[A-Za-z][A-Za-z0-9._-]{0,99}$/, 'must be the id of a deployed process'),
  /** The business object this run is about (a contract number, a ticket id…): one running instance per key. */
  businessKey: z.string().trim().min(1).max(200).regex(/^[^/]+$/, 'may not contain "/"'),
  variables: z.record(z.string().max(100), z.unknown()).default({}),
}).strict();

export const cancelInstanceRequest = z.object({ reason: z.string().trim().min(1, 'is required: say why').max(1000) }).strict();

export const resolveIncidentRequest = z.object({
  action: z.enum(['retry', 'skip']),
  variables: z.record(z.string().max(100), z.unknown()).optional(),
}).strict();

export const publishMessageRequest = z.object({
  name: z.string().trim().min(1).max(200),
  correlationKey: z.string().trim().min(1).max(200),
  variables: z.record(z.string().max(100), z.unknown()).default({}),
}).strict();

export const instanceListQuery = z.object({
  processKey: z.string().max(100).optional(),
  status: z.enum(['running', 'incident', 'completed', 'cancelled']).optional(),
  businessKey: z.string().max(200).optional(),
  version: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const taskListQuery = z.object({
  assignee: z.literal('me').optional(),
  candidate: z.literal('me').optional(),
  status: z.enum(['open', 'completed', 'cancelled']).default('open'),
  processKey: z.string().max(100).optional(),
  sort: z.enum(['dueAt', '-priority', 'createdAt', '-createdAt']).default('dueAt'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const reassignRequest = z.object({ assignee: z.string().uuid('must be a user id') }).strict();
