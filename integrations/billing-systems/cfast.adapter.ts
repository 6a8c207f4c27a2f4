import { refused } from '../port-errors';
import { cents, createVendorHttp, euros, type VendorCall } from '../vendor-http';
import {
  addHardwareInput, addOneOffFeeInput, addOptionInput, cancelServiceInput, changeSubscriptionInput, createServiceInput,
  type BilledService, type BillingResult, type BillingSystemPort,
} from './billing-system.port';

/**
 * CFAST (Gestion Systèmes Télécom), the telecom billing system (spec 002 §9.2). Publicly, CFAST is described
 * (gestionsystemestelecom.fr) as collecting operators' CDRs, rating them against price grids and bundles,
 * exporting to an ERP and taking invoice numbers from the ERP's API; its own API's reference is not public
 * (ADR 0042). The contract below is MODELLED on CFAST's vocabulary (billing point, service, option,
 * one-off charge) and is to be checked against CFAST's documentation — only this file would change.
 *   Authorization: Token <apiKey>; JSON; `Idempotency-Key: <our reference>` on every write; amounts excl. tax in euros ("14.90");
 *   POST /billing-points/{bp}/services      { product, label, price_ht, quantity, start_date, number?, operator_line_id? } → 201 service
 *   PUT  /services/{id}/subscription        { product, label, price_ht, effective_date }                                → 200 service
 *   POST /services/{id}/options             { product, label, price_ht, start_date }                                    → 201 service (kind option)
 *   POST /billing-points/{bp}/charges       { type: hardware | one_off, service_id?, product?, label, unit_price_ht, quantity, date } → 201 charge
 *   POST /services/{id}/termination         { date }                                                                    → 200 service
 *   GET  /billed-services?period=YYYY-MM&page=N → { items: [...], next_page: N | null }
 * A service: { id, parent_id, billing_point, kind: subscription | option | hardware | one_off, product, label, price_ht, quantity,
 *              status: active | terminated | billed, start_date, end_date, number, operator_line_id }. Errors: 4xx { code, message }.
 */
export const CFAST_API_BASE_URL = 'https://api.cfast.example/v2';

const KIND: Record<string, BilledService['kind']> = { subscription: 'subscription', option: 'option', hardware: 'hardware', one_off: 'one-off' };
const STATUS: Record<string, BilledService['status']> = { active: 'active', terminated: 'cancelled', billed: 'recorded' };
const resultOf = (body: Record<string, unknown>): BillingResult => ({ serviceId: String(body.id), kind: KIND[String(body.kind)] ?? 'subscription', status: STATUS[String(body.status)] ?? 'active' });

export interface CfastOptions { apiKey: string; baseUrl?: string | null; sleep?: (ms: number) => Promise<void> }

export function createCfastAdapter(systemKey: string, options: CfastOptions): BillingSystemPort {
  const call: VendorCall = createVendorHttp({ vendor: 'CFAST', baseUrl: options.baseUrl ?? CFAST_API_BASE_URL, sleep: options.sleep, headers: () => ({ Authorization: `Token ${options.apiKey}` }) });
  const bp = (ref: string) => `/billing-points/${encodeURIComponent(ref)}`;
  const service = (id: string) => `/services/${encodeURIComponent(id)}`;
  const write = async (method: 'POST' | 'PUT', path: string, reference: string, json: Record<string, unknown>) =>
    resultOf((await call({ method, path, json, headers: { 'Idempotency-Key': reference } })).body);

  return {
    systemKey,
    adapter: 'cfast',
    async createService(raw) {
      const i = createServiceInput.parse(raw);
      return write('POST', `${bp(i.customerRef)}/services`, i.reference, {
        product: i.productCode, label: i.label, price_ht: euros(i.monthlyPriceCents), quantity: i.quantity, start_date: i.startOn, number: i.lineNumber, operator_line_id: i.operatorLineId,
      });
    },
    async changeSubscription(raw) {
      const i = changeSubscriptionInput.parse(raw);
      return write('PUT', `${service(i.serviceId)}/subscription`, i.reference, { product: i.productCode, label: i.label, price_ht: euros(i.monthlyPriceCents), effective_date: i.on });
    },
    async addOption(raw) {
      const i = addOptionInput.parse(raw);
      return write('POST', `${service(i.serviceId)}/options`, i.reference, { product: i.productCode, label: i.label, price_ht: euros(i.monthlyPriceCents), start_date: i.on });
    },
    async addHardware(raw) {
      const i = addHardwareInput.parse(raw);
      return write('POST', `${bp(i.customerRef)}/charges`, i.reference, {
        type: 'hardware', service_id: i.serviceId, product: i.productCode, label: i.label, unit_price_ht: euros(i.unitPriceCents), quantity: i.quantity, date: i.on,
      });
    },
    async addOneOffFee(raw) {
      const i = addOneOffFeeInput.parse(raw);
      return write('POST', `${bp(i.customerRef)}/charges`, i.reference, { type: 'one_off', service_id: i.serviceId, label: i.label, unit_price_ht: euros(i.amountCents), quantity: 1, date: i.on });
    },
    async cancelService(raw) {
      const i = cancelServiceInput.parse(raw);
      return write('POST', `${service(i.serviceId)}/termination`, i.reference, { date: i.on });
    },
    async listBilledServices(period) {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw refused('bad-period', `Période invalide : ${period} (AAAA-MM attendu).`, `Invalid period: ${period} (YYYY-MM expected).`, 400);
      const all: BilledService[] = [];
      for (let page: number | null = 1; page !== null && page <= 1000;) {
        const { body } = await call({ method: 'GET', path: '/billed-services', query: { period, page: String(page) } });
        for (const s of (body.items as Array<Record<string, unknown>> | undefined) ?? []) {
          all.push({
            serviceId: String(s.id), parentServiceId: (s.parent_id as string | null) ?? null, customerRef: String(s.billing_point), kind: KIND[String(s.kind)] ?? 'subscription',
            productCode: (s.product as string | null) ?? null, label: String(s.label), amountCents: cents(s.price_ht) * (KIND[String(s.kind)] === 'hardware' ? Number(s.quantity ?? 1) : 1),
            quantity: Number(s.quantity ?? 1), status: STATUS[String(s.status)] ?? 'active', startedOn: String(s.start_date), cancelledOn: (s.end_date as string | null) ?? null,
            lineNumber: (s.number as string | null) ?? null, operatorLineId: (s.operator_line_id as string | null) ?? null,
          });
        }
        page = typeof body.next_page === 'number' ? body.next_page : null;
      }
      return all;
    },
  };
}
