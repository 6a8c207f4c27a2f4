import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { Router } from 'express';
import { backupOverview } from '../../domain/backup/backup-catalogue';
import { backupMessage } from '../../domain/backup/backup.messages';
import { ForbiddenError } from '../../domain/errors';
import { BACKUP_WORKFLOW, backupDrillWorkflowId, type DrillRequest } from '../../workflows/backup/backup.contract';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';

/**
 * GET /backups — the platform's backups, the latest restore drill and its outcome (ADR 0020);
 * POST /backups/drills — starts a restore drill of the latest backup (one at a time).
 */
export function backupRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/', inTenant(deps, async (_req, ctx) => {
    if (!ctx.ability.can('read', 'Backup')) throw new ForbiddenError(backupMessage('backup.forbidden'));
    return { body: await backupOverview(ctx.trx) };
  }));
  router.post('/drills', inTenant(deps, async (_req, ctx) => {
    if (!ctx.ability.can('create', 'Backup')) throw new ForbiddenError(backupMessage('backup.drill-forbidden'));
    const client = await deps.temporal();
    const request: DrillRequest = { trigger: 'manual', requestedBy: ctx.principal.userId };
    const workflowId = backupDrillWorkflowId(deps.taskQueue);
    try {
      await client.workflow.start(BACKUP_WORKFLOW.drill, { workflowId, taskQueue: deps.taskQueue, args: [request] });
      return { status: 202, body: { workflowId, alreadyRunning: false } };
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      return { status: 202, body: { workflowId, alreadyRunning: true } };
    }
  }));
  return router;
}
