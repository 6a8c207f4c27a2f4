import type { Knex } from 'knex';
import { bulkItemOfKey, VendorRefusal, type BulkItemNote, type BulkVendorStep } from '../core/bulk-action';
import { reviseBulkItem } from '../core/bulk-runs';
import { processContext } from '../core/process-context';
import type { RequestContext } from '../core/record-service';
import { DomainError } from '../errors';
import { telecomBulkMessage } from './bulk.messages';
import { plannedStatusChange, setLineStatus } from './line-actions';
import { answerEffect, OPERATOR_STATUS_KINDS, statusOfKind, statusStep, type OperatorLineOrder, type OperatorStatus, type OrderAnswer } from './line-operator-rules';
import type { TrackedOrder } from './operator-orders';

/**
 * A line's status asked of its operator by a bulk item (docs/adr/0047-bulk-vendor-phase.md), the I/O around the
 * rules of line-operator-rules.ts: `prepare` reads the line (its rule, its operator id, an order already pending),
 * the sender of the telecom activities (`telecom.operator-line-order`) places the order through the operator port,
 * `settle` applies a confirmed order through the line's one write path (line-actions.ts); an order still pending
 * is settled done with that said, and its end (`orderEnded`, from the operator's webhook or a poll) moves the line.
 */
export const OPERATOR_LINE_SENDER = 'telecom.operator-line-order';

/** What an item or an order's end writes on a line with: the line's own permissions and the catalogue's. */
export const LINE_ITEM_PERMISSIONS = ['telecom.line.read', 'telecom.line.update', 'telecom.fleet.read', 'telecom.offer.read', 'core.catalogue.read', 'core.account.read'];

type Params = { on?: string };
type NoteCode = 'telecom.bulk.operator-pending' | 'telecom.bulk.operator-already' | 'telecom.bulk.operator-done' | 'telecom.bulk.local-only';
const note = (code: NoteCode): BulkItemNote => ({ note: telecomBulkMessage(code) });

async function pendingSameKind(ctx: RequestContext, operatorKey: string, operatorLineId: string, kind: string): Promise<boolean> {
  return Boolean(await ctx.trx('telecomOperatorOrders').where({ operatorKey, operatorLineId, kind, status: 'pending' }).first('orderId'));
}

/** The vendor step of « Suspendre / Réactiver / Résilier chez l'opérateur ». */
export function operatorStatusStep(status: OperatorStatus): BulkVendorStep<Params, OperatorLineOrder, OrderAnswer> {
  return {
    sender: OPERATOR_LINE_SENDER,
    async prepare(ctx, lineId, params) {
      const planned = await plannedStatusChange(ctx, lineId, { status, on: params.on });
      const kind = OPERATOR_STATUS_KINDS[status];
      const pending = planned.change && planned.operatorLineId ? await pendingSameKind(ctx, planned.operatorKey, planned.operatorLineId, kind) : false;
      const step = statusStep(planned, status, planned.change, params.on ?? null, pending);
      switch (step.step) {
        case 'unchanged': return { done: undefined };
        case 'already-ordered': return { done: note('telecom.bulk.operator-already') };
        case 'local':
          await setLineStatus(ctx, lineId, { status, on: params.on });
          return { done: note('telecom.bulk.local-only') };
        default: return { send: step.order };
      }
    },
    async settle(ctx, lineId, params, answer) {
      const effect = answerEffect(answer);
      if (effect.effect === 'refused') throw new VendorRefusal(effect.reason);
      if (effect.effect === 'wait') return note('telecom.bulk.operator-pending');
      await setLineStatus(ctx, lineId, { status, on: params.on });
      return note('telecom.bulk.operator-done');
    },
  };
}

/**
 * An order placed by a bulk item ended (domain/telecom/operator-orders.ts `settleOrder`, once, in its transaction):
 * confirmed, the line takes its status through its one write path (credited to who started the bulk) and the
 * item's report says « fait chez l'opérateur »; refused, the line stays as it was and the item becomes refused
 * with the operator's reason. A line changed meanwhile so that the status no longer applies is left as it is.
 */
export async function orderEnded(trx: Knex.Transaction, tenantId: string, order: TrackedOrder): Promise<void> {
  const item = bulkItemOfKey(order.reference);
  const status = statusOfKind(order.kind);
  if (!item || !status || order.status === 'pending') return;
  const requestId = `operator-order/${order.orderId}`;
  const ctx = processContext(trx, tenantId, requestId, LINE_ITEM_PERMISSIONS);
  const effect = answerEffect(order);
  if (effect.effect === 'refused') {
    await reviseBulkItem(ctx, item.runId, item.position, { refusal: effect.reason });
    return;
  }
  const revised = await reviseBulkItem(ctx, item.runId, item.position, { note: telecomBulkMessage('telecom.bulk.operator-done') });
  if (!revised) return;
  const asStarter = processContext(trx, tenantId, requestId, LINE_ITEM_PERMISSIONS, revised.actor);
  try {
    await trx.transaction((t) => setLineStatus({ ...asStarter, trx: t }, revised.itemId, { status }));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
}
