import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { recordMeta, requiredText, uuid } from '../core/fields';
import type { RecordResource } from '../core/record-resource';
import { ConflictError, ruleViolation } from '../errors';
import type { RecordSample } from '../modules/vertical-module';
import { DEFAULT_SLA_TARGETS, slaTargetsSchema } from './sla';
import { slaMessage } from './sla.messages';

/**
 * SLA policies (`psa.sla-policy`, `/api/v1/psa/sla-policies` on the generic record service): response
 * and resolution targets per priority in business minutes of a calendar, the three escalation levels,
 * one default per organisation (making one the default unmakes the other). A ticket takes its own
 * policy, else its contract's, else its client's contract's, else the default (sla.ts).
 */
const levels = z.array(z.number().int().min(1).max(100)).length(3);
const editable = {
  name: requiredText(200),
  calendarId: uuid.nullable().optional(),
  targets: slaTargetsSchema,
  escalationPercents: levels.optional(),
  isDefault: z.boolean().optional(),
};
export const slaPolicyCreate = z.object(editable).strict();
export const slaPolicyUpdate = z.object(editable).partial().strict();
export const slaPolicy = z.object({
  ...recordMeta,
  name: z.string(),
  calendarId: z.string().uuid().nullable(),
  calendarName: z.string().nullable(),
  targets: slaTargetsSchema,
  escalationPercents: z.array(z.number().int()),
  isDefault: z.boolean(),
});

function checkLevels(percents: unknown): void {
  if (percents === undefined) return;
  const p = percents as number[];
  if (!(p[0]! < p[1]! && p[1]! < p[2]! && p[2] === 100)) throw ruleViolation('escalationPercents', slaMessage('psa.sla.levels'));
}

async function aloneDefault(trx: Knex.Transaction, data: Record<string, unknown>, id?: unknown): Promise<void> {
  if (data.isDefault === true) await trx('psaSlaPolicies').where({ isDefault: true }).modify((q) => { if (id) q.whereNot({ id }); }).update({ isDefault: false });
}

const asJson = (data: Record<string, unknown>) => (data.targets !== undefined ? { ...data, targets: JSON.stringify(data.targets) } : data);

export const psaSlaPolicies: RecordResource = {
  key: 'psa.sla-policy', subject: 'PsaSlaPolicy', recordType: 'psa-sla-policy', label: 'La politique SLA', table: 'psa_sla_policies',
  createSchema: slaPolicyCreate, updateSchema: slaPolicyUpdate, outputSchema: slaPolicy,
  accountLink: null,
  ownership: {
    joins: (qb) => { qb.leftJoin('businessCalendars as c', 'c.id', 't.calendarId').select('c.name as calendarName'); },
    owner: null, support: null, account: null,
  },
  filters: {},
  sorts: {
    name: { column: 'name', direction: 'asc' }, '-name': { column: 'name', direction: 'desc' },
    createdAt: { column: 'createdAt', direction: 'asc' }, '-createdAt': { column: 'createdAt', direction: 'desc' },
  },
  defaultSort: 'name',
  async prepareCreate({ trx }, data) {
    checkLevels(data.escalationPercents);
    await aloneDefault(trx, data);
    return asJson(data);
  },
  async prepareUpdate({ trx, current }, patch) {
    checkLevels(patch.escalationPercents);
    await aloneDefault(trx, patch, current.id);
    return asJson(patch);
  },
  async prepareDelete({ trx, current }) {
    if (current.isDefault) throw new ConflictError(slaMessage('psa.sla.default-policy-delete'));
    const [{ count }] = await trx('psaContracts').where({ slaPolicyId: current.id }).count({ count: '*' });
    if (Number(count) > 0) throw new ConflictError(slaMessage('psa.sla.policy-in-use', { contracts: Number(count) }));
  },
};

const tag = () => crypto.randomBytes(4).toString('hex');

/** Valid policies for the permission matrix (tenant-wide: no owner of its own). */
export const slaPolicySample: RecordSample = {
  async insert(trx, owner) {
    const [row] = await trx('psaSlaPolicies').insert({ tenantId: owner.tenantId, name: `Contrat premium ${tag()}`, targets: JSON.stringify(DEFAULT_SLA_TARGETS), createdBy: owner.userId }).returning('id');
    return row.id;
  },
  createBody: async () => ({ name: `SLA or ${tag()}`, targets: DEFAULT_SLA_TARGETS, escalationPercents: [60, 85, 100] }),
  patch: { name: 'SLA argent' },
};
