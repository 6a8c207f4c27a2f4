import { refused } from '../port-errors';
import { cents, createVendorHttp, type VendorCall } from '../vendor-http';
import {
  changeOptionsInput, createLineInput, lineActionInput, modifyLineInput, orderSimInput,
  type OperatorInvoiceLine, type OperatorOrder, type OperatorPort, type OrderKind,
} from './operator.port';

/**
 * SNAIC, the mobile operator (spec 002 §9.3). SNAIC publishes no API documentation that we could find
 * (ADR 0042): this adapter speaks a MODELLED REST contract, to be checked against SNAIC's own
 * documentation when the contract is signed — the port and the business code will not change, only
 * this file. The contract modelled:
 *   Authorization: Bearer <apiToken>; JSON; `Idempotency-Key: <our reference>` on every write;
 *   POST   /v1/lines                       { externalRef, offerCode, options, msisdn?, rio?, iccid? } → 202 order
 *   PUT    /v1/lines/{lineId}/offer        { externalRef, offerCode }                               → 202 order
 *   POST   /v1/lines/{lineId}/options      { externalRef, add, remove }                             → 202 order
 *   POST   /v1/lines/{lineId}/suspension   { externalRef }        DELETE …/suspension (resume)      → 202 order
 *   POST   /v1/lines/{lineId}/termination  { externalRef, date? }                                   → 202 order
 *   POST   /v1/sim-orders                  { externalRef, quantity, lineId? }                        → 202 order
 *   GET    /v1/orders/{orderId}                                                                     → order
 *   GET    /v1/invoices?period=YYYY-MM     → { invoices: [{ number, lines: [{ lineId, msisdn, offerCode, label, from, to, quantity, amountExclTax }] }] }
 * An order: { id, externalRef, type, status: PENDING | IN_PROGRESS | DONE | REJECTED, lineId, msisdn, iccids, rejection: { code, message }, createdAt, closedAt }.
 * Errors: 4xx { code, message }. Webhooks: `X-Snaic-Signature: sha256=<hex>` over { event, order: { id, … } }.
 */
export const SNAIC_API_BASE_URL = 'https://api.snaic.example/v1';

const TYPES: Record<string, OrderKind> = {
  LINE_CREATION: 'create-line', OFFER_CHANGE: 'modify-line', OPTIONS_CHANGE: 'change-options', TERMINATION: 'terminate-line',
  SUSPENSION: 'suspend-line', RESUMPTION: 'resume-line', SIM_ORDER: 'order-sim',
};

function orderOf(body: Record<string, unknown>, fallbackKind: OrderKind): OperatorOrder {
  const status = String(body.status);
  const rejection = body.rejection as { message?: string } | null | undefined;
  return {
    orderId: String(body.id), reference: String(body.externalRef ?? ''), kind: TYPES[String(body.type)] ?? fallbackKind,
    status: status === 'DONE' ? 'completed' : status === 'REJECTED' ? 'refused' : 'pending',
    operatorLineId: (body.lineId as string | null) ?? null, number: (body.msisdn as string | null) ?? null, iccids: (body.iccids as string[] | undefined) ?? [],
    reason: status === 'REJECTED' ? { fr: `SNAIC refuse : ${rejection?.message ?? 'sans motif'}`, en: `SNAIC refuses: ${rejection?.message ?? 'no reason given'}` } : null,
    placedAt: String(body.createdAt ?? new Date().toISOString()), completedAt: (body.closedAt as string | null) ?? null,
  };
}

export interface SnaicOptions { apiToken: string; baseUrl?: string | null; sleep?: (ms: number) => Promise<void> }

export function createSnaicAdapter(operatorKey: string, options: SnaicOptions): OperatorPort {
  const call: VendorCall = createVendorHttp({
    vendor: 'SNAIC', baseUrl: options.baseUrl ?? SNAIC_API_BASE_URL, sleep: options.sleep,
    headers: () => ({ Authorization: `Bearer ${options.apiToken}` }),
  });
  const line = (id: string) => `/lines/${encodeURIComponent(id)}`;
  async function write(kind: OrderKind, method: 'POST' | 'PUT' | 'DELETE', path: string, reference: string, json: Record<string, unknown>): Promise<OperatorOrder> {
    const { body } = await call({ method, path, json: { externalRef: reference, ...json }, headers: { 'Idempotency-Key': reference } });
    return orderOf(body, kind);
  }

  return {
    operatorKey,
    adapter: 'snaic',
    async createLine(raw) {
      const i = createLineInput.parse(raw);
      return write('create-line', 'POST', '/lines', i.reference, { offerCode: i.productCode, options: i.optionCodes, msisdn: i.number, rio: i.rio, iccid: i.iccid });
    },
    async modifyLine(raw) {
      const i = modifyLineInput.parse(raw);
      return write('modify-line', 'PUT', `${line(i.operatorLineId)}/offer`, i.reference, { offerCode: i.productCode });
    },
    async changeOptions(raw) {
      const i = changeOptionsInput.parse(raw);
      return write('change-options', 'POST', `${line(i.operatorLineId)}/options`, i.reference, { add: i.add, remove: i.remove });
    },
    async terminateLine(raw) {
      const i = lineActionInput.parse(raw);
      return write('terminate-line', 'POST', `${line(i.operatorLineId)}/termination`, i.reference, { date: i.on });
    },
    async suspendLine(raw) {
      const i = lineActionInput.parse(raw);
      return write('suspend-line', 'POST', `${line(i.operatorLineId)}/suspension`, i.reference, {});
    },
    async resumeLine(raw) {
      const i = lineActionInput.parse(raw);
      return write('resume-line', 'DELETE', `${line(i.operatorLineId)}/suspension`, i.reference, {});
    },
    async orderSim(raw) {
      const i = orderSimInput.parse(raw);
      return write('order-sim', 'POST', '/sim-orders', i.reference, { quantity: i.quantity, lineId: i.operatorLineId });
    },
    async getOrder(orderId) {
      const { body } = await call({ method: 'GET', path: `/orders/${encodeURIComponent(orderId)}` });
      return orderOf(body, 'create-line');
    },
    async listInvoiceLines(period): Promise<OperatorInvoiceLine[]> {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw refused('bad-period', `Période invalide : ${period} (AAAA-MM attendu).`, `Invalid period: ${period} (YYYY-MM expected).`, 400);
      const { body } = await call({ method: 'GET', path: '/invoices', query: { period } });
      const invoices = (body.invoices as Array<{ number: string; lines: Array<Record<string, unknown>> }> | undefined) ?? [];
      return invoices.flatMap((invoice) => invoice.lines.map((l) => ({
        invoiceRef: String(invoice.number), operatorLineId: (l.lineId as string | null) ?? null, number: (l.msisdn as string | null) ?? null,
        productCode: String(l.offerCode), label: String(l.label ?? l.offerCode), periodStart: String(l.from), periodEnd: String(l.to),
        quantity: Number(l.quantity ?? 1), amountCents: cents(l.amountExclTax),
      })));
    },
  };
}

/** The order id of a SNAIC notification: `{ event, order: { id } }`. */
export const snaicWebhookOrderId = (body: unknown): string | null => {
  const id = (body as { order?: { id?: unknown } } | null)?.order?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
};
