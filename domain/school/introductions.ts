import type { Knex } from 'knex';
import type { SendRequest } from '../comms/comms.schemas';
import { appendHistoryAs, isUuid, type RequestContext } from '../core/record-service';
import { NotFoundError, StaleVersionError, UnprocessableError, versionMatches, type ExpectedVersion } from '../errors';
import { requireIntroductions } from './companies-access';
import { companiesMessage as m } from './companies.messages';
import type { IntroductionCreate, IntroductionListQuery, IntroductionUpdate } from './companies.schema';
import { ensureSchoolTemplates, PURPOSE_PHRASES, SCHOOL_TEMPLATE_KEYS } from './companies-templates';
import { canMove } from './introduction-rules';
import { ensureStudentContacts, studentsForReach } from './student-contacts';

/**
 * Introductions (« Mettre en relation », spec 004 « mettre en contact avec les étudiants », ADR 0052): the one
 * write path of `school_introductions`. Creating one records it as proposed and, when a channel is chosen,
 * answers the comms request telling the student (template `school.introduction`, to the student's contact);
 * the API queues it through comms in the same transaction, so a message comms refuses (STOP) saves nothing.
 */
export const INTRODUCTION_RECORD_TYPE = 'school-introduction';

type Row = Record<string, unknown>;

function introductions(trx: Knex.Transaction): Knex.QueryBuilder {
  return trx('schoolIntroductions as i')
    .join('schoolStudents as s', 's.id', 'i.studentId')
    .join('accounts as a', 'a.id', 'i.accountId')
    .leftJoin('contacts as c', 'c.id', 'i.contactId')
    .leftJoin('messages as msg', 'msg.id', 'i.messageId')
    .leftJoin('users as u', 'u.id', 'i.createdBy')
    .select('i.*', 's.firstName as studentFirstName', 's.lastName as studentLastName', 'a.name as accountName',
      'c.firstName as contactFirstName', 'c.lastName as contactLastName', 'msg.status as messageStatus', 'u.displayName as createdByName');
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : (v as string | null) ?? null);
const fullName = (first: unknown, last: unknown) => [first, last].filter(Boolean).join(' ') || null;

export function presentIntroduction(r: Row) {
  return {
    id: r.id as string, studentId: r.studentId as string, studentName: fullName(r.studentFirstName, r.studentLastName),
    accountId: r.accountId as string, accountName: r.accountName as string,
    contactId: (r.contactId as string) ?? null, contactName: fullName(r.contactFirstName, r.contactLastName),
    purpose: r.purpose as string, status: r.status as string, channel: r.channel as string, note: (r.note as string) ?? null,
    messageId: (r.messageId as string) ?? null, messageStatus: (r.messageStatus as string) ?? null,
    createdByName: (r.createdByName as string) ?? null, createdAt: iso(r.createdAt), statusChangedAt: iso(r.statusChangedAt), version: Number(r.version),
  };
}
export type IntroductionView = ReturnType<typeof presentIntroduction>;

async function load(ctx: RequestContext, id: string): Promise<Row> {
  const row = isUuid(id) ? await introductions(ctx.trx).where('i.id', id).first() : undefined;
  if (!row) throw new NotFoundError(m('school.companies.introduction-not-found'));
  return row as Row;
}

