import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { ValidationError } from '../errors';
import type { FilterFn, RecordResource } from '../core/record-resource';
import { insertAccount } from '../core/record-samples';
import { containsUnaccented } from '../core/resources';
import { coreMessage } from '../i18n/core.messages';
import type { RecordSample } from '../modules/vertical-module';
import { machine, machineCreate, machineUpdate } from './machine.schema';
import { machinesMessage as m } from './machines.messages';

/**
 * Machines (`psa.machine`, `/api/v1/psa/machines`): a client's computers and servers, on the account
 * panel and linked from its tickets; the RMM agent (a later issue) will keep them up to date and
 * raise alerts (alert-intake.ts). Ownership is the account's: a client user reads its company's.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function refFilter(field: string, column: string): FilterFn {
  return (qb, value) => {
    if (!UUID.test(value)) throw new ValidationError([{ field, message: coreMessage('field.uuid') }]);
    qb.where(column, value);
  };
}

async function checkSite(trx: Knex.Transaction, siteId: unknown, accountId: unknown): Promise<void> {
  if (siteId === undefined || siteId === null) return;
  if (!await trx('sites').where({ id: siteId, accountId }).first('id')) throw new ValidationError([{ field: 'siteId', message: m('psa.machines.no-such-site') }]);
}

export const psaMachines: RecordResource = {
  key: 'psa.machine', subject: 'PsaMachine', recordType: 'psa-machine', label: 'La machine', table: 'psa_machines',
  createSchema: machineCreate, updateSchema: machineUpdate, outputSchema: machine,
  accountLink: 'accountId',
  ownership: {
    joins: (qb, trx) => {
      qb.join('accounts as a', 'a.id', 't.accountId').leftJoin('sites as s', 's.id', 't.siteId')
        .select('a.name as accountName', 's.name as siteName',
          trx.raw("(select count(*)::int from psa_tickets tk where tk.machine_id = t.id and tk.status not in ('resolved', 'closed')) as open_tickets"));
    },
    owner: 'a.ownerId', support: 'a.supportUserId', account: 't.accountId',
  },
  filters: { accountId: refFilter('accountId', 't.accountId'), siteId: refFilter('siteId', 't.siteId') },
  sorts: {
    hostname: { column: 'hostname', direction: 'asc' }, '-hostname': { column: 'hostname', direction: 'desc' },
    createdAt: { column: 'createdAt', direction: 'asc' }, '-createdAt': { column: 'createdAt', direction: 'desc' },
    lastHeartbeatAt: { column: 'lastHeartbeatAt', direction: 'asc' }, '-lastHeartbeatAt': { column: 'lastHeartbeatAt', direction: 'desc' },
  },
  defaultSort: 'hostname',
  quickSearch: containsUnaccented("f_unaccent(lower(t.hostname || ' ' || coalesce(t.os_name, '') || ' ' || a.name))"),
  async prepareCreate({ trx }, data) {
    await checkSite(trx, data.siteId, data.accountId);
    return data;
  },
  async prepareUpdate({ trx, current }, patch) {
    await checkSite(trx, patch.siteId, current.accountId);
    return { ...patch, updatedAt: trx.fn.now() };
  },
};

const tag = () => crypto.randomBytes(3).toString('hex').toUpperCase();

/** Machines for the permission matrix: under an account that is the owner's. */
export const machineSample: RecordSample = {
  async insert(trx, owner) {
    const accountId = await insertAccount(trx, owner);
    const [row] = await trx('psaMachines').insert({ tenantId: owner.tenantId, accountId, hostname: `PC-ACCUEIL-${tag()}`, osName: 'Windows 11 Pro', createdBy: owner.userId }).returning('id');
    return row.id;
  },
  createBody: async (trx, owner) => ({ accountId: await insertAccount(trx, owner), hostname: `SRV-FICHIERS-${tag()}`, osName: 'Windows Server 2022', ramTotalMb: 32_768 }),
  patch: { osName: 'Windows 11 Pro 24H2' },
};
