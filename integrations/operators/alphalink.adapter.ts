import { refused } from '../port-errors';
import { cents, createVendorHttp, type VendorCall } from '../vendor-http';
import {
  changeOptionsInput, createLineInput, lineActionInput, modifyLineInput, orderSimInput,
  type OperatorInvoiceLine, type OperatorOrder, type OperatorPort, type OrderKind,
} from './operator.port';

/**
 * Alphalink, the wholesale operator of internet accesses and SIP trunks (spec 002 §5.2 « Internet /
 * Alphalink »). What we found public (ADR 0042): its SIP trunk accounts are numbered 0991NNNNNNNNN (class 4)
 * and 0990NNNNNNNNNN (class 5) and authenticate by IP, or IP plus login and password. Its ordering API's
 * reference was not in what we could consult: the contract below is MODELLED on that vocabulary and is to
 * be checked against Alphalink's documentation — only this file would change.
 *   Authorization: Basic <login:password>; JSON; every order carries `customer_reference` (our reference),
 *   which Alphalink keeps unique: a second order with it answers 409 { order_id }, and we read that order;
 *   POST /orders { type, customer_reference, service_id?, product?, options_add?, options_remove?, number?, rio?, date?, quantity? }
 *        type: access.create | access.change_offer | access.change_options | access.terminate | access.suspend | access.resume | sim.order
 *        → 201 order
 *   GET  /orders/{id}                      → order
 *   GET  /invoices/{YYYY-MM}/lines         → { lines: [{ invoice, service_id, number, product, label, start, end, quantity, amount_ht }] }
 * An order: { id, type, customer_reference, state: pending | in_progress | completed | rejected, service_id, number, sims: [iccid], reject_reason, created_at, completed_at }.
 * Errors: 4xx { error, error_description }. Webhooks: `X-Alphalink-Signature: sha256=<hex>` over { order_id, state }.
 */
export const ALPHALINK_API_BASE_URL = 'https://api.alphalink.example/v1';

const TYPES: Record<OrderKind, string> = {
  'create-line': 'access.create', 'modify-line': 'access.change_offer', 'change-options': 'access.change_options', 'terminate-line': 'access.terminate',
  'suspend-line': 'access.suspend', 'resume-line': 'access.resume', 'order-sim': 'sim.order',
};
const KINDS = Object.fromEntries(Object.entries(TYPES).map(([k, v]) => [v, k as OrderKind]));

function orderOf(body: Record<string, unknown>): OperatorOrder {
  const state = String(body.state);
  const reason = body.reject_reason ? String(body.reject_reason) : 'sans motif';
  return {
    orderId: String(body.id), reference: String(body.customer_reference ?? ''), kind: KINDS[String(body.type)] ?? 'create-line',
    status: state === 'completed' ? 'completed' : state === 'rejected' ? 'refused' : 'pending',
    operatorLineId: (body.service_id as string | null) ?? null, number: (body.number as string | null) ?? null, iccids: (body.sims as string[] | undefined) ?? [],
    reason: state === 'rejected' ? { fr: `Alphalink refuse : ${reason}`, en: `Alphalink refuses: ${reason}` } : null,
    placedAt: String(body.created_at ?? new Date().toISOString()), completedAt: (body.completed_at as string | null) ?? null,
  };
}

export interface AlphalinkOptions { login: string; password: string; baseUrl?: string | null; sleep?: (ms: number) => Promise<void> }

export function createAlphalinkAdapter(operatorKey: string, options: AlphalinkOptions): OperatorPort {
  const call: VendorCall = createVendorHttp({
    vendor: 'Alphalink', baseUrl: options.baseUrl ?? ALPHALINK_API_BASE_URL, sleep: options.sleep,
    headers: () => ({ Authorization: `Basic ${Buffer.from(`${options.login}:${options.password}`).toString('base64')}` }),
    errorOf: (b) => ({ code: String(b.error ?? 'refused'), message: String(b.error_description ?? b.error ?? 'refus') }),
  });
  const getOrder = async (orderId: string) => orderOf((await call({ method: 'GET', path: `/orders/${encodeURIComponent(orderId)}` })).body);

  /** Places an order once per reference: Alphalink's 409 names the order placed before, which we read. */
  async function order(kind: OrderKind, reference: string, fields: Record<string, unknown>): Promise<OperatorOrder> {
    const answer = await call({ method: 'POST', path: '/orders', json: { type: TYPES[kind], customer_reference: reference, ...fields } }, [409]);
    if (answer.status === 409) return getOrder(String(answer.body.order_id));
    return orderOf(answer.body);
  }

  return {
    operatorKey,
    adapter: 'alphalink',
    async createLine(raw) {
      const i = createLineInput.parse(raw);
      return order('create-line', i.reference, { product: i.productCode, options_add: i.optionCodes, number: i.number, rio: i.rio });
    },
    async modifyLine(raw) {
      const i = modifyLineInput.parse(raw);
      return order('modify-line', i.reference, { service_id: i.operatorLineId, product: i.productCode });
    },
    async changeOptions(raw) {
      const i = changeOptionsInput.parse(raw);
      return order('change-options', i.reference, { service_id: i.operatorLineId, options_add: i.add, options_remove: i.remove });
    },
    async terminateLine(raw) {
      const i = lineActionInput.parse(raw);
      return order('terminate-line', i.reference, { service_id: i.operatorLineId, date: i.on });
    },
    async suspendLine(raw) {
      const i = lineActionInput.parse(raw);
      return order('suspend-line', i.reference, { service_id: i.operatorLineId });
    },
    async resumeLine(raw) {
      const i = lineActionInput.parse(raw);
      return order('resume-line', i.reference, { service_id: i.operatorLineId });
    },
    async orderSim(raw) {
      const i = orderSimInput.parse(raw);
      return order('order-sim', i.reference, { service_id: i.operatorLineId, quantity: i.quantity });
    },
    getOrder,
    async listInvoiceLines(period): Promise<OperatorInvoiceLine[]> {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw refused('bad-period', `Période invalide : ${period} (AAAA-MM attendu).`, `Invalid period: ${period} (YYYY-MM expected).`, 400);
      const { body } = await call({ method: 'GET', path: `/invoices/${period}/lines` });
      return ((body.lines as Array<Record<string, unknown>> | undefined) ?? []).map((l) => ({
        invoiceRef: String(l.invoice), operatorLineId: (l.service_id as string | null) ?? null, number: (l.number as string | null) ?? null,
        productCode: String(l.product), label: String(l.label ?? l.product), periodStart: String(l.start), periodEnd: String(l.end),
        quantity: Number(l.quantity ?? 1), amountCents: cents(l.amount_ht),
      }));
    },
  };
}

/** The order id of an Alphalink notification: `{ order_id, state }`. */
export const alphalinkWebhookOrderId = (body: unknown): string | null => {
  const id = (body as { order_id?: unknown } | null)?.order_id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
};
