import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ConflictError } from '../../domain/errors';
import { Message, type Text } from '../../domain/i18n/messages';
import { processMessage, processMessages } from '../../domain/process/process.messages';

/** The run's refusal in the reader's language: its failure type is a catalogue code (workflows/engine/process-run.ts refusal). */
function refusalOf(cause: unknown, fallback: string): Text {
  if (cause instanceof ApplicationFailure && cause.type && cause.type in processMessages) {
    const params = (cause.details?.[0] ?? {}) as Record<string, unknown>;
    return new Message(cause.type, params, processMessages[cause.type as keyof typeof processMessages]);
  }
  return (cause as Error | undefined)?.message ?? fallback;
}

/** Turns a refused update or a finished workflow into a 409 the user can read. */
export async function asConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) throw new ConflictError(refusalOf(error.cause, error.message));
    if (error instanceof WorkflowNotFoundError || (error as { name?: string }).name === 'WorkflowNotFoundError') {
      throw new ConflictError(processMessage('instances.no-longer-running'));
    }
    throw error;
  }
}
