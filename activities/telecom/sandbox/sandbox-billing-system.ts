import type { Knex } from 'knex';
import { invoicePeriod } from '../../../integrations/operators/operator.port';
import { refused, PortRetryableError } from '../../../integrations/port-errors';
import {
  addHardwareInput, addOneOffFeeInput, addOptionInput, cancelServiceInput, changeSubscriptionInput, createServiceInput,
  type BilledService, type BillingResult, type BillingSystemPort,
} from '../../../integrations/billing-systems/billing-system.port';

/**
 * A pretend billing system with state (ADR 0042): its services and charges live in
 * `telecom_sandbox_billing_services`, each write once per reference (`telecom_sandbox_billing_requests`
 * keeps the answer given). Refusals as a billing system gives them: an unknown service, a service already
 * cancelled, a cancellation before the service started, a change on an option instead of a subscription.
 * `unavailable: true` makes every call retryable; `latencyMs` delays each answer.
 */
export interface SandboxBillingSettings { latencyMs?: number; unavailable?: boolean }

export interface SandboxBillingOptions {
  systemKey: string;
  run: <T>(fn: (trx: Knex.Transaction) => Promise<T>) => Promise<T>;
  settings?: SandboxBillingSettings;
}

type Row = Record<string, unknown>;
const day = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

