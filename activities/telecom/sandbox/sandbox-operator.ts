import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { refused, PortRetryableError } from '../../../integrations/port-errors';
import {
  changeOptionsInput, createLineInput, lineActionInput, modifyLineInput, orderSimInput,
  type OperatorInvoiceLine, type OperatorOrder, type OperatorPort, type OrderKind,
} from '../../../integrations/operators/operator.port';
import { sandboxInvoiceLines } from './sandbox-invoices';

/**
 * A pretend operator with state (ADR 0042), for development, demos and every test that is not about a
 * vendor's wire: its price list, lines, SIMs and orders live in the `telecom_sandbox_*` tables of the
 * tenant, so the API and the worker see the same operator and it survives restarts.
 *
 * Orders are answered `pending` and complete `completionDelaySeconds` later (0 by default: at the next call
 * or poll), applying their effect then (the line created, the plan changed…). Refusals are the operator's
 * usual ones, checked when the order is placed: an unknown product or option code, an unknown or already
 * terminated line, a number already in service, another order in progress on the line, too many SIMs. A
 * ported number whose RIO ends in `0000` is refused later, at completion (the donor operator's answer).
 * `unavailable: true` makes every call a retryable failure (an outage); `latencyMs` delays each answer.
 * Its price list is the tenant's catalogue for that operator (telecom_offers) until one is given.
 */
export interface SandboxOperatorSettings {
  latencyMs?: number;
  completionDelaySeconds?: number | Partial<Record<OrderKind, number>>;
  unavailable?: boolean;
}

export interface SandboxOperatorOptions {
  operatorKey: string;
  /** Runs `fn` in a transaction of the tenant (row-level security set). */
  run: <T>(fn: (trx: Knex.Transaction) => Promise<T>) => Promise<T>;
  settings?: SandboxOperatorSettings;
}

type Row = Record<string, unknown>;
const MAX_SIMS = 50;
const today = () => new Date().toISOString().slice(0, 10);
const digits = (seed: string, n: number) => BigInt(`0x${crypto.createHash('sha256').update(seed).digest('hex').slice(0, 16)}`).toString().padStart(20, '0').slice(-n);

function orderOf(row: Row): OperatorOrder {
  return {
    orderId: String(row.id), reference: String(row.reference), kind: row.kind as OrderKind, status: row.status as OperatorOrder['status'],
    operatorLineId: (row.operatorLineId as string | null) ?? null, number: (row.number as string | null) ?? null, iccids: (row.iccids as string[]) ?? [],
    reason: row.reasonFr ? { fr: String(row.reasonFr), en: String(row.reasonEn) } : null,
    placedAt: new Date(row.placedAt as string).toISOString(), completedAt: row.completedAt ? new Date(row.completedAt as string).toISOString() : null,
  };
}

