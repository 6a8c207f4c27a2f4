import { nafLabel } from '../../integrations/company-registry/naf';
import type { RequestContext } from '../core/record-service';
import { NotFoundError } from '../errors';
import { maskedFromLastDigits } from './nir';
import { ownStudent } from './portal-access';
import { portalMessage as m } from './portal.messages';
import { termAverage } from './grades-average';

/**
 * What a student or an alumnus reads in their portal (issue 18, ADR 0053): their own record, their published grades,
 * the alumni who agreed to be listed, the companies the school works with. Everything starts from `ownStudent`:
 * no read takes a student's id from the request.
 */

/** The consent purpose and channel under which an alumnus is listed in the portal's alumni network. */
export const DIRECTORY_PURPOSE = 'school.alumni-directory';
export const DIRECTORY_CHANNEL = 'portal';

/** « Mon profil »: the registry's data about me; the NIR masked, for me too, from its last four characters. */
export async function myProfile(ctx: RequestContext) {
  const s = await ownStudent(ctx);
  const employer = s.companyId ? await ctx.trx('accounts').where({ id: s.companyId }).first('id', 'name', 'city') : null;
  return {
    number: s.number, lastName: s.lastName, firstName: s.firstName, nir: maskedFromLastDigits(s.nirLastDigits ?? '????'),
    status: s.status, promotion: s.promotion, cursus: s.cursus,
    address: s.address, postalCode: s.postalCode, city: s.city, email: s.email,
    personalPhone: s.personalPhone, professionalPhone: s.professionalPhone,
    employer: employer ? { name: employer.name as string, city: (employer.city as string) ?? null } : null,
  };
}

/** « Mes notes »: my published grades, term by term (newest first), each term with its weighted average. */
export async function myGrades(ctx: RequestContext) {
  const s = await ownStudent(ctx);
  const rows = await ctx.trx('schoolGrades').where({ studentId: s.id }).andWhere('publishedAt', '<=', ctx.trx.fn.now())
    .orderBy([{ column: 'term', order: 'desc' }, { column: 'courseCode' }])
    .select('term', 'courseCode', 'courseLabel', 'teacherName', 'grade', 'coefficient', 'publishedAt');
  const terms = new Map<string, Array<Record<string, unknown>>>();
  for (const r of rows as Array<Record<string, unknown>>) {
    const course = { courseCode: r.courseCode, courseLabel: r.courseLabel, teacherName: r.teacherName ?? null, grade: Number(r.grade), coefficient: Number(r.coefficient), publishedAt: new Date(r.publishedAt as string).toISOString() };
    terms.set(r.term as string, [...(terms.get(r.term as string) ?? []), course]);
  }
  return {
    terms: [...terms].map(([term, courses]) => ({ term, average: termAverage(courses as Array<{ grade: number; coefficient: number }>), courses })),
  };
}

/**
 * The alumni listed, with what may be shown: name, promotion, cursus, current job and employer (the alumni area's
 * career, else the registry's employer) and the city they work in; never a phone, their address or the NIR.
 */
function listedAlumni(ctx: RequestContext) {
  return ctx.trx('schoolStudents as s')
    .leftJoin('accounts as a', 'a.id', 's.companyId')
    .leftJoin('schoolAlumniCareers as c', function currentJob() { this.on('c.studentId', 's.id').andOnNull('c.endedOn'); })
    .where('s.status', 'alumni').whereNotNull('s.userId')
    .whereExists(function latestIsGrant() {
      // The ledger's latest entry for the purpose and channel decides (domain/gdpr/consent-state.ts): a grant, not expired.
      void this.from('gdprConsentEntries as e').whereRaw('e.subject_kind = ? and e.subject_id = s.user_id and e.purpose = ? and e.channel = ?', ['user', DIRECTORY_PURPOSE, DIRECTORY_CHANNEL])
        .where('e.decision', 'opt-in').where((q) => { void q.whereNull('e.expiresAt').orWhere('e.expiresAt', '>', ctx.trx.fn.now()); })
        .whereNotExists(function later() {
          void this.from('gdprConsentEntries as l').whereRaw('l.subject_kind = e.subject_kind and l.subject_id = e.subject_id and l.purpose = e.purpose and l.channel = e.channel')
            .whereRaw('(l.occurred_at, l.recorded_at) > (e.occurred_at, e.recorded_at)');
        });
    })
    .select('s.id', 's.lastName', 's.firstName', 's.promotion', 's.cursus', 'c.city as workCity', 'c.jobTitle', ctx.trx.raw('coalesce(c.employer_name, a.name) as employer'));
}

const presentAlumnus = (r: Record<string, unknown>) => ({
  id: r.id as string, lastName: r.lastName as string, firstName: r.firstName as string, promotion: (r.promotion as number) ?? null,
  cursus: (r.cursus as string) ?? null, jobTitle: (r.jobTitle as string) ?? null, employer: (r.employer as string) ?? null, workCity: (r.workCity as string) ?? null,
});

/** « Réseau alumni »: the alumni who agreed to be listed, filtered by name, promotion or cursus. */
export async function alumniDirectory(ctx: RequestContext, query: { q?: string; promotion?: number; limit: number }) {
  await ownStudent(ctx);
  const qb = listedAlumni(ctx).orderBy([{ column: 's.lastName' }, { column: 's.firstName' }, { column: 's.id' }]).limit(query.limit);
  if (query.promotion) void qb.where('s.promotion', query.promotion);
  if (query.q) void qb.whereRaw('s.search_name like ?', [`%${query.q.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[%_\\]/g, '\\$&')}%`]);
  return { items: ((await qb) as Array<Record<string, unknown>>).map(presentAlumnus) };
}

/** One listed alumnus; one not listed (no consent, not an alumnus, another organisation) answers 404. */
export async function alumnusInDirectory(ctx: RequestContext, id: string) {
  await ownStudent(ctx);
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await listedAlumni(ctx).where('s.id', id).first() : undefined;
  if (!row) throw new NotFoundError(m('school.portal.alumnus'));
  return presentAlumnus(row as Record<string, unknown>);
}

/** « Entreprises »: the companies the school works with (name, city, sector); never their notes, contacts or terms. */
export async function portalCompanies(ctx: RequestContext, query: { q?: string; limit: number }) {
  await ownStudent(ctx);
  const qb = ctx.trx('accounts').whereIn('status', ['prospect', 'active']).orderBy([{ column: 'name' }, { column: 'id' }]).limit(query.limit)
    .select('id', 'name', 'city', 'postalCode', 'nafCode', 'website');
  if (query.q) void qb.whereRaw('search_name like ?', [`%${query.q.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[%_\\]/g, '\\$&')}%`]);
  return {
    items: ((await qb) as Array<Record<string, unknown>>).map((r) => ({
      id: r.id as string, name: r.name as string, city: (r.city as string) ?? null, postalCode: (r.postalCode as string) ?? null,
      sector: nafLabel(r.nafCode as string | null), website: (r.website as string) ?? null,
    })),
  };
}
