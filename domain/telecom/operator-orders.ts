import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import { bufferMessage } from '../process/message-buffer';
import { deliverToSubscriber } from '../process/message-delivery';
import { orderEnded } from './line-operator-orders';

/**
 * Operator orders that complete later (ADR 0042). Every order placed through the operator port is kept in
 * `telecom_operator_orders`; when the operator says it ended (its webhook, or `getOrder` when polled), the
 * engine is told once with the message `telecom.operator-order-completed`, correlated on the order's id as
 * the port answered it (`OperatorOrder.orderId`). Its variables: `{ operatorOrder: { operatorKey, orderId,
 * reference, kind, status: 'completed' | 'refused', operatorLineId, iccids, reason } }`: ids only, never the
 * line's number (nothing personal in Temporal's history; the process reads it from the order). An instance
 * not waiting yet finds it buffered at its next wait (7 days), as billing's dunning messages. An order a bulk
 * item placed (`bulk/<runId>/<position>`) also moves its line then (line-operator-orders.ts, ADR 0047).
 */
export const OPERATOR_ORDER_COMPLETED = 'telecom.operator-order-completed';
const BUFFER_MS = 7 * 86_400_000;

/** The order as the port answered it (structural: the domain does not import the integrations). */
export interface TrackedOrder {
  orderId: string;
  reference: string;
  kind: string;
  status: 'pending' | 'completed' | 'refused';
  operatorLineId: string | null;
  number: string | null;
  iccids: string[];
  reason: { fr: string; en: string } | null;
}

/** Keeps (or refreshes) an order placed through the port. */
export async function trackOrder(trx: Knex.Transaction, operatorKey: string, order: TrackedOrder): Promise<void> {
  await trx('telecomOperatorOrders').insert({
    tenantId: trx.raw('app_tenant_id()'), operatorKey, orderId: order.orderId, reference: order.reference, kind: order.kind, status: order.status,
    operatorLineId: order.operatorLineId, completedAt: order.status === 'pending' ? null : trx.fn.now(),
  }).onConflict(['tenantId', 'operatorKey', 'orderId']).merge(['status', 'operatorLineId', 'completedAt']);
}

/** The orders still waiting for their end (oldest first), to poll. */
export async function pendingOrders(trx: Knex.Transaction, limit = 200): Promise<Array<{ operatorKey: string; orderId: string }>> {
  return trx('telecomOperatorOrders').whereNull('notifiedAt').orderBy('placedAt').limit(limit).select('operatorKey', 'orderId');
}

export type Settled = { ended: false } | { ended: true; notified: boolean; delivered: boolean };

/**
 * Records what the operator says of an order now; once it ended, tells the engine — exactly once, however
 * many webhooks and polls report it (the first to mark `notified_at` sends).
 */
export async function settleOrder(knex: Knex, temporal: () => Promise<Client>, tenantId: string, operatorKey: string, order: TrackedOrder): Promise<Settled> {
  return withTenant({ tenantId }, async (trx) => {
    await trackOrder(trx, operatorKey, order);
    await trx('telecomOperatorOrders').where({ operatorKey, orderId: order.orderId }).update({ lastPolledAt: trx.fn.now() });
    if (order.status === 'pending') return { ended: false };
    const marked = await trx('telecomOperatorOrders').where({ operatorKey, orderId: order.orderId }).whereNull('notifiedAt').update({ notifiedAt: trx.fn.now() }).returning('orderId');
    if (!marked.length) return { ended: true, notified: false, delivered: false };
    // An order a bulk item placed moves its line now (ADR 0047).
    await orderEnded(trx, tenantId, order);
    const message = {
      name: OPERATOR_ORDER_COMPLETED, correlationKey: order.orderId,
      variables: {
        operatorOrder: {
          operatorKey, orderId: order.orderId, reference: order.reference, kind: order.kind, status: order.status,
          operatorLineId: order.operatorLineId, iccids: order.iccids, reason: order.reason,
        },
      },
    };
    if (await deliverToSubscriber(trx, temporal, tenantId, message)) return { ended: true, notified: true, delivered: true };
    await bufferMessage(trx, { tenantId, ...message, receivedBy: null }, BUFFER_MS);
    return { ended: true, notified: true, delivered: false };
  }, knex);
}
