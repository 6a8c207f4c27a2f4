import type { Knex } from 'knex';
import { createRecord, type RequestContext } from '../core/record-service';
import { accounts } from '../core/resources';
import { companiesMessage as m } from './companies.messages';

/**
 * How comms reaches a student (ADR 0052). Comms sends to contacts: its consent check (an offer needs
 * `school.sms-info` for the channel, on the contact or the student's portal user), its STOP handling (an opt-out by address, a withdrawal in
 * the contact's ledger) and its campaign reports all work on a contact. Each student messaged gets one core
 * contact, on an account of the organisation that holds them (`external_ref` = `school:students`, left out of the
 * companies list), linked in `school_student_contacts`; its name, mobile (the personal phone) and email follow
 * the student's at each send. Nothing of comms is duplicated.
 */
export const STUDENT_CONTACTS_REF = 'school:students';

export interface StudentReach {
  id: string; firstName: string; lastName: string; personalPhone: string | null; email: string | null;
}

/**
 * Who else speaks for a contact's consents (the module's `consentSubjectsFor`, ADR 0052): for a student's contact,
 * the student's portal user, whose « SMS d'information de l'école » in the portal governs the school's offers.
 */
export async function studentConsentSubjects(trx: Knex.Transaction, contactId: string): Promise<Array<{ kind: 'user'; id: string }>> {
  const rows = await trx('schoolStudentContacts as l').join('schoolStudents as s', 's.id', 'l.studentId')
    .where('l.contactId', contactId).whereNotNull('s.userId').select('s.userId') as Array<{ userId: string }>;
  return rows.map((r) => ({ kind: 'user' as const, id: r.userId }));
}

/** The account holding the students' contacts, created the first time. */
async function studentContactsAccount(ctx: RequestContext): Promise<string> {
  const found = await ctx.trx('accounts').where({ externalRef: STUDENT_CONTACTS_REF }).first('id');
  if (found) return found.id as string;
  const name = m('school.companies.student-contacts-account').render('fr');
  const account = await createRecord(ctx, accounts, { name, externalRef: STUDENT_CONTACTS_REF, status: 'active' });
  return account.id as string;
}

const contactValues = (s: StudentReach) => ({ firstName: s.firstName, lastName: s.lastName, mobile: s.personalPhone, email: s.email });

/** The students' contacts (student id → contact id), created or brought up to date with the students' name, mobile and email. */
export async function ensureStudentContacts(ctx: RequestContext, students: readonly StudentReach[]): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (!students.length) return result;
  const tenantId = ctx.principal.tenantId;
  const ids = students.map((s) => s.id);
  const linked = await ctx.trx('schoolStudentContacts as l').join('contacts as c', 'c.id', 'l.contactId').whereIn('l.studentId', ids)
    .select('l.studentId', 'l.contactId', 'c.firstName', 'c.lastName', 'c.mobile', 'c.email') as Array<Record<string, string | null>>;
  const byStudent = new Map(linked.map((l) => [l.studentId as string, l]));
  const missing: StudentReach[] = [];
  for (const s of students) {
    const link = byStudent.get(s.id);
    if (!link) { missing.push(s); continue; }
    result.set(s.id, link.contactId as string);
    const want = contactValues(s);
    if (want.firstName !== link.firstName || want.lastName !== link.lastName || want.mobile !== link.mobile || want.email !== link.email) {
      await ctx.trx('contacts').where({ id: link.contactId }).update({ ...want, updatedAt: ctx.trx.fn.now() });
    }
  }
  if (!missing.length) return result;
  const accountId = await studentContactsAccount(ctx);
  for (let i = 0; i < missing.length; i += 500) {
    const batch = missing.slice(i, i + 500);
    const inserted = await ctx.trx('contacts')
      .insert(batch.map((s) => ({ tenantId, accountId, ...contactValues(s), createdBy: ctx.principal.userId })))
      .returning('id') as Array<{ id: string }>;
    const links = batch.map((s, k) => ({ tenantId, studentId: s.id, contactId: inserted[k]!.id }));
    await ctx.trx('schoolStudentContacts').insert(links);
    for (const l of links) result.set(l.studentId, l.contactId);
  }
  return result;
}

/** A student's contact if one exists (the portal records the student's SMS consent on it), else null. */
export async function studentContactId(trx: Knex.Transaction, studentId: string): Promise<string | null> {
  return (await trx('schoolStudentContacts').where({ studentId }).first('contactId'))?.contactId ?? null;
}

/** The students as comms needs them (tenant-bound by the transaction's row-level security). */
export function studentsForReach(trx: Knex.Transaction): Knex.QueryBuilder {
  return trx('schoolStudents as s').select('s.id', 's.firstName', 's.lastName', 's.personalPhone', 's.email');
}
