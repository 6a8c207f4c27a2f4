import crypto from 'node:crypto';
import { insertAccount } from '../core/record-samples';
import { numberFor } from '../core/tenant-counter';
import type { RecordSample } from '../modules/vertical-module';

/** Valid deployments for a given owner (the permission matrix): on an account of theirs, a one-off fee to bill. */
export const deploymentSample: RecordSample = {
  async insert(trx, owner) {
    const accountId = await insertAccount(trx, owner);
    const [row] = await trx('telecomDeployments').insert({
      tenantId: owner.tenantId, number: await numberFor(trx, owner.tenantId, 'telecom-deployment'), accountId,
      title: `Déploiement exemple ${crypto.randomBytes(4).toString('hex')}`, createdBy: owner.userId,
    }).returning('id');
    return row.id;
  },
  async createBody(trx, owner) {
    return {
      accountId: await insertAccount(trx, owner), title: `Déploiement créé ${crypto.randomBytes(4).toString('hex')}`, start: false,
      actions: [{ kind: 'add-fee', params: { label: 'Frais de mise en service', amountCents: 4_900 } }],
    };
  },
  patch: { studyNotes: 'Étude validée avec le client.' },
};
