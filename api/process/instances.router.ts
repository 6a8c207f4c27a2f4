import { Router } from 'express';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { readableFields } from '../../domain/identity/ability';
import { ConflictError, NotFoundError } from '../../domain/errors';
import {
  cancelInstanceRequest, instanceListQuery, resolveIncidentRequest, startInstanceRequest,
} from '../../domain/process/instance.schema';
import {
  createInstanceRow, listIncidents, listInstances, loadInstance, requireDeployedPlan, requireInstancePermission,
} from '../../domain/process/instances-service';
import { elementHistory, storedElements } from '../../domain/process/element-history';
import { labelAll, userNames } from '../../domain/process/business-labels';
import { businessSteps } from '../../domain/process/business-history';
import { getPlan } from '../../domain/process/definitions-service';
import { elementEvents, elementsOfEvents, mergeByTime } from './instance-history';
import { cancelProcessSignal, processStateQuery, resolveIncidentUpdate } from '../../workflows/engine/contract';
import type { ProcessState } from '../../kernel/process/engine-types';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { idempotent } from '../http/idempotency';
import { validate } from '../http/validate';
import { failureOf, markFailed, markRetried, reconcileListed, resetForRetry } from './instance-failures';
import { readerLocale } from './reader-locale';
import { renderDeep, type Locale, type Message } from '../../domain/i18n/messages';
import { reasonMessage } from '../../domain/process/feel-failure';
import { processMessage } from '../../domain/process/process.messages';
import type { FeelReason } from '../../kernel/process/feel';
import { asConflict } from './temporal-errors';
import { untilWorkflowLists } from './workflow-sync';

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v ?? null);

