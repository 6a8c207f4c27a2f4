import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { nextNumber } from '../core/tenant-counter';
import type { RecordSample } from '../modules/vertical-module';
import { nirKey } from './nir';
import { sealNir } from './student-nir';

/**
 * A valid NIR made from its parts (sex, year, month, department, commune, order), its key computed: for samples,
 * tests and the demo (never a real person's: the order numbers are drawn, the key is what makes it valid).
 */
export function makeNir(parts: { sex: 1 | 2; year: number; month: number; department: string; commune: number; order: number }): string {
  const body = `${parts.sex}${String(parts.year % 100).padStart(2, '0')}${String(parts.month).padStart(2, '0')}${parts.department}`
    + `${String(parts.commune).padStart(3, '0')}${String(parts.order).padStart(3, '0')}`;
  return `${body}${nirKey(body)}`;
}

/** A random valid NIR (samples and tests: two calls practically never give the same one). */
export function randomNir(): string {
  return makeNir({
    sex: crypto.randomInt(1, 3) as 1 | 2, year: crypto.randomInt(1990, 2010), month: crypto.randomInt(1, 13),
    department: String(crypto.randomInt(1, 96)).padStart(2, '0').replace('20', '22'), commune: crypto.randomInt(1, 999), order: crypto.randomInt(1, 999),
  });
}

const tag = () => crypto.randomBytes(3).toString('hex');

/** Students for the permission matrix and examples: the organisation's (the registry has no owner: every grant is « all »). */
export const studentSample: RecordSample = {
  async insert(trx: Knex.Transaction, owner) {
    const [row] = await trx('schoolStudents').insert({
      tenantId: owner.tenantId, number: await nextNumber(trx, owner.tenantId, 'school-student'),
      lastName: `Exemple-${tag()}`, firstName: 'Camille', status: 'enrolled', cursus: 'Bachelor Business', promotion: 2027,
      ...sealNir(owner.tenantId, randomNir()), createdBy: owner.userId,
    }).returning('id');
    return row.id;
  },
  createBody: async () => ({ lastName: `Exemple-${tag()}`, firstName: 'Jean-Baptiste', nir: randomNir(), status: 'prospect', cursus: 'BTS NDRC', promotion: 2028 }),
  patch: { city: 'Rennes' },
};
