import crypto from 'node:crypto';
import { NativeConnection } from '@temporalio/worker';
import request from 'supertest';
import { ALUMNI_SYNC_CALENDAR, ensureAlumniSyncSchedule } from '../../api/school/alumni-schedule';
import { commsActivities } from '../../activities/comms/comms.wiring';
import { createAlumniSyncActivities } from '../../activities/school/alumni-sync.activities';
import { defaultSecretBox } from '../../domain/core/secret-box';
import { ALUMNET_SHARING } from '../../domain/school/alumni-sync';
import { apiKeyContext } from '../../domain/school/alumnet-connection';
import { nirLookupHash, nirSealContext } from '../../domain/school/nir';
import { MODULE_JOB_WORKFLOW } from '../../workflows/core/module-job.contract';
import type { AlumniSyncActivities } from '../../workflows/school/alumni-sync.contract';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { engineWorker } from '../support/engine';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { LOOPBACK_ALUMNET_KEY, startLoopbackAlumnet, type LoopbackAlumnet } from '../support/loopback-alumnet';

/**
 * The two-way Alumnet sync (issue 18, ADR 0051) against a loopback Alumnet: careers pulled (Alumnet wins), the
 * identity of consenting alumni pushed (the registry wins, never the NIR), and a vendor outage or a changed
 * answer failing the run loudly (run failed, the IT office mailed) with nothing local changed.
 */
const NIR = '285057800608436';

