import request from 'supertest';
import { withTenant } from '../../db/tenant-scope';
import { openTicketFromAlert } from '../../domain/psa/alert-intake';
import { ValidationError } from '../../domain/errors';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/** Machines (the RMM's place, issue 14): the record endpoints, and alerts opening or commenting tickets. */
describe('psa: machines and alert tickets', () => {
  let t: TestContext;
  let org: OwnTenant;
  let manager: string;
  let accountId: string;
  let machineId: string;

  beforeAll(async () => {
    t = testContext();
    org = await createOwnTenant(t.admin, 'machines', ['psa']);
    manager = (await loginAs(t.app, 'manager', org.slug)).accessToken;
    const [account] = await t.admin('accounts').insert({ tenantId: org.tenantId, number: 1, name: 'Pharmacie Martin' }).returning('id');
    accountId = account.id;
  });
  afterAll(() => t.close());

  it('registers a machine on a client through /api/v1/psa/machines and lists it by client', async () => {
    const created = await request(t.app).post('/api/v1/psa/machines').set('Authorization', `Bearer ${manager}`)
      .send({ accountId, hostname: 'PC-COMPTOIR-01', osName: 'Windows 11 Pro', ramTotalMb: 16_384 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ accountId, accountName: 'Pharmacie Martin', hostname: 'PC-COMPTOIR-01', openTickets: 0, agentVersion: null });
    machineId = created.body.id;
    const list = await request(t.app).get(`/api/v1/psa/machines?accountId=${accountId}`).set('Authorization', `Bearer ${manager}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { hostname: string }) => i.hostname)).toEqual(['PC-COMPTOIR-01']);
  });

  it('refuses a site of another client in French, writing nothing', async () => {
    const [other] = await t.admin('accounts').insert({ tenantId: org.tenantId, number: 2, name: 'Autre client' }).returning('id');
    const [site] = await t.admin('sites').insert({ tenantId: org.tenantId, accountId: other.id, name: 'Siège' }).returning('id');
    const refused = await request(t.app).post('/api/v1/psa/machines').set('Authorization', `Bearer ${manager}`).send({ accountId, hostname: 'PC-X', siteId: site.id });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('Ce site n\'existe pas chez ce client.');
    expect(await t.admin('psaMachines').where({ tenantId: org.tenantId, hostname: 'PC-X' })).toHaveLength(0);
  });

  it('an alert opens a ticket on the machine\'s client with the severity\'s priority; the same check again comments it instead', async () => {
    const alert = { tenantId: org.tenantId, machineId, severity: 'critical' as const, title: 'Disque C: plein à 97 %', details: 'Espace libre : 3 Go sur 256 Go', check: 'disk:C:' };
    const first = await withTenant({ tenantId: org.tenantId }, (trx) => openTicketFromAlert(trx, alert), t.knex);
    expect(first.deduplicated).toBe(false);
    expect(first.ticket).toMatchObject({ accountId, machineId, priority: 'critical', source: 'rmm', title: '[PC-COMPTOIR-01] Disque C: plein à 97 %' });

    const again = await withTenant({ tenantId: org.tenantId }, (trx) => openTicketFromAlert(trx, { ...alert, title: 'Disque C: plein à 99 %' }), t.knex);
    expect(again.deduplicated).toBe(true);
    expect(again.ticket.id).toBe(first.ticket.id);
    const notes = await t.admin('psaTicketComments').where({ ticketId: first.ticket.id });
    expect(notes).toMatchObject([{ visibility: 'internal', body: expect.stringContaining('Disque C: plein à 99 %') }]);
    expect(await t.admin('psaTickets').where({ tenantId: org.tenantId, machineId })).toHaveLength(1);

    // Another check is another ticket; once the first is resolved, the check alerting again opens a new one.
    const memory = await withTenant({ tenantId: org.tenantId }, (trx) => openTicketFromAlert(trx, { tenantId: org.tenantId, machineId, severity: 'warning', title: 'Mémoire saturée' }), t.knex);
    expect(memory).toMatchObject({ deduplicated: false, ticket: { priority: 'normal' } });
    await t.admin('psaTickets').where({ id: first.ticket.id }).update({ status: 'resolved' });
    const later = await withTenant({ tenantId: org.tenantId }, (trx) => openTicketFromAlert(trx, alert), t.knex);
    expect(later.deduplicated).toBe(false);
    expect(later.ticket.id).not.toBe(first.ticket.id);
  });

  it('concurrent alerts of one check open a single ticket', async () => {
    const alert = { tenantId: org.tenantId, machineId, severity: 'error' as const, title: 'Sauvegarde échouée', check: 'backup' };
    const outcomes = await Promise.all([1, 2, 3].map(() => withTenant({ tenantId: org.tenantId }, (trx) => openTicketFromAlert(trx, alert), t.knex)));
    expect(new Set(outcomes.map((o) => o.ticket.id)).size).toBe(1);
    expect(outcomes.filter((o) => !o.deduplicated)).toHaveLength(1);
    expect(outcomes[0]!.ticket.priority).toBe('high');
  });

  it('refuses an unknown severity', async () => {
    const refused = await withTenant({ tenantId: org.tenantId }, (trx) => openTicketFromAlert(trx, { tenantId: org.tenantId, machineId, severity: 'fatal' as never, title: 'x' }), t.knex).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
  });
});
