import type { RequestContext } from '../core/record-service';
import { NotFoundError, UnprocessableError } from '../errors';
import { requireAlumniUpdate } from './alumni-access';
import { studentCareers } from './alumni-search';
import { matchEmployer } from './alumni-sync-rules';
import { alumniMessage as m } from './alumni.messages';
import type { CareerCreate, StudentCareers } from './alumni.schema';
import { updateStudent } from './students';

/**
 * A job the student office records for an alumnus (ADR 0051): it becomes the current one (`source = school`), the
 * previous one ends the day it starts, and the registry's employer follows through its write path (the history
 * credits the person). Alumnet's next word on the career wins (the sync counts it as a conflict).
 */
export async function recordCareer(ctx: RequestContext, studentId: string, input: CareerCreate): Promise<StudentCareers> {
  requireAlumniUpdate(ctx);
  const student = /^[0-9a-f-]{36}$/i.test(studentId) ? await ctx.trx('schoolStudents').where({ id: studentId }).forUpdate().first('id', 'status', 'companyId') : undefined;
  if (!student) throw new NotFoundError({ fr: 'étudiant', en: 'student' });
  if (student.status !== 'alumni') throw new UnprocessableError(m('school.alumni.not-alumnus'));
  let accountId = input.accountId ?? null;
  if (accountId && !(await ctx.trx('accounts').where({ id: accountId }).first('id'))) throw new UnprocessableError(m('school.alumni.unknown-account'));
  if (input.accountId === undefined) accountId = matchEmployer(input.employerName, await ctx.trx('accounts').select('id', 'name'));
  const startedOn = input.startedOn ?? null;
  await ctx.trx('schoolAlumniCareers').where({ studentId }).whereNull('endedOn')
    .update({ endedOn: startedOn ?? ctx.trx.raw('current_date'), version: ctx.trx.raw('version + 1') });
  await ctx.trx('schoolAlumniCareers').insert({
    tenantId: ctx.principal.tenantId, studentId, employerName: input.employerName, accountId, jobTitle: input.jobTitle ?? null, city: input.city ?? null,
    startedOn, source: 'school', createdBy: ctx.principal.userId,
  });
  if ((student.companyId ?? null) !== accountId) await updateStudent(ctx, studentId, '*', { companyId: accountId });
  return studentCareers(ctx, studentId);
}
