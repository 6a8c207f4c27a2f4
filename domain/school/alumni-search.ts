import type { Knex } from 'knex';
import type { RequestContext } from '../core/record-service';
import { decodeCursor, encodeCursor } from '../core/cursor';
import { NotFoundError, ValidationError } from '../errors';
import { requireAlumniRead } from './alumni-access';
import { alumniMessage as m } from './alumni.messages';
import type { AlumniPage, AlumniQuery, AlumnusView, CareerView, StudentCareers } from './alumni.schema';

/**
 * The alumni search of the student office (spec 004 « Gestion des Alumnis », ADR 0051): alumni with their current
 * job, filtered by promotion, employer (a known company or a name), city of work, cursus and name, in pages by a
 * keyset cursor on the folded name. Every filter is served by an index (school_students' status and name, the
 * current careers' account, city and employer trigram indexes). No NIR is read.
 */
type Row = Record<string, unknown>;

const iso = (v: unknown) => new Date(v as string).toISOString();
const fold = (v: string) => v.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const like = (v: string) => `%${fold(v).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function careerOf(r: Row): CareerView | null {
  if (!r.careerId) return null;
  return {
    employerName: String(r.employerName), accountId: (r.accountId as string | null) ?? null, accountName: (r.accountName as string | null) ?? null,
    jobTitle: (r.jobTitle as string | null) ?? null, city: (r.careerCity as string | null) ?? null, startedOn: (r.startedOn as string | null) ?? null,
    source: r.source as CareerView['source'], updatedAt: iso(r.careerUpdatedAt),
  };
}

function base(trx: Knex.Transaction) {
  return trx('schoolStudents as s')
    .leftJoin('schoolAlumniCareers as c', (j) => j.on('c.studentId', 's.id').andOnNull('c.endedOn'))
    .leftJoin('accounts as a', 'a.id', 'c.accountId')
    .leftJoin('schoolAlumnetLinks as l', 'l.studentId', 's.id')
    .where('s.status', 'alumni');
}

export async function searchAlumni(ctx: RequestContext, query: AlumniQuery): Promise<AlumniPage> {
  requireAlumniRead(ctx);
  const qb = base(ctx.trx).select('s.id', 's.number', 's.lastName', 's.firstName', 's.promotion', 's.cursus', 's.searchName',
    'c.id as careerId', 'c.employerName', 'c.accountId', 'a.name as accountName', 'c.jobTitle', 'c.city as careerCity', 'c.startedOn', 'c.source', 'c.updatedAt as careerUpdatedAt',
    'l.memberId');
  if (query.promotion !== undefined) qb.where('s.promotion', query.promotion);
  if (query.accountId) qb.where('c.accountId', query.accountId);
  if (query.company) qb.whereRaw('c.search_employer like ?', [like(query.company)]);
  if (query.city) qb.whereRaw("c.search_city = f_unaccent(lower(?))", [query.city.trim()]);
  if (query.cursus) qb.whereRaw('f_unaccent(lower(s.cursus)) = f_unaccent(lower(?))', [query.cursus.trim()]);
  if (query.q) qb.whereRaw('s.search_name like ?', [like(query.q)]);
  if (query.cursor) {
    const [name, id] = decodeCursor(query.cursor);
    if (typeof name !== 'string' || typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) throw new ValidationError([{ field: 'cursor', message: m('school.alumni.bad-cursor') }]);
    qb.whereRaw('(s.search_name collate "C", s.id) > (? collate "C", ?::uuid)', [name, id]);
  }
  const rows: Row[] = await qb.orderByRaw('s.search_name collate "C", s.id').limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const items: AlumnusView[] = page.map((r) => ({
    studentId: String(r.id), number: Number(r.number), lastName: String(r.lastName), firstName: String(r.firstName),
    promotion: r.promotion === null ? null : Number(r.promotion), cursus: (r.cursus as string | null) ?? null, career: careerOf(r), alumnetMemberId: (r.memberId as string | null) ?? null,
  }));
  const last = page.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([String(last.searchName), String(last.id)]) : null };
}

/** One student's careers, the current one first (the student's panel). */
export async function studentCareers(ctx: RequestContext, studentId: string): Promise<StudentCareers> {
  requireAlumniRead(ctx);
  const student = /^[0-9a-f-]{36}$/i.test(studentId) ? await ctx.trx('schoolStudents').where({ id: studentId }).first('id') : undefined;
  if (!student) throw new NotFoundError({ fr: 'étudiant', en: 'student' });
  const link = await ctx.trx('schoolAlumnetLinks').where({ studentId }).first('memberId');
  const rows: Row[] = await ctx.trx('schoolAlumniCareers as c').leftJoin('accounts as a', 'a.id', 'c.accountId').where('c.studentId', studentId)
    .orderByRaw('c.ended_on is not null, c.started_on desc nulls last, c.created_at desc')
    .select('c.id as careerId', 'c.employerName', 'c.accountId', 'a.name as accountName', 'c.jobTitle', 'c.city as careerCity', 'c.startedOn', 'c.endedOn', 'c.source', 'c.updatedAt as careerUpdatedAt');
  return { studentId, alumnetMemberId: (link?.memberId as string | undefined) ?? null, careers: rows.map((r) => ({ ...careerOf(r)!, endedOn: (r.endedOn as string | null) ?? null })) };
}
