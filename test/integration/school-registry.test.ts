import crypto from 'node:crypto';
import request from 'supertest';
import { seedRegistryDemo } from '../../domain/school/registry-demo';
import { checkNir, nirSealContext } from '../../domain/school/nir';
import { randomNir } from '../../domain/school/student-samples';
import { defaultSecretBox } from '../../domain/core/secret-box';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

interface Student { id: string; number: number; version: number; lastName: string; nir?: string; personalPhone?: string | null; address?: string | null }

/**
 * The single student registry (spec 004, issue 18; ADR 0049) at /api/v1/school/students: the NIR checked by its
 * key (a French 400, nothing written), unique per organisation (409 naming the student), sealed and masked but to
 * the student office; teachers read no NIR nor contact details; another organisation never sees a student; the
 * list's filters; the global search by name, never showing the NIR.
 */
describe('school registry', () => {
  let t: TestContext;
  let mine: OwnTenant;
  let theirs: OwnTenant;
  const tokens: Record<string, string> = {};
  // A surname nothing else holds, so searches and lists find this test's students only.
  const surname = `Kerhervé${crypto.randomBytes(4).toString('hex').replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!)}`;
  const nir = randomNir();
  let created: Student;

  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const count = async () => Number((await t.admin('schoolStudents').where({ tenantId: mine.tenantId }).count('id as n').first())!.n);

  beforeAll(async () => {
    t = testContext();
    mine = await createOwnTenant(t.admin, 'registry', ['school']);
    theirs = await createOwnTenant(t.admin, 'registry2', ['school']);
    for (const role of ['direction', 'school-lead', 'school-office', 'teacher', 'student', 'it-office']) tokens[role] = (await loginAs(t.app, role, mine.slug)).accessToken;
    tokens.theirs = (await loginAs(t.app, 'school-lead', theirs.slug)).accessToken;
    const res = await request(t.app).post('/api/v1/school/students').set(as('school-office')).send({
      lastName: surname, firstName: 'Anne-Sophie', nir: `${nir.slice(0, 1)} ${nir.slice(1, 3)} ${nir.slice(3)}`, status: 'alumni', promotion: 2024,
      cursus: 'MSc Finance', address: '12 rue de la Visitation', postalCode: '35000', city: 'Rennes', personalPhone: '06 12 34 56 78',
    });
    expect(res.status).toBe(201);
    created = res.body;
  });
  afterAll(() => t.close());

  it('stores the phone in E.164 and the NIR sealed, never in clear, masked in the answer', async () => {
    expect(created).toMatchObject({ personalPhone: '+33612345678', nir: `•••••••••••${nir.slice(-4)}` });
    const row = await t.admin('schoolStudents').where({ id: created.id }).first();
    expect(JSON.stringify(row)).not.toContain(nir);
    expect(row.nirLastDigits).toBe(nir.slice(-4));
  });

  it('refuses a NIR with a wrong key or shape (400, French message), and writes nothing', async () => {
    const before = await count();
    const wrongKey = `${nir.slice(0, 13)}${String((Number(nir.slice(13)) % 97) + 1).padStart(2, '0')}`;
    const bad = await request(t.app).post('/api/v1/school/students').set(as('school-office')).set('Accept-Language', 'fr').send({ lastName: surname, firstName: 'Paul', nir: wrongKey });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/clé de contrôle/);
    const shape = await request(t.app).post('/api/v1/school/students').set(as('school-office')).send({ lastName: surname, firstName: 'Paul', nir: '12345' });
    expect(shape.status).toBe(400);
    expect(JSON.stringify(shape.body)).toMatch(/15 caractères/);
    expect(await count()).toBe(before);
  });

  it('refuses a NIR another student holds (409 naming their number), on create and on update', async () => {
    const again = await request(t.app).post('/api/v1/school/students').set(as('school-office')).send({ lastName: 'Autre', firstName: 'Jean', nir });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain(`n° ${created.number}`);
    const other = await request(t.app).post('/api/v1/school/students').set(as('school-office')).send({ lastName: `${surname}bis`, firstName: 'Jean', nir: randomNir(), status: 'enrolled', promotion: 2026, cursus: 'BTS NDRC' });
    expect(other.status).toBe(201);
    const steal = await request(t.app).patch(`/api/v1/school/students/${other.body.id}`).set(as('school-office')).set('If-Match', '"1"').send({ nir });
    expect(steal.status).toBe(409);
  });

  it('masks the NIR in every answer, opens it on « Afficher » for the student office only (audited, never the number), hides it from teachers', async () => {
    const read = async (who: string, query = {}) => (await request(t.app).get(`/api/v1/school/students/${created.id}`).query(query).set(as(who)).expect(200)).body as Student;
    const masked = `•••••••••••${nir.slice(-4)}`;
    expect((await read('school-office')).nir).toBe(masked);
    expect((await read('school-office', { reveal: 'nir' })).nir).toBe(nir);
    expect((await read('school-lead', { reveal: 'nir' })).nir).toBe(nir);
    expect(await read('direction')).toMatchObject({ nir: masked, city: 'Rennes' });
    const refused = await request(t.app).get(`/api/v1/school/students/${created.id}`).query({ reveal: 'nir' }).set(as('direction')).set('Accept-Language', 'fr');
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/en clair/);
    const reads = await t.admin('auditLog').where({ tenantId: mine.tenantId, action: 'school.student.nir-read', targetId: created.id }).select('actorUserId', 'details');
    expect(reads.map((r) => r.actorUserId).sort()).toEqual([mine.userIds['school-office'], mine.userIds['school-lead']].sort());
    expect(JSON.stringify(reads)).not.toContain(nir);
    const teacher = await read('teacher');
    expect(teacher).toMatchObject({ lastName: surname, cursus: 'MSc Finance', promotion: 2024 });
    expect(teacher).not.toHaveProperty('nir');
    expect(teacher).not.toHaveProperty('personalPhone');
    // Lists never carry it in clear, whoever reads them.
    const list = await request(t.app).get('/api/v1/school/students').query({ q: surname }).set(as('school-office')).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(nir);
    // The history keeps the masked form only.
    const history = await request(t.app).get(`/api/v1/school/students/${created.id}/history`).set(as('school-office')).expect(200);
    expect(JSON.stringify(history.body)).not.toContain(nir);
  });

  it('keeps the registry from the student side and the IT office, and from another organisation', async () => {
    for (const who of ['student', 'it-office']) {
      expect((await request(t.app).get('/api/v1/school/students').set(as(who))).status).toBe(403);
      expect((await request(t.app).get(`/api/v1/school/students/${created.id}`).set(as(who))).status).toBe(403);
    }
    expect((await request(t.app).get(`/api/v1/school/students/${created.id}`).set(as('theirs'))).status).toBe(404);
    const theirList = await request(t.app).get('/api/v1/school/students').query({ q: surname }).set(as('theirs')).expect(200);
    expect(theirList.body.items).toEqual([]);
    // The same NIR is another person's in another organisation: nothing collides.
    const there = await request(t.app).post('/api/v1/school/students').set(as('theirs')).send({ lastName: 'Ailleurs', firstName: 'Léa', nir });
    expect(there.status).toBe(201);
  });

  it('filters the list by status, promotion, cursus and NIR (hashed, exact), with cursor paging', async () => {
    const list = async (query: Record<string, string>) => (await request(t.app).get('/api/v1/school/students').query({ q: surname, ...query }).set(as('school-office')).expect(200)).body;
    expect((await list({ status: 'alumni' })).items.map((s: Student) => s.id)).toEqual([created.id]);
    expect((await list({ promotion: '2026' })).items.map((s: Student) => s.lastName)).toEqual([`${surname}bis`]);
    expect((await list({ cursus: 'MSc Finance' })).items.map((s: Student) => s.id)).toEqual([created.id]);
    expect((await list({ nir: nir.replace(/(\d{3})/g, '$1 ') })).items.map((s: Student) => s.id)).toEqual([created.id]);
    const first = await list({ limit: '1' });
    expect(first.items).toHaveLength(1);
    expect((await list({ limit: '1', cursor: first.nextCursor })).items).toHaveLength(1);
    expect((await request(t.app).get('/api/v1/school/students').query({ promotion: 'deux mille' }).set(as('school-office'))).status).toBe(400);
    // A teacher may not learn by a NIR whether someone is a student.
    expect((await request(t.app).get('/api/v1/school/students').query({ nir }).set(as('teacher'))).status).toBe(403);
  });

  it('finds a student by name in the global search, never showing or matching the NIR', async () => {
    const hits = await request(t.app).get('/api/v1/search').query({ q: surname }).set(as('school-office')).expect(200);
    expect(hits.body.items.map((h: { id: string }) => h.id)).toContain(created.id);
    expect(JSON.stringify(hits.body)).not.toContain(nir);
    const byNir = await request(t.app).get('/api/v1/search').query({ q: nir }).set(as('school-office')).expect(200);
    expect(byNir.body.items.map((h: { id: string }) => h.id)).not.toContain(created.id);
  });

  it('lets the head of the student office delete a student, not the student office', async () => {
    const extra = await request(t.app).post('/api/v1/school/students').set(as('school-lead')).send({ lastName: `${surname}ter`, firstName: 'Maël', nir: randomNir() }).expect(201);
    expect((await request(t.app).delete(`/api/v1/school/students/${extra.body.id}`).set(as('school-office'))).status).toBe(403);
    expect((await request(t.app).delete(`/api/v1/school/students/${extra.body.id}`).set(as('school-lead'))).status).toBe(204);
  });

  it('seeds the demo registry once: ~300 valid students across promotions, the portal users linked to their own row', async () => {
    const demo = await createOwnTenant(t.admin, 'registry-demo', ['school']);
    const facts = { tenantId: demo.tenantId, slug: 'acme-school', userIds: demo.userIds };
    await seedRegistryDemo(t.admin, facts);
    await seedRegistryDemo(t.admin, facts);
    const rows = await t.admin('schoolStudents').where({ tenantId: demo.tenantId }).select('status', 'promotion', 'nirSealed', 'userId', 'personalPhone', 'companyId');
    expect(rows).toHaveLength(302);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['prospect', 'enrolled', 'alumni']));
    expect(Math.min(...rows.map((r) => r.promotion))).toBe(2019);
    expect(rows.every((r) => checkNir(defaultSecretBox().open(r.nirSealed, nirSealContext(demo.tenantId))).ok && /^\+33\d{9}$/.test(r.personalPhone))).toBe(true);
    expect(rows.filter((r) => r.userId).map((r) => r.userId).sort()).toEqual([demo.userIds.student, demo.userIds.alumnus].sort());
    expect(rows.filter((r) => r.companyId).length).toBeGreaterThan(100);
  });
});