/** Records the introduction (proposed) and answers what to send the student, or null for channel `none`. */
export async function createIntroduction(ctx: RequestContext, input: IntroductionCreate): Promise<{ introduction: IntroductionView; send: SendRequest | null }> {
  requireIntroductions(ctx, 'create');
  const student = await studentsForReach(ctx.trx).where('s.id', input.studentId).first();
  if (!student) throw new UnprocessableError(m('school.companies.student-not-found'));
  const account = await ctx.trx('accounts').where({ id: input.accountId }).first('id', 'name');
  if (!account) throw new UnprocessableError(m('school.companies.company-not-found'));
  const contact = input.contactId ? await ctx.trx('contacts').where({ id: input.contactId }).first('id', 'accountId', 'firstName', 'lastName', 'jobTitle') : null;
  if (input.contactId && (!contact || contact.accountId !== account.id)) throw new UnprocessableError(m('school.companies.contact-not-of-company'));
  if (input.channel === 'sms' && !student.personalPhone) throw new UnprocessableError(m('school.companies.no-phone'));
  if (input.channel === 'mail' && !student.email) throw new UnprocessableError(m('school.companies.no-email'));

  const [row] = await ctx.trx('schoolIntroductions').insert({
    tenantId: ctx.principal.tenantId, studentId: student.id, accountId: account.id, contactId: contact?.id ?? null,
    purpose: input.purpose, channel: input.channel, note: input.note ?? null, createdBy: ctx.principal.userId,
  }).returning('id');
  await appendHistoryAs(ctx, { recordType: INTRODUCTION_RECORD_TYPE, recordId: row.id, action: 'create', changes: { status: { before: null, after: 'proposed' } } });
  const introduction = presentIntroduction(await load(ctx, row.id));
  if (input.channel === 'none') return { introduction, send: null };

  await ensureSchoolTemplates(ctx.trx, ctx.principal.tenantId);
  const contacts = await ensureStudentContacts(ctx, [student]);
  const who = contact ? [fullName(contact.firstName, contact.lastName), contact.jobTitle ? `(${contact.jobTitle})` : null].filter(Boolean).join(' ') : 'le service des ressources humaines';
  return {
    introduction,
    send: {
      channel: input.channel, contactId: contacts.get(student.id)!, templateKey: SCHOOL_TEMPLATE_KEYS.introduction, language: 'fr',
      variables: { introduction: { company: account.name, purpose: PURPOSE_PHRASES[input.purpose], contact: who } },
      recordType: INTRODUCTION_RECORD_TYPE, recordId: introduction.id,
    },
  };
}

/** The student was told: the comms message is linked and the introduction is sent. */
export async function markIntroductionSent(ctx: RequestContext, id: string, messageId: string): Promise<IntroductionView> {
  await ctx.trx('schoolIntroductions').where({ id }).update({
    status: 'sent', messageId, statusChangedAt: ctx.trx.fn.now(), statusChangedBy: ctx.principal.userId, version: ctx.trx.raw('version + 1'),
  });
  await appendHistoryAs(ctx, { recordType: INTRODUCTION_RECORD_TYPE, recordId: id, action: 'update', changes: { status: { before: 'proposed', after: 'sent' } } });
  return presentIntroduction(await load(ctx, id));
}

/** Moves an introduction on (accepted, declined, closed), refusing a move its life does not allow. */
export async function updateIntroduction(ctx: RequestContext, id: string, expected: ExpectedVersion | undefined, input: IntroductionUpdate): Promise<IntroductionView> {
  requireIntroductions(ctx, 'update');
  const current = await load(ctx, id);
  if (!versionMatches(expected, current.version)) throw new StaleVersionError(presentIntroduction(current));
  const from = current.status as IntroductionUpdate['status'];
  if (from !== input.status && !canMove(from, input.status)) throw new UnprocessableError(m('school.companies.status-move', { from, to: input.status }));
  await ctx.trx('schoolIntroductions').where({ id }).update({
    status: input.status, ...(input.note !== undefined ? { note: input.note } : {}), version: Number(current.version) + 1,
    ...(from !== input.status ? { statusChangedAt: ctx.trx.fn.now(), statusChangedBy: ctx.principal.userId } : {}),
  });
  await appendHistoryAs(ctx, { recordType: INTRODUCTION_RECORD_TYPE, recordId: id, action: 'update', changes: { status: { before: from, after: input.status } } });
  return presentIntroduction(await load(ctx, id));
}

/** A student's or a company's introductions, newest first. */
export async function listIntroductions(ctx: RequestContext, query: IntroductionListQuery) {
  requireIntroductions(ctx, 'read');
  const qb = introductions(ctx.trx).orderBy([{ column: 'i.createdAt', order: 'desc' }, { column: 'i.id', order: 'desc' }]).limit(query.limit);
  if (query.studentId) qb.where('i.studentId', query.studentId);
  if (query.accountId) qb.where('i.accountId', query.accountId);
  if (query.status) qb.where('i.status', query.status);
  return { items: (await qb as Row[]).map(presentIntroduction) };
}

export async function getIntroduction(ctx: RequestContext, id: string): Promise<IntroductionView> {
  requireIntroductions(ctx, 'read');
  return presentIntroduction(await load(ctx, id));
}
