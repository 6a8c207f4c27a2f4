import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { insertAccount } from '../core/record-samples';
import type { RecordSample, SampleOwner } from '../modules/vertical-module';

/** Fleets and lines for the permission matrix and examples: under an account that is the owner's. */
const tag = () => crypto.randomBytes(3).toString('hex');
/** A French mobile number no demo line uses (07 00 xx xx xx). */
const mobileNumber = () => `+3370${String(crypto.randomInt(0, 10_000_000)).padStart(7, '0')}`;

async function insertFleet(trx: Knex.Transaction, owner: SampleOwner): Promise<{ accountId: string; fleetId: string }> {
  const accountId = await insertAccount(trx, owner);
  const [row] = await trx('telecomFleets').insert({
    // An operator of its own: a client user's samples all go on its one company, where a fleet is unique per type and operator.
    tenantId: owner.tenantId, accountId, type: 'mobile', operatorKey: `sample-${tag()}`, name: `Mobile / Exemple ${tag()}`, createdBy: owner.userId,
  }).returning('id');
  return { accountId, fleetId: row.id };
}

export const fleetSample: RecordSample = {
  insert: async (trx, owner) => (await insertFleet(trx, owner)).fleetId,
  createBody: async (trx, owner) => ({ accountId: await insertAccount(trx, owner), type: 'cyber', operatorKey: `vendor-${tag()}` }),
  patch: { name: 'Mobile / Orange — siège' },
};

export const lineSample: RecordSample = {
  async insert(trx, owner) {
    const { accountId, fleetId } = await insertFleet(trx, owner);
    const [row] = await trx('telecomLines').insert({
      tenantId: owner.tenantId, accountId, fleetId, number: mobileNumber(), status: 'active', operatorKey: 'snaic', createdBy: owner.userId,
    }).returning('id');
    return row.id;
  },
  async createBody(trx, owner) {
    const { accountId, fleetId } = await insertFleet(trx, owner);
    return { accountId, fleetId, number: mobileNumber(), userName: 'Poste accueil' };
  },
  patch: { userName: 'Standard' },
};