export function processInstancesRouter(deps: ApiDeps): Router {
  const router = Router();

  router.post('/', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    requireInstancePermission(ctx, 'create');
    const input = validate(startInstanceRequest, req.body);
    const plan = await requireDeployedPlan(ctx, input.processKey);
    const row = await createInstanceRow(ctx, plan, input.businessKey);
    try {
      await (await deps.temporal()).workflow.start('bpmnProcess', {
        workflowId: row.workflowId, taskQueue: deps.taskQueue,
        args: [{ tenantId: ctx.principal.tenantId, instanceId: row.id, businessKey: input.businessKey, plan, variables: input.variables, startedBy: ctx.principal.userId }],
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        throw new ConflictError(processMessage('instances.already-running', { processKey: plan.processKey, businessKey: input.businessKey }), { instance: { workflowId: row.workflowId } });
      }
      throw error;
    }
    return { status: 201, body: { id: row.id, workflowId: row.workflowId, processKey: plan.processKey, version: plan.version, businessKey: input.businessKey, status: 'running' } };
  })));

  router.get('/', inTenant(deps, async (req, ctx) => {
    // The final variables stay on the instance's own answer, where their field group is checked.
    const rows = await listInstances(ctx, validate(instanceListQuery, req.query, 'query'));
    // Rows shown as running whose workflow failed, timed out or was terminated: marked failed now (one visibility query per page).
    if (rows.some((r: { status: string }) => r.status === 'running' || r.status === 'incident')) {
      const failed = await reconcileListed(await deps.temporal(), ctx.trx, rows);
      for (const r of rows) {
        const failure = failed.get(r.id);
        if (failure) Object.assign(r, { status: 'failed', failureReason: failure.reason, failedAt: failure.failedAt, endedAt: failure.failedAt });
      }
    }
    // What people read instead of ids: the process's title and the instance's business label (a few queries per page).
    const labels = await labelAll(ctx.trx, rows, readerLocale(req));
    return {
      body: {
        items: rows.map((r: Record<string, unknown>, i: number) => ({
          ...r, ...labels[i], startedAt: iso(r.startedAt), endedAt: iso(r.endedAt), updatedAt: iso(r.updatedAt), tenantId: undefined, variables: undefined,
        })),
      },
    };
  }));

  router.get('/:id', inTenant(deps, async (req, ctx) => {
    let row = await loadInstance(ctx, String(req.params.id));
    let state: ProcessState | null = null;
    if (row.status === 'running' || row.status === 'incident' || row.status === 'failed') {
      const client = await deps.temporal();
      const handle = client.workflow.getHandle(row.workflowId);
      // Temporal says whether it still runs: a failed, timed-out or terminated workflow (or one whose task keeps failing) shows failed.
      const [described, queried] = await Promise.all([handle.describe().catch(() => null), handle.query(processStateQuery).catch(() => null)]);
      const reason = described ? await failureOf(client, row.workflowId, described).catch(() => null) : null;
      if (reason && row.status !== 'failed') {
        await markFailed(ctx.trx, row, reason);
        row = await loadInstance(ctx, row.id);
      } else if (!reason && row.status === 'failed' && described?.status.name === 'RUNNING') {
        // Running well again (a fixed worker took its task, or a reset made outside Relais).
        await markRetried(ctx.trx, row);
        row = await loadInstance(ctx, row.id);
      }
      state = row.status === 'failed' ? null : queried;
    }
    const incidents = await listIncidents(ctx, row.id);
    const tasks = await ctx.trx('tasks').where({ instanceId: row.id }).orderBy('createdAt')
      .select('id', 'elementId', 'name', 'status', 'assignee', 'dueAt', 'createdAt', 'completedAt', 'completedBy');
    // What it did: the stored element instances, with the live ones while it runs.
    const done = elementHistory(await storedElements(ctx.trx, row.id), state?.elements);
    const variables = (state ? state.variables : row.variables) ?? null;
    const [labels] = await labelAll(ctx.trx, [{ ...row, variables }], readerLocale(req));
    // The business history: each step, who completed it, the branches taken and why.
    const names = await userNames(ctx.trx, ctx.ability, tasks.flatMap((x: { assignee: string | null; completedBy: string | null }) => [x.assignee, x.completedBy]));
    const steps = businessSteps(done.elements, await getPlan(ctx.trx, row.processKey, row.version), tasks, names);
    const view = {
      id: row.id, workflowId: row.workflowId, processKey: row.processKey, version: row.version, businessKey: row.businessKey, ...labels,
      status: row.status, startedAt: iso(row.startedAt), endedAt: iso(row.endedAt), cancelReason: row.cancelReason,
      // Why it failed (Temporal's failure message, "Terminated by …") and when; the engine's own failures write cancelReason.
      failureReason: row.status === 'failed' ? row.failureReason ?? row.cancelReason ?? null : null, failedAt: iso(row.failedAt),
      activeElements: state?.activeElements ?? [],
      // A worker older than the element log answers counts without elements.
      completedElements: state && !state.elements ? state.completedElements : done.completedElements,
      elements: done.elements, takenFlows: done.takenFlows, steps,
      openTasks: tasks.filter((t: { status: string }) => t.status === 'open').map(publicTask), tasks: tasks.map(publicTask),
      // The engine's own reasons in the reader's language (with their code); an activity's failure as it was written.
      incidents: incidents.map(({ reason, ...i }: Record<string, unknown>) => ({
        ...i, ...(reason ? renderDeep({ message: reasonMessage(reason as FeelReason, String(i.message)) }, readerLocale(req)) as object : {}),
        tenantId: undefined, createdAt: iso(i.createdAt), resolvedAt: iso(i.resolvedAt),
      })),
      // Live while it runs; the final ones, kept on the row, once it has ended.
      variables,
    };
    // Process variables are business data: shown only with process.instance.variables.read.
    return { body: readableFields(ctx.ability, 'ProcessInstance', view, { accountId: null, ownerId: null, supportUserId: null }) };
  }));

  router.get('/:id/history', inTenant(deps, async (req, ctx) => {
    const row = await loadInstance(ctx, String(req.params.id));
    const client = await deps.temporal();
    const handle = client.workflow.getHandle(row.workflowId);
    const history = await handle.fetchHistory();
    const events = (history.events ?? []) as Array<Record<string, unknown>>;
    const tasks: Array<{ id: string; elementId: string }> = await ctx.trx('tasks').where({ instanceId: row.id }).select('id', 'elementId');
    const elementOf = await elementsOfEvents(events, row.workflowId, client.options.loadedDataConverter, new Map(tasks.map((x) => [x.id, x.elementId])));
    const engineItems = (history.events ?? []).map((e) => ({
      id: String(e.eventId), at: e.eventTime?.seconds ? new Date(Number(e.eventTime.seconds) * 1000 + Math.floor((e.eventTime.nanos ?? 0) / 1e6)).toISOString() : null,
      type: describeEvent(e as Record<string, unknown>, readerLocale(req)), elementId: elementOf.get(String(e.eventId)) ?? null,
    })).filter((e) => e.type !== null);
    // Complemented by the element instances themselves (stored, and live while it runs).
    const live = row.status === 'running' || row.status === 'incident' ? await handle.query(processStateQuery).catch(() => null) : null;
    const { elements } = elementHistory(await storedElements(ctx.trx, row.id), live?.elements);
    return { body: { items: mergeByTime(engineItems, elementEvents(elements, readerLocale(req))) } };
  }));

  router.post('/:id/cancel', inTenant(deps, async (req, ctx) => {
    requireInstancePermission(ctx, 'update');
    const { reason } = validate(cancelInstanceRequest, req.body);
    let row = await loadInstance(ctx, String(req.params.id));
    const client = await deps.temporal();
    if (row.status === 'running' || row.status === 'incident') {
      // Its workflow may have failed unseen: then there is nobody to signal.
      const failure = await failureOf(client, row.workflowId).catch(() => null);
      if (failure) {
        await markFailed(ctx.trx, row, failure);
        row = await loadInstance(ctx, row.id);
      }
    }
    if (row.status === 'failed') {
      // Nothing runs (or its task keeps failing): Temporal's run is ended, the row and its tasks closed here.
      const handle = client.workflow.getHandle(row.workflowId);
      if ((await handle.describe().catch(() => null))?.status.name === 'RUNNING') await handle.terminate(`Cancelled: ${reason}`);
      await ctx.trx('processInstances').where({ id: row.id }).update({ status: 'cancelled', cancelReason: reason, endedAt: ctx.trx.fn.now(), updatedAt: ctx.trx.fn.now() });
      await ctx.trx('tasks').where({ instanceId: row.id, status: 'open' }).update({ status: 'cancelled', completedAt: ctx.trx.fn.now() });
      await ctx.trx('messageSubscriptions').where({ workflowId: row.workflowId }).delete();
      return { status: 200, body: { id: row.id, status: 'cancelled', reason } };
    }
    if (row.status !== 'running' && row.status !== 'incident') throw new ConflictError(processMessage('instances.already-ended', { status: String(row.status) }));
    await asConflict(async () => client.workflow.getHandle(row.workflowId).signal(cancelProcessSignal, { reason, userId: ctx.principal.userId }));
    return { status: 202, body: { id: row.id, status: 'cancelling', reason } };
  }));

  // A failed instance: Temporal resets it to the last workflow task completed before the failure, so the failed element runs again.
  router.post('/:id/retry', inTenant(deps, async (req, ctx) => {
    requireInstancePermission(ctx, 'update');
    const row = await loadInstance(ctx, String(req.params.id));
    if (row.status !== 'failed') throw new ConflictError(processMessage('instances.retry-not-failed', { status: String(row.status) }));
    const reset = await resetForRetry(await deps.temporal(), row.workflowId, ctx.principal.userId);
    if (!reset) throw new ConflictError(processMessage('instances.retry-nothing-before'));
    await markRetried(ctx.trx, row);
    return { status: 202, body: { id: row.id, status: 'running', runId: reset.runId } };
  }));

  router.post('/:id/incidents/:incidentId/resolve', inTenant(deps, async (req, ctx) => {
    requireInstancePermission(ctx, 'update');
    const input = validate(resolveIncidentRequest, req.body);
    const row = await loadInstance(ctx, String(req.params.id));
    const incident = await ctx.trx('processIncidents').where({ id: String(req.params.incidentId), instanceId: row.id }).first('id', 'status').catch(() => undefined);
    if (!incident) throw new NotFoundError({ fr: 'incident', en: 'incident' });
    if (incident.status !== 'open') throw new ConflictError(processMessage('instances.incident-resolved'));
    const handle = (await deps.temporal()).workflow.getHandle(row.workflowId);
    await untilWorkflowLists(handle, { incidentId: incident.id });
    await asConflict(() => handle.executeUpdate(resolveIncidentUpdate, { args: [{ incidentId: incident.id, action: input.action, variables: input.variables }] }));
    return { status: 202, body: { id: incident.id, action: input.action } };
  }));
  return router;
}

