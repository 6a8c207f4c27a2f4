import type { Knex } from 'knex';
import { ValidationError } from '../errors';
import { account, accountCreate, accountUpdate } from './account.schema';
import { billingSite, billingSiteCreate, billingSiteUpdate } from './billing-site.schema';
import { catalogueItem, catalogueItemCreate, catalogueItemUpdate } from './catalogue-item.schema';
import { contact, contactCreate, contactUpdate } from './contact.schema';
import type { RecordResource } from './record-resource';
import { site, siteCreate, siteUpdate } from './site.schema';
import { nextNumber } from './tenant-counter';
import { coreMessage } from '../i18n/core.messages';

const byName = { name: { column: 'name', direction: 'asc' }, '-name': { column: 'name', direction: 'desc' } } as const;
const byDates = {
  createdAt: { column: 'createdAt', direction: 'asc' }, '-createdAt': { column: 'createdAt', direction: 'desc' },
  updatedAt: { column: 'updatedAt', direction: 'asc' }, '-updatedAt': { column: 'updatedAt', direction: 'desc' },
} as const;

/** Contains-match on an unaccented, lower-cased expression (trigram-indexed). */
export function containsUnaccented(expression: string) {
  return (qb: Knex.QueryBuilder, term: string) => {
    const escaped = term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    qb.whereRaw(`${expression} like '%' || f_unaccent(?) || '%'`, [escaped]);
  };
}

async function requireSameAccount(trx: Knex.Transaction, table: string, id: unknown, accountId: unknown, field: string, what: 'site' | 'billing site' | 'contact'): Promise<void> {
  if (id === null || id === undefined) return;
  const found = await trx(table).where({ id, accountId }).first('id');
  if (!found) throw new ValidationError([{ field, message: coreMessage('field.same-account', { what }) }]);
}

async function userInTenant(trx: Knex.Transaction, id: unknown, field: string): Promise<void> {
  if (id === null || id === undefined) return;
  const found = await trx('users').where({ id }).first('id');
  if (!found) throw new ValidationError([{ field, message: coreMessage('field.no-such-user') }]);
}

export const accounts: RecordResource = {
  key: 'core.account', subject: 'Account', recordType: 'account', label: 'The account', table: 'accounts',
  createSchema: accountCreate, updateSchema: accountUpdate, outputSchema: account,
  bulkFields: ['status'],
  accountLink: 'self',
  filters: { status: 'status', ownerId: 'ownerId', supportUserId: 'supportUserId', city: 'city' },
  sorts: { ...byName, ...byDates, number: { column: 'number', direction: 'asc' }, '-number': { column: 'number', direction: 'desc' } },
  defaultSort: 'name',
  quickSearch: containsUnaccented('t.search_name'),
  async prepareCreate({ trx, principal, ownScopedOnly }, data) {
    // A sales rep who may only create their own accounts becomes the owner (spec 001).
    // Someone who may only create their own accounts becomes the owner (spec 001: "le client leur sera
    // automatiquement associé"); naming another owner is refused after the insert by the create check.
    if (data.ownerId === undefined) data.ownerId = ownScopedOnly || principal.type === 'internal' ? principal.userId : null;
    await userInTenant(trx, data.ownerId, 'ownerId');
    await userInTenant(trx, data.supportUserId, 'supportUserId');
    return { ...data, number: await nextNumber(trx, principal.tenantId, 'account') };
  },
  async prepareUpdate({ trx }, patch) {
    await userInTenant(trx, patch.ownerId, 'ownerId');
    await userInTenant(trx, patch.supportUserId, 'supportUserId');
    return patch;
  },
};

export const contacts: RecordResource = {
  key: 'core.contact', subject: 'Contact', recordType: 'contact', label: 'The contact', table: 'contacts',
  createSchema: contactCreate, updateSchema: contactUpdate, outputSchema: contact,
  accountLink: 'accountId',
  filters: { accountId: 'accountId' },
  sorts: { lastName: { column: 'lastName', direction: 'asc' }, '-lastName': { column: 'lastName', direction: 'desc' }, ...byDates },
  defaultSort: 'lastName',
  quickSearch: containsUnaccented('t.search_name'),
};

export const billingSites: RecordResource = {
  key: 'core.billing-site', subject: 'BillingSite', recordType: 'billing-site', label: 'The billing site', table: 'billing_sites',
  createSchema: billingSiteCreate, updateSchema: billingSiteUpdate, outputSchema: billingSite,
  accountLink: 'accountId',
  filters: { accountId: 'accountId' },
  sorts: { ...byName, ...byDates },
  defaultSort: 'name',
  quickSearch: containsUnaccented('f_unaccent(lower(t.name))'),
  async prepareCreate({ trx }, data) {
    await requireSameAccount(trx, 'contacts', data.billingContactId, data.accountId, 'billingContactId', 'contact');
    return data;
  },
  async prepareUpdate({ trx, current }, patch) {
    await requireSameAccount(trx, 'contacts', patch.billingContactId, current.accountId, 'billingContactId', 'contact');
    return patch;
  },
};

export const sites: RecordResource = {
  key: 'core.site', subject: 'Site', recordType: 'site', label: 'The site', table: 'sites',
  createSchema: siteCreate, updateSchema: siteUpdate, outputSchema: site,
  accountLink: 'accountId',
  filters: { accountId: 'accountId', billingSiteId: 'billingSiteId', city: 'city' },
  sorts: { ...byName, ...byDates },
  defaultSort: 'name',
  quickSearch: containsUnaccented('t.search_name'),
  async prepareCreate({ trx }, data) {
    await requireSameAccount(trx, 'billing_sites', data.billingSiteId, data.accountId, 'billingSiteId', 'billing site');
    return data;
  },
  async prepareUpdate({ trx, current }, patch) {
    await requireSameAccount(trx, 'billing_sites', patch.billingSiteId, current.accountId, 'billingSiteId', 'billing site');
    return patch;
  },
};

export const catalogueItems: RecordResource = {
  key: 'core.catalogue', subject: 'CatalogueItem', recordType: 'catalogue-item', label: 'The catalogue item', table: 'catalogue_items',
  createSchema: catalogueItemCreate, updateSchema: catalogueItemUpdate, outputSchema: catalogueItem,
  accountLink: null,
  filters: { kind: 'kind', active: 'active' },
  sorts: { ...byName, code: { column: 'code', direction: 'asc' }, ...byDates },
  defaultSort: 'name',
  quickSearch: containsUnaccented('f_unaccent(lower(t.name))'),
};
