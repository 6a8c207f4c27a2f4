import request from 'supertest';
import { withTenant } from '../../db/tenant-scope';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The register of personal data breaches (issue 15, ADR 0025) through the API: the data protection officer
 * declares, assesses, records the CNIL's notification and closes; the direction reads; bad input is refused
 * in French and changes nothing; another organisation never sees a breach. Two organisations of this file's own.
 */
describe('/api/v1/gdpr/breaches', () => {
  let t: TestContext;
  let msp: OwnTenant;
  let school: OwnTenant;
  let dpo: string;
  let admin: string;
  let technician: string;
  let otherDpo: string;
  const HOUR = 3_600_000;

  beforeAll(async () => {
    t = testContext();
    [msp, school] = await Promise.all([createOwnTenant(t.admin, 'breach', ['psa']), createOwnTenant(t.admin, 'breach-school', ['school'])]);
    [dpo, admin, technician, otherDpo] = (await Promise.all([
      loginAs(t.app, 'dpo', msp.slug), loginAs(t.app, 'admin', msp.slug), loginAs(t.app, 'technician', msp.slug), loginAs(t.app, 'dpo', school.slug),
    ])).map((l) => l.accessToken);
  });
  afterAll(() => t.close());

  const api = (token: string) => ({
    get: (url: string) => request(t.app).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string, body: object = {}) => request(t.app).post(url).set('Authorization', `Bearer ${token}`).send(body),
    patch: (url: string, body: object, version = '*') => request(t.app).patch(url).set('Authorization', `Bearer ${token}`).set('If-Match', version).send(body),
  });
  const laptop = (discoveredAt: Date) => ({
    title: 'Perte d’un ordinateur portable', nature: ['confidentiality'], description: 'Ordinateur d’un technicien oublié dans un train, disque non chiffré.',
    discoveredAt: discoveredAt.toISOString(), startedAt: new Date(discoveredAt.getTime() - 2 * HOUR).toISOString(),
    dataCategories: ['identity', 'contact'], peopleCategories: ['Contacts des entreprises clientes'], approxPeople: 120, approxRecords: 340,
    consequences: 'Hameçonnage ciblé des contacts', measuresTaken: 'Mots de passe changés', measuresProposed: 'Chiffrement des disques',
  });

  it('the officer declares a breach: numbered, the 72 hours counted from its discovery, its process asked for; the direction reads it', async () => {
    const discovered = new Date(Date.now() - 10 * HOUR);
    const res = await api(dpo).post('/api/v1/gdpr/breaches', laptop(discovered)).expect(201);
    expect(res.body).toMatchObject({ number: 1, status: 'declared', riskLevel: null, deadlineAt: new Date(discovered.getTime() + 72 * HOUR).toISOString() });
    expect(res.body.msLeft).toBeGreaterThan(61 * HOUR);
    expect(res.body.msLeft).toBeLessThanOrEqual(62 * HOUR);
    const asked = await t.admin('processStartRequests').where({ tenantId: msp.tenantId, processKey: 'gdpr.breach-response', businessKey: res.body.id }).first('variables');
    expect(asked.variables).toEqual({ breachId: res.body.id });
    const list = (await api(admin).get('/api/v1/gdpr/breaches').expect(200)).body.items;
    expect(list.map((b: { id: string }) => b.id)).toContain(res.body.id);
    await api(admin).get(`/api/v1/gdpr/breaches/${res.body.id}`).expect(200).expect('ETag', '"1"');
  });

  it('refuses in French who may not write, bad input, a decision without its reason, and changes nothing', async () => {
    expect((await api(admin).post('/api/v1/gdpr/breaches', laptop(new Date())).expect(403)).body.detail)
      .toBe('Seul le délégué à la protection des données déclare et instruit les violations de données');
    expect((await api(technician).get('/api/v1/gdpr/breaches').expect(403)).body.detail)
      .toBe('Le registre des violations de données est réservé au délégué à la protection des données et à la direction');
    const bad = await api(dpo).post('/api/v1/gdpr/breaches', { title: '', nature: ['leak'], discoveredAt: 'hier', approxPeople: -1 }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['title', 'nature.0', 'discoveredAt', 'approxPeople']));
    const future = await api(dpo).post('/api/v1/gdpr/breaches', laptop(new Date(Date.now() + 5 * HOUR))).expect(400);
    expect(future.body.errors[0]).toMatchObject({ field: 'discoveredAt', message: 'La date de découverte ne peut pas être dans le futur' });
    await api(dpo).post('/api/v1/gdpr/breaches', { ...laptop(new Date()), contactIds: ['00000000-0000-4000-8000-000000000000'] }).expect(400);

    const { body: breach } = await api(dpo).post('/api/v1/gdpr/breaches', laptop(new Date(Date.now() - HOUR))).expect(201);
    const url = `/api/v1/gdpr/breaches/${breach.id}`;
    const noReason = await api(dpo).patch(url, { riskLevel: 'none', authorityDecision: 'not-required' }).expect(422);
    expect(noReason.body.detail).toBe('Indiquez pourquoi la violation n’est pas susceptible d’engendrer un risque : cette justification est exigée (art. 33.5)');
    const risky = await api(dpo).patch(url, { riskLevel: 'high', authorityDecision: 'not-required', authorityReason: 'Peu de personnes' }).expect(422);
    expect(risky.body.errors[0].field).toBe('authorityDecision');
    await api(dpo).patch(url, { title: 'Autre' }, '"7"').expect(412);
    await api(dpo).get('/api/v1/gdpr/breaches/pas-un-id').expect(400);
    await api(dpo).post(`${url}/notifications`, { phase: 'complement', notifiedAt: new Date().toISOString(), reference: 'X' }).expect(409);
    await api(dpo).post(`${url}/close`).expect(409);
    const after = (await api(dpo).get(url).expect(200)).body;
    expect(after).toMatchObject({ version: 1, status: 'declared', riskLevel: null, title: 'Perte d’un ordinateur portable' });
  });

  it('assessed, notified (initial, then a complement), the notification prepared in French as JSON and PDF, then closed', async () => {
    const { body: breach } = await api(dpo).post('/api/v1/gdpr/breaches', laptop(new Date(Date.now() - 3 * HOUR))).expect(201);
    const url = `/api/v1/gdpr/breaches/${breach.id}`;
    const assessed = await api(dpo).patch(url, { riskLevel: 'high', authorityDecision: 'notify', peopleDecision: 'inform' }, '"1"').expect(200).expect('ETag', '"2"');
    expect(assessed.body.status).toBe('assessed');

    const prepared = (await api(dpo).get(`${url}/notification`).expect(200)).body;
    expect(prepared).toMatchObject({ phase: 'initial', late: false, number: breach.number });
    expect(prepared.sections.map((s: { key: string }) => s.key)).toEqual(['who', 'what', 'when', 'data', 'consequences', 'measures']);
    expect(prepared.text).toContain('Nature de la violation : Perte de confidentialité (accès ou divulgation non autorisés)');
    expect(prepared.text).toContain('Nombre approximatif de personnes : Environ 120');
    expect(prepared.text).toContain('Niveau de risque estimé : Risque élevé pour les droits et libertés des personnes');
    const pdf = await api(dpo).get(`${url}/notification?format=pdf`).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200).expect('Content-Type', 'application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');

    const notified = await api(dpo).post(`${url}/notifications`, { phase: 'initial', notifiedAt: new Date().toISOString(), reference: 'CNIL-2026-0042' }).expect(201);
    expect(notified.body).toMatchObject({ status: 'notified', msLeft: null, notifications: [{ phase: 'initial', reference: 'CNIL-2026-0042' }] });
    await api(dpo).post(`${url}/notifications`, { phase: 'initial', notifiedAt: new Date().toISOString(), reference: 'B' }).expect(409);
    await api(dpo).post(`${url}/notifications`, { phase: 'complement', notifiedAt: new Date().toISOString(), reference: 'CNIL-2026-0042-2' }).expect(201);
    expect((await api(dpo).get(`${url}/notification`).expect(200)).body.phase).toBe('complement');
    await api(dpo).post(`${url}/communications`, { at: new Date().toISOString(), channel: 'letter', text: 'Courrier aux personnes', recipients: 12 }).expect(201);
    const closed = await api(dpo).post(`${url}/close`).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', communications: [{ channel: 'letter', recipients: 12 }] });
    expect((await api(dpo).patch(url, { title: 'Autre' }).expect(409)).body.detail).toBe('Cette violation est clôturée : elle ne peut plus être modifiée');
  });

  it('a breach documented without notification keeps its reason; a notification after 72 hours needs the reasons for the delay', async () => {
    const { body: mail } = await api(dpo).post('/api/v1/gdpr/breaches', { ...laptop(new Date(Date.now() - HOUR)), title: 'Courriel envoyé au mauvais destinataire' }).expect(201);
    const documented = await api(dpo).patch(`/api/v1/gdpr/breaches/${mail.id}`, { riskLevel: 'none', authorityDecision: 'not-required', authorityReason: 'Destinataire interne, message supprimé' }).expect(200);
    expect(documented.body).toMatchObject({ status: 'documented', msLeft: null, authorityReason: 'Destinataire interne, message supprimé' });
    await api(dpo).post(`/api/v1/gdpr/breaches/${mail.id}/notifications`, { phase: 'initial', notifiedAt: new Date().toISOString(), reference: 'X' }).expect(409);

    const { body: late } = await api(dpo).post('/api/v1/gdpr/breaches', laptop(new Date(Date.now() - 80 * HOUR))).expect(201);
    expect(late.msLeft).toBeLessThan(0);
    const refused = await api(dpo).post(`/api/v1/gdpr/breaches/${late.id}/notifications`, { phase: 'initial', notifiedAt: new Date().toISOString(), reference: 'CNIL-1' }).expect(422);
    expect(refused.body.detail).toBe('Notifiée plus de 72 heures après la découverte : indiquez les motifs du retard (art. 33.1)');
    const ok = await api(dpo).post(`/api/v1/gdpr/breaches/${late.id}/notifications`, { phase: 'initial', notifiedAt: new Date().toISOString(), reference: 'CNIL-1', delayReason: 'Découverte un vendredi soir' }).expect(201);
    expect(ok.body.status).toBe('notified');
  });

  it('another organisation never sees a breach: not listed, 404 by id, and not there under row-level security', async () => {
    const { body: breach } = await api(dpo).post('/api/v1/gdpr/breaches', laptop(new Date())).expect(201);
    expect((await api(otherDpo).get('/api/v1/gdpr/breaches').expect(200)).body.items).toEqual([]);
    expect((await api(otherDpo).get(`/api/v1/gdpr/breaches/${breach.id}`).expect(404)).body.detail).toBe('Cette violation de données n’existe pas dans votre organisation');
    await api(otherDpo).patch(`/api/v1/gdpr/breaches/${breach.id}`, { title: 'Piraté' }).expect(404);
    await api(otherDpo).post(`/api/v1/gdpr/breaches/${breach.id}/notifications`, { phase: 'initial', notifiedAt: new Date().toISOString(), reference: 'X' }).expect(404);
    await api(otherDpo).get(`/api/v1/gdpr/breaches/${breach.id}/notification`).expect(404);
    // A contact of the other organisation cannot be named as concerned.
    const [account] = await t.admin('accounts').insert({ tenantId: school.tenantId, number: 1, name: 'Famille Martin' }).returning('id');
    const [contact] = await t.admin('contacts').insert({ tenantId: school.tenantId, accountId: account.id, firstName: 'Élève', lastName: 'Parent', email: 'parent@ecole.example' }).returning('id');
    await api(dpo).patch(`/api/v1/gdpr/breaches/${breach.id}`, { contactIds: [contact.id] }).expect(400);
    const rows = await withTenant({ tenantId: school.tenantId }, (trx) => trx('gdprBreaches').select('id'), t.knex);
    expect(rows).toEqual([]);
    expect((await api(dpo).get(`/api/v1/gdpr/breaches/${breach.id}`).expect(200)).body.title).toBe('Perte d’un ordinateur portable');
  });
});
