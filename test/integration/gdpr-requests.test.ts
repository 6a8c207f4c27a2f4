import crypto from 'node:crypto';
import JSZip from 'jszip';
import request from 'supertest';
import { dueDateOf, extendedDueDateOf } from '../../domain/gdpr/request-rules';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * Rights requests (issue 15, ADR 0023): recorded by the data protection officer with their deadline one month
 * after receipt, verified, extended once, answered; filed by a signed-in person about themselves; the export of
 * an access request holds the person's data from the core and from two verticals (the MSP's tickets, Epic
 * Events' client file found by the same address) and nothing of another person or organisation.
 */
describe('/api/v1/gdpr/requests', () => {
  let t: TestContext;
  let org: OwnTenant;
  let other: OwnTenant;
  let dpo: string;
  let admin: string;
  let otherDpo: string;
  let contactId: string;
  const mark = crypto.randomBytes(3).toString('hex');
  const address = `camille.${mark}@exemple.fr`;

  beforeAll(async () => {
    t = testContext();
    [org, other] = await Promise.all([createOwnTenant(t.admin, 'rights', ['psa', 'events']), createOwnTenant(t.admin, 'rights-other', ['psa'])]);
    [dpo, admin, otherDpo] = (await Promise.all([loginAs(t.app, 'dpo', org.slug), loginAs(t.app, 'admin', org.slug), loginAs(t.app, 'dpo', other.slug)])).map((l) => l.accessToken);
    const people = async (tenant: OwnTenant, first: string, last: string, email: string, n: number) => {
      const [account] = await t.admin('accounts').insert({ tenantId: tenant.tenantId, number: 9000 + n, name: `Atelier ${last} ${mark}` }).returning('id');
      const [contact] = await t.admin('contacts').insert({ tenantId: tenant.tenantId, accountId: account.id, firstName: first, lastName: last, email, notes: `Note sur ${first} ${last}` }).returning('id');
      const [ticket] = await t.admin('psaTickets').insert({
        tenantId: tenant.tenantId, number: 9000 + n, accountId: account.id, contactId: contact.id, title: `Imprimante de ${first} ${last}`, requesterEmail: email,
      }).returning('id');
      await t.admin('psaTicketComments').insert({ tenantId: tenant.tenantId, ticketId: ticket.id, body: `Réponse à ${first}`, authorEmail: email, visibility: 'public', source: 'email' });
      await t.admin('history').insert({ tenantId: tenant.tenantId, recordType: 'contact', recordId: contact.id, action: 'update', changes: JSON.stringify({ notes: { before: null, after: `Rappeler ${first}` } }) });
      await t.admin('messages').insert({
        tenantId: tenant.tenantId, channel: 'mail', recipient: email, subject: `Bonjour ${first}`, body: `Message pour ${first} ${last}`, status: 'sent', contactId: contact.id,
        idempotencyKey: `rights-${mark}-${n}`,
      });
      return { accountId: String(account.id), contactId: String(contact.id) };
    };
    contactId = (await people(org, 'Camille', 'Durand', address, 1)).contactId;
    await people(org, 'Paul', 'Autre', `paul.${mark}@exemple.fr`, 2);
    // The same address in another organisation: another file, never exported here.
    await people(other, 'Camille', 'Ailleurs', address, 3);
    // Epic Events' client file of the same person (the same address), and someone else's.
    const [client] = await t.admin('eventClients').insert({ tenantId: org.tenantId, number: 9001, fullName: 'Camille Durand', email: address, notes: 'Mariage en juin' }).returning('id');
    await t.admin('eventContracts').insert({ tenantId: org.tenantId, number: 9001, clientId: client.id, totalAmountCents: 500_000, amountDueCents: 500_000, notes: 'Contrat Durand' });
    await t.admin('eventClients').insert({ tenantId: org.tenantId, number: 9002, fullName: 'Paul Autre', email: `paul.${mark}@exemple.fr` });
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (url: string) => request(t.app).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string, body: object) => request(t.app).post(url).set('Authorization', `Bearer ${token}`).send(body),
  });

  it('records an access request answered with its deadline one month after receipt, and its process asked for', async () => {
    const res = await as(dpo).post('/api/v1/gdpr/requests', {
      kind: 'access', subject: { kind: 'contact', id: contactId }, requester: { name: 'Camille Durand', email: address }, details: 'Par courrier du 2 décembre',
    }).expect(201);
    expect(res.body).toMatchObject({
      kind: 'access', kindLabel: 'Accès', status: 'received', statusLabel: 'Reçue', overdue: false, exportable: false,
      subject: { kind: 'contact', id: contactId, label: 'Camille Durand', kindLabel: 'Contact d’un client' },
      requester: { name: 'Camille Durand', email: address, relation: 'self', userId: null },
    });
    expect(res.body.dueAt).toBe(dueDateOf(new Date(res.body.receivedAt)).toISOString());
    expect(res.headers.location).toBe(`/api/v1/gdpr/requests/${res.body.id}`);
    const start = await t.admin('processStartRequests').where({ tenantId: org.tenantId, processKey: 'gdpr.rights-request', businessKey: res.body.id }).first('variables');
    expect(start.variables).toEqual({ requestId: res.body.id });
    expect(JSON.stringify(start.variables)).not.toContain('Camille');
  });

  it('refuses bad input in French, naming the fields, and records nothing', async () => {
    const before = Number((await t.admin('gdprRequests').where({ tenantId: org.tenantId }).count({ n: '*' }).first())!.n);
    const bad = await as(dpo).post('/api/v1/gdpr/requests', { kind: 'whim', subject: { kind: 'contact' }, receivedAt: 'hier' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['kind', 'subject.id', 'receivedAt']));
    const unknownKind = await as(dpo).post('/api/v1/gdpr/requests', { kind: 'access', subject: { kind: 'alien', id: contactId }, requester: { name: 'X' } }).expect(400);
    expect(unknownKind.body.errors[0].message).toMatch(/^Ce type de personne n’existe pas dans votre organisation/);
    const nobody = await as(dpo).post('/api/v1/gdpr/requests', { kind: 'access', subject: { kind: 'contact', id: crypto.randomUUID() }, requester: { name: 'X' } }).expect(400);
    expect(nobody.body.errors).toEqual([expect.objectContaining({ field: 'subject.id', message: 'Cette personne n’existe pas dans votre organisation' })]);
    const future = await as(dpo).post('/api/v1/gdpr/requests', { kind: 'access', subject: { kind: 'contact', id: contactId }, requester: { name: 'X' }, receivedAt: '2999-01-01T00:00:00Z' }).expect(400);
    expect(future.body.errors[0]).toMatchObject({ field: 'receivedAt', message: 'La date de réception ne peut pas être dans le futur' });
    const ancient = await as(dpo).post('/api/v1/gdpr/requests', { kind: 'access', subject: { kind: 'contact', id: contactId }, requester: { name: 'X' }, receivedAt: '0001-01-01T00:00:00Z' }).expect(400);
    expect(ancient.body.errors[0]).toMatchObject({ field: 'receivedAt', message: expect.stringContaining('RGPD') });
    await as(dpo).post('/api/v1/gdpr/requests', { kind: 'access', subject: { kind: 'contact', id: contactId } }).expect(400);
    await as(dpo).get('/api/v1/gdpr/subjects?kind=contact&q=a%00b').expect(400);
    const forbidden = await as(admin).post('/api/v1/gdpr/requests', { kind: 'erasure', subject: { kind: 'contact', id: contactId }, requester: { name: 'X' } }).expect(403);
    expect(forbidden.body.detail).toMatch(/^Les demandes d’exercice des droits sont traitées par le délégué/);
    expect(Number((await t.admin('gdprRequests').where({ tenantId: org.tenantId }).count({ n: '*' }).first())!.n)).toBe(before);
  });

  it('verifies, exports the person\'s data from the core and two verticals and nothing of anyone else, extends once, answers once', async () => {
    const { body: created } = await as(dpo).post('/api/v1/gdpr/requests', { kind: 'portability', subject: { kind: 'contact', id: contactId }, requester: { name: 'Camille Durand' } }).expect(201);
    const url = `/api/v1/gdpr/requests/${created.id}`;
    expect((await as(dpo).get(`${url}/export`).expect(409)).body.detail).toBe('Seules les demandes d’accès et de portabilité dont l’identité est vérifiée ont un export');
    const verified = await as(dpo).post(`${url}/verify`, { method: 'id-document' }).expect(200);
    expect(verified.body).toMatchObject({ status: 'in-progress', exportable: true, identity: { method: 'id-document' } });
    await as(dpo).post(`${url}/verify`, { method: 'id-document' }).expect(409);

    const json = (await as(dpo).get(`${url}/export`).set('Accept', 'application/json').expect(200).expect('Content-Type', /json/)).body;
    const tables = Object.fromEntries(json.tables.map((tb: { table: string; rows: unknown[] }) => [tb.table, tb]));
    expect(json).toMatchObject({ format: 'relais.gdpr.subject-export', subject: { kind: 'contact', label: 'Camille Durand' }, request: { number: created.number } });
    expect(Object.keys(tables)).toEqual(expect.arrayContaining(['contacts', 'history', 'messages', 'psa_tickets', 'psa_ticket_comments', 'event_clients', 'event_contracts', 'gdpr_requests']));
    expect(tables.psa_tickets.module).toBe('psa');
    expect(tables.event_clients.module).toBe('events');
    expect(tables.event_contracts.rows[0]).toMatchObject({ notes: 'Contrat Durand' });
    const text = JSON.stringify(json);
    expect(text).toContain('Imprimante de Camille Durand');
    expect(text).not.toContain('Paul');
    expect(text).not.toContain('Ailleurs');
    expect(text).not.toMatch(/password|token_hash/);

    const zipRes = await as(dpo).get(`${url}/export`).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200).expect('Content-Type', 'application/zip');
    expect(zipRes.headers['content-disposition']).toContain(`donnees-personnelles-demande-${created.number}.zip`);
    const zip = await JSZip.loadAsync(zipRes.body as Buffer);
    expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(['donnees.json', 'resume.pdf', 'LISEZMOI.txt', 'tables/contacts.csv', 'tables/psa_tickets.csv', 'tables/event_clients.csv']));
    expect((await zip.file('resume.pdf')!.async('nodebuffer')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await zip.file('tables/event_clients.csv')!.async('string')).toContain('Camille Durand');

    const extended = await as(dpo).post(`${url}/extend`, { reason: 'Demande complexe : données dans plusieurs activités' }).expect(200);
    expect(extended.body.dueAt).toBe(extendedDueDateOf(new Date(created.receivedAt)).toISOString());
    expect((await as(dpo).post(`${url}/extend`, { reason: 'Encore' }).expect(409)).body.detail).toMatch(/^Le délai de cette demande a déjà été prolongé une fois/);
    await as(dpo).post(`${url}/answer`, { outcome: 'refused', answer: 'Non' }).expect(400);
    const answered = await as(dpo).post(`${url}/answer`, { outcome: 'answered', answer: 'Vos données sont jointes.' }).expect(200);
    expect(answered.body).toMatchObject({ status: 'answered', statusLabel: 'Répondue', answer: 'Vos données sont jointes.' });
    expect((await as(dpo).post(`${url}/answer`, { outcome: 'answered', answer: 'Encore' }).expect(409)).body.detail).toBe('Cette demande a déjà reçu sa réponse');
    const audit = await t.admin('auditLog').where({ tenantId: org.tenantId, targetId: created.id }).pluck('action');
    expect(audit).toEqual(expect.arrayContaining(['gdpr.request.create', 'gdpr.request.verify', 'gdpr.request.export', 'gdpr.request.extend', 'gdpr.request.answer']));
  });

  it('a signed-in person files a request about themselves, reads it and its export; not another\'s', async () => {
    const me = (await as(admin).get('/api/v1/auth/me').expect(200)).body.user.id as string;
    const own = await as(admin).post('/api/v1/gdpr/requests', { kind: 'access', subject: { kind: 'user', id: me } }).expect(201);
    expect(own.body).toMatchObject({ status: 'in-progress', exportable: true, identity: { method: 'signed-in' }, requester: { relation: 'self', userId: me } });
    expect(own.body.dueAt).toBe(dueDateOf(new Date(own.body.receivedAt)).toISOString());
    const mine = (await as(admin).get('/api/v1/gdpr/requests?status=all').expect(200)).body.items;
    expect(mine.map((r: { id: string }) => r.id)).toEqual([own.body.id]);
    const exported = (await as(admin).get(`/api/v1/gdpr/requests/${own.body.id}/export?format=json`).expect(200)).body;
    expect(exported.tables.find((tb: { table: string }) => tb.table === 'users').rows[0]).not.toHaveProperty('password_hash');
    await as(admin).post(`/api/v1/gdpr/requests/${own.body.id}/answer`, { outcome: 'answered', answer: 'x' }).expect(403);
    const dpoRequest = (await as(dpo).get('/api/v1/gdpr/requests?status=all').expect(200)).body.items.find((r: { subject: { kind: string } }) => r.subject.kind === 'contact');
    await as(admin).get(`/api/v1/gdpr/requests/${dpoRequest.id}`).expect(404);
    await as(admin).get(`/api/v1/gdpr/requests/${dpoRequest.id}/export`).expect(404);
  });

  it('another organisation\'s officer sees none of it and cannot reach it', async () => {
    const ours = (await as(dpo).get('/api/v1/gdpr/requests?status=all').expect(200)).body.items as Array<{ id: string }>;
    expect(ours.length).toBeGreaterThan(0);
    const theirs = (await as(otherDpo).get('/api/v1/gdpr/requests?status=all').expect(200)).body.items as Array<{ id: string }>;
    expect(theirs.filter((r) => ours.some((o) => o.id === r.id))).toEqual([]);
    for (const { id } of ours) {
      await as(otherDpo).get(`/api/v1/gdpr/requests/${id}`).expect(404);
      await as(otherDpo).get(`/api/v1/gdpr/requests/${id}/export?format=json`).expect(404);
      await as(otherDpo).post(`/api/v1/gdpr/requests/${id}/verify`, { method: 'other' }).expect(404);
    }
    // Our contact is nobody in their organisation.
    await as(otherDpo).post('/api/v1/gdpr/requests', { kind: 'access', subject: { kind: 'contact', id: contactId }, requester: { name: 'X' } }).expect(400);
    // An event client is no kind of person of an organisation without Epic Events.
    const kinds = (await as(otherDpo).get('/api/v1/gdpr/subjects?kind=contact&q=camille').expect(200)).body;
    expect(kinds.kinds.map((k: { kind: string }) => k.kind)).not.toContain('event-client');
    expect(kinds.items.map((i: { label: string }) => i.label)).toEqual(['Camille Ailleurs']);
  });

  it('lists open requests by deadline, an overdue one flagged; the picker finds people of a kind', async () => {
    const receivedAt = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const late = await as(dpo).post('/api/v1/gdpr/requests', { kind: 'objection', subject: { kind: 'ticket-requester', id: address.toUpperCase() }, requester: { name: 'Camille Durand' }, receivedAt }).expect(201);
    expect(late.body).toMatchObject({ overdue: true, subject: { id: address, kind: 'ticket-requester' } });
    const open = (await as(dpo).get('/api/v1/gdpr/requests').expect(200)).body.items as Array<{ id: string; dueAt: string; status: string }>;
    expect(open[0]!.id).toBe(late.body.id);
    expect(open.every((r) => r.status !== 'answered')).toBe(true);
    const picked = (await as(dpo).get(`/api/v1/gdpr/subjects?kind=contact&q=${mark.slice(0, 0)}durand`).expect(200)).body;
    expect(picked.kinds.map((k: { kind: string }) => k.kind)).toEqual(expect.arrayContaining(['contact', 'account', 'user', 'event-client', 'ticket-requester']));
    expect(picked.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: contactId, label: 'Camille Durand', detail: address })]));
    const byAddress = (await as(dpo).get(`/api/v1/gdpr/subjects?kind=ticket-requester&q=camille.${mark}`).expect(200)).body.items;
    expect(byAddress).toEqual([{ kind: 'ticket-requester', id: address, label: address, detail: null }]);
    await as(admin).get('/api/v1/gdpr/subjects?kind=contact').expect(403);
  });
});
