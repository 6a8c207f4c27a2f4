import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { RecordSample, SampleOwner } from '../modules/vertical-module';
import { ticketSample } from './ticket-samples';

/**
 * Valid time entries and pre-billing items for a given owner (the permission matrix): an entry is
 * its technician's (a sample colleague's when it is nobody's: an entry always has a technician), on
 * a ticket of the owner's account; a pre-billing item is pending on a closed ticket of the owner's
 * account. Nobody creates pre-billing items by hand (the closed tickets feed them).
 */
const tag = () => crypto.randomBytes(4).toString('hex');

/** A colleague nobody else uses, for entries that are not the caller's. */
async function sampleColleague(trx: Knex.Transaction, tenantId: string): Promise<string> {
  const [row] = await trx('users').insert({
    tenantId, email: `technicien-${tag()}@exemple.invalid`, displayName: `Technicien exemple ${tag()}`, type: 'internal', passwordHash: '!', active: true,
  }).returning('id');
  return row.id;
}

async function technicianOf(trx: Knex.Transaction, owner: SampleOwner): Promise<string> {
  return owner.userId ?? sampleColleague(trx, owner.tenantId);
}

export const timeEntrySample: RecordSample = {
  async insert(trx, owner) {
    const ticketId = await ticketSample.insert(trx, owner);
    const [row] = await trx('psaTimeEntries').insert({
      tenantId: owner.tenantId, ticketId, userId: await technicianOf(trx, owner), minutes: 30, kind: 'billable', description: 'Diagnostic à distance',
      hourlyRateCents: 9_000, priceCents: 4_500, createdBy: owner.userId,
    }).returning('id');
    return row.id;
  },
  async createBody(trx, owner) {
    const ticketId = await ticketSample.insert(trx, owner);
    return { ticketId, minutes: 45, kind: 'billable', description: 'Intervention sur site', ...(owner.userId ? {} : { userId: await sampleColleague(trx, owner.tenantId) }) };
  },
  patch: { description: 'Diagnostic et redémarrage du spouleur' },
};

export const prebillingSample: RecordSample = {
  async insert(trx, owner) {
    const ticketId = await ticketSample.insert(trx, owner);
    const ticket = (await trx('psaTickets').where({ id: ticketId }).update({ status: 'closed', closedAt: trx.fn.now() }).returning('accountId'))[0] as { accountId: string };
    const [row] = await trx('psaPrebillingItems').insert({
      tenantId: owner.tenantId, ticketId, accountId: ticket.accountId, minutes: 90, amountCents: 13_500, createdBy: owner.userId,
    }).returning('id');
    return row.id;
  },
  createBody: async (trx, owner) => ({ ticketId: await ticketSample.insert(trx, owner) }),
  patch: { status: 'excluded', excludedReason: 'Geste commercial' },
};
