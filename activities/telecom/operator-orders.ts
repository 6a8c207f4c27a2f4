import type { Client } from '@temporalio/client';
import { withTenant } from '../../db/tenant-scope';
import { defaultSecretBox } from '../../domain/core/secret-box';
import { DomainError, NotFoundError, UnauthorizedError } from '../../domain/errors';
import { openConnection } from '../../domain/telecom/connection-store';
import { integrationsMessage } from '../../domain/telecom/integrations.messages';
import { pendingOrders, settleOrder, type Settled } from '../../domain/telecom/operator-orders';
import { registerBuiltInOperatorAdapters } from '../../integrations/operators/adapters';
import { operatorAdapter } from '../../integrations/operators/operator.registry';
import { DEFAULT_WEBHOOK_SIGNATURE_HEADER, webhookSignatureValid } from '../../integrations/operators/webhook-signature';
import { isPortRefusal } from '../../integrations/port-errors';
import { telecomPorts, type TelecomPortsDeps } from './ports';

/**
 * Operator orders that complete later (ADR 0042), two ways in, one way out:
 *  - the operator's webhook (`POST /api/v1/telecom/operators/{key}/webhook?tenant=<slug>`): signed with
 *    the connection's secret (HMAC-SHA256 of the raw body); a hint only — the order is then read through
 *    the port (`getOrder`), so a forged or replayed body can tell nothing the operator does not confirm;
 *  - polling: every tracked order not ended yet is read through the port.
 * Either way an ended order is told to the engine once (domain/telecom/operator-orders.ts).
 */
export interface OperatorOrderDeps extends TelecomPortsDeps {
  temporal: () => Promise<Client>;
}

/** The sandbox's notifications name the order as `{ "orderId": "…" }`. */
const sandboxOrderId = (body: unknown) => (typeof (body as { orderId?: unknown } | null)?.orderId === 'string' ? (body as { orderId: string }).orderId : null);

export type WebhookOutcome = 'ignored' | 'unknown-order' | 'pending' | 'notified' | 'already-notified';

export async function receiveOperatorWebhook(
  deps: OperatorOrderDeps, tenantId: string, operatorKey: string, rawBody: Buffer, header: (name: string) => string | undefined,
): Promise<{ outcome: WebhookOutcome; orderId: string | null }> {
  registerBuiltInOperatorAdapters();
  const box = deps.box ?? defaultSecretBox();
  const connection = await withTenant({ tenantId }, (trx) => openConnection(trx, tenantId, 'operator', operatorKey, box), deps.knex);
  if (!connection || !connection.active || !connection.webhookSecret) throw new NotFoundError(integrationsMessage('telecom.webhook.unknown'));
  const definition = connection.adapter === 'sandbox' ? { webhookOrderId: sandboxOrderId, webhookSignatureHeader: undefined } : operatorAdapter(connection.adapter);
  if (!definition?.webhookOrderId) throw new NotFoundError(integrationsMessage('telecom.webhook.unknown'));
  const signature = header(definition.webhookSignatureHeader ?? DEFAULT_WEBHOOK_SIGNATURE_HEADER);
  if (!webhookSignatureValid(rawBody, signature, connection.webhookSecret)) throw new UnauthorizedError(integrationsMessage('telecom.webhook.bad-signature'));
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new DomainError(integrationsMessage('telecom.webhook.no-order'), 400, 'webhook-malformed');
  }
  const orderId = definition.webhookOrderId(body);
  if (!orderId) return { outcome: 'ignored', orderId: null };
  const known = await withTenant({ tenantId }, (trx) => trx('telecomOperatorOrders').where({ operatorKey, orderId }).first('orderId'), deps.knex);
  if (!known) return { outcome: 'unknown-order', orderId };
  const settled = await pollOrder(deps, tenantId, operatorKey, orderId);
  return { outcome: !settled.ended ? 'pending' : settled.notified ? 'notified' : 'already-notified', orderId };
}

/** Reads one order through the port and, once it ended, tells the engine (once). */
export async function pollOrder(deps: OperatorOrderDeps, tenantId: string, operatorKey: string, orderId: string): Promise<Settled> {
  const port = await telecomPorts(deps).operator(tenantId, operatorKey);
  const order = await port.getOrder(orderId);
  return settleOrder(deps.knex, deps.temporal, tenantId, operatorKey, order);
}

/** Polls every tracked order of the tenant not ended yet; an operator refusing to answer about one is skipped. */
export async function pollPendingOrders(deps: OperatorOrderDeps, tenantId: string): Promise<{ polled: number; ended: number; skipped: number }> {
  const pending = await withTenant({ tenantId }, (trx) => pendingOrders(trx), deps.knex);
  const summary = { polled: 0, ended: 0, skipped: 0 };
  for (const { operatorKey, orderId } of pending) {
    try {
      const settled = await pollOrder(deps, tenantId, operatorKey, orderId);
      summary.polled += 1;
      if (settled.ended) summary.ended += 1;
    } catch (error) {
      if (!isPortRefusal(error)) throw error;
      summary.skipped += 1;
    }
  }
  return summary;
}
