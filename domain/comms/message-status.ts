import type { MessageStatus } from './comms.schemas';

/**
 * Statuses only move forward: providers' callbacks may repeat or arrive out
 * of order ("delivered" before "sent"), and a late "sent" must not undo a
 * "delivered". Failures end the life cycle except after delivery.
 */
const RANK: Record<MessageStatus, number> = {
  pending: 0, queued: 1, sending: 2, sent: 3, delivered: 4, failed: 5, undelivered: 5, refused: 6, received: 6,
};

export const FAILED_STATUSES: readonly MessageStatus[] = ['failed', 'undelivered'];
/** Accepted by the provider: counted as sent in campaign reports. */
export const ACCEPTED_STATUSES: readonly MessageStatus[] = ['queued', 'sending', 'sent', 'delivered'];

export function supersedes(next: MessageStatus, current: MessageStatus): boolean {
  if (current === 'refused' || current === 'received' || FAILED_STATUSES.includes(current)) return false;
  if (current === 'delivered') return false;
  return RANK[next] > RANK[current];
}

export type Outcome = 'pending' | 'sent' | 'refused' | 'failed';

export function outcomeOf(status: MessageStatus | null | undefined): Outcome {
  if (!status || status === 'pending') return 'pending';
  if (status === 'refused') return 'refused';
  if (FAILED_STATUSES.includes(status)) return 'failed';
  return 'sent';
}
