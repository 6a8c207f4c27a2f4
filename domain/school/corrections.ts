import { z } from 'zod';
import { appendHistoryAs, type RequestContext } from '../core/record-service';
import { defaultSecretBox } from '../core/secret-box';
import { ConflictError, ForbiddenError, NotFoundError, ruleViolation, StaleVersionError, versionMatches, type ExpectedVersion } from '../errors';
import { CORRECTABLE_FIELDS, checkRequestedValue, FIELD_COLUMN, type CorrectableField } from './correction-fields';
import { maskedFromLastDigits, NIR_VISIBLE_DIGITS } from './nir';
import { nirHashOf } from './student-nir';
import { updateStudent } from './students';
import { ownStudent, PORTAL_SUBJECT, requireCorrectionsDecide, requireCorrectionsRead, type OwnStudent } from './portal-access';
import { portalMessage as m } from './portal.messages';

/**
 * Correction requests (issue 18, ADR 0053): a student asks the student office to correct a field of their record
 * (field, value asked for, reason); the office accepts (the value is written to the registry, history kept) or
 * refuses with an answer the student reads. A requested NIR is sealed at once and shown masked to everyone.
 */
export const correctionCreate = z.object({
  field: z.enum(CORRECTABLE_FIELDS),
  requestedValue: z.string().max(300),
  reason: z.string().trim().min(3).max(500),
}).strict();
export const correctionDecision = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept'), answer: z.string().trim().max(1000).optional() }).strict(),
  z.object({ decision: z.literal('refuse'), answer: z.string().trim().max(1000) }).strict(),
]);
export const correctionListQuery = z.object({ status: z.enum(['pending', 'decided', 'all']).default('pending'), limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();

const REQUEST_SEAL = (tenantId: string) => `${tenantId}/school-correction-nir`;
const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** A request as both sides read it: the NIR, current or requested, only ever masked. */
function present(r: Record<string, unknown>) {
  const nir = r.field === 'nir';
  return {
    id: r.id as string, field: r.field as CorrectableField,
    currentValue: (r.currentValue as string) ?? null,
    requestedValue: nir ? maskedFromLastDigits(r.requestedLastDigits as string) : (r.requestedValue as string),
    reason: r.reason as string, status: r.status as 'pending' | 'accepted' | 'refused',
    answer: (r.answer as string) ?? null, createdAt: new Date(r.createdAt as string).toISOString(),
    decidedAt: r.decidedAt ? new Date(r.decidedAt as string).toISOString() : null, decidedByName: (r.decidedByName as string) ?? null,
    version: Number(r.version),
  };
}

const selectRequests = (ctx: RequestContext) => ctx.trx('schoolCorrectionRequests as r').leftJoin('users as u', 'u.id', 'r.decidedBy')
  .select('r.*', 'u.displayName as decidedByName');

/** The value a field holds now, as the request keeps it (the NIR masked). */
function currentValueOf(student: OwnStudent, field: CorrectableField): string | null {
  if (field === 'nir') return maskedFromLastDigits(student.nirLastDigits ?? '????');
  const value = (student as Record<string, unknown>)[FIELD_COLUMN[field]];
  return value === null || value === undefined ? null : String(value);
}

/** A student files a request about their own record (never another's: the record is the principal's). */
export async function fileCorrection(ctx: RequestContext, input: z.infer<typeof correctionCreate>) {
  const student = await ownStudent(ctx);
  if (!ctx.ability.can('create', PORTAL_SUBJECT)) throw new ForbiddenError(m('school.portal.forbidden'));
  const checked = checkRequestedValue(input.field, input.requestedValue);
  if (!checked.ok) throw ruleViolation('requestedValue', checked.message);
  const tenantId = ctx.principal.tenantId;
  if (input.field === 'nir') {
    const same = await ctx.trx('schoolStudents').where({ id: student.id, nirHash: nirHashOf(tenantId, checked.value) }).first('id');
    if (same) throw ruleViolation('requestedValue', m('school.portal.same-value'));
  } else if (currentValueOf(student, input.field) === checked.value) throw ruleViolation('requestedValue', m('school.portal.same-value'));
  const pending = await ctx.trx('schoolCorrectionRequests').where({ studentId: student.id, field: input.field, status: 'pending' }).first('id');
  if (pending) throw new ConflictError(m('school.portal.pending-exists'));
  const nir = input.field === 'nir';
  const [row] = await ctx.trx('schoolCorrectionRequests').insert({
    tenantId, studentId: student.id, field: input.field, currentValue: currentValueOf(student, input.field),
    requestedValue: nir ? null : checked.value,
    requestedSealed: nir ? defaultSecretBox().seal(checked.value, REQUEST_SEAL(tenantId)) : null,
    requestedLastDigits: nir ? checked.value.slice(-NIR_VISIBLE_DIGITS) : null,
    reason: input.reason, createdBy: ctx.principal.userId,
  }).returning('id');
  await appendHistoryAs(ctx, { recordType: 'school-student', recordId: student.id, action: 'create', changes: { correctionRequested: { before: null, after: input.field } } });
  return present(await selectRequests(ctx).where('r.id', (row as { id: string }).id).first());
}

/** My requests, newest first. */
export async function myCorrections(ctx: RequestContext) {
  const student = await ownStudent(ctx);
  const rows = await selectRequests(ctx).where('r.studentId', student.id).orderBy('r.createdAt', 'desc').limit(100);
  return { items: (rows as Array<Record<string, unknown>>).map(present) };
}

/** One of my requests; another student's answers 404 as a missing one does. */
export async function myCorrection(ctx: RequestContext, id: string) {
  const student = await ownStudent(ctx);
  const row = isUuid(id) ? await selectRequests(ctx).where({ 'r.id': id, 'r.studentId': student.id }).first() : undefined;
  if (!row) throw new NotFoundError(m('school.portal.request'));
  return present(row as Record<string, unknown>);
}

/** The student office's list: pending first by age, or the decided ones newest first, with the student named. */
export async function listCorrections(ctx: RequestContext, query: z.infer<typeof correctionListQuery>) {
  requireCorrectionsRead(ctx);
  const qb = selectRequests(ctx).join('schoolStudents as s', 's.id', 'r.studentId')
    .select('s.id as studentId', 's.number as studentNumber', 's.lastName as studentLastName', 's.firstName as studentFirstName').limit(query.limit);
  if (query.status === 'pending') void qb.where('r.status', 'pending').orderBy('r.createdAt', 'asc');
  else {
    if (query.status === 'decided') void qb.whereNot('r.status', 'pending');
    void qb.orderBy('r.createdAt', 'desc');
  }
  return {
    items: (await qb as Array<Record<string, unknown>>).map((r) => ({
      ...present(r), student: { id: r.studentId as string, number: r.studentNumber as number, lastName: r.studentLastName as string, firstName: r.studentFirstName as string },
    })),
  };
}

/**
 * Writes the accepted value to the student's record through the registry's one write path (`updateStudent`: its
 * checks, the NIR sealed, hashed and refused when another student holds it, history); the request noted in history.
 */
async function applyCorrection(ctx: RequestContext, request: Record<string, unknown>): Promise<void> {
  const field = request.field as CorrectableField;
  const value = field === 'nir' ? defaultSecretBox().open(request.requestedSealed as string, REQUEST_SEAL(ctx.principal.tenantId))
    : field === 'promotion' ? Number(request.requestedValue) : request.requestedValue;
  await updateStudent(ctx, request.studentId as string, '*', { [field]: value });
  await appendHistoryAs(ctx, { recordType: 'school-student', recordId: request.studentId as string, action: 'update', changes: { correctionRequest: { before: null, after: request.id } } });
}

/** The office accepts (the value written to the record) or refuses (an answer needed); a decided request is final. */
export async function decideCorrection(ctx: RequestContext, id: string, expected: ExpectedVersion | undefined, input: z.infer<typeof correctionDecision>) {
  requireCorrectionsDecide(ctx);
  const request = isUuid(id) ? await ctx.trx('schoolCorrectionRequests').where({ id }).forUpdate().first() : undefined;
  if (!request) throw new NotFoundError(m('school.portal.request'));
  if (request.status !== 'pending') throw new ConflictError(m('school.portal.already-decided', { status: request.status as string }));
  if (!versionMatches(expected, request.version)) throw new StaleVersionError(request.version);
  if (input.decision === 'refuse' && !input.answer) throw ruleViolation('answer', m('school.portal.answer-needed'));
  if (input.decision === 'accept') await applyCorrection(ctx, request as Record<string, unknown>);
  await ctx.trx('schoolCorrectionRequests').where({ id }).update({
    status: input.decision === 'accept' ? 'accepted' : 'refused', answer: input.answer || null,
    decidedBy: ctx.principal.userId, decidedAt: ctx.trx.fn.now(), version: ctx.trx.raw('version + 1'),
  });
  await appendHistoryAs(ctx, { recordType: 'school-student', recordId: request.studentId as string, action: input.decision === 'accept' ? 'accept' : 'refuse', changes: { correctionRequest: { before: 'pending', after: input.decision } } });
  return present(await selectRequests(ctx).where('r.id', id).first());
}
