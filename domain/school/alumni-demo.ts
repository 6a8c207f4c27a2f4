import type { Knex } from 'knex';
import type { DemoTenantFacts } from '../modules/vertical-module';
import { matchEmployer } from './alumni-sync-rules';
import { ALUMNET_SHARING } from './alumni-sync';

/**
 * The alumni demo (ACME School): careers for the demo alumni at realistic French employers (banks, retail,
 * consultancies, and the school's own partner companies when the demo has them), a sandbox Alumnet connection
 * enabled with a few changes waiting at the network (the next sync pulls them), consents to share with Alumnet
 * for the alumni who have a portal account, and a history of nightly runs with one failed (Alumnet unavailable)
 * for the IT office to see. Idempotent: the connection and its runs are made once, the careers once (when the
 * registry's demo alumni exist).
 */
const EMPLOYERS = [
  'BNP Paribas', 'Société Générale', 'Crédit Agricole CIB', 'AXA France', 'Carrefour', 'Decathlon', 'L’Oréal', 'LVMH', 'Capgemini',
  'Deloitte', 'KPMG', 'Sopra Steria', 'Orange', 'Michelin', 'Leroy Merlin', 'BPCE', 'Accenture', 'Danone', 'Schneider Electric', 'Fnac Darty',
];
const TITLES = [
  'Chargée d’affaires entreprises', 'Analyste financier', 'Cheffe de produit', 'Consultant senior', 'Contrôleuse de gestion', 'Responsable marketing digital',
  'Auditeur financier', 'Acheteuse', 'Business developer', 'Responsable des ressources humaines', 'Chef de projet transformation', 'Category manager',
];
const CITIES = ['Paris', 'Lyon', 'Nantes', 'Lille', 'Bordeaux', 'Toulouse', 'Courbevoie', 'Marseille', 'Rennes', 'Strasbourg'];

type Row = Record<string, unknown>;
const day = (d: Date) => d.toISOString().slice(0, 10);
const daysAgo = (n: number, hour = 2, minute = 45) => { const d = new Date(); d.setUTCDate(d.getUTCDate() - n); d.setUTCHours(hour, minute, 0, 0); return d; };

export async function seedAlumniDemo(admin: Knex, tenant: DemoTenantFacts): Promise<void> {
  if (tenant.slug === 'acme-school') await seedAlumni(admin, tenant.tenantId);
}

