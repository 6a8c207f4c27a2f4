import type { WorkflowHandle } from '@temporalio/client';
import { processStateQuery } from '../../workflows/engine/contract';

/**
 * A task or incident row is written by an activity, so it becomes visible a
 * moment before the workflow has taken in the activity's result. An update
 * sent in that moment would be refused as "not open": wait (briefly) until
 * the workflow itself lists it.
 */
export async function untilWorkflowLists(handle: WorkflowHandle, what: { taskId: string } | { incidentId: string }, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await handle.query(processStateQuery).catch(() => null);
    const listed = 'taskId' in what
      ? state?.openTasks.some((t) => t.taskId === what.taskId)
      : state?.incidents.some((i) => i.incidentId === what.incidentId);
    // Not listed after the wait: send anyway, and let the workflow's validator say why.
    if (listed || !state || Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}
