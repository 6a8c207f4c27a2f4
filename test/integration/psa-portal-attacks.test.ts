import request from 'supertest';
import { withTenant } from '../../db/tenant-scope';
import { computeTotals } from '../../domain/billing/totals';
import { totalsColumns } from '../../domain/billing/pricing';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The MSP as an attacker sees it (issue 14): a client user named owner and support of another
 * company still sees only its own company, through every endpoint (lists and their filters, the
 * cursor, records, history, timeline, comments, hours, invoices and their PDF, documents, search,
 * planning); it never reads internal notes or the team's time notes, nor moves a ticket beyond
 * what a client may; a technician does not approve time; another organisation's ids answer 404;
 * protected fields in a body are refused in French and change nothing.
 */
describe('psa: the portal and the API under attack', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let other: OwnTenant;
  const ids: Record<string, string> = {};
  const token: Record<string, string> = {};
  const as = (role: string) => (method: 'get' | 'post' | 'patch' | 'delete', url: string) =>
    request(t.app)[method](`/api/v1${url}`).set('Authorization', `Bearer ${token[role]}`).set('Accept-Language', 'fr');

  beforeAll(async () => {
    t = testContext();
    [tenant, other] = await Promise.all([createOwnTenant(t.admin, 'attack', ['psa', 'billing']), createOwnTenant(t.admin, 'attack-other', ['psa', 'billing'])]);
    const client = tenant.userIds.client!;
    const technician = tenant.userIds.technician!;
    await withTenant({ tenantId: tenant.tenantId }, async (trx) => {
      const [mine, theirs] = await trx('accounts').insert([
        { tenantId: tenant.tenantId, number: 1, name: 'Garage Attaque Portail', ownerId: tenant.userIds.manager },
        // The trap: another company whose owner and support point at the client user.
        { tenantId: tenant.tenantId, number: 2, name: 'Cabinet Voisin Confidentiel', ownerId: client, supportUserId: client },
      ]).returning('id');
      ids.mine = mine.id;
      ids.theirs = theirs.id;
      await trx('users').where({ id: client }).update({ accountId: mine.id });
      const [myTicket, theirTicket] = await trx('psaTickets').insert([
        { tenantId: tenant.tenantId, number: 1, accountId: mine.id, title: 'Imprimante du garage', priority: 'normal', source: 'portal', assigneeId: technician },
        { tenantId: tenant.tenantId, number: 2, accountId: theirs.id, title: 'Fuite de données voisine', priority: 'high', source: 'manual', assigneeId: client },
      ]).returning('id');
      ids.myTicket = myTicket.id;
      ids.theirTicket = theirTicket.id;
      await trx('psaTicketComments').insert([
        { tenantId: tenant.tenantId, ticketId: myTicket.id, authorId: technician, visibility: 'public', source: 'web', body: 'Nous regardons.' },
        { tenantId: tenant.tenantId, ticketId: myTicket.id, authorId: technician, visibility: 'internal', source: 'web', body: 'SECRET : client mauvais payeur' },
      ]);
      const [myContract, theirContract] = await trx('psaContracts').insert([
        { tenantId: tenant.tenantId, number: 1, accountId: mine.id, name: 'Banque garage', type: 'hour-bank', startDate: '2026-01-01', packMinutes: 600 },
        { tenantId: tenant.tenantId, number: 2, accountId: theirs.id, name: 'Banque voisine', type: 'hour-bank', startDate: '2026-01-01', packMinutes: 600 },
      ]).returning('id');
      ids.myContract = myContract.id;
      ids.theirContract = theirContract.id;
      await trx('psaHourMovements').insert({ tenantId: tenant.tenantId, contractId: myContract.id, kind: 'adjustment', minutes: 600, reason: 'INTERNE : geste pour impayé' });
      const [myTime, theirTime] = await trx('psaTimeEntries').insert([
        { tenantId: tenant.tenantId, ticketId: myTicket.id, userId: technician, minutes: 30, kind: 'billable', description: 'NOTE INTERNE : contourné le proxy', hourlyRateCents: 9_000, priceCents: 4_500, status: 'submitted' },
        { tenantId: tenant.tenantId, ticketId: theirTicket.id, userId: technician, minutes: 45, kind: 'billable', description: 'Temps voisin', hourlyRateCents: 9_000, priceCents: 6_750 },
      ]).returning('id');
      ids.myTime = myTime.id;
      ids.theirTime = theirTime.id;
      const totals = totalsColumns(computeTotals([{ id: 'l1', description: 'Infogérance', quantity: 1, unitPriceCents: 50_000, vatRateBasisPoints: 2000 }]));
      const [theirInvoice] = await trx('billingInvoices').insert({
        tenantId: tenant.tenantId, accountId: theirs.id, ...totals, number: 'F-VOISIN-1', status: 'issued', issueDate: '2026-01-15', dueDate: '2026-02-14', amountDueCents: totals.totalIncludingTaxCents,
      }).returning('id');
      ids.theirInvoice = theirInvoice.id;
      const [theirDocument] = await trx('documents').insert({
        tenantId: tenant.tenantId, accountId: theirs.id, filename: 'contrat-voisin.pdf', mimeType: 'application/pdf', sizeBytes: 3, sha256: '0'.repeat(64), storageKey: `${tenant.tenantId}/${theirs.id}`,
      }).returning('id');
      ids.theirDocument = theirDocument.id;
    }, t.admin);
    for (const role of ['client', 'technician', 'manager']) token[role] = (await loginAs(t.app, role, tenant.slug)).accessToken;
    token.foreign = (await loginAs(t.app, 'manager', other.slug)).accessToken;
  });
  afterAll(() => t.close());

  it('a client user named owner and support of another company sees only its own: accounts, tickets, contracts, invoices, documents, search', async () => {
    const client = as('client');
    const accounts = await client('get', '/accounts?limit=200');
    expect(accounts.status).toBe(200);
    expect(accounts.body.items.map((a: { id: string }) => a.id)).toEqual([ids.mine]);
    const tickets = await client('get', '/psa/tickets?limit=200');
    expect(tickets.body.items.map((x: { id: string }) => x.id)).toEqual([ids.myTicket]);
    // Filters, the assignee « me » (the other company's ticket is assigned to the client user) and the quick search.
    for (const query of [`accountId=${ids.theirs}`, 'assigneeId=me', 'q=voisine', 'priority=high']) {
      const filtered = await client('get', `/psa/tickets?${query}`);
      expect({ query, status: filtered.status, items: filtered.body.items }).toEqual({ query, status: 200, items: [] });
    }
    const contracts = await client('get', '/psa/contracts?limit=200');
    expect(contracts.body.items.map((c: { id: string }) => c.id)).toEqual([ids.myContract]);
    const invoices = await client('get', '/billing/invoices?limit=200');
    expect(invoices.status).toBe(200);
    expect(invoices.body.items.map((i: { id: string }) => i.id)).not.toContain(ids.theirInvoice);
    const search = await client('get', `/search?q=${encodeURIComponent('Cabinet Voisin Confidentiel')}`);
    expect(search.status).toBe(200);
    expect(search.body.items.map((h: { id: string }) => h.id)).not.toContain(ids.theirs);

    const hidden = [
      `/accounts/${ids.theirs}`, `/accounts/${ids.theirs}/history`, `/accounts/${ids.theirs}/documents`, `/documents/${ids.theirDocument}/content`,
      `/psa/tickets/${ids.theirTicket}`, `/psa/tickets/${ids.theirTicket}/history`, `/psa/tickets/${ids.theirTicket}/timeline`, `/psa/tickets/${ids.theirTicket}/comments`,
      `/psa/contracts/${ids.theirContract}`, `/psa/contracts/${ids.theirContract}/hours`,
      `/billing/invoices/${ids.theirInvoice}`, `/billing/invoices/${ids.theirInvoice}/pdf`,
    ];
    const statuses = Object.fromEntries(await Promise.all(hidden.map(async (url) => [url, (await client('get', url)).status] as const)));
    expect(statuses).toEqual(Object.fromEntries(hidden.map((url) => [url, 404])));
    // Time entries and the agenda are the team's.
    expect((await client('get', '/psa/time-entries')).status).toBe(403);
    expect((await client('get', `/psa/time-entries/${ids.theirTime}`)).status).toBe(403);
    expect((await client('get', '/planning/entries')).status).toBe(403);
    const team = Object.fromEntries(await Promise.all(['/planning/people', `/planning/working-hours/${tenant.userIds.technician}`, '/planning/to-plan', '/psa/timer']
      .map(async (url) => [url, await client('get', url)] as const)));
    for (const [url, res] of Object.entries(team)) {
      expect({ url, leaks: JSON.stringify(res.body).includes('Voisin') || JSON.stringify(res.body).includes(ids.theirTicket!) }).toEqual({ url, leaks: false });
    }
    expect((await client('post', '/psa/timer/start').send({ ticketId: ids.myTicket })).status).toBe(403);
  });

  it('a forged cursor naming another company\'s ticket never reaches outside the scope, nor answers 500', async () => {
    const client = as('client');
    const forged = Buffer.from(JSON.stringify(['2099-01-01T00:00:00.000Z', ids.theirTicket])).toString('base64url');
    for (const cursor of [forged, 'not-a-cursor', '%%%']) {
      const res = await client('get', `/psa/tickets?cursor=${encodeURIComponent(cursor)}`);
      expect([200, 400]).toContain(res.status);
      if (res.status === 200) expect(res.body.items.map((x: { id: string }) => x.id)).not.toContain(ids.theirTicket);
      else expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
  });

  it('the portal never shows internal notes nor the team\'s time notes on its own ticket (comments, timeline, history), nor the reasons written on its hours', async () => {
    const client = as('client');
    const comments = await client('get', `/psa/tickets/${ids.myTicket}/comments`);
    expect(comments.status).toBe(200);
    expect(comments.body.items.map((c: { body: string }) => c.body)).toEqual(['Nous regardons.']);
    const timeline = await client('get', `/psa/tickets/${ids.myTicket}/timeline`);
    expect(timeline.status).toBe(200);
    const text = JSON.stringify(timeline.body);
    expect(text).not.toContain('SECRET');
    expect(text).not.toContain('NOTE INTERNE');
    expect(timeline.body.items.filter((i: { kind: string }) => i.kind === 'time')).toEqual([]);
    const history = await client('get', `/psa/tickets/${ids.myTicket}/history`);
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body)).not.toContain('SECRET');
    // Its contract's hours: the movements, not the team's reason for them.
    const hours = await client('get', `/psa/contracts/${ids.myContract}/hours`);
    expect(hours.status).toBe(200);
    expect(hours.body).toMatchObject({ remainingMinutes: 600, items: [{ kind: 'adjustment', minutes: 600, reason: null }] });
    expect((await as('manager')('get', `/psa/contracts/${ids.myContract}/hours`)).body.items[0].reason).toBe('INTERNE : geste pour impayé');
  });

  it('a client may not move its ticket beyond confirming or reopening, nor assign or reprioritise it, nor write an internal note', async () => {
    const client = as('client');
    const before = await t.admin('psaTickets').where({ id: ids.myTicket }).first('status', 'priority', 'assigneeId', 'version');
    const patch = await client('patch', `/psa/tickets/${ids.myTicket}`).set('If-Match', '*').send({ priority: 'critical' });
    expect(patch.status).toBe(403);
    expect(patch.body.detail).toMatch(/[àéèù]|vous|permission|droit/i);
    const assign = await client('patch', `/psa/tickets/${ids.myTicket}`).set('If-Match', '*').send({ assigneeId: tenant.userIds.client });
    expect(assign.status).toBe(403);
    for (const status of ['in-progress', 'waiting', 'resolved', 'closed']) {
      const moved = await client('post', `/psa/tickets/${ids.myTicket}/status`).send({ status });
      expect({ status, code: moved.status >= 400 && moved.status < 500 }).toEqual({ status, code: true });
    }
    const note = await client('post', `/psa/tickets/${ids.myTicket}/comments`).send({ body: 'Note cachée', visibility: 'internal' });
    expect(note.status).toBe(403);
    // Opening a ticket: neither on another company nor assigned, queued or under an SLA policy of its choosing.
    const elsewhere = await client('post', '/psa/tickets').send({ accountId: ids.theirs, title: 'Chez le voisin', priority: 'low' });
    expect(elsewhere.status).toBe(400);
    const assigned = await client('post', '/psa/tickets').send({ accountId: ids.mine, title: 'Pour moi', priority: 'low', assigneeId: tenant.userIds.technician });
    expect(assigned.status).toBe(422);
    expect(assigned.body.detail).toMatch(/[éèàù]/);
    expect(await t.admin('psaTickets').where({ id: ids.myTicket }).first('status', 'priority', 'assigneeId', 'version')).toEqual(before);
    expect(await t.admin('psaTickets').where({ tenantId: tenant.tenantId }).count({ n: '*' })).toEqual([{ n: 2 }]);
  });

  it('a technician does not approve time, not even its own, nor enters time as a colleague', async () => {
    const technician = as('technician');
    const own = await technician('post', `/psa/time-entries/${ids.myTime}/approve`).send({});
    expect(own.status).toBe(403);
    expect(own.body.detail).toMatch(/valid/i);
    expect((await t.admin('psaTimeEntries').where({ id: ids.myTime }).first('status')).status).toBe('submitted');
    // Nor enters time in a colleague's name, to have it approved as theirs.
    const forged = await technician('post', '/psa/time-entries').send({ ticketId: ids.myTicket, minutes: 15, kind: 'billable', userId: tenant.userIds.manager });
    expect([400, 403]).toContain(forged.status);
    expect(await t.admin('psaTimeEntries').where({ tenantId: tenant.tenantId, userId: tenant.userIds.manager }).count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('another organisation\'s ids answer 404, for reading and for writing', async () => {
    const foreign = as('foreign');
    for (const url of [`/psa/tickets/${ids.myTicket}`, `/psa/tickets/${ids.myTicket}/timeline`, `/psa/contracts/${ids.myContract}/hours`, `/psa/time-entries/${ids.myTime}`, `/accounts/${ids.mine}`]) {
      expect({ url, status: (await foreign('get', url)).status }).toEqual({ url, status: 404 });
    }
    expect((await foreign('patch', `/psa/tickets/${ids.myTicket}`).set('If-Match', '*').send({ priority: 'low' })).status).toBe(404);
    expect((await foreign('post', `/psa/tickets/${ids.myTicket}/comments`).send({ body: 'Intrusion' })).status).toBe(404);
    expect((await foreign('post', `/psa/time-entries/${ids.myTime}/approve`).send({})).status).toBe(404);
  });

  it('protected fields in a body (balances, SLA columns, internal cost, status) are refused in French and change nothing', async () => {
    const manager = as('manager');
    const technician = as('technician');
    const attempts: Array<[string, request.Test]> = [
      ['contract remainingMinutes', manager('patch', `/psa/contracts/${ids.myContract}`).set('If-Match', '*').send({ remainingMinutes: 999_999 })],
      ['ticket SLA', manager('patch', `/psa/tickets/${ids.myTicket}`).set('If-Match', '*').send({ resolutionDueAt: '2099-01-01T00:00:00Z' })],
      ['ticket breach', manager('patch', `/psa/tickets/${ids.myTicket}`).set('If-Match', '*').send({ responseBreachedAt: null, slaLevel: 0 })],
      ['ticket totals', manager('patch', `/psa/tickets/${ids.myTicket}`).set('If-Match', '*').send({ approvedMinutes: 0, billableAmountCents: 0 })],
      ['time cost', technician('post', '/psa/time-entries').send({ ticketId: ids.myTicket, minutes: 15, kind: 'billable', costCents: 0, hourlyCostCents: 0 })],
      ['time status', technician('post', '/psa/time-entries').send({ ticketId: ids.myTicket, minutes: 15, kind: 'billable', status: 'approved' })],
      ['time price', technician('patch', `/psa/time-entries/${ids.myTime}`).set('If-Match', '*').send({ priceCents: 1 })],
    ];
    for (const [what, attempt] of attempts) {
      const res = await attempt;
      expect({ what, status: res.status }).toEqual({ what, status: res.status === 403 ? 403 : 400 });
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(`${res.body.title} ${res.body.detail}`).toMatch(/[éèàù]|champ|inconnu|autoris/i);
    }
    expect(await t.admin('psaContracts').where({ id: ids.myContract }).first('remainingMinutes')).toEqual({ remainingMinutes: 600 });
    expect(await t.admin('psaTimeEntries').where({ tenantId: tenant.tenantId }).count({ n: '*' })).toEqual([{ n: 2 }]);
  });
});
