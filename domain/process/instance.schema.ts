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
  version: z.coerce.number().int().min(1).max(999_999_999).optional(),
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

// ---- Answers (documented in the OpenAPI; the API builds them in domain/process/*-service.ts and api/process/*.router.ts) ----

const isoTime = z.string().describe('ISO 8601 date-time');
const userId = z.string().uuid();

/** A registered form as the modeler and the task form read it (domain/process/forms.ts describeForm). */
export const formView = z.looseObject({
  key: z.string(),
  title: z.object({ fr: z.string(), en: z.string() }),
  schema: z.record(z.string(), z.unknown()).describe('JSON Schema of the data the form accepts'),
});

/** A user task as people read it: its row, the process's title, the instance's business label and the names of its people. */
export const taskView = z.looseObject({
  id: z.string().uuid(), instanceId: z.string().uuid(), processKey: z.string(), businessKey: z.string(), elementId: z.string(),
  name: z.string().nullable(), formKey: z.string().nullable(), inlineForm: z.unknown().nullable(),
  candidateRoles: z.array(z.string()), candidateUsers: z.array(z.string()), assignee: userId.nullable(),
  dueAt: isoTime.nullable(), priority: z.number().int(), status: z.enum(['open', 'completed', 'cancelled']),
  data: z.unknown().nullable(), createdAt: isoTime, claimedAt: isoTime.nullable(), completedAt: isoTime.nullable(),
  completedBy: userId.nullable(), version: z.number().int(),
  title: z.string().describe('The process\'s name'), label: z.string().describe('The instance\'s business label'),
  assigneeName: z.string().nullable().describe('null unless the reader may see users'), completedByName: z.string().nullable(),
});
export const taskDetailView = taskView.extend({ form: formView.nullable().describe('The registered form, when the task has one') });
export const taskCountsView = z.object({ todo: z.number().int(), mine: z.number().int(), all: z.number().int().optional().describe('Process owners only') });
export const taskCompletedView = z.object({ id: z.string().uuid(), status: z.literal('completed'), data: z.record(z.string(), z.unknown()) });

/** One instance in the list (its row without variables, with its title and business label). */
export const instanceListItem = z.looseObject({
  id: z.string().uuid(), workflowId: z.string(), processKey: z.string(), version: z.number().int(), businessKey: z.string(),
  status: z.enum(['running', 'incident', 'completed', 'cancelled', 'failed']), startedBy: userId.nullable(),
  startedAt: isoTime, endedAt: isoTime.nullable(), updatedAt: isoTime, cancelReason: z.string().nullable(),
  title: z.string(), label: z.string(),
});

const instanceTaskView = z.looseObject({
  id: z.string().uuid(), elementId: z.string(), name: z.string().nullable(), status: z.string(), assignee: userId.nullable(),
  dueAt: isoTime.nullable(), createdAt: isoTime, completedAt: isoTime.nullable(), completedBy: userId.nullable(),
});
const incidentView = z.looseObject({
  id: z.string().uuid(), elementId: z.string(), message: z.string(), status: z.enum(['open', 'resolved']),
  resolution: z.enum(['retry', 'skip']).nullable(), createdAt: isoTime, resolvedAt: isoTime.nullable(),
});

/** GET /process-instances/:id: the instance, its progress, tasks and incidents. */
export const instanceView = instanceProgressView.extend({
  id: z.string().uuid(), workflowId: z.string(), processKey: z.string(), version: z.number().int(), businessKey: z.string(),
  status: instanceListItem.shape.status, startedAt: isoTime, endedAt: isoTime.nullable(), cancelReason: z.string().nullable(),
  failureReason: z.string().nullable(), failedAt: isoTime.nullable(),
  openTasks: z.array(instanceTaskView), tasks: z.array(instanceTaskView), incidents: z.array(incidentView),
}).loose();

export const instanceStartedView = z.object({
  id: z.string().uuid(), workflowId: z.string(), processKey: z.string(), version: z.number().int(), businessKey: z.string(), status: z.literal('running'),
});
export const instanceCancelView = z.object({ id: z.string().uuid(), status: z.enum(['cancelled', 'cancelling']), reason: z.string() });
export const instanceRetryView = z.object({ id: z.string().uuid(), status: z.literal('running'), runId: z.string() });
export const incidentResolvedView = z.object({ id: z.string().uuid(), action: z.enum(['retry', 'skip']) });

/** An instance a message or a signal started (message or signal start event). */
const startedByEventView = z.object({
  id: z.string().uuid(), workflowId: z.string(), processKey: z.string(), version: z.number().int(), startEvent: z.string(),
});
export const messageStartedView = z.object({ delivered: z.literal(true), started: z.array(startedByEventView) });
export const messageDeliveredView = z.union([
  z.object({ delivered: z.literal(true), workflowId: z.string() }),
  z.object({ delivered: z.literal(false), buffered: z.literal(true), expiresAt: isoTime, messageId: z.string().uuid(), detail: z.string() }),
]);
/** A message kept for a process (buffered, then consumed or expired) or one recorded before messages were buffered (`unmatched`). */
export const processMessageView = z.looseObject({
  id: z.string().uuid(), name: z.string(), correlationKey: z.string(), variables: z.record(z.string(), z.unknown()),
  receivedAt: isoTime, state: z.enum(['waiting', 'expired', 'consumed', 'unmatched']),
});
export const signalBroadcastView = z.object({
  signalId: z.string(), delivered: z.number().int(), started: z.array(startedByEventView),
  replayed: z.literal(true).optional().describe('The same Idempotency-Key: the first answer, nothing delivered again'),
  detail: z.string().optional().describe('Nothing waited and nothing started: the signal is lost'),
});
