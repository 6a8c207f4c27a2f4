import { z } from 'zod';
import { durationMs } from '../../kernel/process/durations';
import { DEFAULT_MESSAGE_TTL, MAX_MESSAGE_TTL_MS } from './message-buffer';
import { fieldIssue } from '../i18n/zod-issues';

export const startInstanceRequest = z.object({
  processKey: z.string().regex(/^[A-Za-z][A-Za-z0-9._-]{0,99}$/, fieldIssue('field.process-key')),
  /** The business object this run is about (a contract number, a ticket id…): one running instance per key. */
  businessKey: z.string().trim().min(1).max(200).regex(/^[^/]+$/, fieldIssue('field.no-slash')),
  variables: z.record(z.string().max(100), z.unknown()).default({}),
}).strict();

export const cancelInstanceRequest = z.object({ reason: z.string().trim().min(1, fieldIssue('field.required-because')).max(1000) }).strict();

export const resolveIncidentRequest = z.object({
  action: z.enum(['retry', 'skip']),
  variables: z.record(z.string().max(100), z.unknown()).optional(),
}).strict();

/** A BPMN signal broadcast to the tenant: every instance waiting for the name gets it, none later (not buffered). */
export const broadcastSignalRequest = z.object({
  name: z.string().trim().min(1).max(200),
  variables: z.record(z.string().max(100), z.unknown()).default({}),
}).strict();

export const publishMessageRequest = z.object({
  name: z.string().trim().min(1).max(200),
  correlationKey: z.string().trim().min(1).max(200),
  variables: z.record(z.string().max(100), z.unknown()).default({}),
  /** How long a message nobody waits for yet stays buffered (ISO 8601 duration, PT1H by default, at most P7D). */
  timeToLive: z.string().trim().max(50).default(DEFAULT_MESSAGE_TTL).transform((text, ctx) => {
    let ms: number;
    try {
      ms = durationMs(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: fieldIssue('field.iso-duration') });
      return z.NEVER;
    }
    if (ms <= 0 || ms > MAX_MESSAGE_TTL_MS) {
      ctx.addIssue({ code: 'custom', message: fieldIssue('field.duration-range') });
      return z.NEVER;
    }
    return ms;
  }),
}).strict();

export const bufferedMessagesQuery = z.object({ state: z.enum(['waiting', 'expired', 'consumed']).optional() }).strict();

export const instanceListQuery = z.object({
  processKey: z.string().max(100).optional(),
  status: z.enum(['running', 'incident', 'completed', 'cancelled', 'failed']).optional(),
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

export const taskCountQuery = z.object({ processKey: z.string().max(100).optional() });

export const reassignRequest = z.object({ assignee: z.string().uuid(fieldIssue('field.user-id')) }).strict();

/** One execution of an element (answers only: documents GET /process-instances/:id). */
export const elementInstanceView = z.object({
  seq: z.number().int().describe('Order of start within the instance'),
  elementId: z.string(),
  name: z.string().nullable(),
  type: z.string().describe('The element\'s kind: userTask, exclusiveGateway, endEvent…'),
  scopeId: z.string().describe('The process or embedded sub-process it ran in'),
  loopCounter: z.number().int().nullable().describe('1-based index inside a multi-instance'),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  outcome: z.enum(['active', 'completed', 'interrupted', 'terminated', 'cancelled', 'failed']),
  takenFlows: z.array(z.string()).describe('Sequence flows the token left by'),
});

const takenBranchView = z.object({
  flowId: z.string(), name: z.string().nullable().describe('The flow\'s name on the diagram'),
  condition: z.string().nullable().describe('The FEEL condition that held'), isDefault: z.boolean(),
  targetId: z.string(), targetName: z.string().nullable(),
});

/** One step of the business history (domain/process/business-history.ts). */
export const businessStepView = z.object({
  id: z.string(), elementId: z.string(), name: z.string().nullable(), type: z.string(),
  outcome: elementInstanceView.shape.outcome, startedAt: z.string(), endedAt: z.string().nullable(), loopCounter: z.number().int().nullable(),
  completedBy: z.string().nullable(), completedByName: z.string().nullable().describe('Only when the reader may see users (identity.user.read)'),
  assignee: z.string().nullable(), assigneeName: z.string().nullable(),
  branches: z.array(takenBranchView).describe('Decisions: the branches taken and why'),
});

/** What GET /process-instances/:id says the instance did (with its other fields: status, tasks, incidents…). */
export const instanceProgressView = z.object({
  title: z.string().describe('The process\'s name (its BPMN name), else its key'),
  label: z.string().describe('The business label its module gives it (« Mariage Lebrun — contrat n° 12 »), else the business key'),
  steps: z.array(businessStepView).describe('The business history: steps in order of start, who completed them, the branches taken'),
  activeElements: z.array(z.string()),
  elements: z.array(elementInstanceView).describe('Every element instance, in order of start, also after the instance has ended'),
  takenFlows: z.array(z.string()).describe('Every sequence flow taken'),
  completedElements: z.record(z.string(), z.number().int()).describe('Completed executions per element id'),
  variables: z.record(z.string(), z.unknown()).nullable().optional()
    .describe('Live while it runs, the final ones once ended; only with the field group process.instance.variables'),
});

const instanceHistoryItem = z.object({
  id: z.string(),
  at: z.string().nullable(),
  type: z.string().describe('A readable line: "Activity process.openTask scheduled", "Element Vérifier (review) completed"…'),
  elementId: z.string().nullable().describe('The element it concerns, where known (not for timers)'),
  phase: z.string().optional().describe('Element lines only: started, or how it ended'),
});

export const instanceHistoryView = z.object({ items: z.array(instanceHistoryItem).describe('Oldest first') });
