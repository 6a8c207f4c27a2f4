import crypto from 'node:crypto';
import { insertAccount } from '../core/record-samples';
import { nextNumber } from '../core/tenant-counter';
import type { RecordSample } from '../modules/vertical-module';

/**
 * Valid tickets for a given owner (the permission matrix): under an account that is the owner's
 * (sales owner and assigned support), assigned to the owner; a body `POST /psa/tickets` accepts
 * under such an account (what the portal sends: no assignment).
 */
const tag = () => crypto.randomBytes(4).toString('hex');

export const ticketSample: RecordSample = {
  async insert(trx, owner) {
    const accountId = await insertAccount(trx, owner);
    const [row] = await trx('psaTickets').insert({
      tenantId: owner.tenantId, accountId, number: await nextNumber(trx, owner.tenantId, 'psa-ticket'), title: `Imprimante hors ligne ${tag()}`,
      priority: 'normal', assigneeId: owner.userId, createdBy: owner.userId,
    }).returning('id');
    return row.id;
  },
  createBody: async (trx, owner) => ({ accountId: await insertAccount(trx, owner), title: `Messagerie bloquée ${tag()}`, priority: 'high' }),
  patch: { description: 'Le poste de l’accueil ne voit plus l’imprimante réseau.' },
};