export function createSandboxBillingSystemAdapter(options: SandboxBillingOptions): BillingSystemPort {
  const { systemKey, run } = options;
  const settings = options.settings ?? {};
  const key = { systemKey };

  async function gate(): Promise<void> {
    if (settings.latencyMs) await new Promise((resolve) => setTimeout(resolve, settings.latencyMs));
    if (settings.unavailable) throw new PortRetryableError(`The sandbox billing system ${systemKey} is unavailable (simulated outage).`, 503);
  }

  /** Runs a write once per reference: a second call with the same reference answers the first answer. */
  async function once(reference: string, write: (trx: Knex.Transaction) => Promise<BillingResult>): Promise<BillingResult> {
    await gate();
    return run(async (trx) => {
      await trx.raw("select pg_advisory_xact_lock(hashtext('telecom_sandbox_billing'), hashtext(app_tenant_id()::text || '/' || ? || '/' || ?))", [systemKey, reference]);
      const done = await trx('telecomSandboxBillingRequests').where({ ...key, reference }).first('result');
      if (done) return done.result as BillingResult;
      const result = await write(trx);
      await trx('telecomSandboxBillingRequests').insert({ tenantId: trx.raw('app_tenant_id()'), ...key, reference, result: JSON.stringify(result) });
      return result;
    });
  }

  async function subscription(trx: Knex.Transaction, serviceId: string): Promise<Row> {
    const row = /^[0-9a-f-]{36}$/i.test(serviceId) ? await trx('telecomSandboxBillingServices').where({ ...key, id: serviceId }).forUpdate().first() : undefined;
    if (!row) throw refused('unknown-service', `Service inconnu du système de facturation : ${serviceId}.`, `The billing system knows no service ${serviceId}.`, 404);
    if (row.kind !== 'subscription') throw refused('not-a-subscription', `${serviceId} n’est pas un abonnement.`, `${serviceId} is not a subscription.`, 422);
    if (row.status === 'cancelled') throw refused('service-cancelled', `Le service ${serviceId} est déjà résilié.`, `Service ${serviceId} is already cancelled.`, 409);
    return row;
  }

  async function insert(trx: Knex.Transaction, row: Row): Promise<BillingResult> {
    const [saved] = await trx('telecomSandboxBillingServices').insert({ tenantId: trx.raw('app_tenant_id()'), ...key, ...row }).returning(['id', 'kind', 'status']);
    return { serviceId: String(saved.id), kind: saved.kind, status: saved.status };
  }

  return {
    systemKey,
    adapter: 'sandbox',

    async createService(raw) {
      const input = createServiceInput.parse(raw);
      return once(input.reference, (trx) => insert(trx, {
        kind: 'subscription', customerRef: input.customerRef, productCode: input.productCode, label: input.label, amountCents: input.monthlyPriceCents,
        quantity: input.quantity, status: 'active', startedOn: input.startOn, lineNumber: input.lineNumber, operatorLineId: input.operatorLineId,
      }));
    },

    async changeSubscription(raw) {
      const input = changeSubscriptionInput.parse(raw);
      return once(input.reference, async (trx) => {
        await subscription(trx, input.serviceId);
        await trx('telecomSandboxBillingServices').where({ ...key, id: input.serviceId }).update({ productCode: input.productCode, label: input.label, amountCents: input.monthlyPriceCents });
        return { serviceId: input.serviceId, kind: 'subscription', status: 'active' };
      });
    },

    async addOption(raw) {
      const input = addOptionInput.parse(raw);
      return once(input.reference, async (trx) => {
        const parent = await subscription(trx, input.serviceId);
        return insert(trx, {
          kind: 'option', parentId: input.serviceId, customerRef: parent.customerRef, productCode: input.productCode, label: input.label, amountCents: input.monthlyPriceCents,
          quantity: 1, status: 'active', startedOn: input.on, lineNumber: parent.lineNumber, operatorLineId: parent.operatorLineId,
        });
      });
    },

    async addHardware(raw) {
      const input = addHardwareInput.parse(raw);
      return once(input.reference, async (trx) => {
        if (input.serviceId) await subscription(trx, input.serviceId);
        return insert(trx, {
          kind: 'hardware', parentId: input.serviceId, customerRef: input.customerRef, productCode: input.productCode, label: input.label,
          amountCents: input.unitPriceCents * input.quantity, quantity: input.quantity, status: 'recorded', startedOn: input.on,
        });
      });
    },

    async addOneOffFee(raw) {
      const input = addOneOffFeeInput.parse(raw);
      return once(input.reference, async (trx) => {
        if (input.serviceId) await subscription(trx, input.serviceId);
        return insert(trx, { kind: 'one-off', parentId: input.serviceId, customerRef: input.customerRef, label: input.label, amountCents: input.amountCents, quantity: 1, status: 'recorded', startedOn: input.on });
      });
    },

    async cancelService(raw) {
      const input = cancelServiceInput.parse(raw);
      return once(input.reference, async (trx) => {
        const row = await subscription(trx, input.serviceId);
        if (input.on < day(row.startedOn)) {
          throw refused('cancel-before-start', `Résiliation au ${input.on} antérieure au début du service (${day(row.startedOn)}).`, `Cancellation on ${input.on} precedes the service's start (${day(row.startedOn)}).`, 422);
        }
        await trx('telecomSandboxBillingServices').where(key).where((q) => q.where({ id: input.serviceId }).orWhere({ parentId: input.serviceId, kind: 'option' }))
          .where({ status: 'active' }).update({ status: 'cancelled', cancelledOn: input.on });
        return { serviceId: input.serviceId, kind: 'subscription', status: 'cancelled' };
      });
    },

    async listBilledServices(period): Promise<BilledService[]> {
      await gate();
      if (!invoicePeriod.safeParse(period).success) throw refused('bad-period', `Période invalide : ${period} (AAAA-MM attendu).`, `Invalid period: ${period} (YYYY-MM expected).`, 400);
      return run(async (trx) => {
        const first = `${period}-01`;
        const rows: Row[] = await trx('telecomSandboxBillingServices').where(key)
          .whereRaw(`started_on <= (to_date(?, 'YYYY-MM') + interval '1 month' - interval '1 day')::date`, [period])
          .where((q) => q.where((r) => r.whereIn('kind', ['subscription', 'option']).where((c) => c.whereNull('cancelledOn').orWhere('cancelledOn', '>=', first)))
            .orWhere((r) => r.whereIn('kind', ['hardware', 'one-off']).where('startedOn', '>=', first)))
          .orderBy(['customerRef', 'createdAt', 'id']);
        return rows.map((r) => ({
          serviceId: String(r.id), parentServiceId: (r.parentId as string | null) ?? null, customerRef: String(r.customerRef), kind: r.kind as BilledService['kind'],
          productCode: (r.productCode as string | null) ?? null, label: String(r.label), amountCents: Number(r.amountCents), quantity: Number(r.quantity),
          status: r.status as BilledService['status'], startedOn: day(r.startedOn), cancelledOn: r.cancelledOn ? day(r.cancelledOn) : null,
          lineNumber: (r.lineNumber as string | null) ?? null, operatorLineId: (r.operatorLineId as string | null) ?? null,
        }));
      });
    },
  };
}
