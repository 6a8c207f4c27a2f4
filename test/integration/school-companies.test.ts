import { NativeConnection, Worker } from '@temporalio/worker';
import request from 'supertest';
import { createActivities } from '../../activities';
import type { CompanyRegistryPort } from '../../integrations/company-registry/company-registry.port';
import { sealNir } from '../../domain/school/student-nir';
import { randomNir } from '../../domain/school/student-samples';
import { seedCompaniesDemo } from '../../domain/school/companies-demo';
import { workflowBundle, testDataConverter } from '../support/engine';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { startLoopbackTwilio, type LoopbackTwilio } from '../support/loopback-twilio';
import { until } from '../support/worker-process';

/**
 * The school's companies area (issue 18, spec 004 « Gestion des entreprises », ADR 0052) through the API: the
 * registry search with its filters and « Enregistrer » as an account; the legacy table's import upserting on
 * id_entreprise; an introduction telling the student by one SMS through Twilio (loopback); SMS to a promotion
 * through a comms campaign, marketing reaching only consenting students; another organisation and the student
 * side see nothing.
 */
const QUEUE = `${TASK_QUEUE}-school-companies`;

describe('school companies: registry search, saved accounts, legacy import, introductions, SMS to students', () => {
  let t: TestContext;
  let loop: LoopbackTwilio;
  let connection: NativeConnection;
  let worker: { worker: Worker; running: Promise<void> };
  let school: OwnTenant;
  let other: OwnTenant;
  let office: string;
  let otherOffice: string;
  let student: string;
  const students: Record<string, string> = {};

  const api = (method: 'get' | 'post' | 'patch', url: string, token = office) => request(t.app)[method](url).set('Authorization', `Bearer ${token}`);

  async function addStudent(tenantId: string, firstName: string, personalPhone: string | null, promotion: number): Promise<string> {
    const number = Number((await t.admin('schoolStudents').where({ tenantId }).max('number as n').first())?.n ?? 0) + 1;
    const [row] = await t.admin('schoolStudents').insert({
      tenantId, number, lastName: 'Kerouac', firstName, ...sealNir(tenantId, randomNir()), status: 'enrolled', promotion, personalPhone,
    }).returning('id');
    return row.id as string;
  }

  beforeAll(async () => {
    loop = await startLoopbackTwilio();
    t = testContext({ taskQueue: QUEUE });
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    const w = await Worker.create({
      connection, taskQueue: QUEUE, workflowBundle: await workflowBundle(),
      activities: createActivities({ knex: t.knex, loadPlan: async () => undefined, comms: { twilioApiBaseUrl: loop.url, sandboxLatencyMs: 5 } }),
      dataConverter: testDataConverter(t.knex),
    });
    worker = { worker: w, running: w.run() };
    [school, other] = await Promise.all([createOwnTenant(t.admin, 'sch-co', ['school']), createOwnTenant(t.admin, 'sch-co2', ['school'])]);
    office = (await loginAs(t.app, 'school-office', school.slug)).accessToken;
    otherOffice = (await loginAs(t.app, 'school-office', other.slug)).accessToken;
    student = (await loginAs(t.app, 'student', school.slug)).accessToken;
    const lead = (await loginAs(t.app, 'school-lead', school.slug)).accessToken;
    const settings = await api('put' as 'post', '/api/v1/comms/settings', lead).send({
      smsProvider: 'twilio', twilioAccountSid: loop.accountSid, twilioAuthToken: loop.authToken, twilioFrom: '06 44 00 00 00', mailProvider: 'sandbox', smsRatePerMinute: 6000,
    });
    expect(settings.status).toBe(200);
    students.ada = await addStudent(school.tenantId, 'Ada', '+33611220001', 2030);
    students.blaise = await addStudent(school.tenantId, 'Blaise', '+33611220002', 2030);
    students.claude = await addStudent(school.tenantId, 'Claude', null, 2030);
    students.denis = await addStudent(school.tenantId, 'Denis', '+33611220004', 2031);
  });

  afterAll(async () => {
    worker.worker.shutdown();
    await worker.running.catch(() => undefined);
    await connection.close();
    await loop.close();
    await t.close();
  });

  it('finds companies in the registry by NAF code, département and workforce band, and saves one as an account with its head-office address, once', async () => {
    const byActivity = await api('get', '/api/v1/company-registry/search').query({ nafCode: '73.11Z', postalCode: '69' });
    expect(byActivity.status).toBe(200);
    expect(byActivity.body.items.map((c: { legalName: string }) => c.legalName)).toEqual(['AGENCE HORIZON PUBLICITE']);
    const bySize = await api('get', '/api/v1/company-registry/search').query({ postalCode: '69', workforce: '32,41' });
    expect(bySize.body.items).toEqual([expect.objectContaining({ siren: '538204173', workforceBand: '32', workforceLabel: '250 à 499 salariés' })]);
    const badBand = await api('get', '/api/v1/company-registry/search').query({ workforce: '99' });
    expect(badBand.status).toBe(400);

    const saved = await api('post', '/api/v1/school/companies').send({ siren: '538 204 173', email: 'stages@banque-rhone.fr', phone: '04 72 41 00 00' });
    expect(saved.status).toBe(201);
    expect(saved.body.account).toMatchObject({
      name: 'BANQUE REGIONALE DU RHONE', siren: '538204173', siret: '53820417300016', nafCode: '64.19Z', vatNumber: 'FR01538204173',
      addressLine1: '40 COURS LAFAYETTE', postalCode: '69003', city: 'LYON', email: 'stages@banque-rhone.fr', phone: '+33472410000',
    });
    const again = await api('post', '/api/v1/school/companies').send({ siren: '53820417300016' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, account: { id: saved.body.account.id } });
    expect(Number((await t.admin('accounts').where({ tenantId: school.tenantId, siren: '538204173' }).count('id as n').first())?.n)).toBe(1);
  });

  it('answers a registry outage with a French 503 and saves nothing', async () => {
    const down: CompanyRegistryPort = { provider: 'recherche-entreprises', search: async () => ({ ok: false, reason: 'unavailable', retryable: true, message: 'HTTP 502' }) };
    const outage = testContext({ companyRegistry: down, taskQueue: QUEUE });
    try {
      const res = await request(outage.app).post('/api/v1/school/companies').set('Authorization', `Bearer ${office}`).send({ siren: '793128455' });
      expect(res.status).toBe(503);
      expect(res.body.detail).toMatch(/répertoire des entreprises ne répond pas/);
      expect(await t.admin('accounts').where({ tenantId: school.tenantId, siren: '793128455' }).first('id')).toBeUndefined();
    } finally {
      await outage.close();
    }
  });

  it('imports the legacy « Gestion des entreprises » table: dry run first, address split as case 1, rejected rows with their reason, upsert on id_entreprise', async () => {
    const csv = (phone: string) => [
      'id_entreprise;Nom de l\'entreprise;Adresse postale;Adresse mail;Numéro de téléphone',
      `ENT-0001;Hôtel de la Plage;"4, boulevard Chanard, 56170, Quiberon";direction@hotel-plage.fr;${phone}`,
      'ENT-0002;Atelier Nantais;12 rue de Strasbourg Nantes;jobs@atelier.fr;02 40 20 00 00',
      'ENT-0003;Coopérative Laitière;ZA de Kerboulard, 56250, Saint-Nolff;rh@;02 97 45 00 00',
    ].join('\n');
    const upload = (body: string, dryRun: boolean) => api('post', `/api/v1/school/companies/import${dryRun ? '?dryRun=true' : ''}`).attach('file', Buffer.from(body), 'entreprises.csv');

    const dry = await upload(csv('02 97 50 00 00'), true);
    expect(dry.status).toBe(200);
    expect(dry.body.counts).toEqual({ create: 1, update: 0, unchanged: 0, rejected: 2 });
    expect(dry.body.rows[0]).toMatchObject({ row: 2, outcome: 'create', values: { externalRef: 'ENT-0001', addressLine1: '4, boulevard Chanard', postalCode: '56170', city: 'Quiberon', phone: '+33297500000' } });
    expect(dry.body.rows[1]).toMatchObject({ outcome: 'rejected', reasonCode: 'school.import.address-format' });
    expect(dry.body.rows[2]).toMatchObject({ outcome: 'rejected', reason: expect.stringContaining('n’est pas une adresse mail') });
    expect(await t.admin('accounts').where({ tenantId: school.tenantId, externalRef: 'ENT-0001' }).first('id')).toBeUndefined();

    expect((await upload(csv('02 97 50 00 00'), false)).body.counts).toMatchObject({ create: 1 });
    const again = await upload(csv('02 97 50 11 11'), false);
    expect(again.body.counts).toEqual({ create: 0, update: 1, unchanged: 0, rejected: 2 });
    const rows = await t.admin('accounts').where({ tenantId: school.tenantId, externalRef: 'ENT-0001' }).select('name', 'city', 'phone');
    expect(rows).toEqual([{ name: 'Hôtel de la Plage', city: 'Quiberon', phone: '+33297501111' }]);
    expect((await upload('nom;ville\nA;B', false)).status).toBe(400);
  });

  let introductionId: string;

  it('puts a student in touch with a company: one SMS through Twilio, the introduction sent and followed on both sides', async () => {
    const company = (await t.admin('accounts').where({ tenantId: school.tenantId, siren: '538204173' }).first('id')).id as string;
    const [contact] = await t.admin('contacts').insert({ tenantId: school.tenantId, accountId: company, firstName: 'Claire', lastName: 'Lefèvre', jobTitle: 'Responsable RH' }).returning('id');
    const before = loop.creations().length;
    const res = await api('post', '/api/v1/school/introductions').send({ studentId: students.ada, accountId: company, contactId: contact.id, purpose: 'internship', channel: 'sms', note: 'Stage de 6 mois' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'sent', studentName: 'Ada Kerouac', accountName: 'BANQUE REGIONALE DU RHONE', contactName: 'Claire Lefèvre', messageId: expect.any(String) });
    introductionId = res.body.id;
    await until('the SMS at Twilio', async () => (loop.creations().length > before ? true : undefined), 20_000);
    const sent = loop.creations().slice(before);
    expect(sent).toHaveLength(1);
    expect(Object.fromEntries(sent[0]!.form)).toMatchObject({
      To: '+33611220001', Body: expect.stringContaining('vous met en relation avec BANQUE REGIONALE DU RHONE pour un stage. Votre interlocuteur : Claire Lefèvre (Responsable RH)'),
    });

    const ofStudent = await api('get', '/api/v1/school/introductions').query({ studentId: students.ada });
    const ofCompany = await api('get', '/api/v1/school/introductions').query({ accountId: company });
    expect(ofStudent.body.items.map((i: { id: string }) => i.id)).toEqual([introductionId]);
    expect(ofCompany.body.items.map((i: { id: string }) => i.id)).toEqual([introductionId]);
    const listed = await api('get', '/api/v1/school/companies').query({ q: 'banque' });
    expect(listed.body.items[0]).toMatchObject({ id: company, openIntroductions: 1, contacts: [expect.objectContaining({ lastName: 'Lefèvre' })] });

    const accepted = await api('patch', `/api/v1/school/introductions/${introductionId}`).set('If-Match', `"${res.body.version}"`).send({ status: 'accepted' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const backwards = await api('patch', `/api/v1/school/introductions/${introductionId}`).send({ status: 'sent' });
    expect(backwards.status).toBe(422);
    expect(backwards.body.detail).toMatch(/ne peut pas passer/);
  });

  async function report(id: string) {
    return until('the campaign to finish', async () => {
      const r = await api('get', `/api/v1/comms/campaigns/${id}`);
      return r.body.counts?.pending === 0 ? r.body : undefined;
    }, 30_000);
  }

  it('texts a promotion through a comms campaign: transactional reaches every student with a mobile, marketing only those who consented', async () => {
    const room = await api('post', '/api/v1/school/students/sms').send({
      templateKey: 'school.exam-room-change', filter: { promotion: 2030 }, variables: { exam: { name: 'Finance d’entreprise', date: 'lundi 12 janvier à 9h', room: 'B204' } },
    });
    expect(room.status).toBe(202);
    expect(room.body).toMatchObject({ total: 2, selected: 3, withoutPhone: 1 });
    const roomReport = await report(room.body.id);
    expect(roomReport.counts).toMatchObject({ sent: 2, refused: 0 });

    // Ada agreed to the school's offers by SMS (her portal); Blaise did not.
    const ada = (await t.admin('schoolStudentContacts').where({ studentId: students.ada }).first('contactId')).contactId;
    await t.admin('gdprConsentEntries').insert({ tenantId: school.tenantId, subjectKind: 'contact', subjectId: ada, purpose: 'school.sms-info', channel: 'sms', decision: 'opt-in', source: 'portal' });
    const offer = await api('post', '/api/v1/school/students/sms').send({
      templateKey: 'school.internship-offer', filter: { promotion: 2030 }, variables: { offer: { title: 'Assistant(e) marketing', company: 'Agence Horizon' } },
    });
    expect(offer.status).toBe(202);
    const offerReport = await report(offer.body.id);
    expect(offerReport.counts).toMatchObject({ sent: 1, refused: 1 });
    expect(offerReport.recipients.find((r: { outcome: string }) => r.outcome === 'refused')).toMatchObject({ name: 'Blaise Kerouac', reason: expect.stringMatching(/consentement/) });

    const unknown = await api('post', '/api/v1/school/students/sms').send({ templateKey: 'school.nope', studentIds: [students.denis] });
    expect(unknown.status).toBe(422);
  });

  it('an offer follows the student\'s own word in the portal (school.sms-info): opt-in reaches them, a later withdrawal wins over the contact\'s older opt-in, a room change still goes, STOP wins', async () => {
    const me = (await api('get', '/api/v1/auth/me', student)).body.user.id as string;
    const eve = await addStudent(school.tenantId, 'Eve', '+33611220005', 2032);
    await t.admin('schoolStudents').where({ id: eve }).update({ userId: me });
    const room = { templateKey: 'school.exam-room-change', studentIds: [eve], variables: { exam: { name: 'Droit social', date: 'mardi 13 janvier à 14h', room: 'A101' } } };
    const offer = { templateKey: 'school.internship-offer', studentIds: [eve], variables: { offer: { title: 'Stage RH', company: 'Agence Horizon' } } };
    const send = async (body: object) => {
      const res = await api('post', '/api/v1/school/students/sms').send(body);
      expect(res.status).toBe(202);
      return report(res.body.id);
    };
    const lastCode = async () => (await t.admin('messages').where({ tenantId: school.tenantId, recipient: '+33611220005' }).orderBy('createdAt', 'desc').first('status', 'errorCode'));
    const portal = (decision: 'opt-in' | 'opt-out') => api('post', '/api/v1/gdpr/me/consents', student).send({ purpose: 'school.sms-info', channel: 'sms', decision });

    expect((await send(room)).counts).toMatchObject({ sent: 1, refused: 0 });
    const contact = (await t.admin('schoolStudentContacts').where({ studentId: eve }).first('contactId')).contactId as string;
    // The office recorded an opt-in on her contact an hour ago (its consent panel).
    await t.admin('gdprConsentEntries').insert({
      tenantId: school.tenantId, subjectKind: 'contact', subjectId: contact, purpose: 'school.sms-info', channel: 'sms', decision: 'opt-in', source: 'form',
      occurredAt: new Date(Date.now() - 3_600_000), recordedAt: new Date(Date.now() - 3_600_000),
    });
    expect((await portal('opt-in')).status).toBe(201);
    const before = loop.creations().length;
    expect((await send(offer)).counts).toMatchObject({ sent: 1, refused: 0 });
    await until('the offer at Twilio', async () => (loop.creations().slice(before).some((c) => c.form.get('To') === '+33611220005') ? true : undefined), 20_000);

    expect((await portal('opt-out')).status).toBe(201);
    expect((await send(offer)).counts).toMatchObject({ sent: 0, refused: 1 });
    expect(await lastCode()).toMatchObject({ status: 'refused', errorCode: 'no_consent' });
    expect((await send(room)).counts).toMatchObject({ sent: 1, refused: 0 });

    expect((await portal('opt-in')).status).toBe(201);
    await t.admin('commsOptOuts').insert({ tenantId: school.tenantId, channel: 'sms', address: '+33611220005', source: 'reply:twilio', keyword: 'STOP' });
    expect((await send(offer)).counts).toMatchObject({ sent: 0, refused: 1 });
    expect(await lastCode()).toMatchObject({ status: 'refused', errorCode: 'opted_out' });
  });

  it('demo (run twice, as every start does): saved companies with contacts, legacy ones, an introduction in each status, a promotion\'s SMS campaign with its results', async () => {
    const demo = await createOwnTenant(t.admin, 'sch-demo', ['school']);
    for (const name of ['Anna', 'Bruno', 'Chloé', 'David', 'Emma', 'Fanny']) await addStudent(demo.tenantId, name, `+3361122${String(name.length).padStart(2, '0')}${name.charCodeAt(0)}`, 2026);
    const facts = { tenantId: demo.tenantId, slug: 'acme-school', userIds: demo.userIds };
    await seedCompaniesDemo(t.admin, facts);
    await seedCompaniesDemo(t.admin, facts);
    const token = (await loginAs(t.app, 'school-office', demo.slug)).accessToken;
    const companies = await api('get', '/api/v1/school/companies', token);
    expect(companies.body.items).toHaveLength(7);
    expect(companies.body.items).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'BANQUE REGIONALE DU RHONE', contacts: expect.arrayContaining([expect.objectContaining({ lastName: 'Lefèvre' })]) }),
      expect.objectContaining({ externalRef: 'ENT-0012', city: 'Quiberon' }),
    ]));
    const statuses = (await api('get', '/api/v1/school/introductions', token)).body.items.map((i: { status: string }) => i.status);
    expect([...statuses].sort()).toEqual(['accepted', 'closed', 'declined', 'proposed', 'sent']);
    const campaigns = (await api('get', '/api/v1/comms/campaigns', token)).body.items;
    expect(campaigns.map((c: { name: string }) => c.name)).toEqual(['Offre de stage — promotion 2026']);
    const results = await api('get', `/api/v1/comms/campaigns/${campaigns[0].id}`, token);
    expect(results.body.counts).toEqual({ pending: 0, sent: 3, refused: 2, failed: 1 });
    // Those it reached agreed to the school's information by SMS (the offer's purpose), once each despite two runs.
    const agreed = await t.admin('gdprConsentEntries').where({ tenantId: demo.tenantId, purpose: 'school.sms-info', channel: 'sms', decision: 'opt-in' }).count('id as n').first();
    expect(Number(agreed?.n)).toBe(4);
  });

  it('shows another organisation none of it, and refuses the student side (403)', async () => {
    expect((await api('get', '/api/v1/school/companies', otherOffice)).body.items).toEqual([]);
    expect((await api('get', `/api/v1/school/introductions/${introductionId}`, otherOffice)).status).toBe(404);
    expect((await api('post', '/api/v1/school/students/sms', otherOffice).send({ templateKey: 'school.exam-room-change', studentIds: [students.denis] })).status).toBe(400);
    expect((await api('post', '/api/v1/school/introductions', otherOffice).send({ studentId: students.denis, accountId: (await t.admin('accounts').where({ tenantId: school.tenantId }).first('id')).id, purpose: 'job' })).status).toBe(422);
    for (const res of [
      await api('get', '/api/v1/school/companies', student),
      await api('get', '/api/v1/school/introductions', student),
      await api('post', '/api/v1/school/students/sms', student).send({ templateKey: 'school.exam-room-change', studentIds: [students.denis] }),
      await api('post', '/api/v1/school/companies', student).send({ siren: '793128455' }),
    ]) expect(res.status).toBe(403);
  });
});
