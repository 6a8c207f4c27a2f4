import { Router } from 'express';
import { reassignRequest, taskCountQuery, taskListQuery } from '../../domain/process/instance.schema';
import { claimTask, countTasks, getTask, listTasks, prepareCompletion, reassignTask, releaseTask } from '../../domain/process/tasks-service';
import { completeTaskUpdate } from '../../workflows/engine/contract';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { validate } from '../http/validate';
import { readerLocale } from './reader-locale';
import { asConflict } from './temporal-errors';
import { untilWorkflowLists } from './workflow-sync';

/** The task list: my tasks, my roles' tasks, all (managers); claim, release, reassign, complete. */
export function tasksRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/', inTenant(deps, async (req, ctx) => ({ body: { items: await listTasks(ctx, validate(taskListQuery, req.query, 'query'), readerLocale(req)) } })));
  // The task list's tabs: how many open tasks each holds.
  router.get('/counts', inTenant(deps, async (req, ctx) => ({ body: await countTasks(ctx, validate(taskCountQuery, req.query, 'query')) })));
  router.get('/:id', inTenant(deps, async (req, ctx) => ({ body: await getTask(ctx, String(req.params.id), readerLocale(req)) })));
  router.post('/:id/claim', inTenant(deps, async (req, ctx) => ({ body: await claimTask(ctx, String(req.params.id), readerLocale(req)) })));
  router.post('/:id/release', inTenant(deps, async (req, ctx) => ({ body: await releaseTask(ctx, String(req.params.id), readerLocale(req)) })));
  router.post('/:id/reassign', inTenant(deps, async (req, ctx) => ({
    body: await reassignTask(ctx, String(req.params.id), validate(reassignRequest, req.body).assignee, readerLocale(req)),
  })));
  router.post('/:id/complete', inTenant(deps, async (req, ctx) => {
    const { task, data } = await prepareCompletion(ctx, String(req.params.id), req.body);
    // The workflow's validator checks again (open, candidate) before anything is recorded.
    const handle = (await deps.temporal()).workflow.getHandle(String(task.workflowId));
    await untilWorkflowLists(handle, { taskId: String(task.id) });
    await asConflict(() => handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: String(task.id), userId: ctx.principal.userId, roles: ctx.principal.roles, data }],
    }));
    return { body: { id: task.id, status: 'completed', data } };
  }));
  return router;
}
