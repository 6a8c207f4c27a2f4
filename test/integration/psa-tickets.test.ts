import request from 'supertest';
import { withTenant } from '../../db/tenant-scope';
import { TICKET_PROCESS } from '../../domain/psa/ticket-process';
import { addTicketComment, openTicket } from '../../domain/psa/ticket-actions';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * Tickets through the API on the real database (spec 003 §2.3.1, §8): opened with the client's
 * active contract and the default SLA policy, its process asked for in the same transaction; the
 * status moves along its allowed transitions (a refused one in French, nothing changed); comments
 * and the first response; filters and the SLA order; the portal's isolation (a client sees and
 * writes only its company's tickets, never internal notes; another company's ticket is not there).
 */
describe('psa tickets', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let other: OwnTenant;
  let accountId: string;
  let otherAccountId: string;
  let contractId: string;
  let policyId: string;
  const token: Record<string, string> = {};
  const api = (role: string, method: 'get' | 'post' | 'patch' | 'delete', url: string) =>
    request(t.app)[method](`/api/v1/psa/tickets${url}`).set('Authorization', `Bearer ${token[role]}`).set('Accept-Language', 'fr');

  beforeAll(async () => {
    t = testContext();
    [tenant, other] = await Promise.all([createOwnTenant(t.admin, 'tickets', ['psa', 'billing']), createOwnTenant(t.admin, 'tickets-other', ['psa', 'billing'])]);
    await withTenant({ tenantId: tenant.tenantId }, async (trx) => {
      const [a, b] = await trx('accounts').insert([
        { tenantId: tenant.tenantId, number: 1, name: 'Garage de la Côte', ownerId: tenant.userIds.manager },
        { tenantId: tenant.tenantId, number: 2, name: 'Cabinet Durand', ownerId: tenant.userIds.manager },
      ]).returning('id');
      [accountId, otherAccountId] = [a.id, b.id];
      const [policy] = await trx('psaSlaPolicies').insert({
        tenantId: tenant.tenantId, name: 'Standard', isDefault: true,
        targets: JSON.stringify({ low: { responseMinutes: 480, resolutionMinutes: 2400 }, normal: { responseMinutes: 240, resolutionMinutes: 960 }, high: { responseMinutes: 60, resolutionMinutes: 480 }, critical: { responseMinutes: 30, resolutionMinutes: 240 } }),
      }).returning('id');
      policyId = policy.id;
      const [contract] = await trx('psaContracts').insert({
        tenantId: tenant.tenantId, number: 1, accountId, name: 'Banque 20 h', type: 'hour-bank', packMinutes: 1200, startDate: '2026-01-01',
      }).returning('id');
      contractId = contract.id;
      await trx('contacts').insert({ tenantId: tenant.tenantId, accountId, firstName: 'Patricia', lastName: 'Moreau', email: `client@${tenant.slug}.demo` });
      await trx('users').where({ id: tenant.userIds.client }).update({ accountId });
    }, t.admin);
    for (const role of ['technician', 'manager', 'client']) token[role] = (await loginAs(t.app, role, tenant.slug)).accessToken;
    token.foreign = (await loginAs(t.app, 'manager', other.slug)).accessToken;
  });
  afterAll(() => t.close());

  it('opens a numbered ticket on the client\'s active contract and default SLA policy, and asks for its process in the same transaction', async () => {
    const res = await api('technician', 'post', '').send({ accountId, title: 'Serveur de l\'atelier injoignable', priority: 'critical' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'open', priority: 'critical', source: 'manual', contractId, contractName: 'Banque 20 h', slaPolicyId: policyId, accountName: 'Garage de la Côte' });
    expect(res.body.number).toBeGreaterThan(0);
    const request_ = await t.admin('processStartRequests').where({ processKey: TICKET_PROCESS, businessKey: res.body.id }).first('variables');
    expect(request_.variables).toMatchObject({ ticketId: res.body.id, priority: 'critical', contractId });
    const history = await api('technician', 'get', `/${res.body.id}/history`);
    expect(history.body.items.map((i: { action: string }) => i.action)).toEqual(['create']);
  });

  it('refuses a contract of another client and a status in the body, in French, writing nothing', async () => {
    const before = await t.admin('psaTickets').where({ tenantId: tenant.tenantId }).count('* as n').first();
    const wrong = await api('technician', 'post', '').send({ accountId: otherAccountId, title: 'Imprimante', priority: 'normal', contractId });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ field: 'contractId', message: 'doit être un contrat actif de ce client' });
    const status = await api('technician', 'post', '').send({ accountId, title: 'Imprimante', priority: 'urgent' });
    expect(status.status).toBe(400);
    expect(await t.admin('psaTickets').where({ tenantId: tenant.tenantId }).count('* as n').first()).toEqual(before);
  });

  it('moves along the allowed transitions with resolvedAt, closedAt and history, and refuses a closed ticket\'s reopening in French', async () => {
    const { body: ticket } = await api('technician', 'post', '').send({ accountId, title: 'Poste comptable lent', priority: 'normal' });
    const move = (status: string) => api('technician', 'post', `/${ticket.id}/status`).send({ status });
    expect((await move('in-progress')).body.status).toBe('in-progress');
    expect((await move('waiting')).body.status).toBe('waiting');
    const resolved = await move('resolved');
    expect(resolved.body).toMatchObject({ status: 'resolved', closedAt: null });
    expect(resolved.body.resolvedAt).toEqual(expect.any(String));
    const closed = await move('closed');
    expect(closed.body.closedAt).toEqual(expect.any(String));
    const refused = await move('in-progress');
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe(`Le ticket n° ${ticket.number} est « Fermé » : il ne peut pas passer à « En cours ».`);
    const history = await api('technician', 'get', `/${ticket.id}/history`);
    expect(history.body.items.map((i: { changes: { status?: { after: string } } }) => i.changes.status?.after ?? null).reverse())
      .toEqual(['open', 'in-progress', 'waiting', 'resolved', 'closed']);
    // What the process hears, move by move (resolving a waiting ticket resumes its clock in the same move).
    const messages: Array<{ name: string; receivedAt: Date }> = await t.admin('bufferedMessages').where({ tenantId: tenant.tenantId, correlationKey: ticket.id }).select('name', 'receivedAt');
    const moves = [...new Set(messages.map((m) => m.receivedAt.getTime()))].sort((a, b) => a - b)
      .map((at) => messages.filter((m) => m.receivedAt.getTime() === at).map((m) => m.name).sort());
    expect(moves).toEqual([['psa.ticket-started'], ['psa.ticket-waiting'], ['psa.ticket-resolved', 'psa.ticket-resumed'], ['psa.ticket-closed']]);
    const stale = await api('technician', 'post', `/${ticket.id}/status`).set('If-Match', '"1"').send({ status: 'open' });
    expect(stale.status).toBe(412);
  });

  it('sets the first response on the team\'s first public reply, not on an internal note', async () => {
    const { body: ticket } = await api('technician', 'post', '').send({ accountId, title: 'VPN coupé', priority: 'high' });
    const note = await api('technician', 'post', `/${ticket.id}/comments`).send({ body: 'Vérifier le pare-feu', visibility: 'internal' });
    expect(note.status).toBe(201);
    expect(note.body.ticket.firstResponseAt).toBeNull();
    const reply = await api('technician', 'post', `/${ticket.id}/comments`).send({ body: 'Nous regardons tout de suite.' });
    expect(reply.body.comment).toMatchObject({ visibility: 'public', source: 'web', authorName: expect.any(String) });
    expect(reply.body.ticket.firstResponseAt).toEqual(expect.any(String));
    const timeline = await api('technician', 'get', `/${ticket.id}/timeline`);
    expect(timeline.body.items.map((i: { kind: string }) => i.kind).sort()).toEqual(['change', 'comment', 'comment']);
  });

  it('lists my tickets, unassigned ones, and breached tickets first in the SLA order', async () => {
    const mine = await api('manager', 'post', '').send({ accountId, title: 'Sauvegarde en échec', priority: 'high', assigneeId: tenant.userIds.technician });
    expect(mine.status).toBe(201);
    const late = await api('technician', 'post', '').send({ accountId, title: 'Messagerie bloquée', priority: 'critical' });
    await t.admin('psaTickets').where({ id: late.body.id }).update({ responseDueAt: new Date(Date.now() - 3_600_000), resolutionDueAt: new Date(Date.now() + 3_600_000) });
    await t.admin('psaTickets').where({ id: mine.body.id }).update({ responseDueAt: new Date(Date.now() + 7_200_000) });
    const assigned = await api('technician', 'get', '?assigneeId=me');
    expect(assigned.body.items.map((i: { id: string }) => i.id)).toEqual([mine.body.id]);
    const unassigned = await api('technician', 'get', '?assigneeId=null&limit=200');
    expect(unassigned.body.items.map((i: { id: string }) => i.id)).toContain(late.body.id);
    const bySla = await api('technician', 'get', '?sort=sla&open=true&limit=2');
    expect(bySla.body.items.map((i: { id: string }) => i.id)).toEqual([late.body.id, mine.body.id]);
    const breached = await api('technician', 'get', '?sla=breached');
    expect(breached.body.items.map((i: { id: string }) => i.id)).toEqual([late.body.id]);
    const page2 = await api('technician', 'get', `?sort=sla&open=true&limit=2&cursor=${bySla.body.nextCursor}`);
    expect(page2.status).toBe(200);
    expect(page2.body.items.map((i: { id: string }) => i.id)).not.toContain(late.body.id);
    expect((await api('technician', 'get', '?sla=late')).status).toBe(400);
  });

  describe('the client portal', () => {
    it('opens a ticket for its company only, from the portal, without assigning it', async () => {
      const res = await api('client', 'post', '').send({ accountId, title: 'Imprimante de l\'accueil', priority: 'normal', description: 'Elle affiche une erreur 49.' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ source: 'portal', requesterEmail: `client@${tenant.slug}.demo`, contactName: 'Patricia Moreau', contractId });
      const elsewhere = await api('client', 'post', '').send({ accountId: otherAccountId, title: 'Pas chez moi', priority: 'low' });
      expect(elsewhere.status).toBe(400);
      const assigning = await api('client', 'post', '').send({ accountId, title: 'Urgent', priority: 'critical', assigneeId: tenant.userIds.technician });
      expect(assigning.status).toBe(422);
    });

    it('never reads another company\'s ticket nor an internal note, and cannot change a ticket but by replying', async () => {
      const theirs = await api('manager', 'post', '').send({ accountId: otherAccountId, title: 'Licences Office', priority: 'low' });
      const ours = await api('manager', 'post', '').send({ accountId, title: 'Wi-Fi de l\'atelier', priority: 'normal' });
      await api('manager', 'post', `/${ours.body.id}/comments`).send({ body: 'Client difficile, rester bref', visibility: 'internal' });
      await api('manager', 'post', `/${ours.body.id}/comments`).send({ body: 'Un technicien passe demain matin.' });
      for (const url of [`/${theirs.body.id}`, `/${theirs.body.id}/comments`, `/${theirs.body.id}/history`, `/${theirs.body.id}/timeline`]) {
        expect({ url, status: (await api('client', 'get', url)).status }).toEqual({ url, status: 404 });
      }
      expect((await api('client', 'post', `/${theirs.body.id}/comments`).send({ body: 'Bonjour' })).status).toBe(404);
      const list = await api('client', 'get', '?limit=200');
      expect(list.body.items.every((i: { accountId: string }) => i.accountId === accountId)).toBe(true);
      const comments = await api('client', 'get', `/${ours.body.id}/comments`);
      expect(comments.body.items.map((c: { body: string }) => c.body)).toEqual(['Un technicien passe demain matin.']);
      const timeline = await api('client', 'get', `/${ours.body.id}/timeline`);
      expect(JSON.stringify(timeline.body)).not.toContain('Client difficile');
      expect((await api('client', 'post', `/${ours.body.id}/comments`).send({ body: 'Note', visibility: 'internal' })).status).toBe(403);
      expect((await api('client', 'patch', `/${ours.body.id}`).set('If-Match', '"1"').send({ priority: 'critical' })).status).toBe(403);
      expect((await api('client', 'post', `/${ours.body.id}/status`).send({ status: 'resolved' })).status).toBe(403);
      // Another organisation's manager does not find it either.
      expect((await api('foreign', 'get', `/${ours.body.id}`)).status).toBe(404);
    });

    it('reopens a resolved ticket by replying, and closes it by confirming the resolution', async () => {
      const { body: ticket } = await api('technician', 'post', '').send({ accountId, title: 'Écran noir', priority: 'normal' });
      await api('technician', 'post', `/${ticket.id}/status`).send({ status: 'resolved' });
      const reply = await api('client', 'post', `/${ticket.id}/comments`).send({ body: 'Toujours en panne ce matin.' });
      expect(reply.status).toBe(201);
      expect(reply.body.comment.source).toBe('portal');
      expect(reply.body.ticket.status).toBe('open');
      await api('technician', 'post', `/${ticket.id}/status`).send({ status: 'resolved' });
      const confirmed = await api('client', 'post', `/${ticket.id}/status`).send({ status: 'closed' });
      expect(confirmed.body.status).toBe('closed');
      const closed = await t.admin('bufferedMessages').where({ correlationKey: ticket.id, name: 'psa.ticket-closed' }).first('variables');
      expect(closed.variables).toMatchObject({ by: 'client', fromStatus: 'resolved' });
    });
  });

  it('lets e-mail intake open a ticket and thread a reply once, as the system', async () => {
    const opened = await withTenant({ tenantId: tenant.tenantId }, (trx) => openTicket(trx, { system: 'email', tenantId: tenant.tenantId }, {
      accountId, title: 'Re: sauvegarde', source: 'email', requesterEmail: 'atelier@garage.test', threadMessageId: '<m1@garage.test>',
    }), t.knex);
    expect(opened.ticket).toMatchObject({ source: 'email', status: 'open', requesterEmail: 'atelier@garage.test' });
    const reply = (messageId: string) => withTenant({ tenantId: tenant.tenantId }, (trx) => addTicketComment(trx, { system: 'email', tenantId: tenant.tenantId }, String(opened.ticket.id), {
      body: 'Merci, c\'est reparti.', authorEmail: 'atelier@garage.test', messageId,
    }), t.knex);
    const first = await reply('<m2@garage.test>');
    const again = await reply('<m2@garage.test>');
    expect(again.comment.id).toBe(first.comment.id);
    expect(first.comment).toMatchObject({ source: 'email', visibility: 'public', authorEmail: 'atelier@garage.test' });
  });
});
