import {
  broadcastSignalRequest, bufferedMessagesQuery, cancelInstanceRequest, incidentResolvedView, instanceCancelView, instanceHistoryView, instanceListItem,
  instanceListQuery, instanceRetryView, instanceStartedView, instanceView, messageDeliveredView, messageStartedView, processMessageView, publishMessageRequest,
  reassignRequest, resolveIncidentRequest, signalBroadcastView, startInstanceRequest, taskCompletedView, taskCountQuery, taskCountsView, taskDetailView,
  taskListQuery, taskView,
} from '../../domain/process/instance.schema';
import { answer, errors, itemsOf, jsonBody as body, problem, queryParams, uuidPath as id, type Json } from '../openapi-parts';

/** The process runtime in the OpenAPI document: instances, tasks, messages (definitions are in api/openapi.ts). */
const conflict = problem('The task or incident is no longer open, or the process no longer runs');

export function processOpenApiPaths(): Json {
  const instances = ['Process instance'];
  const tasks = ['Task'];
  return {
    '/api/v1/process-instances': {
      get: { tags: instances, summary: 'Instances, newest first', parameters: queryParams(instanceListQuery), responses: { 200: answer('`items`, newest first', itemsOf(instanceListItem)), ...errors } },
      post: { tags: instances, summary: 'Start the latest deployed version of a process for a business object', requestBody: body(startInstanceRequest), responses: { 201: answer('Started', instanceStartedView), ...errors, 409: problem('One already runs for this business key'), 422: problem('No deployed version') } },
    },
    '/api/v1/process-instances/{id}': {
      get: {
        tags: instances, summary: 'State, element instances and flows taken (also once ended), open tasks, incidents, variables (with permission)', parameters: [id()],
        responses: { 200: answer('The instance: status, progress, tasks, incidents', instanceView), ...errors },
      },
    },
    '/api/v1/process-instances/{id}/history': {
      get: {
        tags: instances, summary: 'What happened when: Temporal\'s history (with the element of each event where known) and the element instances', parameters: [id()],
        responses: { 200: answer('`items`, oldest first', instanceHistoryView), ...errors },
      },
    },
    '/api/v1/process-instances/{id}/cancel': {
      post: {
        tags: instances, summary: 'Cancel with a reason (process owners); a failed instance is cancelled at once (its tasks closed)', parameters: [id()], requestBody: body(cancelInstanceRequest),
        responses: { 200: answer('A failed instance: cancelled', instanceCancelView), 202: answer('Cancelling', instanceCancelView), ...errors, 409: conflict },
      },
    },
    '/api/v1/process-instances/{id}/retry': {
      post: {
        tags: instances, summary: 'Retry a failed instance (its workflow failed, timed out or was terminated): Temporal resets it to the last workflow task completed before the failure, so the failed element runs again (process owners)', parameters: [id()],
        responses: { 202: answer('Reset: it runs again', instanceRetryView), ...errors, 409: problem('The instance is not failed, or failed before its first step') },
      },
    },
    '/api/v1/process-instances/{id}/incidents/{incidentId}/resolve': {
      post: { tags: instances, summary: 'Retry (optionally with corrected variables) or skip the element of an incident', parameters: [id(), id('incidentId')], requestBody: body(resolveIncidentRequest), responses: { 202: answer('Done', incidentResolvedView), ...errors, 409: conflict } },
    },
    '/api/v1/tasks': {
      get: { tags: tasks, summary: 'My tasks (assignee=me), what I may act on (candidate=me: mine and my roles\' unclaimed), or all (process owners); each with `title` (process name), `label` (business label), `assigneeName`', parameters: queryParams(taskListQuery), responses: { 200: answer('`items`', itemsOf(taskView)), ...errors } },
    },
    '/api/v1/tasks/counts': { get: { tags: tasks, summary: 'Open tasks per tab: `todo` (what I may act on), `mine`, `all` (process owners only)', parameters: queryParams(taskCountQuery), responses: { 200: answer('Open tasks per tab', taskCountsView), ...errors } } },
    '/api/v1/tasks/{id}': { get: { tags: tasks, summary: 'A task, with its form (`form`: key, title, JSON Schema) when it has a registered one', parameters: [id()], responses: { 200: answer('The task', taskDetailView), ...errors } } },
    '/api/v1/tasks/{id}/claim': { post: { tags: tasks, summary: 'Take the task', parameters: [id()], responses: { 200: answer('Claimed', taskView), ...errors, 409: conflict } } },
    '/api/v1/tasks/{id}/release': { post: { tags: tasks, summary: 'Give the task back to its candidates', parameters: [id()], responses: { 200: answer('Released', taskView), ...errors, 409: conflict } } },
    '/api/v1/tasks/{id}/reassign': { post: { tags: tasks, summary: 'Give the task to someone (process owners)', parameters: [id()], requestBody: body(reassignRequest), responses: { 200: answer('Reassigned', taskView), ...errors, 409: conflict } } },
    '/api/v1/tasks/{id}/complete': {
      post: { tags: tasks, summary: 'Complete the task with its form\'s data (validated against the form)', parameters: [id()], requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } }, responses: { 200: answer('Completed', taskCompletedView), ...errors, 409: conflict } },
    },
    '/api/v1/process-messages': {
      post: {
        tags: ['Process message'], summary: 'Deliver a message to the instance waiting for it, start a process that begins with it, or buffer it until one waits (`timeToLive`, ISO 8601, PT1H by default, at most P7D)',
        requestBody: body(publishMessageRequest),
        responses: {
          201: answer('Started `started` instances (message start event)', messageStartedView),
          202: answer('Delivered (`delivered: true`), or buffered: the first catch event that subscribes to its name and key before `expiresAt` takes it', messageDeliveredView),
          ...errors, 409: problem('The process it starts already runs for this key'),
        },
      },
    },
    '/api/v1/process-messages/buffered': {
      get: { tags: ['Process message'], summary: 'Buffered messages, newest first, each with its `state`: waiting, expired or consumed', parameters: queryParams(bufferedMessagesQuery), responses: { 200: answer('`items`', itemsOf(processMessageView)), ...errors } },
    },
    '/api/v1/process-signals': {
      post: {
        tags: ['Process signal'], summary: 'Broadcast a BPMN signal within the organisation: every instance waiting for its name gets it, and the latest version of each process that starts on it begins one instance. Not buffered: an instance that waits later does not get it',
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 }, description: 'Repeating a request with the same key returns the first answer and delivers nothing again' }],
        requestBody: body(broadcastSignalRequest),
        responses: {
          202: answer('Delivered to `delivered` instances, started `started`; when nothing waited and nothing started, `detail` says the signal is lost', signalBroadcastView),
          ...errors,
        },
      },
    },
    '/api/v1/process-messages/unmatched': { get: { tags: ['Process message'], summary: 'Messages no instance took: buffered ones that expired (`state: expired`) and those recorded before messages were buffered', responses: { 200: answer('`items`, newest first', itemsOf(processMessageView)), ...errors } } },
  };
}