describe('school alumni sync (loopback Alumnet)', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let alumnet: LoopbackAlumnet;
  let activities: AlumniSyncActivities;
  const ids: Record<'consenting' | 'silent' | 'typed' | 'enrolled', string> = { consenting: '', silent: '', typed: '', enrolled: '' };
  let bnpId = '';

  const run = () => activities['school.alumni-sync.run']({ tenantId: tenant.tenantId, trigger: 'schedule', startedBy: null });
  const currentCareer = (studentId: string) => t.admin('schoolAlumniCareers').where({ studentId }).whereNull('endedOn').first();
  const snapshot = async () => ({
    careers: await t.admin('schoolAlumniCareers').where({ tenantId: tenant.tenantId }).orderBy('id').select('id', 'employerName', 'endedOn', 'version'),
    links: await t.admin('schoolAlumnetLinks').where({ tenantId: tenant.tenantId }).orderBy('studentId').select('studentId', 'memberId', 'pushedHash'),
    students: await t.admin('schoolStudents').where({ tenantId: tenant.tenantId }).orderBy('id').select('id', 'companyId', 'version', 'updatedAt'),
    cursor: (await t.admin('schoolAlumnetConnections').where({ tenantId: tenant.tenantId }).first('pullCursor')).pullCursor,
  });

  beforeAll(async () => {
    t = testContext();
    tenant = await createOwnTenant(t.admin, 'alumni', ['school']);
    alumnet = await startLoopbackAlumnet();
    const box = defaultSecretBox();
    const { tenantId } = tenant;
    let number = 0;
    const student = async (lastName: string, firstName: string, status: string, consent: boolean) => {
      number += 1;
      const nir = `${NIR.slice(0, 12)}${String(number).padStart(3, '0')}`;
      const [user] = await t.admin('users').insert({ tenantId, email: `${crypto.randomUUID()}@etu.acme.test`, displayName: `${firstName} ${lastName}`, type: 'student', passwordHash: 'x' }).returning('id');
      const [row] = await t.admin('schoolStudents').insert({
        tenantId, number, lastName, firstName, status, promotion: 2015, cursus: 'MSc Finance', professionalPhone: '+33612345678', userId: user.id,
        nirSealed: box.seal(nir, nirSealContext(tenantId)), nirHash: nirLookupHash(nir, 'test-secret', tenantId), nirLastDigits: nir.slice(-4),
      }).returning('id');
      if (consent) await t.admin('gdprConsentEntries').insert({ tenantId, subjectKind: 'user', subjectId: user.id, purpose: ALUMNET_SHARING.purpose, channel: ALUMNET_SHARING.channel, decision: 'opt-in', source: 'portal' });
      return String(row.id);
    };
    ids.consenting = await student('Durand', 'Jean-Marc', 'alumni', true);
    ids.silent = await student('Petit', 'Zoé', 'alumni', false);
    ids.typed = await student('Lefèvre', 'Inès', 'alumni', true);
    ids.enrolled = await student('Morel', 'Hugo', 'enrolled', true);
    [{ id: bnpId }] = await t.admin('accounts').insert({ tenantId, name: 'BNP Paribas SA', number: 1 }).returning('id');
    // A job the school typed for Inès; Alumnet knows her under another name and another job.
    await t.admin('schoolAlumniCareers').insert({ tenantId, studentId: ids.typed, employerName: 'Crédit Agricole', jobTitle: 'Analyste', city: 'Lyon', source: 'school' });
    alumnet.change({ id: 'mbr_ines', external_ref: ids.typed, first_name: 'Ines', last_name: 'Lefebvre', graduation_year: 2016, program: 'MSc Finance',
      current_position: { company: 'Société Générale', title: 'Chargée d’affaires', city: 'Paris', start_date: '2024-01-15' } });
    await t.admin('schoolAlumnetConnections').insert({ tenantId, adapter: 'alumnet', baseUrl: alumnet.url, apiKeySealed: box.seal(LOOPBACK_ALUMNET_KEY, apiKeyContext(tenantId)), enabled: true });
    const comms = commsActivities(t.knex);
    activities = createAlumniSyncActivities({ knex: t.knex, sendMail: comms['comms.mail.send'], publicUrl: 'https://relais.test', sleep: async () => undefined });
  });

  afterAll(async () => {
    await alumnet.close();
    await t.close();
  });

  it('pulls careers (Alumnet wins), pushes the identity of consenting alumni only (the registry wins), never the NIR', async () => {
    const outcome = await run();
    expect(outcome).toEqual(expect.objectContaining({ status: 'succeeded', pushed: 2, pulled: 1 }));
    const puts = alumnet.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => decodeURIComponent(r.path.split('/').pop()!)).sort()).toEqual([ids.consenting, ids.typed].sort());
    const sent = JSON.stringify(puts.map((r) => r.json));
    expect(sent).not.toContain(NIR.slice(0, 12));
    expect(sent).not.toMatch(/nir/i);
    // The registry wins on identity: Alumnet's « Lefebvre » is written back as the school's « Lefèvre ».
    expect(alumnet.members.get('mbr_ines')).toEqual(expect.objectContaining({ last_name: 'Lefèvre', first_name: 'Inès', graduation_year: 2015 }));
    // Alumnet wins on career: the school's typed job ends, Alumnet's is current.
    expect(await currentCareer(ids.typed)).toEqual(expect.objectContaining({ employerName: 'Société Générale', source: 'alumnet', alumnetMemberId: 'mbr_ines', startedOn: '2024-01-15' }));
    expect(await t.admin('schoolAlumniCareers').where({ studentId: ids.typed, employerName: 'Crédit Agricole' }).first('endedOn')).toEqual({ endedOn: '2024-01-15' });
    const runRow = await t.admin('schoolAlumniSyncRuns').where({ id: outcome.runId }).first();
    expect(runRow).toEqual(expect.objectContaining({ status: 'succeeded', conflicts: 2, pushed: 2 }));

    // Jean-Marc's new job at Alumnet comes back at the next run, matched to the company the school knows.
    const jm = [...alumnet.members.values()].find((m) => m.external_ref === ids.consenting)!;
    alumnet.change({ ...jm, current_position: { company: 'BNP Paribas', title: 'Analyste crédit', city: 'Paris', start_date: '2025-09-01' } });
    alumnet.requests.length = 0;
    expect(await run()).toEqual(expect.objectContaining({ status: 'succeeded', pulled: 1, pushed: 0 }));
    expect(await currentCareer(ids.consenting)).toEqual(expect.objectContaining({ employerName: 'BNP Paribas', accountId: bnpId }));
    // The registry's employer follows, through its write path (the student's history credits the sync).
    expect(await t.admin('schoolStudents').where({ id: ids.consenting }).first('companyId')).toEqual({ companyId: bnpId });
    expect(alumnet.calls('GET', '/v1/members')[0]!.query.get('updated_since')).toBeTruthy();
  });

  it.each([
    ['an outage (503 after the retries)', 'down', 'unavailable'],
    ['a changed response shape', 'changed-shape', 'unexpected-response'],
  ] as const)('%s fails the run loudly: flagged failed, the IT office mailed, nothing local changed', async (_label, mode, code) => {
    const jm = [...alumnet.members.values()].find((m) => m.external_ref === ids.consenting)!;
    alumnet.change({ ...jm, current_position: { company: 'Decathlon', title: 'Acheteur', city: 'Lille', start_date: '2026-11-01' } });
    const before = await snapshot();
    alumnet.mode = mode;
    const outcome = await run();
    alumnet.mode = 'up';
    expect(outcome).toEqual(expect.objectContaining({ status: 'failed', errorCode: code }));
    expect(await t.admin('schoolAlumniSyncRuns').where({ id: outcome.runId }).first('status', 'errorCode')).toEqual({ status: 'failed', errorCode: code });
    expect(await snapshot()).toEqual(before);
    const itOffice = await t.admin('users').where({ id: tenant.userIds['it-office'] }).first('email');
    const mail = await t.admin('messages').where({ tenantId: tenant.tenantId, recipient: itOffice.email, channel: 'mail' }).whereLike('idempotencyKey', `school.alumni-sync/${outcome.runId}/%`).first('subject', 'body');
    expect(mail.subject).toContain('Échec de la synchronisation Alumnet');
    expect(mail.body).toContain('Aucune donnée locale n’a été modifiée');
  });

  it('the next run after the failures pulls what they left (the cursor did not move)', async () => {
    expect(await run()).toEqual(expect.objectContaining({ status: 'succeeded', pulled: 1 }));
    expect(await currentCareer(ids.consenting)).toEqual(expect.objectContaining({ employerName: 'Decathlon', city: 'Lille' }));
  });

  it('the student office searches alumni by company, city, promotion and name; the IT office sees the connection without its key', async () => {
    const office = (await loginAs(t.app, 'school-office', tenant.slug)).accessToken;
    const byCompany = await request(t.app).get('/api/v1/school/alumni').query({ company: 'generale' }).set('Authorization', `Bearer ${office}`);
    expect(byCompany.status).toBe(200);
    expect(byCompany.body.items.map((a: { studentId: string }) => a.studentId)).toEqual([ids.typed]);
    const byCity = await request(t.app).get('/api/v1/school/alumni').query({ city: 'lille', promotion: 2015, q: 'durand' }).set('Authorization', `Bearer ${office}`);
    expect(byCity.body.items).toEqual([expect.objectContaining({ studentId: ids.consenting, career: expect.objectContaining({ employerName: 'Decathlon' }) })]);
    const paged = await request(t.app).get('/api/v1/school/alumni').query({ limit: 1 }).set('Authorization', `Bearer ${office}`);
    expect(paged.body.items).toHaveLength(1);
    const next = await request(t.app).get('/api/v1/school/alumni').query({ limit: 5, cursor: paged.body.nextCursor }).set('Authorization', `Bearer ${office}`);
    expect(next.body.items.map((a: { studentId: string }) => a.studentId)).not.toContain(paged.body.items[0].studentId);
    expect(next.body.items.map((a: { studentId: string }) => a.studentId)).not.toContain(ids.enrolled);
    expect((await request(t.app).get('/api/v1/school/alumni').query({ promotion: 'deux mille' }).set('Authorization', `Bearer ${office}`)).status).toBe(400);
    expect((await request(t.app).put('/api/v1/school/alumnet/connection').set('Authorization', `Bearer ${office}`).send({ adapter: 'sandbox', enabled: true })).status).toBe(403);

    const itToken = (await loginAs(t.app, 'it-office', tenant.slug)).accessToken;
    const connection = await request(t.app).get('/api/v1/school/alumnet/connection').set('Authorization', `Bearer ${itToken}`);
    expect(connection.status).toBe(200);
    expect(connection.body).toEqual(expect.objectContaining({ adapter: 'alumnet', apiKeySet: true, enabled: true }));
    expect(JSON.stringify(connection.body)).not.toContain(LOOPBACK_ALUMNET_KEY);
    expect(connection.body.runs.filter((r: { status: string }) => r.status === 'failed')).toHaveLength(2);
    const plain = await request(t.app).put('/api/v1/school/alumnet/connection').set('Authorization', `Bearer ${itToken}`).send({ adapter: 'alumnet', baseUrl: 'http://api.alumnet.example', enabled: true });
    expect(plain.status).toBe(400);
    expect(JSON.stringify(plain.body)).toContain('doit être une adresse https');
    const test = await request(t.app).post('/api/v1/school/alumnet/connection/test').set('Authorization', `Bearer ${itToken}`);
    expect(test.body).toEqual({ ok: true, organisation: 'ACME School', error: null });
    const student = (await loginAs(t.app, 'student', tenant.slug)).accessToken;
    expect((await request(t.app).get('/api/v1/school/alumni').set('Authorization', `Bearer ${student}`)).status).toBe(403);
  });

  it('the student office records a job an alumnus told it: current, matched to the company, the registry\'s employer following', async () => {
    const office = (await loginAs(t.app, 'school-office', tenant.slug)).accessToken;
    const post = (id: string, body: object, token = office) => request(t.app).post(`/api/v1/school/alumni/students/${id}/careers`).set('Authorization', `Bearer ${token}`).send(body);
    const recorded = await post(ids.silent, { employerName: 'BNP Paribas', jobTitle: 'Gestionnaire de patrimoine', city: 'Nantes', startedOn: '2026-10-01' });
    expect(recorded.status).toBe(201);
    expect(recorded.body.careers[0]).toEqual(expect.objectContaining({ employerName: 'BNP Paribas', accountId: bnpId, source: 'school', endedOn: null }));
    expect(await t.admin('schoolStudents').where({ id: ids.silent }).first('companyId')).toEqual({ companyId: bnpId });
    expect((await post(ids.enrolled, { employerName: 'Decathlon' })).status).toBe(422);
    const badDate = await post(ids.silent, { employerName: 'Decathlon', startedOn: '01/10/2026' });
    expect(badDate.status).toBe(400);
    expect(JSON.stringify(badDate.body)).toContain('doit être une date, comme 2026-04-18');
    const teacher = (await loginAs(t.app, 'teacher', tenant.slug)).accessToken;
    expect((await post(ids.silent, { employerName: 'Decathlon' }, teacher)).status).toBe(403);
  });

  it('an alumnus who withdraws their consent is deleted at Alumnet at the next run, and no longer pushed', async () => {
    const userOf = await t.admin('schoolStudents').where({ id: ids.consenting }).first('userId');
    await t.admin('gdprConsentEntries').insert({ tenantId: tenant.tenantId, subjectKind: 'user', subjectId: userOf.userId, purpose: ALUMNET_SHARING.purpose, channel: ALUMNET_SHARING.channel, decision: 'opt-out', source: 'portal' });
    alumnet.requests.length = 0;
    expect(await run()).toEqual(expect.objectContaining({ status: 'succeeded' }));
    expect(alumnet.calls('DELETE', `/v1/members/external/${ids.consenting}`)).toHaveLength(1);
    expect([...alumnet.members.values()].some((m) => m.external_ref === ids.consenting)).toBe(false);
    expect(await t.admin('schoolAlumnetLinks').where({ studentId: ids.consenting }).first()).toBeUndefined();
    alumnet.requests.length = 0;
    await run();
    expect(alumnet.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('the demo school has a sandbox connection enabled, a failed night for the IT office to see, and changes waiting at the network', async () => {
    const demo = await t.admin('tenants').where({ slug: 'acme-school' }).first('id');
    expect(await t.admin('schoolAlumnetConnections').where({ tenantId: demo.id }).first('adapter', 'enabled')).toEqual({ adapter: 'sandbox', enabled: true });
    const runs = await t.admin('schoolAlumniSyncRuns').where({ tenantId: demo.id }).select('status', 'errorCode');
    expect(runs.filter((r) => r.status === 'failed')).toEqual([{ status: 'failed', errorCode: 'unavailable' }]);
    const alumni = Number((await t.admin('schoolStudents').where({ tenantId: demo.id, status: 'alumni' }).count('* as n'))[0]!.n);
    if (alumni > 20) {
      expect(Number((await t.admin('schoolAlumniCareers').where({ tenantId: demo.id }).whereNull('endedOn').count('* as n'))[0]!.n)).toBeGreaterThan(alumni / 2);
      const cursor = (await t.admin('schoolAlumnetConnections').where({ tenantId: demo.id }).first('pullCursor')).pullCursor;
      expect(Number((await t.admin('schoolAlumnetSandboxMembers').where({ tenantId: demo.id }).where('updatedAt', '>', cursor).count('* as n'))[0]!.n)).toBe(3);
    }
  });

  it('runs nightly as a Temporal Schedule set up idempotently; « sync now » runs the job on Temporal with ids only in its history', async () => {
    const client = await t.deps.temporal();
    const scheduleId = `relais/school-alumni-sync-test-${process.pid}`;
    const handle = client.schedule.getHandle(scheduleId);
    const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    const worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    const running = worker.run();
    try {
      await ensureAlumniSyncSchedule(client, TASK_QUEUE, scheduleId);
      await ensureAlumniSyncSchedule(client, TASK_QUEUE, scheduleId);
      const described = await handle.describe();
      expect(described.spec.calendars?.[0]).toMatchObject({ hour: [{ start: ALUMNI_SYNC_CALENDAR.hour, end: ALUMNI_SYNC_CALENDAR.hour, step: 1 }] });
      expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: MODULE_JOB_WORKFLOW, taskQueue: TASK_QUEUE });

      const itOffice = await loginAs(t.app, 'it-office', tenant.slug);
      const started = await request(t.app).post('/api/v1/school/alumnet/sync').set('Authorization', `Bearer ${itOffice.accessToken}`);
      expect(started.status).toBe(202);
      const workflow = client.workflow.getHandle(started.body.workflowId);
      expect(await workflow.result()).toMatchObject({ done: 1, results: [expect.objectContaining({ tenantId: tenant.tenantId, status: 'succeeded' })] });
      expect(await t.admin('schoolAlumniSyncRuns').where({ tenantId: tenant.tenantId, trigger: 'manual' }).first('status', 'startedBy')).toEqual({ status: 'succeeded', startedBy: itOffice.userId });
      const history = JSON.stringify(await workflow.fetchHistory());
      for (const word of ['Durand', 'Lefèvre', 'Lefevre', NIR.slice(0, 12), LOOPBACK_ALUMNET_KEY]) expect(history).not.toContain(word);
    } finally {
      await handle.delete().catch(() => undefined);
      worker.shutdown();
      await running;
      await connection.close();
    }
  });
});
