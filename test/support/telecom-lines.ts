import crypto from 'node:crypto';
import type { Express } from 'express';
import type { Knex } from 'knex';
import request from 'supertest';
import { until } from './worker-process';

export interface LineFleet {
  accountId: string;
  fleetId: string;
  /** Two plans of the fleet's type and operator: the lines start on the first. */
  planIds: [string, string];
  /** A plan of another fleet type: refused on these lines. */
  otherPlanId: string;
  lineIds: string[];
}

/**
 * An account with a « Mobile / Orange » fleet of `count` lines on one plan, set-based (10,000 lines in a second):
 * every line whose position (from 1) is a multiple of `terminatedEvery` is terminated (a plan change refuses it).
 */
export async function seedLineFleet(admin: Knex, tenantId: string, count: number, terminatedEvery = 0): Promise<LineFleet> {
  const tag = crypto.randomBytes(3).toString('hex');
  const [account] = await admin('accounts').insert({ tenantId, number: Math.floor(Math.random() * 1e8) + 1000, name: `Flotte ${tag}` }).returning('id');
  const [fleet] = await admin('telecomFleets').insert({ tenantId, accountId: account.id, type: 'mobile', operatorKey: 'orange', name: 'Mobile / Orange' }).returning('id');
  const offer = async (code: string, name: string, fleetType: string, sale: number) => {
    const [item] = await admin('catalogueItems').insert({ tenantId, kind: 'plan', code: `${code}-${tag}`, name, unitPriceCents: sale, purchasePriceCents: sale / 2 }).returning('id');
    await admin('telecomOffers').insert({ catalogueItemId: item.id, tenantId, fleetType, operatorKey: 'orange', operatorProductCode: `${code.toUpperCase()}-${tag}` });
    return item.id as string;
  };
  const planIds: [string, string] = [await offer('pro-20', 'Pro 20 Go', 'mobile', 2000), await offer('pro-100', 'Pro 100 Go', 'mobile', 3500)];
  const otherPlanId = await offer('fibre', 'Fibre 1 Gb', 'internet', 5000);
  const prefix = 6_00_00_00_00 + Math.floor(Math.random() * 90) * 1_000_000;
  const { rows } = await admin.raw<{ rows: Array<{ id: string }> }>(`
    insert into telecom_lines (tenant_id, number, account_id, fleet_id, plan_id, status, sale_price_cents, purchase_price_cents, operator_key, activated_on, terminated_on)
    select ?, '+33' || (? + g)::text, ?, ?, ?, case when ? > 0 and g % ? = 0 then 'terminated' else 'active' end, 2000, 1000, 'snaic', date '2026-01-05',
           case when ? > 0 and g % ? = 0 then date '2026-06-30' end
    from generate_series(1, ?) g order by g returning id`,
  [tenantId, prefix, account.id, fleet.id, planIds[0], terminatedEvery, terminatedEvery || 1, terminatedEvery, terminatedEvery || 1, count]);
  return { accountId: account.id, fleetId: fleet.id, planIds, otherPlanId, lineIds: rows.map((r) => r.id) };
}

/** The telecom bulk API as a test calls it, as `token`'s user (read when called): a request, a run's report, and its end. */
export function bulkApi(app: () => Express, token: () => string) {
  const api = (method: 'get' | 'post', url: string) => request(app())[method](url).set('Authorization', `Bearer ${token()}`);
  const report = async (id: string, query = '') => (await api('get', `/api/v1/telecom/bulk/${id}${query}`)).body;
  const ended = (id: string) => until(`bulk ${id} to end`, async () => {
    const body = await report(id);
    return body.status === 'completed' || body.status === 'cancelled' ? body : undefined;
  }, 90_000);
  return { api, report, ended };
}
