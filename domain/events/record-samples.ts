import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { nextNumber } from '../core/tenant-counter';
import type { RecordSample, SampleOwner } from '../modules/vertical-module';

/**
 * Valid records of each events kind for a given owner (`RecordSample`): a
 * client is its sales contact's; a contract and an event are their client's
 * sales contact's, and an event is also assigned to its support contact.
 */
const tag = () => crypto.randomBytes(4).toString('hex');

async function insertClient(trx: Knex.Transaction, owner: SampleOwner): Promise<string> {
  const [row] = await trx('eventClients').insert({
    tenantId: owner.tenantId, number: await nextNumber(trx, owner.tenantId, 'event-client'), fullName: `Client exemple ${tag()}`, salesContactId: owner.userId,
  }).returning('id');
  return row.id;
}

async function insertContract(trx: Knex.Transaction, owner: SampleOwner, signed: boolean): Promise<string> {
  const [row] = await trx('eventContracts').insert({
    tenantId: owner.tenantId, number: await nextNumber(trx, owner.tenantId, 'event-contract'), clientId: await insertClient(trx, owner),
    totalAmountCents: 500_000, amountDueCents: 500_000, signed, signedAt: signed ? trx.fn.now() : null,
  }).returning('id');
  return row.id;
}

const inDays = (days: number, hour: number) => {
  const at = new Date(Date.now() + days * 86_400_000);
  at.setUTCHours(hour, 0, 0, 0);
  return at.toISOString();
};

export const clientSample: RecordSample = {
  insert: insertClient,
  // A sales contact gets their own clients by default; naming nobody makes it no one's.
  createBody: async (_trx, owner) => (owner.userId ? { fullName: `Client créé ${tag()}` } : { fullName: `Client créé ${tag()}`, salesContactId: null }),
  patch: { companyName: 'Société Exemple' },
};

export const contractSample: RecordSample = {
  insert: (trx, owner) => insertContract(trx, owner, false),
  createBody: async (trx, owner) => ({ clientId: await insertClient(trx, owner), totalAmountCents: 250_000 }),
  patch: { notes: 'Acompte demandé' },
};

export const eventSample: RecordSample = {
  async insert(trx, owner) {
    const [row] = await trx('eventEvents').insert({
      tenantId: owner.tenantId, number: await nextNumber(trx, owner.tenantId, 'event'), contractId: await insertContract(trx, owner, true),
      name: `Événement exemple ${tag()}`, startsAt: inDays(60, 12), endsAt: inDays(60, 22), supportContactId: owner.userId,
    }).returning('id');
    return row.id;
  },
  createBody: async (trx, owner) => ({ contractId: await insertContract(trx, owner, true), name: 'Séminaire', startsAt: inDays(90, 7), endsAt: inDays(90, 16) }),
  patch: { attendees: 80 },
};
