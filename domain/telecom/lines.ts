import type { Knex } from 'knex';
import { ValidationError } from '../errors';
import type { FilterFn, RecordResource } from '../core/record-resource';
import { coreMessage } from '../i18n/core.messages';
import { hierarchyMessage as m } from './hierarchy.messages';
import { refFilter, sameAccount } from './hierarchy-refs';
import { line, lineCreate, lineUpdate, LINE_STATUSES, normaliseLineNumber, type LineStatus } from './line.schema';
import { linePrices, offerRefusal, type LineFacts } from './line-rules';
import { offerFacts } from './offers';
import { operatorPort } from './fleet-kinds';

/**
 * Lines / services (`telecom.line`, `/api/v1/telecom/lines`, spec 002 §5.3) on the generic record service:
 * list (cursor paging; filters status, fleetId, accountId, planId, siteId, billingSiteId), read, create,
 * history. Their plan, options and status change through line-actions.ts only; a line is never deleted.
 * Ownership is the account's: a client user reads its company's lines.
 */
const statusFilter: FilterFn = (qb, value) => {
  const wanted = value.split(',');
  if (!wanted.every((s) => (LINE_STATUSES as readonly string[]).includes(s))) {
    throw new ValidationError([{ field: 'status', message: coreMessage('field.one-of', { values: LINE_STATUSES }) }]);
  }
  qb.whereIn('t.status', wanted as LineStatus[]);
};

/** The fleet, account and site of a new line agree, and its number is written as stored (E.164 for phones). */
async function placeLine(trx: Knex.Transaction, data: Record<string, unknown>): Promise<Record<string, unknown>> {
  const fleet = await trx('telecomFleets').where({ id: data.fleetId, accountId: data.accountId }).first('type', 'operatorKey', 'siteId', 'billingSiteId');
  if (!fleet) throw new ValidationError([{ field: 'fleetId', message: m('telecom.hierarchy.no-such-fleet') }]);
  const number = normaliseLineNumber(fleet.type, String(data.number));
  if (!number) throw new ValidationError([{ field: 'number', message: m('telecom.lines.number-invalid') }]);
  if (await trx('telecomLines').where({ number }).whereNot('status', 'terminated').first('id')) {
    throw new ValidationError([{ field: 'number', message: m('telecom.lines.number-taken') }]);
  }
  await sameAccount(trx, 'sites', data.siteId, data.accountId, 'siteId');
  await sameAccount(trx, 'billingSites', data.billingSiteId, data.accountId, 'billingSiteId');
  const profile = await trx('telecomAccountProfiles').where({ accountId: data.accountId }).first('brandId');
  const facts: LineFacts = {
    status: 'pending', planId: null, optionIds: [], fleetType: fleet.type, fleetOperatorKey: fleet.operatorKey,
    brandId: profile?.brandId ?? null, activatedOn: null,
  };
  const optionIds = [...new Set((data.optionIds as string[] | undefined) ?? [])];
  const offers = await offerFacts(trx, [...(data.planId ? [data.planId as string] : []), ...optionIds]);
  if (data.planId) {
    const refusal = offerRefusal(facts, offers.get(data.planId as string), 'plan', 'planId');
    if (refusal) throw new ValidationError([refusal]);
  }
  if (optionIds.length && !data.planId) throw new ValidationError([{ field: 'optionIds', message: m('telecom.lines.option-needs-plan') }]);
  for (const id of optionIds) {
    const refusal = offerRefusal(facts, offers.get(id), 'option', 'optionIds');
    if (refusal) throw new ValidationError([refusal]);
  }
  const prices = linePrices(data.planId ? offers.get(data.planId as string) : undefined, optionIds.map((id) => offers.get(id)!));
  return {
    ...data, number, optionIds, ...prices, status: 'pending', operatorKey: operatorPort(fleet.operatorKey),
    siteId: data.siteId === undefined ? fleet.siteId : data.siteId,
    billingSiteId: data.billingSiteId === undefined ? fleet.billingSiteId : data.billingSiteId,
    operatorRefs: JSON.stringify(data.operatorRefs ?? {}), billingRefs: JSON.stringify(data.billingRefs ?? {}),
  };
}

export const telecomLines: RecordResource = {
  key: 'telecom.line', subject: 'TelecomLine', recordType: 'telecom-line', label: 'La ligne', table: 'telecom_lines',
  createSchema: lineCreate, updateSchema: lineUpdate, outputSchema: line,
  accountLink: 'accountId',
  ownership: {
    joins: (qb, trx) => {
      qb.join('accounts as a', 'a.id', 't.accountId')
        .join('telecomFleets as f', 'f.id', 't.fleetId')
        .leftJoin('telecomAccountProfiles as ap', 'ap.accountId', 't.accountId')
        .leftJoin('catalogueItems as pl', 'pl.id', 't.planId')
        .select('a.name as accountName', 'f.name as fleetName', 'f.type as fleetType', 'f.operatorKey as fleetOperatorKey',
          'ap.brandId as brandId', 'pl.name as planName',
          // The kind of an order placed at the operator and not confirmed yet (a bulk « chez l'opérateur », a deployment's step), by the pending orders' index.
          trx.raw(`(select o.kind from telecom_operator_orders o where o.tenant_id = t.tenant_id and o.operator_key = t.operator_key
            and o.operator_line_id = t.operator_refs ->> 'lineId' and o.status = 'pending' order by o.placed_at desc limit 1) as pending_order_kind`));
    },
    owner: 'a.ownerId', support: 'a.supportUserId', account: 't.accountId',
  },
  filters: {
    status: statusFilter,
    fleetId: refFilter('fleetId', 't.fleetId'),
    accountId: refFilter('accountId', 't.accountId'),
    planId: refFilter('planId', 't.planId'),
    siteId: refFilter('siteId', 't.siteId'),
    billingSiteId: refFilter('billingSiteId', 't.billingSiteId'),
  },
  sorts: {
    number: { column: 'number', direction: 'asc', text: true }, '-number': { column: 'number', direction: 'desc', text: true },
    createdAt: { column: 'createdAt', direction: 'asc' }, '-createdAt': { column: 'createdAt', direction: 'desc' },
    updatedAt: { column: 'updatedAt', direction: 'asc' }, '-updatedAt': { column: 'updatedAt', direction: 'desc' },
  },
  defaultSort: 'number',
  quickSearch: (qb, term) => {
    const escaped = term.toLowerCase().replace(/[\\%_ ]/g, (c) => (c === ' ' ? '' : `\\${c}`));
    qb.where((w) => w.whereRaw("t.number like '%' || ? || '%'", [escaped.replace(/^0/, '')])
      .orWhereRaw("f_unaccent(lower(coalesce(t.user_name, ''))) like '%' || f_unaccent(?) || '%'", [escaped]));
  },
  async prepareCreate({ trx }, data) {
    return placeLine(trx, data);
  },
  async prepareUpdate({ trx, current }, patch) {
    await sameAccount(trx, 'sites', patch.siteId, current.accountId, 'siteId');
    await sameAccount(trx, 'billingSites', patch.billingSiteId, current.accountId, 'billingSiteId');
    return patch;
  },
  async prepareDelete() {
    throw new ValidationError([{ field: 'id', message: m('telecom.lines.not-deleted') }]);
  },
};