/** The alumni demo of one organisation (the demo school's; a test's own school). */
export async function seedAlumni(admin: Knex, tenantId: string): Promise<void> {
  const lastPull = daysAgo(1);
  if (!await admin('schoolAlumnetConnections').where({ tenantId }).first('tenantId')) await seedConnection(admin, tenantId, lastPull);
  // The careers once, when the registry's demo alumni are there (a later seed adds them if they came later).
  if (await admin('schoolAlumniCareers').where({ tenantId }).first('id')) return;
  await admin.transaction(async (trx) => {
    const alumni: Row[] = await trx('schoolStudents as s').leftJoin('accounts as a', 'a.id', 's.companyId').where({ 's.tenantId': tenantId, 's.status': 'alumni' }).orderBy('s.number').limit(400)
      .select('s.id', 's.lastName', 's.firstName', 's.promotion', 's.cursus', 's.userId', 's.companyId', 'a.name as companyName');
    const partners: Array<{ id: string; name: string }> = await trx('accounts').where({ tenantId }).orderBy('name').limit(30).select('id', 'name');
    const employers = [...EMPLOYERS, ...partners.map((a) => a.name)];
    const accounts = [...partners];
    const careers: Row[] = [];
    const links: Row[] = [];
    const members: Row[] = [];
    const consents: Row[] = [];
    alumni.forEach((a, i) => {
      // One alumnus in seven has told nobody where they work.
      if (i % 7 === 6 && !a.companyName) return;
      // The registry's employer when it has one (the two agree), else one of the usual employers of the school's alumni.
      const employer = (a.companyName as string | null) ?? employers[(i * 7) % employers.length]!;
      const promotion = Number(a.promotion ?? 2015);
      const started = new Date(Date.UTC(Math.min(promotion + 1 + (i % 4), 2026), (i * 5) % 12, 1));
      const fromAlumnet = i % 5 !== 0;
      const memberId = `sbx_demo_${String(i).padStart(5, '0')}`;
      const career = { employer, jobTitle: TITLES[i % TITLES.length]!, city: CITIES[(i * 3) % CITIES.length]!, since: day(started) };
      careers.push({
        tenantId, studentId: a.id, employerName: career.employer, accountId: (a.companyId as string | null) ?? matchEmployer(career.employer, accounts), jobTitle: career.jobTitle, city: career.city,
        startedOn: career.since, source: fromAlumnet ? 'alumnet' : 'school', alumnetMemberId: fromAlumnet ? memberId : null,
      });
      // A first job before this one, for the careers' history.
      if (i % 3 === 0 && promotion + 1 < started.getUTCFullYear()) {
        careers.push({
          tenantId, studentId: a.id, employerName: EMPLOYERS[(i + 3) % EMPLOYERS.length]!, jobTitle: 'Stagiaire puis chargé d’études', city: 'Paris',
          startedOn: `${promotion}-09-01`, endedOn: day(started), source: 'school', alumnetMemberId: null,
        });
      }
      if (!fromAlumnet) return;
      links.push({ tenantId, studentId: a.id, memberId, lastPulledAt: lastPull, lastPushedAt: daysAgo(30) });
      // Three alumni changed job at Alumnet since the last night's sync: the next sync pulls them.
      const pending = members.length < 3 && i > 10;
      const now = pending ? { employer: employers[(i * 11 + 5) % employers.length]!, jobTitle: 'Directrice de clientèle', city: 'Lyon', since: day(daysAgo(10)) } : career;
      members.push({
        tenantId, memberId, externalRef: a.id, lastName: a.lastName, firstName: a.firstName, promotion: a.promotion ?? null, cursus: a.cursus ?? null,
        employer: now.employer, jobTitle: now.jobTitle, city: now.city, since: now.since, updatedAt: pending ? new Date() : daysAgo(40),
      });
      if (a.userId && i % 2 === 0) {
        consents.push({ tenantId, subjectKind: 'user', subjectId: a.userId, purpose: ALUMNET_SHARING.purpose, channel: ALUMNET_SHARING.channel, decision: 'opt-in', source: 'portal', occurredAt: daysAgo(60) });
      }
    });
    for (let i = 0; i < careers.length; i += 500) await trx('schoolAlumniCareers').insert(careers.slice(i, i + 500));
    for (let i = 0; i < links.length; i += 500) await trx('schoolAlumnetLinks').insert(links.slice(i, i + 500)).onConflict(['tenantId', 'studentId']).ignore();
    for (let i = 0; i < members.length; i += 500) await trx('schoolAlumnetSandboxMembers').insert(members.slice(i, i + 500)).onConflict(['tenantId', 'memberId']).ignore();
    if (consents.length) await trx('gdprConsentEntries').insert(consents);
  });
}

/** The sandbox connection and two weeks of nightly runs. */
async function seedConnection(admin: Knex, tenantId: string, lastPull: Date): Promise<void> {
  await admin.transaction(async (trx) => {
    await trx('schoolAlumnetConnections').insert({ tenantId, adapter: 'sandbox', enabled: true, settings: '{}', pullCursor: lastPull, lastTestedAt: daysAgo(7, 9, 30), lastTestOk: true });
    // Two weeks of nightly runs; three nights ago Alumnet was away (the IT office was mailed, nothing changed).
    const runs = Array.from({ length: 14 }, (_, n) => {
      const night = 14 - n;
      const startedAt = daysAgo(night);
      const finishedAt = new Date(startedAt.getTime() + (night === 3 ? 95_000 : 18_000 + n * 700));
      return night === 3
        ? { tenantId, trigger: 'schedule', provider: 'sandbox', status: 'failed', startedAt, finishedAt, errors: 1, errorCode: 'unavailable', errorDetail: 'Alumnet answered 503 after 4 attempts.' }
        : { tenantId, trigger: 'schedule', provider: 'sandbox', status: 'succeeded', startedAt, finishedAt, pulled: (n * 5) % 9, pushed: (n * 3) % 4, conflicts: n % 6 === 0 ? 1 : 0 };
    });
    await trx('schoolAlumniSyncRuns').insert(runs);
  });
}
