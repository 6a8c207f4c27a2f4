import crypto from 'node:crypto';
import { insertAccount } from '../core/record-samples';
import { numberFor } from '../core/tenant-counter';
import type { RecordSample } from '../modules/vertical-module';

/** Valid missions for a given owner (the permission matrix): its lead and its auditor, on an account of theirs; nobody's has neither. */
export const missionSample: RecordSample = {
  async insert(trx, owner) {
    const accountId = await insertAccount(trx, owner);
    const [row] = await trx('auditMissions').insert({
      tenantId: owner.tenantId, number: await numberFor(trx, owner.tenantId, 'audit-mission'), accountId,
      title: `Audit exemple ${crypto.randomBytes(4).toString('hex')}`, scopes: ['network'],
      leadId: owner.userId, auditorIds: owner.userId ? [owner.userId] : [], createdBy: owner.userId,
    }).returning('id');
    return row.id;
  },
  async createBody(trx, owner) {
    return {
      accountId: await insertAccount(trx, owner), title: `Audit créé ${crypto.randomBytes(4).toString('hex')}`, scopes: ['servers', 'awareness'],
      leadId: owner.userId, auditorIds: owner.userId ? [owner.userId] : [],
    };
  },
  patch: { summary: 'Périmètre confirmé avec le client.' },
};
