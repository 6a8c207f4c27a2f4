import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { RecordSample, SampleOwner } from '../modules/vertical-module';

/**
 * Valid planning records for a given owner (`RecordSample`, the permission matrix): an entry in the
 * owner's agenda, or in the agenda of a person of their own (in no team) when it is nobody's; each
 * sample at its own hour, far in the future, so that samples never overlap.
 */
const tag = () => crypto.randomBytes(4).toString('hex');
let slot = 0;
function nextPeriod(): { startsAt: string; endsAt: string } {
  const hours = (slot++) * 2 + crypto.randomInt(0, 400_000) * 2;
  const start = new Date(Date.UTC(2040, 0, 1) + hours * 3_600_000);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString() };
}

async function personOf(trx: Knex.Transaction, owner: SampleOwner): Promise<string> {
  if (owner.userId) return owner.userId;
  const [row] = await trx('users').insert({
    tenantId: owner.tenantId, email: `agenda-${tag()}@example.test`, displayName: `Personne ${tag()}`, type: 'internal', passwordHash: 'x',
  }).returning('id');
  return row.id;
}

const fields = () => ({ kind: 'appointment', title: `Rendez-vous ${tag()}`, ...nextPeriod() });

export const entrySample: RecordSample = {
  async insert(trx, owner) {
    const [row] = await trx('planningEntries').insert({ tenantId: owner.tenantId, userId: await personOf(trx, owner), ...fields(), createdBy: owner.userId }).returning('id');
    return row.id;
  },
  createBody: async (trx, owner) => ({ userId: await personOf(trx, owner), ...fields() }),
  patch: { notes: 'Apporter le portable de prêt' },
};

export const teamSample: RecordSample = {
  async insert(trx, owner) {
    const [row] = await trx('planningTeams').insert({ tenantId: owner.tenantId, name: `Équipe ${tag()}`, createdBy: owner.userId }).returning('id');
    return row.id;
  },
  createBody: async () => ({ name: `Équipe ${tag()}` }),
  patch: { color: '#1565c0' },
};
