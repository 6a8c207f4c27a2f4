import type { Knex } from 'knex';
import type { FilterFn, RecordResource } from '../core/record-resource';
import { keepCounterAhead, nextNumber } from '../core/tenant-counter';
import { ForbiddenError, ValidationError } from '../errors';
import { coreMessage } from '../i18n/core.messages';
import { checkNir } from './nir';
import { registryMessage } from './registry.messages';
import { student, studentCreate, studentUpdate, STUDENT_STATUSES, type StudentStatus } from './student.schema';
import { MASKED_NIR_SQL, nirHashOf, refuseTakenNir, sealNir } from './student-nir';

/**
 * The registry's students (`school.student`, `/api/v1/school/students`, spec 004) on the generic record service:
 * list (cursor paging; filters status, promotion, cursus, companyId, nir; `q` on names), read, create, update,
 * delete, history. Every write passes here (prepareCreate / prepareUpdate): the NIR is checked by the schema,
 * sealed, hashed and refused when another student holds it. A row never answers it in clear (`nir` is masked).
 */
const statusFilter: FilterFn = (qb, value) => {
  const wanted = value.split(',');
  if (!wanted.every((s) => (STUDENT_STATUSES as readonly string[]).includes(s))) {
    throw new ValidationError([{ field: 'status', message: coreMessage('field.one-of', { values: STUDENT_STATUSES }) }]);
  }
  qb.whereIn('t.status', wanted as StudentStatus[]);
};

const promotionFilter: FilterFn = (qb, value) => {
  const years = value.split(',');
  if (!years.every((y) => /^\d{4}$/.test(y))) throw new ValidationError([{ field: 'promotion', message: registryMessage('school.registry.promotion') }]);
  qb.whereIn('t.promotion', years.map(Number));
};

/** Who may look a student up by NIR: who may read it masked at least (a teacher may not learn whether someone is enrolled by it). */
export const NIR_GROUP = 'school.student.nir';

/** By NIR: the input is checked and hashed, matched exactly on the lookup hash (never a search of the NIR itself). */
const nirFilter: FilterFn = (qb, value, principal) => {
  if (!principal.grants.some((g) => g.permission === `${NIR_GROUP}.read`)) throw new ForbiddenError(registryMessage('school.registry.nir-filter-forbidden'));
  const checked = checkNir(value);
  if (!checked.ok) throw new ValidationError([{ field: 'nir', message: registryMessage(checked.reason === 'nir-format' ? 'school.registry.nir-format' : 'school.registry.nir-key') }]);
  qb.where('t.nirHash', nirHashOf(principal.tenantId, checked.nir));
};

/** An employer named is one of the organisation's accounts (row-level security keeps it to this one). */
async function checkCompany(trx: Knex.Transaction, companyId: unknown): Promise<void> {
  if (companyId === undefined || companyId === null) return;
  if (!await trx('accounts').where({ id: companyId }).first('id')) {
    throw new ValidationError([{ field: 'companyId', message: registryMessage('school.registry.no-such-company') }]);
  }
}

/** The NIR given (checked and normalised by the schema) as its stored columns, after refusing a taken one. */
async function nirColumns(trx: Knex.Transaction, tenantId: string, data: Record<string, unknown>, exceptId?: string): Promise<Record<string, unknown>> {
  const { nir, ...rest } = data;
  if (nir === undefined) return rest;
  const sealed = sealNir(tenantId, String(nir));
  await refuseTakenNir(trx, tenantId, sealed.nirHash, exceptId);
  return { ...rest, ...sealed };
}

export const schoolStudents: RecordResource = {
  key: 'school.student', subject: 'SchoolStudent', recordType: 'school-student', label: 'L’étudiant', table: 'school_students',
  createSchema: studentCreate, updateSchema: studentUpdate, outputSchema: student,
  accountLink: null,
  ownership: {
    joins: (qb, trx) => {
      qb.leftJoin('accounts as co', 'co.id', 't.companyId').select('co.name as companyName', trx.raw(`${MASKED_NIR_SQL} as nir`));
    },
    owner: null, support: null, account: null,
  },
  filters: {
    status: statusFilter,
    promotion: promotionFilter,
    cursus: 'cursus',
    companyId: 'companyId',
    nir: nirFilter,
  },
  sorts: {
    lastName: { column: 'lastName', direction: 'asc', text: true }, '-lastName': { column: 'lastName', direction: 'desc', text: true },
    number: { column: 'number', direction: 'asc' }, '-number': { column: 'number', direction: 'desc' },
    createdAt: { column: 'createdAt', direction: 'asc' }, '-createdAt': { column: 'createdAt', direction: 'desc' },
    updatedAt: { column: 'updatedAt', direction: 'asc' }, '-updatedAt': { column: 'updatedAt', direction: 'desc' },
  },
  defaultSort: 'lastName',
  // Names only (never the NIR: its search is the `nir` filter), as the global search reads them: the trigram index.
  // The matching ids first (one trigram lookup, as an array), then the page in name order: left to itself, PostgreSQL
  // walked the name index from A, reading every student before the ones searched for (bench/school, ADR 0049).
  quickSearch: (qb, term) => {
    const escaped = term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    qb.whereRaw("t.id = any(array(select s.id from school_students s where s.search_name like '%' || f_unaccent(?) || '%'))", [escaped]);
  },
  async prepareCreate({ trx, principal, number }, data) {
    await checkCompany(trx, data.companyId);
    const stored = await nirColumns(trx, principal.tenantId, data);
    // An import may keep a student's legacy number; the counter then stays ahead of it.
    if (number !== undefined) await keepCounterAhead(trx, principal.tenantId, 'school-student', number);
    return { ...stored, number: number ?? await nextNumber(trx, principal.tenantId, 'school-student') };
  },
  async prepareUpdate({ trx, principal, current }, patch) {
    await checkCompany(trx, patch.companyId);
    return nirColumns(trx, principal.tenantId, patch, String(current.id));
  },
};
