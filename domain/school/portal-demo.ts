import type { Knex } from 'knex';
import { ensureUser } from '../../db/seed';
import { withTenant } from '../../db/tenant-scope';
import type { DemoTenantFacts } from '../modules/vertical-module';
import { DIRECTORY_CHANNEL, DIRECTORY_PURPOSE } from './portal';

/** Two terms of courses (GetEtu's codes, labels, teachers, coefficients) the demo grades are given in. */
const COURSES: Array<[string, string, string, number]> = [
  ['FIN101', 'Finance d’entreprise', 'Prof. Nathalie Roux', 3],
  ['MKT102', 'Marketing fondamental', 'Prof. Julien Marchand', 2],
  ['DRO103', 'Droit des affaires', 'Prof. Claire Besnard', 2],
  ['ANG104', 'Anglais des affaires', 'Prof. Sarah Whitfield', 1],
  ['STA105', 'Statistiques appliquées', 'Prof. Hugo Lemaire', 2],
];
const TERMS = ['2026-S1', '2025-S2'];

/** A grade out of 20 that looks real and is the same at every seeding (a hash of the student, term and course). */
function gradeFor(seed: string): number {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return 8 + (h % 24) / 2;
}

/**
 * ACME School's portal demo (issue 18): grades over two terms for the demo student, the demo alumnus and the
 * enrolled students; a pending correction request (the student's address) and a decided one (the alumnus's
 * cursus, refused with an answer); the alumnus and a few alumni given portal accounts listed in the alumni network
 * by their consent. Runs after the registry's demo students; idempotent (nothing done once grades exist).
 */
export async function seedPortalDemo(admin: Knex, tenant: DemoTenantFacts): Promise<void> {
  const studentUser = tenant.userIds.student;
  const alumnusUser = tenant.userIds.alumnus;
  const office = tenant.userIds['school-office'] ?? null;
  const alumniToList = await withTenant({ tenantId: tenant.tenantId }, async (trx) => {
    if (await trx('schoolGrades').first('id')) return [];
    const enrolled = await trx('schoolStudents').where((q) => { void q.where('status', 'enrolled').orWhereIn('userId', [studentUser, alumnusUser].filter(Boolean) as string[]); })
      .orderBy('number').limit(120).select('id', 'userId');
    if (!enrolled.length) return [];
    const rows = (enrolled as Array<{ id: string }>).flatMap((s) => TERMS.flatMap((term, t) => COURSES.map(([code, label, teacher, coefficient]) => ({
      tenantId: tenant.tenantId, studentId: s.id, term, courseCode: code, courseLabel: label, teacherName: teacher,
      grade: gradeFor(`${s.id}${term}${code}`), coefficient, externalRef: `GETETU-${term}-${code}`,
      publishedAt: trx.raw(`now() - interval '${t === 0 ? 20 : 160} days'`),
    }))));
    for (let i = 0; i < rows.length; i += 500) await trx('schoolGrades').insert(rows.slice(i, i + 500));

    const student = await trx('schoolStudents').where({ userId: studentUser ?? null }).first('id', 'address', 'postalCode', 'city');
    if (student) {
      await trx('schoolCorrectionRequests').insert({
        tenantId: tenant.tenantId, studentId: student.id, field: 'address', currentValue: student.address ?? null, requestedValue: '18 rue de Saint-Malo',
        reason: 'J’ai déménagé le mois dernier, toujours à Rennes.', createdBy: studentUser, createdAt: trx.raw("now() - interval '2 days'"),
      });
    }
    const alumnus = await trx('schoolStudents').where({ userId: alumnusUser ?? null }).first('id', 'cursus');
    if (alumnus) {
      await trx('schoolCorrectionRequests').insert({
        tenantId: tenant.tenantId, studentId: alumnus.id, field: 'cursus', currentValue: alumnus.cursus ?? null, requestedValue: 'Master Finance et Stratégie',
        reason: 'Mon diplôme porte l’intitulé complet du master.', status: 'refused', decidedBy: office, decidedAt: trx.raw("now() - interval '6 days'"),
        answer: 'L’intitulé enregistré est celui de votre diplôme délivré en 2022 ; le nouvel intitulé ne vaut qu’à partir de la promotion 2024.',
        createdBy: alumnusUser, createdAt: trx.raw("now() - interval '9 days'"),
      });
    }
    return trx('schoolStudents').where('status', 'alumni').whereNull('userId').whereNotNull('email').orderBy('number').limit(6).select('id', 'firstName', 'lastName', 'email');
  }, admin);
  if (!alumniToList.length && !alumnusUser) return;
  // A few alumni with a portal account (the demo password), listed in the network by their consent, as the demo alumnus is.
  const hash = alumnusUser ? (await admin('users').where({ id: alumnusUser }).first('passwordHash'))?.passwordHash as string | undefined : undefined;
  const listed: string[] = alumnusUser ? [alumnusUser] : [];
  for (const a of alumniToList as Array<{ id: string; firstName: string; lastName: string; email: string }>) {
    if (!hash) break;
    const userId = await ensureUser(admin, tenant.tenantId, { email: a.email, displayName: `${a.firstName} ${a.lastName}`, type: 'student', passwordHash: hash, roleKeys: ['alumnus'] });
    await admin('schoolStudents').where({ tenantId: tenant.tenantId, id: a.id }).whereNull('userId').update({ userId });
    listed.push(userId);
  }
  await withTenant({ tenantId: tenant.tenantId }, async (trx) => {
    for (const userId of listed) {
      const known = await trx('gdprConsentEntries').where({ subjectKind: 'user', subjectId: userId, purpose: DIRECTORY_PURPOSE }).first('id');
      if (!known) {
        await trx('gdprConsentEntries').insert({
          tenantId: tenant.tenantId, subjectKind: 'user', subjectId: userId, purpose: DIRECTORY_PURPOSE, channel: DIRECTORY_CHANNEL,
          decision: 'opt-in', source: 'portal', occurredAt: trx.raw("now() - interval '30 days'"), recordedBy: userId,
        });
      }
    }
  }, admin);
}
