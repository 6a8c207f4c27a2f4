import type { Knex } from 'knex';
import type { SecretBox } from '../core/secret-box';
import { reserveNumbers } from '../core/tenant-counter';
import { nirSealContext } from './nir';
import type { StudentStatus } from './import-transforms';

/**
 * The import's writes to the registry (`school_students`), in batches: the one place the import touches the
 * table, so it can be pointed to the registry's write path (domain/school/students.ts) once that path takes batches.
 * Rows are found by the NIR's keyed hash (the natural key, unique per organisation), inserted and updated with
 * one statement per batch (unnest of arrays), NIRs sealed by the secret box, numbers following the organisation's last.
 */
export const WRITE_BATCH = 1000;

/** The registry's fields the import writes (camelCase, as knex answers them). */
export interface StudentFields {
  lastName: string;
  firstName: string;
  status: StudentStatus;
  address: string | null;
  postalCode: string | null;
  city: string | null;
  personalPhone: string | null;
  professionalPhone: string | null;
  companyId: string | null;
  cursus: string | null;
}
export const STUDENT_FIELDS = ['lastName', 'firstName', 'status', 'address', 'postalCode', 'city', 'personalPhone', 'professionalPhone', 'companyId', 'cursus'] as const satisfies ReadonlyArray<keyof StudentFields>;

export interface ExistingStudent extends StudentFields { id: string; nirHash: string }

const COLUMNS: Record<keyof StudentFields, [column: string, type: string]> = {
  lastName: ['last_name', 'text'], firstName: ['first_name', 'text'], status: ['status', 'text'], address: ['address', 'text'],
  postalCode: ['postal_code', 'text'], city: ['city', 'text'], personalPhone: ['personal_phone', 'text'],
  professionalPhone: ['professional_phone', 'text'], companyId: ['company_id', 'uuid'], cursus: ['cursus', 'text'],
};

/** The students of these NIR hashes (the caller's organisation: row-level security). */
export async function findStudentsByNirHash(trx: Knex.Transaction, hashes: readonly string[]): Promise<Map<string, ExistingStudent>> {
  const found = new Map<string, ExistingStudent>();
  for (let i = 0; i < hashes.length; i += 5000) {
    const rows: ExistingStudent[] = await trx('schoolStudents').whereRaw('nir_hash = any(?::text[])', [hashes.slice(i, i + 5000)])
      .select('id', 'nirHash', ...STUDENT_FIELDS);
    for (const r of rows) found.set(r.nirHash, r);
  }
  return found;
}

export interface NewStudent extends StudentFields { nir: string; nirHash: string }

/**
 * Inserts new students, numbered by the organisation's counter as the API numbers them (a block reserved at once,
 * past the last number written), so a student created meanwhile never takes one of theirs.
 */
export async function insertStudents(trx: Knex.Transaction, tenantId: string, userId: string | null, box: SecretBox, students: readonly NewStudent[]): Promise<void> {
  if (!students.length) return;
  const { rows: [last] } = await trx.raw<{ rows: Array<{ max: number | null }> }>('select max(number) as max from school_students');
  let number = await reserveNumbers(trx, tenantId, 'school-student', students.length, last?.max ?? 0) - 1;
  const context = nirSealContext(tenantId);
  for (let i = 0; i < students.length; i += WRITE_BATCH) {
    const batch = students.slice(i, i + WRITE_BATCH);
    const fields = STUDENT_FIELDS.map((f) => COLUMNS[f]);
    await trx.raw(
      `insert into school_students (tenant_id, created_by, number, nir_sealed, nir_hash, nir_last_digits, ${fields.map(([c]) => c).join(', ')})
       select ?::uuid, ?::uuid, v.* from unnest(?::int[], ?::text[], ?::text[], ?::text[], ${fields.map(([, t]) => `?::${t}[]`).join(', ')})
         as v(number, nir_sealed, nir_hash, nir_last_digits, ${fields.map(([c]) => c).join(', ')})`,
      [tenantId, userId,
        batch.map(() => ++number), batch.map((s) => box.seal(s.nir, context)), batch.map((s) => s.nirHash), batch.map((s) => s.nir.slice(-4)),
        ...STUDENT_FIELDS.map((f) => batch.map((s) => s[f]))] as unknown as Knex.RawBinding[],
    );
  }
}

/** Updates existing students' imported fields (all of them at once, by id), their version moved on. */
export async function updateStudents(trx: Knex.Transaction, students: ReadonlyArray<StudentFields & { id: string }>): Promise<void> {
  const fields = STUDENT_FIELDS.map((f) => COLUMNS[f]);
  for (let i = 0; i < students.length; i += WRITE_BATCH) {
    const batch = students.slice(i, i + WRITE_BATCH);
    await trx.raw(
      `update school_students s set ${fields.map(([c]) => `${c} = v.${c}`).join(', ')}, version = s.version + 1
       from unnest(?::uuid[], ${fields.map(([, t]) => `?::${t}[]`).join(', ')}) as v(id, ${fields.map(([c]) => c).join(', ')})
       where s.id = v.id`,
      [batch.map((s) => s.id), ...STUDENT_FIELDS.map((f) => batch.map((s) => s[f]))] as unknown as Knex.RawBinding[],
    );
  }
}
