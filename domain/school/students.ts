import { createRecord, getRecord, loadFor, updateRecord, type RequestContext } from '../core/record-service';
import type { z } from 'zod';
import { ForbiddenError, ValidationError, type ExpectedVersion } from '../errors';
import { audit } from '../identity/audit-log';
import { issueMessage } from '../i18n/zod-issues';
import { schoolStudents } from './student-resource';
import { studentCreate, studentUpdate, type StudentCreate } from './student.schema';
import { findStudentIdsByNirHash, nirHashOf, openNir } from './student-nir';
import { registryMessage } from './registry.messages';

/**
 * The registry's one write path (spec 004, issue 18; ADR 0049): the API's endpoints, the staff's forms and the
 * Excel import all create and change students here, through the generic record service and the kind's rules
 * (student-resource.ts: NIR checked, sealed, hashed, refused when taken; the employer an account; history).
 * Inputs are parsed with the one schema (student.schema.ts) whatever their origin.
 */

type Row = Record<string, unknown>;

/** Parses with the registry's schema; a refusal is a 400 naming each field with its French message (nothing written). */
function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw new ValidationError(result.error.issues.map((i) => ({ field: i.path.join('.') || 'student', message: issueMessage(i) })));
}

export { findStudentIdsByNirHash, nirHashOf };

/** The field group whose holders may open a student's NIR on a detail read (school-lead, school-office). */
export const NIR_CLEAR_GROUP = 'school.nir';

/** Whether the context's person may read NIRs in clear. */
export function mayReadNirInClear(ctx: RequestContext): boolean {
  return ctx.principal.grants.some((g) => g.permission === `${NIR_CLEAR_GROUP}.read`);
}

/** Creates a student (400 on a bad NIR or field, 409 on a NIR another student holds). `options.number` from an import only. */
export async function createStudent(ctx: RequestContext, input: unknown, options: { id?: string; number?: number } = {}): Promise<Row> {
  return createRecord(ctx, schoolStudents, parse(studentCreate, input), options);
}

/** Changes a student (If-Match's version, or `'*'`); a NIR given is checked and refused when another student holds it. */
export async function updateStudent(ctx: RequestContext, id: string, expectedVersion: ExpectedVersion, patch: unknown): Promise<Row> {
  return updateRecord(ctx, schoolStudents, id, expectedVersion, parse(studentUpdate, patch));
}

/**
 * A student as its reader may see it, `nir` masked. `revealNir` (« Afficher », a detail read only: lists never open
 * it) opens the sealed value for who holds `school.nir` and writes the reading to the organisation's audit log (who,
 * which student; never the number); another reader asking it gets a 403.
 */
export async function readStudent(ctx: RequestContext, id: string, options: { revealNir?: boolean } = {}): Promise<Row> {
  const record = await getRecord(ctx, schoolStudents, id);
  if (!options.revealNir) return record;
  if (!mayReadNirInClear(ctx) || !('nir' in record)) throw new ForbiddenError(registryMessage('school.registry.nir-reveal-forbidden'));
  const row = await ctx.trx('schoolStudents').where({ id: record.id }).first('nirSealed');
  await audit(ctx.trx, {
    tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId, action: 'school.student.nir-read', targetType: 'school-student', targetId: String(record.id),
    details: { number: record.number, requestId: ctx.requestId ?? null },
  });
  return { ...record, nir: openNir(ctx.principal.tenantId, String(row.nirSealed)) };
}

/** The fields of a parsed input that differ from the stored student (the NIR is the key: never compared). */
export function studentChanges(current: Row, input: Partial<StudentCreate>): string[] {
  return Object.entries(input)
    .filter(([field, value]) => field !== 'nir' && value !== undefined && (current[field] ?? null) !== (value ?? null))
    .map(([field]) => field);
}

export type UpsertOutcome = 'create' | 'update' | 'unchanged';

/**
 * Upsert on the natural key (the import, issue 18): the student holding this NIR is updated with the fields
 * given (only those that differ; nothing written when none does), else created. Answers the outcome, the
 * student as its reader sees it (NIR masked) and the fields changed. Validation errors are thrown as they are
 * (400 with the French message), so a caller reports the row and goes on with the next one in its own savepoint.
 */
export async function upsertStudent(ctx: RequestContext, input: unknown, options: { number?: number } = {}): Promise<{ outcome: UpsertOutcome; student: Row; changed: string[] }> {
  const parsed = parse(studentCreate, input);
  const hash = nirHashOf(ctx.principal.tenantId, parsed.nir);
  const id = (await findStudentIdsByNirHash(ctx.trx, ctx.principal.tenantId, [hash])).get(hash);
  if (!id) return { outcome: 'create', student: await createRecord(ctx, schoolStudents, parsed, options), changed: [] };
  const current = await loadFor(ctx, schoolStudents, id, 'update', true);
  const { nir: _key, ...fields } = parsed;
  const changed = studentChanges(current, fields);
  if (!changed.length) return { outcome: 'unchanged', student: await getRecord(ctx, schoolStudents, id), changed };
  const patch = Object.fromEntries(changed.map((f) => [f, fields[f as keyof typeof fields]]));
  return { outcome: 'update', student: await updateRecord(ctx, schoolStudents, id, '*', patch), changed };
}