export function createSandboxOperatorAdapter(options: SandboxOperatorOptions): OperatorPort {
  const { operatorKey, run } = options;
  const settings = options.settings ?? {};
  const key = { operatorKey };

  const delayOf = (kind: OrderKind) => {
    const d = settings.completionDelaySeconds;
    return typeof d === 'number' ? d : (d?.[kind] ?? 0);
  };

  async function gate(): Promise<void> {
    if (settings.latencyMs) await new Promise((resolve) => setTimeout(resolve, settings.latencyMs));
    if (settings.unavailable) throw new PortRetryableError(`The sandbox operator ${operatorKey} is unavailable (simulated outage).`, 503);
  }

  /** The operator's price list: given, or taken once from the tenant's catalogue for this operator. */
  async function products(trx: Knex.Transaction): Promise<Map<string, Row>> {
    let rows: Row[] = await trx('telecomSandboxProducts').where(key);
    if (!rows.length) {
      const tenantId = (await trx.raw('select app_tenant_id() as id')).rows[0].id as string;
      await trx.raw(`
        insert into telecom_sandbox_products (tenant_id, operator_key, code, kind, label, monthly_cents)
        select distinct on (o.operator_product_code) ?, o.operator_key, o.operator_product_code, case when c.kind = 'option' then 'option' else 'plan' end,
               c.name, coalesce(c.purchase_price_cents, 0)
          from telecom_offers o join catalogue_items c on c.id = o.catalogue_item_id
         where o.operator_key = ?
         order by o.operator_product_code, c.name
        on conflict do nothing`, [tenantId, operatorKey]);
      rows = await trx('telecomSandboxProducts').where(key);
    }
    return new Map(rows.map((r) => [String(r.code), r]));
  }

  async function knownCode(trx: Knex.Transaction, code: string, kind: 'plan' | 'option'): Promise<void> {
    const product = (await products(trx)).get(code);
    if (!product || product.kind !== kind) {
      throw kind === 'plan'
        ? refused('unknown-product', `Code produit inconnu de l’opérateur : ${code}.`, `The operator knows no product code ${code}.`, 422)
        : refused('unknown-option', `Code d’option inconnu de l’opérateur : ${code}.`, `The operator knows no option code ${code}.`, 422);
    }
  }

  async function liveLine(trx: Knex.Transaction, lineId: string, opts: { allowBusy?: boolean } = {}): Promise<Row> {
    const line = await trx('telecomSandboxLines').where({ ...key, id: lineId }).forUpdate().first();
    if (!line) throw refused('unknown-line', `Ligne inconnue de l’opérateur : ${lineId}.`, `The operator knows no line ${lineId}.`, 404);
    if (line.status === 'terminated') throw refused('line-terminated', `La ligne ${lineId} est déjà résiliée.`, `Line ${lineId} is already terminated.`, 409);
    if (!opts.allowBusy) {
      const busy = await trx('telecomSandboxOrders').where({ ...key, operatorLineId: lineId, status: 'pending' }).first('id');
      if (busy) throw refused('order-in-progress', `Une commande est déjà en cours sur la ligne ${lineId}.`, `An order is already in progress on line ${lineId}.`, 409);
    }
    return line;
  }

  /** Applies a due order's effect (the operator's side of the completion). */
  async function complete(trx: Knex.Transaction, order: Row): Promise<Row> {
    const input = order.input as Row;
    const on = (input.on as string | null) ?? today();
    const lineId = order.operatorLineId as string | null;
    let outcome: { status: 'completed' | 'refused'; reasonFr?: string; reasonEn?: string } = { status: 'completed' };
    switch (order.kind as OrderKind) {
      case 'create-line':
        if (typeof input.rio === 'string' && input.rio.endsWith('0000')) {
          outcome = { status: 'refused', reasonFr: 'Portabilité refusée par l’opérateur donneur : RIO invalide.', reasonEn: 'Number portability refused by the donor operator: invalid RIO.' };
          break;
        }
        await trx('telecomSandboxLines').insert({
          tenantId: trx.raw('app_tenant_id()'), ...key, id: lineId, number: order.number, iccid: (order.iccids as string[])[0] ?? null,
          productCode: input.productCode, optionCodes: input.optionCodes ?? [], status: 'active', activatedOn: today(),
        });
        await trx('telecomSandboxSims').where(key).whereIn('iccid', order.iccids as string[]).update({ status: 'delivered', lineId });
        break;
      case 'modify-line':
        await trx('telecomSandboxLines').where({ ...key, id: lineId }).update({ productCode: input.productCode, updatedAt: trx.fn.now() });
        break;
      case 'change-options': {
        const line = await trx('telecomSandboxLines').where({ ...key, id: lineId }).first('optionCodes');
        const kept = ((line?.optionCodes as string[]) ?? []).filter((c) => !(input.remove as string[]).includes(c));
        await trx('telecomSandboxLines').where({ ...key, id: lineId }).update({ optionCodes: [...new Set([...kept, ...(input.add as string[])])], updatedAt: trx.fn.now() });
        break;
      }
      case 'terminate-line':
        await trx('telecomSandboxLines').where({ ...key, id: lineId }).update({ status: 'terminated', terminatedOn: on, updatedAt: trx.fn.now() });
        break;
      case 'suspend-line':
      case 'resume-line':
        await trx('telecomSandboxLines').where({ ...key, id: lineId }).whereNot({ status: 'terminated' })
          .update({ status: order.kind === 'suspend-line' ? 'suspended' : 'active', updatedAt: trx.fn.now() });
        break;
      case 'order-sim':
        await trx('telecomSandboxSims').where(key).whereIn('iccid', order.iccids as string[]).update({ status: 'delivered' });
        if (lineId) await trx('telecomSandboxLines').where({ ...key, id: lineId }).update({ iccid: (order.iccids as string[])[0], updatedAt: trx.fn.now() });
        break;
    }
    const [saved] = await trx('telecomSandboxOrders').where({ id: order.id })
      .update({ status: outcome.status, reasonFr: outcome.reasonFr ?? null, reasonEn: outcome.reasonEn ?? null, completedAt: trx.fn.now() }).returning('*');
    return saved as Row;
  }

  /** Completes every order of this operator whose time has come (the operator works between our calls). */
  async function settleDue(trx: Knex.Transaction): Promise<void> {
    const due: Row[] = await trx('telecomSandboxOrders').where({ ...key, status: 'pending' }).where('dueAt', '<=', trx.fn.now()).orderBy('placedAt').forUpdate().limit(500);
    for (const order of due) await complete(trx, order);
  }

  /** Places an order once per reference: the same reference answers the order already placed. */
  async function place(kind: OrderKind, reference: string, input: Row, check: (trx: Knex.Transaction) => Promise<{ operatorLineId: string | null; number?: string | null; iccids?: string[] }>): Promise<OperatorOrder> {
    await gate();
    return run(async (trx) => {
      await trx.raw("select pg_advisory_xact_lock(hashtext('telecom_sandbox_operator'), hashtext(app_tenant_id()::text || '/' || ?))", [operatorKey]);
      const existing = await trx('telecomSandboxOrders').where({ ...key, reference }).first();
      if (existing) return orderOf(existing);
      await settleDue(trx);
      const facts = await check(trx);
      const id = crypto.randomUUID();
      const [row] = await trx('telecomSandboxOrders').insert({
        id, tenantId: trx.raw('app_tenant_id()'), ...key, reference, kind, input: JSON.stringify(input), status: 'pending',
        operatorLineId: facts.operatorLineId, number: facts.number ?? null, iccids: facts.iccids ?? [],
        dueAt: trx.raw(`now() + make_interval(secs => ?)`, [delayOf(kind)]),
      }).returning('*');
      if (facts.iccids?.length) {
        await trx('telecomSandboxSims').insert(facts.iccids.map((iccid) => ({ tenantId: trx.raw('app_tenant_id()'), ...key, iccid, orderId: id, lineId: null, status: 'shipped' })));
      }
      return orderOf(row);
    });
  }

  const iccidFor = (seed: string) => `8933${digits(`iccid/${seed}`, 15)}`;

  return {
    operatorKey,
    adapter: 'sandbox',

    async createLine(raw) {
      const input = createLineInput.parse(raw);
      return place('create-line', input.reference, input, async (trx) => {
        await knownCode(trx, input.productCode, 'plan');
        for (const option of input.optionCodes) await knownCode(trx, option, 'option');
        const number = input.number ?? `+337${digits(`number/${operatorKey}/${input.reference}`, 8)}`;
        const taken = await trx('telecomSandboxLines').where({ ...key, number }).whereNot({ status: 'terminated' }).first('id');
        if (taken) throw refused('number-in-service', `Le numéro ${number} est déjà en service chez l’opérateur.`, `Number ${number} is already in service at the operator.`, 409);
        const lineId = `${operatorKey.toUpperCase()}-${digits(`line/${operatorKey}/${input.reference}`, 10)}`;
        return { operatorLineId: lineId, number, iccids: [input.iccid ?? iccidFor(input.reference)] };
      });
    },

    async modifyLine(raw) {
      const input = modifyLineInput.parse(raw);
      return place('modify-line', input.reference, input, async (trx) => {
        await liveLine(trx, input.operatorLineId);
        await knownCode(trx, input.productCode, 'plan');
        return { operatorLineId: input.operatorLineId };
      });
    },

    async changeOptions(raw) {
      const input = changeOptionsInput.parse(raw);
      return place('change-options', input.reference, input, async (trx) => {
        await liveLine(trx, input.operatorLineId);
        for (const option of input.add) await knownCode(trx, option, 'option');
        return { operatorLineId: input.operatorLineId };
      });
    },

    async terminateLine(raw) {
      const input = lineActionInput.parse(raw);
      return place('terminate-line', input.reference, input, async (trx) => {
        await liveLine(trx, input.operatorLineId);
        return { operatorLineId: input.operatorLineId };
      });
    },

    async suspendLine(raw) {
      const input = lineActionInput.parse(raw);
      return place('suspend-line', input.reference, input, async (trx) => {
        await liveLine(trx, input.operatorLineId);
        return { operatorLineId: input.operatorLineId };
      });
    },

    async resumeLine(raw) {
      const input = lineActionInput.parse(raw);
      return place('resume-line', input.reference, input, async (trx) => {
        await liveLine(trx, input.operatorLineId);
        return { operatorLineId: input.operatorLineId };
      });
    },

    async orderSim(raw) {
      const input = orderSimInput.parse(raw);
      return place('order-sim', input.reference, input, async (trx) => {
        if (input.quantity > MAX_SIMS) {
          throw refused('too-many-sims', `L’opérateur n’accepte pas plus de ${MAX_SIMS} cartes SIM par commande.`, `The operator takes at most ${MAX_SIMS} SIM cards per order.`, 422);
        }
        if (input.operatorLineId) await liveLine(trx, input.operatorLineId);
        const iccids = Array.from({ length: input.quantity }, (_, i) => iccidFor(`${input.reference}/${i}`));
        return { operatorLineId: input.operatorLineId, iccids };
      });
    },

    async getOrder(orderId) {
      await gate();
      return run(async (trx) => {
        await trx.raw("select pg_advisory_xact_lock(hashtext('telecom_sandbox_operator'), hashtext(app_tenant_id()::text || '/' || ?))", [operatorKey]);
        await settleDue(trx);
        const uuid = /^[0-9a-f-]{36}$/i.test(orderId) ? orderId : null;
        const row = uuid ? await trx('telecomSandboxOrders').where({ ...key, id: uuid }).first() : undefined;
        if (!row) throw refused('unknown-order', `Commande inconnue de l’opérateur : ${orderId}.`, `The operator knows no order ${orderId}.`, 404);
        return orderOf(row);
      });
    },

    async listInvoiceLines(period): Promise<OperatorInvoiceLine[]> {
      await gate();
      return run((trx) => sandboxInvoiceLines(trx, operatorKey, period));
    },
  };
}
