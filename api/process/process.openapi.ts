import {
  broadcastSignalRequest, cancelInstanceRequest, instanceHistoryView, instanceProgressView, publishMessageRequest, reassignRequest, resolveIncidentRequest, startInstanceRequest,
} from '../../domain/process/instance.schema';
import { errors, jsonBody as body, problem, schemaOf, uuidPath as id, type Json } from '../openapi-parts';

/** The process runtime in the OpenAPI document: instances, tasks, messages (definitions are in api/openapi.ts). */
const conflict = problem('The task or incident is no longer open, or the process no longer runs');

export function processOpenApiPaths(): Json {
  const instances = ['Process instance'];
  const tasks = ['Task'];
  return {
    '/api/v1/process-instances': {
      get: { tags: instances, summary: 'Instances, newest first', parameters: ['processKey', 'status', 'businessKey', 'version', 'limit'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })), responses: { 200: { description: '`items`' }, ...errors } },
      post: { tags: instances, summary: 'Start the latest deployed version of a process for a business object', requestBody: body(startInstanceRequest), responses: { 201: { description: 'Started' }, ...errors, 409: problem('One already runs for this business key'), 422: problem('No deployed version') } },
    },
    '/api/v1/process-instances/{id}': {
      get: {
        tags: instances, summary: 'State, element instances and flows taken (also once ended), open tasks, incidents, variables (with permission)', parameters: [id()],
        responses: { 200: { description: 'The instance (its progress fields below, with status, tasks, incidents…)', content: { 'application/json': { schema: schemaOf(instanceProgressView, 'output') } } }, ...errors },
      },
    },
    '/api/v1/process-instances/{id}/history': {
      get: {
        tags: instances, summary: 'What happened when: Temporal\'s history (with the element of each event where known) and the element instances', parameters: [id()],
        responses: { 200: { description: '`items`, oldest first', content: { 'application/json': { schema: schemaOf(instanceHistoryView, 'output') } } }, ...errors },
      },
    },
    '/api/v1/process-instances/{id}/cancel': {
      post: {
        tags: instances, summary: 'Cancel with a reason (process owners); a failed instance is cancelled at once (its tasks closed)', parameters: [id()], requestBody: body(cancelInstanceRequest),
        responses: { 200: { description: 'A failed instance: cancelled' }, 202: { description: 'Cancelling' }, ...errors, 409: conflict },
      },
    },
    '/api/v1/process-instances/{id}/retry': {
      post: {
        tags: instances, summary: 'Retry a failed instance (its workflow failed, timed out or was terminated): Temporal resets it to the last workflow task completed before the failure, so the failed element runs again (process owners)', parameters: [id()],
        responses: { 202: { description: '`{ id, status: running, runId }`' }, ...errors, 409: problem('The instance is not failed, or failed before its first step') },
      },
    },
    '/api/v1/process-instances/{id}/incidents/{incidentId}/resolve': {
      post: { tags: instances, summary: 'Retry (optionally with corrected variables) or skip the element of an incident', parameters: [id(), id('incidentId')], requestBody: body(resolveIncidentRequest), responses: { 202: { description: 'Done' }, ...errors, 409: conflict } },
    },
    '/api/v1/tasks': {
      get: { tags: tasks, summary: 'My tasks (assignee=me), what I may act on (candidate=me: mine and my roles\' unclaimed), or all (process owners); each with `title` (process name), `label` (business label), `assigneeName`', parameters: ['assignee', 'candidate', 'status', 'processKey', 'sort', 'limit'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })), responses: { 200: { description: '`items`' }, ...errors } },
    },
    '/api/v1/tasks/counts': { get: { tags: tasks, summary: 'Open tasks per tab: `todo` (what I may act on), `mine`, `all` (process owners only)', parameters: [{ name: 'processKey', in: 'query', schema: { type: 'string' } }], responses: { 200: { description: '`{ todo, mine, all? }`' }, ...errors } } },
    '/api/v1/tasks/{id}': { get: { tags: tasks, summary: 'A task, with its form (`form`: key, title, JSON Schema) when it has a registered one', parameters: [id()], responses: { 200: { description: 'The task' }, ...errors } } },
    '/api/v1/tasks/{id}/claim': { post: { tags: tasks, summary: 'Take the task', parameters: [id()], responses: { 200: { description: 'Claimed' }, ...errors, 409: conflict } } },
    '/api/v1/tasks/{id}/release': { post: { tags: tasks, summary: 'Give the task back to its candidates', parameters: [id()], responses: { 200: { description: 'Released' }, ...errors, 409: conflict } } },
    '/api/v1/tasks/{id}/reassign': { post: { tags: tasks, summary: 'Give the task to someone (process owners)', parameters: [id()], requestBody: body(reassignRequest), responses: { 200: { description: 'Reassigned' }, ...errors, 409: conflict } } },
    '/api/v1/tasks/{id}/complete': {
      post: { tags: tasks, summary: 'Complete the task with its form\'s data (validated against the form)', parameters: [id()], requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } }, responses: { 200: { description: 'Completed' }, ...errors, 409: conflict } },
    },
    '/api/v1/process-messages': {
      post: {
        tags: ['Process message'], summary: 'Deliver a message to the instance waiting for it, start a process that begins with it, or buffer it until one waits (`timeToLive`, ISO 8601, PT1H by default, at most P7D)',
        requestBody: body(publishMessageRequest),
        responses: {
          201: { description: 'Started `started` instances (message start event)' },
          202: { description: 'Delivered (`delivered: true`), or buffered: `{ delivered: false, buffered: true, expiresAt, messageId, detail }`; the first catch event that subscribes to its name and key before `expiresAt` takes it' },
          ...errors, 409: problem('The process it starts already runs for this key'),
        },
      },
    },
    '/api/v1/process-messages/buffered': {
      get: { tags: ['Process message'], summary: 'Buffered messages, newest first, each with its `state`: waiting, expired or consumed', parameters: [{ name: 'state', in: 'query', schema: { type: 'string', enum: ['waiting', 'expired', 'consumed'] } }], responses: { 200: { description: '`items`' }, ...errors } },
    },
    '/api/v1/process-signals': {
      post: {
        tags: ['Process signal'], summary: 'Broadcast a BPMN signal within the organisation: every instance waiting for its name gets it, and the latest version of each process that starts on it begins one instance. Not buffered: an instance that waits later does not get it',
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 }, description: 'Repeating a request with the same key returns the first answer and delivers nothing again' }],
        requestBody: body(broadcastSignalRequest),
        responses: {
          202: { description: '`{ signalId, delivered: n, started: [{ id, workflowId, processKey, version, startEvent }] }`; when nothing waited and nothing started, `detail` says the signal is lost' },
          ...errors,
        },
      },
    },
    '/api/v1/process-messages/unmatched': { get: { tags: ['Process message'], summary: 'Messages no instance took: buffered ones that expired (`state: expired`) and those recorded before messages were buffered', responses: { 200: { description: '`items`' }, ...errors } } },
  };
}
