import type { Knex } from 'knex';
import { billingSubscriptions } from '../billing/subscriptions';
import { subscriptionCreate } from '../billing/subscription.schema';
import type { FilterFn, RecordResource } from '../core/record-resource';
import { createRecord } from '../core/record-service';
import { insertAccount } from '../core/record-samples';
import { containsUnaccented } from '../core/resources';
import { numberFor } from '../core/tenant-counter';
import { ConflictError, ValidationError } from '../errors';
import { coreMessage } from '../i18n/core.messages';
import { issueMessage } from '../i18n/zod-issues';
import { buildAbility, type Principal } from '../identity/ability';
import type { RecordSample } from '../modules/vertical-module';
import { contract, contractCreate, contractStatus, contractType, contractUpdate, type AlertThreshold } from './contract.schema';
import { contractsMessage as m } from './contracts.messages';

/**
 * MSP contracts (`psa.contract`) on the generic record service: list (filters `type`, `status`,
 * `accountId`), read, create, change, history. Ownership follows the client account: its owner and
 * assigned support; a client user reads its own company's contracts. What moves hours (packs,
 * approved time) is in contract-actions.ts and hour-ledger.ts, never a PATCH: `remainingMinutes`
 * and `purchasedMinutes` are the ledger's.
 */
type Row = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function accountFilter(field: string): FilterFn {
  return (qb, value) => {
    if (!UUID.test(value)) throw new ValidationError([{ field, message: coreMessage('field.uuid') }]);
    qb.where('t.accountId', value);
  };
}
function enumFilter(field: string, column: string, values: readonly string[], message: 'psa.contracts.type-filter' | 'psa.contracts.status-filter'): FilterFn {
  return (qb, value) => {
    const wanted = value.split(',').map((v) => v.trim()).filter(Boolean);
    if (!wanted.length || wanted.some((v) => !values.includes(v))) throw new ValidationError([{ field, message: m(message) }]);
    qb.whereIn(column, wanted);
  };
}

/** The references a contract names must exist in the organisation (and the contact at the client). */
async function checkReferences(trx: Knex.Transaction, merged: Row): Promise<void> {
  if (merged.accountManagerId) {
    const user = await trx('users').where({ id: merged.accountManagerId, active: true }).first('id');
    if (!user) throw new ValidationError([{ field: 'accountManagerId', message: m('psa.contracts.no-such-user') }]);
  }
  if (merged.clientContactId) {
    const contact = await trx('contacts').where({ id: merged.clientContactId, accountId: merged.accountId }).first('id');
    if (!contact) throw new ValidationError([{ field: 'clientContactId', message: m('psa.contracts.no-such-contact') }]);
  }
  for (const [field, table] of [['slaPolicyId', 'psaSlaPolicies'], ['opportunityId', 'psaOpportunities'], ['quoteId', 'billingQuotes']] as const) {
    if (merged[field] && !(await trx(table).where({ id: merged[field] }).first('id'))) {
      throw new ValidationError([{ field, message: m('psa.contracts.no-such-reference') }]);
    }
  }
  if (merged.subscriptionId) {
    const subscription = await trx('billingSubscriptions').where({ id: merged.subscriptionId, accountId: merged.accountId }).first('id');
    if (!subscription) throw new ValidationError([{ field: 'subscriptionId', message: m('psa.contracts.subscription-other-account') }]);
  }
}

/** Each type's own fields: a pack on an hour bank only, a subscription on a subscription contract only. */
function checkType(merged: Row): void {
  const type = merged.type as string;
  if (type === 'hour-bank' && !merged.packMinutes) throw new ValidationError([{ field: 'packMinutes', message: m('psa.contracts.pack-minutes-required') }]);
  if (type !== 'hour-bank') {
    for (const field of ['packMinutes', 'packPriceCents'] as const) {
      if (merged[field] !== null && merged[field] !== undefined) throw new ValidationError([{ field, message: m('psa.contracts.hour-bank-only') }]);
    }
    if ((merged.alertThresholds as AlertThreshold[] | undefined)?.length) throw new ValidationError([{ field: 'alertThresholds', message: m('psa.contracts.hour-bank-only') }]);
  }
  if (type !== 'subscription' && merged.subscriptionId) throw new ValidationError([{ field: 'subscriptionId', message: m('psa.contracts.subscription-only') }]);
  if (merged.endDate && String(merged.endDate) < String(merged.startDate)) throw new ValidationError([{ field: 'endDate', message: m('psa.contracts.end-before-start') }]);
}

