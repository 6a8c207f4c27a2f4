import { seedPortalDemo } from '../../domain/school/portal-demo';
import { seedRegistryDemo } from '../../domain/school/registry-demo';
import { sealNir } from '../../domain/school/student-nir';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { asUser } from '../support/http';

/**
 * The student portal (issue 18, area portal, ADR 0053) in an organisation of this file's own: a student and an
 * alumnus linked to their registry rows, the student office, a teacher; the portal answers only about the
 * principal's own record (another student's request, an unlisted alumnus, another organisation: 404), the staff's
 * endpoints refuse the student side (403), a correction request goes from the student to the office and back, the
 * GetEtu import reports each row (a bad one rejected, the NIR never repeated), and consents decide the alumni network.
 */
describe('school portal', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let other: OwnTenant;
  const tokens: Record<string, string> = {};
  const as = (role: string) => asUser(t.app, tokens[role]!);
  const ids: Record<string, string> = {};
  const NIR_EMMA = '295053523845673';
  const NIR_LOUIS = '198067505612349';

  async function student(slugTenant: OwnTenant, values: Record<string, unknown>, nir: string, number: number): Promise<string> {
    const [row] = await t.admin('schoolStudents').insert({ tenantId: slugTenant.tenantId, number, ...sealNir(slugTenant.tenantId, nir), ...values }).returning('id');
    return (row as { id: string }).id;
  }

  beforeAll(async () => {
    t = testContext();
    tenant = await createOwnTenant(t.admin, 'portal', ['school']);
    other = await createOwnTenant(t.admin, 'portal-other', ['school']);
    for (const role of ['student', 'alumnus', 'school-office', 'teacher', 'direction']) tokens[role] = (await loginAs(t.app, role, tenant.slug)).accessToken;
    tokens.otherStudent = (await loginAs(t.app, 'student', other.slug)).accessToken;
    const [employer] = await t.admin('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Groupe Armor Finance', city: 'Rennes', status: 'active', nafCode: '64.19Z', notes: 'Note interne : contrat cadre en négociation' }).returning('id');
    ids.emma = await student(tenant, { lastName: 'Leroy', firstName: 'Emma', status: 'enrolled', promotion: 2027, cursus: 'Bachelor Commerce', address: '4 rue Poullain-Duparc', postalCode: '35000', city: 'Rennes', personalPhone: '+33612345678', email: 'emma.leroy@exemple.fr', userId: tenant.userIds.student }, NIR_EMMA, 1041);
    ids.louis = await student(tenant, { lastName: 'Martin', firstName: 'Louis', status: 'alumni', promotion: 2022, cursus: 'Master Finance', personalPhone: '+33698765432', professionalPhone: '+33299871400', address: '9 quai Lamartine', postalCode: '35000', city: 'Rennes', companyId: (employer as { id: string }).id, userId: tenant.userIds.alumnus }, NIR_LOUIS, 1042);
    ids.otherEmma = await student(other, { lastName: 'Durand', firstName: 'Léa', status: 'enrolled', userId: other.userIds.student }, NIR_EMMA, 1);
  });
  afterAll(() => t.close());

  it('shows the student their own record, the NIR masked even for them, and no other student', async () => {
    const me = await as('student').get('/api/v1/school/portal/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ number: 1041, lastName: 'Leroy', firstName: 'Emma', nir: '•••••••••••5673', status: 'enrolled', promotion: 2027, city: 'Rennes', employer: null });
    expect(JSON.stringify(me.body)).not.toContain(NIR_EMMA);
    const alumnus = await as('alumnus').get('/api/v1/school/portal/me');
    expect(alumnus.body).toMatchObject({ lastName: 'Martin', employer: { name: 'Groupe Armor Finance', city: 'Rennes' }, professionalPhone: '+33299871400' });
    // Another organisation's student with the same NIR sees their own record only.
    expect((await asUser(t.app, tokens.otherStudent!).get('/api/v1/school/portal/me')).body).toMatchObject({ lastName: 'Durand', number: 1 });
    // The staff have no student record: the portal is not theirs.
    expect((await as('school-office').get('/api/v1/school/portal/me')).status).toBe(403);
    // No way to name a student: a chosen id in the query is refused, a path to another's record does not exist.
    expect((await as('student').get(`/api/v1/school/portal/me?studentId=${ids.louis}`)).status).toBe(400);
    for (const path of [`/api/v1/school/portal/students/${ids.louis}`, `/api/v1/school/portal/students/${ids.louis}/grades`, `/api/v1/school/portal/grades/${ids.louis}`]) {
      expect((await as('student').get(path)).status).toBe(404);
    }
  });

  it('imports grades from GetEtu by NIR or number, a bad row rejected with its reason, the NIR never repeated; the student reads theirs only', async () => {
    const rows = [
      { nir: NIR_EMMA, term: '2026-S1', courseCode: 'FIN101', courseLabel: 'Finance d’entreprise', grade: '14,5', coefficient: 3, teacher: 'Prof. Roux' },
      { studentNumber: 1041, term: '2026-S1', courseCode: 'MKT102', courseLabel: 'Marketing', grade: 12, coefficient: 2, teacher: 'Prof. Marchand' },
      { studentNumber: 1042, term: '2026-S1', courseCode: 'FIN101', courseLabel: 'Finance d’entreprise', grade: 16 },
      { nir: '295053523845627', term: '2026-S1', courseCode: 'FIN101', courseLabel: 'Finance', grade: 12 },
      { nir: '201013523878914', term: '2026-S1', courseCode: 'FIN101', courseLabel: 'Finance', grade: 12 },
      { studentNumber: 1041, term: '2026-S1', courseCode: 'DRO103', courseLabel: 'Droit', grade: 'vingt' },
    ];
    // « Vérifier » first: the same report, nothing written.
    const check = await as('teacher').post('/api/v1/school/grades/import', { rows, dryRun: true });
    expect(check.body).toMatchObject({ dryRun: true, counts: { created: 3, updated: 0, unchanged: 0, rejected: 3 } });
    expect(await t.admin('schoolGrades').where({ tenantId: tenant.tenantId, courseCode: 'MKT102' }).first('id')).toBeUndefined();
    const report = await as('teacher').post('/api/v1/school/grades/import', { rows });
    expect(report.status).toBe(200);
    expect(report.body.dryRun).toBe(false);
    expect(report.body.rows).toEqual(check.body.rows);
    expect(report.body.counts).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 3 });
    expect(report.body.rows.map((r: { row: number; outcome: string; reason?: string }) => [r.row, r.outcome, r.reason ?? null])).toEqual([
      [1, 'created', null], [2, 'created', null], [3, 'created', null],
      [4, 'rejected', 'le numéro de sécurité sociale n’est pas valide'],
      [5, 'rejected', 'aucun étudiant de l’école ne correspond à cet identifiant'],
      [6, 'rejected', '« vingt » n’est pas une note sur 20, comme 14,5'],
    ]);
    for (const nir of [NIR_EMMA, '295053523845627', '201013523878914']) expect(JSON.stringify(report.body)).not.toContain(nir);

    // The same file again changes nothing; a CSV from the office corrects one grade.
    expect((await as('school-office').post('/api/v1/school/grades/import', { rows: rows.slice(0, 3) })).body.counts).toEqual({ created: 0, updated: 0, unchanged: 3, rejected: 0 });
    const csv = 'numero_etudiant;semestre;code_cours;intitule_cours;note;coefficient;enseignant\n1041;2026-S1;MKT102;Marketing;13,5;2;Prof. Marchand\n';
    expect((await as('school-office').post('/api/v1/school/grades/import', { csv })).body.counts).toEqual({ created: 0, updated: 1, unchanged: 0, rejected: 0 });
    const bad = await as('school-office').post('/api/v1/school/grades/import', { csv: 'nom;note\nLeroy;12\n' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toContain('« semestre »');

    const grades = await as('student').get('/api/v1/school/portal/grades');
    expect(grades.status).toBe(200);
    expect(grades.body.terms).toEqual([{
      term: '2026-S1', average: 14.1,
      courses: [
        expect.objectContaining({ courseCode: 'FIN101', courseLabel: 'Finance d’entreprise', teacherName: 'Prof. Roux', grade: 14.5, coefficient: 3 }),
        expect.objectContaining({ courseCode: 'MKT102', grade: 13.5, coefficient: 2 }),
      ],
    }]);
    expect((await as('alumnus').get('/api/v1/school/portal/grades')).body.terms[0].courses.map((c: { grade: number }) => c.grade)).toEqual([16]);
    expect((await asUser(t.app, tokens.otherStudent!).get('/api/v1/school/portal/grades')).body.terms).toEqual([]);
  });

  it('refuses the staff’s endpoints to the student side (403)', async () => {
    for (const role of ['student', 'alumnus']) {
      expect((await as(role).get('/api/v1/school/correction-requests')).status).toBe(403);
      expect((await as(role).post('/api/v1/school/correction-requests/00000000-0000-4000-8000-000000000000/decision', { decision: 'accept' })).status).toBe(403);
      expect((await as(role).post('/api/v1/school/grades/import', { rows: [{ studentNumber: 1041, term: '2026-S1', courseCode: 'X1', courseLabel: 'X', grade: 20 }] })).status).toBe(403);
      expect((await as(role).get('/api/v1/accounts')).status).toBe(403);
    }
    expect(await t.admin('schoolGrades').where({ tenantId: tenant.tenantId, courseCode: 'X1' }).first()).toBeUndefined();
  });

  it('takes a correction request from the student to the office and back; another student’s request answers 404', async () => {
    const bad = await as('student').post('/api/v1/school/portal/correction-requests', { field: 'postalCode', requestedValue: '3500', reason: 'Déménagement' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ field: 'requestedValue', message: 'doit être un code postal à 5 chiffres, comme 35000' });
    const address = await as('student').post('/api/v1/school/portal/correction-requests', { field: 'address', requestedValue: '18 rue de Saint-Malo', reason: 'J’ai déménagé' });
    expect(address.status).toBe(201);
    expect(address.body).toMatchObject({ field: 'address', currentValue: '4 rue Poullain-Duparc', requestedValue: '18 rue de Saint-Malo', status: 'pending' });
    expect((await as('student').post('/api/v1/school/portal/correction-requests', { field: 'address', requestedValue: '20 rue de Brest', reason: 'Encore' })).status).toBe(409);
    const nir = await as('student').post('/api/v1/school/portal/correction-requests', { field: 'nir', requestedValue: '2 95 05 35 238 456 73', reason: 'Erreur' });
    expect(nir.status).toBe(422); // the same NIR as recorded
    const newNir = await as('student').post('/api/v1/school/portal/correction-requests', { field: 'nir', requestedValue: '200086912345633', reason: 'Une erreur de saisie à l’inscription' });
    expect(newNir.status).toBe(201);
    expect(newNir.body).toMatchObject({ currentValue: '•••••••••••5673', requestedValue: '•••••••••••5633' });
    const stored = await t.admin('schoolCorrectionRequests').where({ id: newNir.body.id }).first();
    expect(JSON.stringify(stored)).not.toContain('200086912345633');
    const louisRequest = await as('alumnus').post('/api/v1/school/portal/correction-requests', { field: 'cursus', requestedValue: 'Master Finance et Stratégie', reason: 'Intitulé complet' });
    expect(louisRequest.status).toBe(201);

    // Isolation: the student reads their own requests only; another's id, another organisation, an unlisted alumnus: 404.
    expect((await as('student').get('/api/v1/school/portal/correction-requests')).body.items.map((r: { field: string }) => r.field).sort()).toEqual(['address', 'nir']);
    expect((await as('student').get(`/api/v1/school/portal/correction-requests/${louisRequest.body.id}`)).status).toBe(404);
    expect((await asUser(t.app, tokens.otherStudent!).get(`/api/v1/school/portal/correction-requests/${address.body.id}`)).status).toBe(404);
    expect((await as('student').get(`/api/v1/school/portal/alumni/${ids.louis}`)).status).toBe(404);
    expect((await as('student').get(`/api/v1/school/portal/alumni/${ids.emma}`)).status).toBe(404);

    // The office decides: the address accepted (written to the registry), the NIR refused with an answer.
    const pending = await as('school-office').get('/api/v1/school/correction-requests');
    expect(pending.status).toBe(200);
    expect(pending.body.items.map((r: { field: string; student: { number: number } }) => [r.student.number, r.field])).toEqual([[1041, 'address'], [1041, 'nir'], [1042, 'cursus']]);
    const accepted = await as('school-office').post(`/api/v1/school/correction-requests/${address.body.id}/decision`, { decision: 'accept' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', decidedByName: expect.any(String) });
    expect((await as('student').get('/api/v1/school/portal/me')).body.address).toBe('18 rue de Saint-Malo');
    expect((await as('school-office').post(`/api/v1/school/correction-requests/${address.body.id}/decision`, { decision: 'refuse', answer: 'Non' })).status).toBe(409);
    expect((await as('school-office').post(`/api/v1/school/correction-requests/${newNir.body.id}/decision`, { decision: 'refuse' })).status).toBe(400);
    const refused = await as('school-office').post(`/api/v1/school/correction-requests/${newNir.body.id}/decision`, { decision: 'refuse', answer: 'Votre carte Vitale porte le numéro enregistré : passez au pôle scolarité avec l’attestation.' });
    expect(refused.body).toMatchObject({ status: 'refused' });
    const mine = await as('student').get(`/api/v1/school/portal/correction-requests/${newNir.body.id}`);
    expect(mine.body).toMatchObject({ status: 'refused', answer: expect.stringContaining('carte Vitale'), requestedValue: '•••••••••••5633' });
    expect((await as('direction').get('/api/v1/school/correction-requests?status=decided')).body.items).toHaveLength(2);
    expect((await as('direction').post(`/api/v1/school/correction-requests/${louisRequest.body.id}/decision`, { decision: 'accept' })).status).toBe(403);

    // A NIR accepted: opened from its seal only to be written through the registry (sealed, hashed, masked again).
    const louisNir = await as('alumnus').post('/api/v1/school/portal/correction-requests', { field: 'nir', requestedValue: '197052217401125', reason: 'Clé erronée à l’inscription' });
    expect(louisNir.status).toBe(201);
    expect((await as('school-office').post(`/api/v1/school/correction-requests/${louisNir.body.id}/decision`, { decision: 'accept' })).status).toBe(200);
    expect((await as('alumnus').get('/api/v1/school/portal/me')).body.nir).toBe('•••••••••••1125');
    const byNewNir = await as('teacher').post('/api/v1/school/grades/import', { rows: [{ nir: '197052217401125', term: '2026-S1', courseCode: 'ALU900', courseLabel: 'Conférence alumni', grade: 18 }] });
    expect(byNewNir.body.rows[0]).toMatchObject({ outcome: 'created', studentNumber: 1042 });
    expect(JSON.stringify(await t.admin('history').where({ tenantId: tenant.tenantId, recordId: ids.louis }))).not.toContain('197052217401125');
  });

  it('lists in the alumni network only the alumni who consented, without phones or address; companies without internal notes', async () => {
    const consents = await as('alumnus').get('/api/v1/gdpr/me/consents');
    expect(consents.status).toBe(200);
    expect(consents.body.purposes.map((p: { key: string }) => p.key)).toEqual(expect.arrayContaining(['school.alumni-directory', 'school.sms-info', 'school.newsletter']));
    expect((await as('student').get('/api/v1/school/portal/alumni')).body.items).toEqual([]);

    expect((await as('alumnus').post('/api/v1/gdpr/me/consents', { purpose: 'school.alumni-directory', channel: 'portal', decision: 'opt-in' })).status).toBe(201);
    const listed = await as('student').get('/api/v1/school/portal/alumni?promotion=2022');
    expect(listed.body.items).toEqual([{ id: ids.louis, lastName: 'Martin', firstName: 'Louis', promotion: 2022, cursus: 'Master Finance', jobTitle: null, employer: 'Groupe Armor Finance', workCity: null }]);
    expect(JSON.stringify(listed.body)).not.toMatch(/\+33|quai|Rennes|1984|NIR/);
    expect((await as('student').get(`/api/v1/school/portal/alumni/${ids.louis}`)).status).toBe(200);
    expect((await asUser(t.app, tokens.otherStudent!).get(`/api/v1/school/portal/alumni/${ids.louis}`)).status).toBe(404);

    expect((await as('alumnus').post('/api/v1/gdpr/me/consents', { purpose: 'school.alumni-directory', channel: 'portal', decision: 'opt-out' })).status).toBe(201);
    expect((await as('student').get('/api/v1/school/portal/alumni')).body.items).toEqual([]);
    expect((await as('student').get(`/api/v1/school/portal/alumni/${ids.louis}`)).status).toBe(404);

    expect((await as('student').post('/api/v1/gdpr/me/consents', { purpose: 'school.sms-info', channel: 'sms', decision: 'opt-in' })).status).toBe(201);
    const mine = await as('student').get('/api/v1/gdpr/me/consents');
    const sms = mine.body.purposes.find((p: { key: string }) => p.key === 'school.sms-info');
    expect(sms.states).toEqual([expect.objectContaining({ channel: 'sms', status: 'granted', allowed: true })]);

    const companies = await as('student').get('/api/v1/school/portal/companies');
    expect(companies.status).toBe(200);
    expect(companies.body.items).toEqual([expect.objectContaining({ name: 'Groupe Armor Finance', city: 'Rennes', sector: expect.any(String) })]);
    expect(JSON.stringify(companies.body)).not.toContain('Note interne');
  });

  it('exports the student’s own school data from « Mes données » (access and portability), the NIR never in clear, nobody else’s', async () => {
    const me = (await as('student').get('/api/v1/auth/me')).body.user.id as string;
    const asked = await as('student').post('/api/v1/gdpr/requests', { kind: 'portability', subject: { kind: 'user', id: me } });
    expect(asked.status).toBe(201);
    const exported = await as('student').get(`/api/v1/gdpr/requests/${asked.body.id}/export?format=json`);
    expect(exported.status).toBe(200);
    const rowsOf = (table: string) => exported.body.tables.find((tb: { table: string }) => tb.table === table)?.rows ?? [];
    expect(rowsOf('school_students').map((r: { last_name: string }) => r.last_name)).toEqual(['Leroy']);
    expect(rowsOf('school_grades').length).toBeGreaterThan(0);
    expect(rowsOf('school_correction_requests').map((r: { field: string }) => r.field).sort()).toEqual(['address', 'nir']);
    const text = JSON.stringify(exported.body);
    for (const nir of [NIR_EMMA, NIR_LOUIS, '200086912345633']) expect(text).not.toContain(nir);
    expect(text).not.toContain('Martin');
  });

  it('gives the demo student and alumnus real content: two terms of grades, a pending and a decided request, the alumni network', async () => {
    const demo = await createOwnTenant(t.admin, 'portal-demo', ['school']);
    await seedRegistryDemo(t.admin, { ...demo, slug: 'acme-school' }); // its students in this organisation (it seeds ACME School's only)
    await seedPortalDemo(t.admin, demo);
    await seedPortalDemo(t.admin, demo); // idempotent
    const student = asUser(t.app, (await loginAs(t.app, 'student', demo.slug)).accessToken);
    const alumnus = asUser(t.app, (await loginAs(t.app, 'alumnus', demo.slug)).accessToken);
    const grades = (await student.get('/api/v1/school/portal/grades')).body;
    expect(grades.terms.map((term: { term: string; courses: unknown[] }) => [term.term, term.courses.length])).toEqual([['2026-S1', 5], ['2025-S2', 5]]);
    expect((await student.get('/api/v1/school/portal/correction-requests')).body.items.map((r: { field: string; status: string }) => [r.field, r.status])).toEqual([['address', 'pending']]);
    const decided = (await alumnus.get('/api/v1/school/portal/correction-requests')).body.items;
    expect(decided).toEqual([expect.objectContaining({ field: 'cursus', status: 'refused', answer: expect.any(String) })]);
    expect((await alumnus.get('/api/v1/school/portal/grades')).body.terms).toHaveLength(2);
    const network = (await student.get('/api/v1/school/portal/alumni')).body.items;
    expect(network.length).toBeGreaterThan(1);
    expect((await student.get('/api/v1/school/portal/companies')).body.items.length).toBeGreaterThan(0);
  });
});
