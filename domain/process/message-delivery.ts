import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { processMessageSignal } from '../../workflows/engine/contract';
import { lockMessageKey, type DeliveredMessage } from './message-buffer';

/**
 * Hands a message to the oldest instance of the tenant of `trx` waiting for its name and key:
 * answers that instance's workflow id, or null when nobody waits (the caller then starts a process
 * or buffers it). Locks the name and key until the transaction ends, so a catch event subscribing
 * meanwhile finds the message buffered by the caller, or the caller finds its subscription. A
 * subscription whose workflow no longer exists (terminated) is dropped and the next one tried.
 */
export async function deliverToSubscriber(trx: Knex.Transaction, client: () => Promise<Client>, tenantId: string, message: DeliveredMessage): Promise<string | null> {
  await lockMessageKey(trx, tenantId, message.name, message.correlationKey);
  for (;;) {
    const subscription = await trx('messageSubscriptions')
      .where({ messageName: message.name, correlationKey: message.correlationKey }).orderBy('createdAt').first('workflowId');
    if (!subscription) return null;
    try {
      await (await client()).workflow.getHandle(subscription.workflowId).signal(processMessageSignal, message);
      return subscription.workflowId as string;
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      await trx('messageSubscriptions').where({ workflowId: subscription.workflowId }).delete();
    }
  }
}
