import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import type { ProcessInput } from '../../kernel/process/engine-types';

/**
 * Starts an instance's workflow unless an earlier attempt started it already:
 * the id is never reused (REJECT_DUPLICATE), so Temporal refuses a second
 * start even after the first run ended. Answers whether this call started it.
 */
export async function startProcessOnce(client: Client, workflowId: string, taskQueue: string, args: ProcessInput): Promise<boolean> {
  try {
    await client.workflow.start('bpmnProcess', { workflowId, taskQueue, workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE, args: [args] });
    return true;
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw error;
  }
}
