import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { RecordSample, SampleOwner } from '../modules/vertical-module';
import { nextNumber } from './tenant-counter';

/**
 * Valid records of each core kind for a given owner (`vertical-module.ts`
 * RecordSample): the account carries the ownership facts (owner and assigned
 * support), the records under it follow their account.
 */
const tag = () => crypto.randomBytes(4).toString('hex');

/** The company of a client user (their own records are its records: ability.ts scopeConditions), else null. */
export async function clientCompanyOf(trx: Knex.Transaction, owner: SampleOwner): Promise<string | null> {
  if (!owner.userId) return null;
  const user = await trx('users').where({ id: owner.userId, type: 'client' }).whereNotNull('accountId').first('accountId');
  return (user?.accountId as string | undefined) ?? null;
}

/** An account that is `owner`'s: one they own and support, or, for a client user, their company (naming them owner of another opens nothing). */
export async function insertAccount(trx: Knex.Transaction, owner: SampleOwner): Promise<string> {
  const company = await clientCompanyOf(trx, owner);
  if (company) return company;
  const [row] = await trx('accounts').insert({
    tenantId: owner.tenantId, number: await nextNumber(trx, owner.tenantId, 'account'), name: `Compte exemple ${tag()}`,
    ownerId: owner.userId, supportUserId: owner.userId, createdBy: owner.userId,
  }).returning('id');
  return row.id;
}

/** A record under an account: the account is written first, as `owner`'s. */
function underAccount(table: string, fields: () => Record<string, unknown>, patch: Record<string, unknown>): RecordSample {
  return {
    async insert(trx, owner) {
      const accountId = await insertAccount(trx, owner);
      const [row] = await trx(table).insert({ tenantId: owner.tenantId, accountId, ...fields() }).returning('id');
      return row.id;
    },
    async createBody(trx, owner) {
      return { accountId: await insertAccount(trx, owner), ...fields() };
    },
    patch,
  };
}

export const accountSample: RecordSample = {
  insert: insertAccount,
  // Someone who may create accounts for others leaves the owner out by naming nobody.
  createBody: async (_trx, owner) => (owner.userId ? { name: `Compte créé ${tag()}` } : { name: `Compte créé ${tag()}`, ownerId: null }),
  patch: { city: 'Nantes' },
};

export const contactSample = underAccount('contacts', () => ({ firstName: 'Camille', lastName: `Exemple ${tag()}` }), { jobTitle: 'Gérante' });
export const siteSample = underAccount('sites', () => ({ name: `Site exemple ${tag()}` }), { city: 'Angers' });
export const billingSiteSample = underAccount('billing_sites', () => ({ name: `Facturation exemple ${tag()}` }), { city: 'Tours' });

/** A catalogue item is its creator's: no body makes it someone else's. */
export const catalogueItemSample: RecordSample = {
  async insert(trx, owner) {
    const [row] = await trx('catalogueItems').insert({
      tenantId: owner.tenantId, kind: 'service', code: `EX-${tag()}`, name: 'Prestation exemple', unitPriceCents: 12_000, createdBy: owner.userId,
    }).returning('id');
    return row.id;
  },
  createBody: async (_trx, owner) => (owner.userId ? { kind: 'service', code: `EX-${tag()}`, name: 'Prestation créée', unitPriceCents: 9_900 } : null),
  patch: { description: 'Mise à jour' },
};