/** A subscription contract's billing subscription, made with it (the caller's billing permissions apply). */
async function createSubscription(trx: Knex.Transaction, principal: Principal, data: Row): Promise<string> {
  const input = data.subscription as { frequency: string; basis: string; quantity: number; description: string; unitPriceCents: number; vatRateBasisPoints: number; mode: string };
  const ctx = { trx, principal, ability: buildAbility(principal) };
  const parsed = subscriptionCreate.safeParse({
    accountId: data.accountId, name: data.name, frequency: input.frequency, basis: input.basis, quantity: input.basis === 'flat' ? 1 : input.quantity,
    startDate: data.startDate, endDate: data.endDate ?? null, mode: input.mode,
    lines: [{ description: input.description, quantity: 1, unit: 'MON', unitPriceCents: input.unitPriceCents, vatRateBasisPoints: input.vatRateBasisPoints }],
  });
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ field: `subscription.${i.path.join('.')}`, message: issueMessage(i) })));
  const created = await createRecord(ctx, billingSubscriptions, parsed.data);
  return String(created.id);
}

export const psaContracts: RecordResource = {
  key: 'psa.contract', subject: 'PsaContract', recordType: 'psa-contract', label: 'Le contrat', table: 'psa_contracts',
  createSchema: contractCreate, updateSchema: contractUpdate, outputSchema: contract,
  accountLink: 'accountId',
  bulkFields: ['accountManagerId', 'status'],
  ownership: {
    joins: (qb) => {
      qb.join('accounts as a', 'a.id', 't.accountId').leftJoin('users as am', 'am.id', 't.accountManagerId')
        .select('a.name as accountName', 'am.displayName as accountManagerName');
    },
    owner: 'a.ownerId', support: 'a.supportUserId', account: 't.accountId',
  },
  filters: {
    type: enumFilter('type', 't.type', contractType.options, 'psa.contracts.type-filter'),
    status: enumFilter('status', 't.status', contractStatus.options, 'psa.contracts.status-filter'),
    accountId: accountFilter('accountId'),
    accountManagerId: 'accountManagerId',
    subscriptionId: 'subscriptionId',
  },
  sorts: {
    number: { column: 'number', direction: 'asc' }, '-number': { column: 'number', direction: 'desc' },
    createdAt: { column: 'createdAt', direction: 'asc' }, '-createdAt': { column: 'createdAt', direction: 'desc' },
    remainingMinutes: { column: 'remainingMinutes', direction: 'asc' }, '-remainingMinutes': { column: 'remainingMinutes', direction: 'desc' },
    startDate: { column: 'startDate', direction: 'asc' }, '-startDate': { column: 'startDate', direction: 'desc' },
  },
  defaultSort: '-number',
  quickSearch: containsUnaccented("f_unaccent(lower(t.name || ' ' || a.name))"),
  async prepareCreate({ trx, principal }, data) {
    const { subscription, ...rest } = data;
    checkType(rest);
    if (subscription && rest.type !== 'subscription') throw new ValidationError([{ field: 'subscription', message: m('psa.contracts.subscription-only') }]);
    if (rest.type === 'subscription' && !subscription && !rest.subscriptionId) throw new ValidationError([{ field: 'subscriptionId', message: m('psa.contracts.subscription-needed') }]);
    await checkReferences(trx, rest);
    const subscriptionId = subscription ? await createSubscription(trx, principal, data) : rest.subscriptionId ?? null;
    return {
      ...rest, subscriptionId, alertThresholds: JSON.stringify(rest.alertThresholds ?? []),
      number: await numberFor(trx, principal.tenantId, 'psa-contract'),
    };
  },
  async prepareUpdate({ trx, current }, patch) {
    const merged = { ...current, ...patch };
    checkType(merged);
    await checkReferences(trx, { ...patch, accountId: current.accountId });
    return { ...patch, ...(patch.alertThresholds ? { alertThresholds: JSON.stringify(patch.alertThresholds) } : {}) };
  },
  async prepareDelete({ trx, current }) {
    // A contract with hours in its ledger or time counted on it keeps them: it is ended, never deleted.
    const used = await trx('psaHourMovements').where({ contractId: current.id }).first('id')
      ?? await trx('psaTimeEntries').where({ contractId: current.id }).first('id')
      ?? await trx('psaTickets').where({ contractId: current.id }).first('id');
    if (used) throw new ConflictError(m('psa.contracts.in-use', { number: Number(current.number) }));
  },
};

/** Valid contracts for a given owner (the permission matrix): an hour bank of 10 h under the owner's account. */
export const contractSample: RecordSample = {
  async insert(trx, owner) {
    const accountId = await insertAccount(trx, owner);
    const [row] = await trx('psaContracts').insert({
      tenantId: owner.tenantId, number: await numberFor(trx, owner.tenantId, 'psa-contract'), accountId, name: 'Banque d\'heures exemple', type: 'hour-bank',
      startDate: '2026-01-01', packMinutes: 600, packPriceCents: 80_000, hourlyRateCents: 9_000, createdBy: owner.userId,
    }).returning('id');
    return row.id;
  },
  createBody: async (trx, owner) => ({
    accountId: await insertAccount(trx, owner), name: 'Banque d\'heures créée', type: 'hour-bank', startDate: '2026-01-01',
    packMinutes: 600, packPriceCents: 80_000, hourlyRateCents: 9_000, alertThresholds: [{ percent: 20 }, { minutes: 120 }],
  }),
  patch: { notes: 'Renouvelable par tacite reconduction' },
};
