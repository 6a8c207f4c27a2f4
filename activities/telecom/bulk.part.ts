import type { BulkSender } from '../../domain/core/bulk-action';
import { OPERATOR_LINE_SENDER } from '../../domain/telecom/line-operator-orders';
import { operatorLineOrder } from '../../domain/telecom/line-operator-rules';
import type { ActivitiesModule, ModuleActivityDeps } from '../activities-module';
import { telecomPorts } from './ports';

/** The activity implementations of the telecom vertical's multi-selection and durable bulk actions on lines (spec 002 §5.4). */
export const bulkActivities: ActivitiesModule['create'] = () => ({});

/**
 * The senders of the telecom bulk actions that ask the operator (docs/adr/0047): « Suspendre / Réactiver / Résilier
 * chez l'opérateur » place their order through the operator port of the line's operator (the tenant's connection,
 * else the sandbox), the item's key as the order's reference: the operator keeps one order per reference, so a
 * retried item places nothing twice. Called by the core's bulk activity with no transaction held; the port's
 * refusals (PortRefusedError) and outages (PortRetryableError) are thrown as they are.
 */
export function bulkSenders(deps: ModuleActivityDeps): Record<string, BulkSender> {
  return {
    [OPERATOR_LINE_SENDER]: async (tenantId, raw, meta) => {
      const send = operatorLineOrder.parse(raw);
      const port = await telecomPorts({ knex: deps.knex }).operator(tenantId, send.operatorKey);
      const input = { reference: meta.idempotencyKey, operatorLineId: send.operatorLineId, on: send.on };
      switch (send.kind) {
        case 'suspend-line': return port.suspendLine(input);
        case 'resume-line': return port.resumeLine(input);
        default: return port.terminateLine(input);
      }
    },
  };
}
