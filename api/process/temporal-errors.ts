import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ConflictError } from '../../domain/errors';

/** Turns a refused update or a finished workflow into a 409 the user can read. */
export async function asConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) throw new ConflictError((error.cause as Error | undefined)?.message ?? error.message);
    if (error instanceof WorkflowNotFoundError || (error as { name?: string }).name === 'WorkflowNotFoundError') {
      throw new ConflictError('This process is no longer running.');
    }
    throw error;
  }
}