/** A task of the instance as its detail lists it. */
function publicTask(task: Record<string, unknown>) {
  return { ...task, createdAt: iso(task.createdAt), completedAt: iso(task.completedAt), dueAt: iso(task.dueAt) };
}

/** A readable line for the monitor's technical history, from Temporal's event attributes, in the reader's language. */
function describeEvent(event: Record<string, unknown>, locale: Locale): string | null {
  const pick = (key: string) => event[key] as Record<string, unknown> | undefined | null;
  const line = (): Message | null => {
    if (pick('workflowExecutionStartedEventAttributes')) return processMessage('history.process-started');
    if (pick('workflowExecutionCompletedEventAttributes')) return processMessage('history.process-completed');
    if (pick('workflowExecutionContinuedAsNewEventAttributes')) return processMessage('history.continued-as-new');
    const scheduled = pick('activityTaskScheduledEventAttributes');
    if (scheduled) return processMessage('history.activity-scheduled', { activity: (scheduled.activityType as { name?: string } | undefined)?.name ?? '' });
    if (pick('activityTaskCompletedEventAttributes')) return processMessage('history.activity-completed');
    const failed = pick('activityTaskFailedEventAttributes');
    if (failed) return processMessage('history.activity-failed', { reason: (failed.failure as { message?: string } | undefined)?.message ?? '' });
    if (pick('timerStartedEventAttributes')) return processMessage('history.timer-started');
    if (pick('timerFiredEventAttributes')) return processMessage('history.timer-fired');
    const signal = pick('workflowExecutionSignaledEventAttributes');
    if (signal) return processMessage('history.signal', { name: String(signal.signalName ?? '') });
    const update = pick('workflowExecutionUpdateAcceptedEventAttributes');
    if (update) return processMessage('history.update', { name: String((update.acceptedRequest as { input?: { name?: string } } | undefined)?.input?.name ?? '') });
    if (pick('startChildWorkflowExecutionInitiatedEventAttributes')) return processMessage('history.child-started');
    if (pick('childWorkflowExecutionCompletedEventAttributes')) return processMessage('history.child-completed');
    return null;
  };
  return line()?.render(locale) ?? null;
}
