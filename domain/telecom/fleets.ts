import { ValidationError } from '../errors';
import type { FilterFn, RecordResource } from '../core/record-resource';
import { coreMessage } from '../i18n/core.messages';
import { fleetName } from './fleet-kinds';
import { fleet, fleetCreate, fleetUpdate, FLEET_TYPE_VALUES } from './fleet.schema';
import { hierarchyMessage as m } from './hierarchy.messages';
import { refFilter, sameAccount } from './hierarchy-refs';

/**
 * Fleets (`telecom.fleet`, `/api/v1/telecom/fleets`, spec 002 §5.2): a client's lines grouped by TYPE +
 * OPERATOR on a site, named « Mobile / Orange » unless named otherwise; each answers its lines in service.
 */
const typeFilter: FilterFn = (qb, value) => {
  if (!(FLEET_TYPE_VALUES as readonly string[]).includes(value)) throw new ValidationError([{ field: 'type', message: coreMessage('field.one-of', { values: FLEET_TYPE_VALUES }) }]);
  qb.where('t.type', value);
};

export const telecomFleets: RecordResource = {
  key: 'telecom.fleet', subject: 'TelecomFleet', recordType: 'telecom-fleet', label: 'Le parc', table: 'telecom_fleets',
  createSchema: fleetCreate, updateSchema: fleetUpdate, outputSchema: fleet,
  accountLink: 'accountId',
  ownership: {
    joins: (qb, trx) => {
      qb.join('accounts as a', 'a.id', 't.accountId').leftJoin('sites as s', 's.id', 't.siteId')
        .select('a.name as accountName', 's.name as siteName',
          trx.raw("(select count(*)::int from telecom_lines l where l.fleet_id = t.id and l.status <> 'terminated') as line_count"));
    },
    owner: 'a.ownerId', support: 'a.supportUserId', account: 't.accountId',
  },
  filters: { accountId: refFilter('accountId', 't.accountId'), siteId: refFilter('siteId', 't.siteId'), type: typeFilter },
  sorts: {
    name: { column: 'name', direction: 'asc' }, '-name': { column: 'name', direction: 'desc' },
    createdAt: { column: 'createdAt', direction: 'asc' }, '-createdAt': { column: 'createdAt', direction: 'desc' },
  },
  defaultSort: 'name',
  quickSearch: (qb, term) => { qb.whereRaw("f_unaccent(lower(t.name)) like '%' || f_unaccent(?) || '%'", [term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)]); },
  async prepareCreate({ trx }, data) {
    await sameAccount(trx, 'sites', data.siteId, data.accountId, 'siteId');
    await sameAccount(trx, 'billingSites', data.billingSiteId, data.accountId, 'billingSiteId');
    const taken = await trx('telecomFleets').where({ accountId: data.accountId, type: data.type, operatorKey: data.operatorKey })
      .where((w) => (data.siteId ? w.where('siteId', data.siteId as string) : w.whereNull('siteId'))).first('id');
    if (taken) throw new ValidationError([{ field: 'operatorKey', message: m('telecom.hierarchy.fleet-taken') }]);
    return { ...data, name: data.name || fleetName(data.type as never, String(data.operatorKey)) };
  },
  async prepareUpdate({ trx, current }, patch) {
    await sameAccount(trx, 'sites', patch.siteId, current.accountId, 'siteId');
    await sameAccount(trx, 'billingSites', patch.billingSiteId, current.accountId, 'billingSiteId');
    if (patch.name === null || patch.name === '') patch.name = fleetName(current.type as never, String(current.operatorKey));
    return patch;
  },
};
