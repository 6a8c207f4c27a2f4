import { NativeConnection, type Worker } from '@temporalio/worker';
import request from 'supertest';
import { hashPassword } from '../../domain/identity/passwords';
import { ensureUser } from '../../db/seed';
import { engineWorker } from '../support/engine';
import { loginAs, TASK_QUEUE, tenantId, testContext, userId, type TestContext } from '../support/api';

const HOUR = 3_600_000;

/**
 * Epic Events through the HTTP API (spec 001): the departments' rights, the
 * filters the specification names, and the lead → contract → event story
 * moving the shipped process on a real Temporal server.
 */
describe('events API', () => {
  let t: TestContext;
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let tenant: string;
  const token: Record<string, string> = {};
  const uid: Record<string, string> = {};

  beforeAll(async () => {
    t = testContext();
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    running = worker.run();
    tenant = await tenantId(t.admin, 'epic-events');
    // A second salesperson and a second support collaborator: "other" in the matrix.
    const passwordHash = await hashPassword('relais-demo-2026');
    await ensureUser(t.admin, tenant, { email: 'sales2@epic-events.demo', displayName: 'Second Sales', type: 'internal', passwordHash, roleKeys: ['sales'] });
    await ensureUser(t.admin, tenant, { email: 'support2@epic-events.demo', displayName: 'Second Support', type: 'internal', passwordHash, roleKeys: ['support'] });
    for (const role of ['management', 'sales', 'support', 'sales2', 'support2']) {
      token[role] = (await loginAs(t.app, role, 'epic-events')).accessToken;
      uid[role] = await userId(t.admin, role, 'epic-events');
    }
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await connection.close();
    await t.close();
  });

  const as = (role: string) => {
    const auth = (r: request.Test) => r.set('Authorization', `Bearer ${token[role]}`);
    return {
      get: (url: string) => auth(request(t.app).get(url)),
      post: (url: string, body: unknown = {}) => auth(request(t.app).post(url)).send(body as object),
      patch: (url: string, version: number, body: unknown) => auth(request(t.app).patch(url)).set('If-Match', `"${version}"`).send(body as object),
      delete: (url: string, version: number) => auth(request(t.app).delete(url)).set('If-Match', `"${version}"`),
    };
  };

  async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
    for (let i = 0; i < 300; i++) {
      const value = await probe();
      if (value !== undefined) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  let fixtureNumber = 50_000;
  /** Records written directly (owner connection): each check of the matrix gets fresh ones. */
  async function fixture(owner: 'sales' | 'sales2', options: { signed?: boolean; support?: string | null; endedHoursAgo?: number } = {}) {
    const [client] = await t.admin('eventClients').insert({ tenantId: tenant, number: ++fixtureNumber, fullName: `Client ${fixtureNumber}`, salesContactId: uid[owner] }).returning('*');
    const [contract] = await t.admin('eventContracts').insert({
      tenantId: tenant, number: ++fixtureNumber, clientId: client.id, totalAmountCents: 500_000, amountDueCents: 500_000,
      signed: options.signed ?? false, signedAt: options.signed ? new Date() : null,
    }).returning('*');
    const end = Date.now() - (options.endedHoursAgo ?? -240) * HOUR;
    const [event] = await t.admin('eventEvents').insert({
      tenantId: tenant, number: ++fixtureNumber, name: `Événement ${fixtureNumber}`, contractId: contract.id,
      startsAt: new Date(end - 4 * HOUR), endsAt: new Date(end), supportContactId: options.support ? uid[options.support] : null,
    }).returning('*');
    return { client, contract, event };
  }

  describe('who may do what (spec 001: management, sales, support)', () => {
    type Check = { what: string; run: (role: string) => Promise<request.Response>; expected: Record<'management' | 'sales' | 'support', number> };
    const checks: Check[] = [
      { what: 'read a client of another salesperson', expected: { management: 200, sales: 200, support: 200 }, run: async (r) => as(r).get(`/api/v1/events/clients/${(await fixture('sales2')).client.id}`) },
      { what: 'read a contract of another salesperson', expected: { management: 200, sales: 200, support: 200 }, run: async (r) => as(r).get(`/api/v1/events/contracts/${(await fixture('sales2')).contract.id}`) },
      { what: 'read an event assigned to someone else', expected: { management: 200, sales: 200, support: 200 }, run: async (r) => as(r).get(`/api/v1/events/events/${(await fixture('sales2', { support: 'support2' })).event.id}`) },
      { what: 'create a client', expected: { management: 403, sales: 201, support: 403 }, run: (r) => as(r).post('/api/v1/events/clients', { fullName: 'Kévin Castel' }) },
      { what: 'create a client for another salesperson', expected: { management: 403, sales: 403, support: 403 }, run: (r) => as(r).post('/api/v1/events/clients', { fullName: 'Kévin Castel', salesContactId: uid.sales2 }) },
      { what: 'update an own client', expected: { management: 403, sales: 200, support: 403 }, run: async (r) => as(r).patch(`/api/v1/events/clients/${(await fixture('sales')).client.id}`, 1, { companyName: 'Cool Startup LLC' }) },
      { what: "update another salesperson's client", expected: { management: 403, sales: 403, support: 403 }, run: async (r) => as(r).patch(`/api/v1/events/clients/${(await fixture('sales2')).client.id}`, 1, { companyName: 'X' }) },
      { what: 'give an own client to another salesperson', expected: { management: 403, sales: 403, support: 403 }, run: async (r) => as(r).patch(`/api/v1/events/clients/${(await fixture('sales')).client.id}`, 1, { salesContactId: uid.sales2 }) },
      { what: 'delete a client', expected: { management: 403, sales: 403, support: 403 }, run: async (r) => as(r).delete(`/api/v1/events/clients/${(await fixture('sales')).client.id}`, 1) },
      { what: 'create a contract for an own client', expected: { management: 201, sales: 403, support: 403 }, run: async (r) => as(r).post('/api/v1/events/contracts', { clientId: (await fixture('sales')).client.id, totalAmountCents: 100_000 }) },
      { what: "update an own client's contract", expected: { management: 200, sales: 200, support: 403 }, run: async (r) => as(r).patch(`/api/v1/events/contracts/${(await fixture('sales')).contract.id}`, 1, { amountDueCents: 250_000 }) },
      { what: "update another salesperson's contract", expected: { management: 200, sales: 403, support: 403 }, run: async (r) => as(r).patch(`/api/v1/events/contracts/${(await fixture('sales2')).contract.id}`, 1, { amountDueCents: 250_000 }) },
      { what: "sign an own client's contract", expected: { management: 200, sales: 200, support: 403 }, run: async (r) => as(r).post(`/api/v1/events/contracts/${(await fixture('sales')).contract.id}/sign`) },
      { what: "sign another salesperson's contract", expected: { management: 200, sales: 403, support: 403 }, run: async (r) => as(r).post(`/api/v1/events/contracts/${(await fixture('sales2')).contract.id}/sign`) },
      { what: 'record a payment', expected: { management: 201, sales: 403, support: 403 }, run: async (r) => as(r).post(`/api/v1/events/contracts/${(await fixture('sales')).contract.id}/payments`, { amountCents: 100_000, paidOn: '2026-11-20', method: 'transfer' }) },
      { what: "create an event for an own client's signed contract", expected: { management: 403, sales: 201, support: 403 }, run: async (r) => as(r).post('/api/v1/events/events', { contractId: (await fixture('sales', { signed: true })).contract.id, name: 'Mariage', startsAt: '2027-06-04T13:00:00+02:00', endsAt: '2027-06-05T02:00:00+02:00' }) },
      { what: "create an event for another salesperson's signed contract", expected: { management: 403, sales: 403, support: 403 }, run: async (r) => as(r).post('/api/v1/events/events', { contractId: (await fixture('sales2', { signed: true })).contract.id, name: 'Mariage', startsAt: '2027-06-04T13:00:00+02:00', endsAt: '2027-06-05T02:00:00+02:00' }) },
      { what: 'update an event assigned to me', expected: { management: 200, sales: 403, support: 200 }, run: async (r) => as(r).patch(`/api/v1/events/events/${(await fixture('sales', { signed: true, support: 'support' })).event.id}`, 1, { attendees: 80 }) },
      { what: 'update an event assigned to someone else', expected: { management: 200, sales: 403, support: 403 }, run: async (r) => as(r).patch(`/api/v1/events/events/${(await fixture('sales', { signed: true, support: 'support2' })).event.id}`, 1, { attendees: 80 }) },
      { what: 'assign support to an event', expected: { management: 200, sales: 403, support: 403 }, run: async (r) => as(r).patch(`/api/v1/events/events/${(await fixture('sales', { signed: true })).event.id}`, 1, { supportContactId: uid.support }) },
      { what: 'hand an own event over to another support collaborator', expected: { management: 200, sales: 403, support: 403 }, run: async (r) => as(r).patch(`/api/v1/events/events/${(await fixture('sales', { signed: true, support: 'support' })).event.id}`, 1, { supportContactId: uid.support2 }) },
      { what: 'close an ended event assigned to me', expected: { management: 200, sales: 403, support: 200 }, run: async (r) => as(r).post(`/api/v1/events/events/${(await fixture('sales', { signed: true, support: 'support', endedHoursAgo: 1 })).event.id}/close`, { notes: 'RAS' }) },
    ];
    const rows = checks.flatMap((c) => (['management', 'sales', 'support'] as const).map((role) => [c.what, role, c.expected[role], c] as const));
    it.each(rows)('%s — %s answers %i', async (_what, role, expected, check) => {
      const res = await check.run(role);
      expect({ status: res.status, detail: res.status === expected ? undefined : res.body }).toEqual({ status: expected, detail: undefined });
    });

    it('answers 404, not 403, for another tenant\'s records', async () => {
      const { client } = await fixture('sales');
      const other = (await loginAs(t.app, 'manager', 'softwhere')).accessToken;
      const res = await request(t.app).get(`/api/v1/events/clients/${client.id}`).set('Authorization', `Bearer ${other}`);
      expect(res.status).toBe(404);
      const list = await request(t.app).get('/api/v1/events/clients?limit=200').set('Authorization', `Bearer ${other}`);
      expect(list.body.items ?? []).toEqual([]);
      // Nor the names and emails of its staff.
      const staff = await request(t.app).get('/api/v1/events/collaborators').set('Authorization', `Bearer ${other}`);
      expect(staff.status).toBe(403);
    });
  });

  describe('business rules', () => {
    it('refuses an event for a contract that is not signed (422, nothing created)', async () => {
      const { contract } = await fixture('sales');
      const res = await as('sales').post('/api/v1/events/events', { contractId: contract.id, name: 'Mariage', startsAt: '2027-06-04T13:00:00+02:00', endsAt: '2027-06-05T02:00:00+02:00' });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ field: 'contractId', message: expect.stringContaining('pas encore signé'), code: 'events.contract-not-signed' }]);
      expect(res.body).toMatchObject({ title: 'Refusé par une règle métier', code: 'events.contract-not-signed' });
      expect(Number((await t.admin('eventEvents').where({ contractId: contract.id }).count({ n: '*' }).first())!.n)).toBe(1);
    });

    it('refuses an end before the start, a payment above the amount due, and closing an event before its end', async () => {
      const { contract, event } = await fixture('sales', { signed: true, support: 'support' });
      const dates = await as('sales').post('/api/v1/events/events', { contractId: contract.id, name: 'X', startsAt: '2027-06-05T13:00:00+02:00', endsAt: '2027-06-04T13:00:00+02:00' });
      expect(dates.status).toBe(400);
      expect(dates.body.errors).toEqual([{ field: 'endsAt', message: 'doit être après le début', code: 'field.after-start' }]);
      const pay = await as('management').post(`/api/v1/events/contracts/${contract.id}/payments`, { amountCents: 600_000, paidOn: '2026-11-20', method: 'card' });
      expect(pay.status).toBe(422);
      // The amount due in euros, not in raw cents; the code and its parameters for clients.
      expect(pay.body.detail).toMatch(/^dépasse le reste dû \(\d[\d\s\u202f]*,\d{2}\s€\) : enregistrez au plus ce qui reste à payer$/);
      expect(pay.body).toMatchObject({ code: 'events.payment-over-due', params: { dueCents: expect.any(Number) } });
      expect((await t.admin('eventPayments').where({ contractId: contract.id })).length).toBe(0);
      const close = await as('support').post(`/api/v1/events/events/${event.id}/close`, {});
      expect(close.status).toBe(422);
      expect(close.body.errors[0].field).toBe('endsAt');
    });

    it('creates no client when the process engine is unreachable, and says to try again (503)', async () => {
      const down = testContext({ temporal: async () => { throw new Error('connect ECONNREFUSED 127.0.0.1:7233'); } });
      try {
        const res = await request(down.app).post('/api/v1/events/clients').set('Authorization', `Bearer ${token.sales}`).send({ fullName: 'Client Sans Moteur' });
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({ code: 'error.engine-unavailable-client', detail: expect.stringMatching(/le client n'a pas été créé\. Réessayez/) });
        expect(await t.admin('eventClients').where({ fullName: 'Client Sans Moteur' }).first('id')).toBeUndefined();
      } finally {
        await down.close();
      }
    });

    it('keeps the amount due in step with payments and lists them', async () => {
      const { contract } = await fixture('sales', { signed: true });
      const first = await as('management').post(`/api/v1/events/contracts/${contract.id}/payments`, { amountCents: 200_000, paidOn: '2026-11-20', method: 'transfer', reference: 'VIR-42' });
      expect(first.status).toBe(201);
      expect(first.body.contract).toMatchObject({ amountDueCents: 300_000, version: 2 });
      await as('management').post(`/api/v1/events/contracts/${contract.id}/payments`, { amountCents: 300_000, paidOn: '2026-11-21', method: 'card' });
      const list = await as('support').get(`/api/v1/events/contracts/${contract.id}/payments`);
      expect(list.body.items.map((p: { amountCents: number; paidOn: string }) => [p.amountCents, p.paidOn])).toEqual([[200_000, '2026-11-20'], [300_000, '2026-11-21']]);
      const paid = await as('sales').get(`/api/v1/events/contracts?fullyPaid=true&limit=200`);
      expect(paid.body.items.map((c: { id: string }) => c.id)).toContain(contract.id);
    });
  });

  describe('the filters the specification names', () => {
    it('lists unsigned and not fully paid contracts, events without support, my events, my clients', async () => {
      const unsigned = await fixture('sales');
      const signedUnpaid = await fixture('sales', { signed: true, support: 'support' });
      const ids = async (role: string, url: string) => (await as(role).get(url)).body.items.map((x: { id: string }) => x.id) as string[];
      const notSigned = await ids('sales', '/api/v1/events/contracts?signed=false&limit=200');
      expect(notSigned).toContain(unsigned.contract.id);
      expect(notSigned).not.toContain(signedUnpaid.contract.id);
      expect(await ids('sales', '/api/v1/events/contracts?fullyPaid=false&limit=200')).toEqual(expect.arrayContaining([unsigned.contract.id, signedUnpaid.contract.id]));
      const withoutSupport = await ids('management', '/api/v1/events/events?withoutSupport=true&limit=200');
      expect(withoutSupport).toContain(unsigned.event.id);
      expect(withoutSupport).not.toContain(signedUnpaid.event.id);
      const mine = await ids('support', '/api/v1/events/events?mine=true&limit=200');
      expect(mine).toContain(signedUnpaid.event.id);
      expect(mine).not.toContain(unsigned.event.id);
      expect(await ids('support2', '/api/v1/events/events?mine=true&limit=200')).not.toContain(signedUnpaid.event.id);
      const myClients = await ids('sales2', '/api/v1/events/clients?salesContactId=me&limit=200');
      expect(myClients).not.toContain(unsigned.client.id);
    });

    it('handles SQL-injection strings in every filter and field as data', async () => {
      const evil = ["'; drop table event_clients; --", "1' or '1'='1", "\\'; select pg_sleep(1); --", "%' or 1=1 --", 'Robert"); DELETE FROM event_events; --'];
      const before = await t.admin('eventClients').where({ tenantId: tenant }).count({ n: '*' }).first();
      for (const s of evil) {
        const e = encodeURIComponent(s);
        for (const url of [
          `/api/v1/events/clients?q=${e}`, `/api/v1/events/clients?salesContactId=${e}`, `/api/v1/events/clients?sort=${e}`, `/api/v1/events/clients?cursor=${e}`,
          `/api/v1/events/contracts?q=${e}`, `/api/v1/events/contracts?signed=${e}`, `/api/v1/events/contracts?fullyPaid=${e}`, `/api/v1/events/contracts?clientId=${e}`, `/api/v1/events/contracts?salesContactId=${e}`,
          `/api/v1/events/events?q=${e}`, `/api/v1/events/events?withoutSupport=${e}`, `/api/v1/events/events?mine=${e}`, `/api/v1/events/events?status=${e}`,
          `/api/v1/events/events?supportContactId=${e}`, `/api/v1/events/events?contractId=${e}`, `/api/v1/events/events?clientId=${e}`, `/api/v1/events/events?sort=${e}`,
          `/api/v1/events/collaborators?role=${e}`, `/api/v1/events/clients/${e}`, `/api/v1/events/events/${e}`,
        ]) {
          const res = await as('management').get(url);
          // A text search finds nothing; a typed filter is refused as bad input; an id is simply not found.
          expect([200, 400, 404]).toContain(res.status);
          if (res.status === 200) expect(res.body.items).toEqual([]);
        }
        const created = await as('sales').post('/api/v1/events/clients', { fullName: s, companyName: s, notes: s });
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({ fullName: s, companyName: s, notes: s });
        const found = await as('sales').get(`/api/v1/events/clients?q=${encodeURIComponent(s)}`);
        expect(found.body.items.map((c: { id: string }) => c.id)).toContain(created.body.id);
      }
      const signed = await fixture('sales', { signed: true });
      const ev = await as('sales').post('/api/v1/events/events', { contractId: signed.contract.id, name: evil[0], location: evil[1], notes: evil[4], startsAt: '2027-06-04T13:00:00+02:00', endsAt: '2027-06-05T02:00:00+02:00' });
      expect(ev.status).toBe(201);
      expect(ev.body).toMatchObject({ name: evil[0], location: evil[1], notes: evil[4] });
      const after = await t.admin('eventClients').where({ tenantId: tenant }).count({ n: '*' }).first();
      expect(Number(after!.n)).toBe(Number(before!.n) + evil.length + 1);
      expect(await t.admin.schema.hasTable('event_events')).toBe(true);
    });
  });

  describe('lead → contract → event (the shipped process follows the records)', () => {
    it('runs from a new client to a closed event and a payment reminder, each task closing when its work is done', async () => {
      const taskFor = (role: string, elementId: string, clientId: string) => until(`${elementId} for ${role}`, async () => {
        const list = await as(role).get('/api/v1/tasks?candidate=me&processKey=events.lead-to-event&limit=200');
        return list.body.items.find((x: { businessKey: string; elementId: string }) => x.businessKey === clientId && x.elementId === elementId);
      });

      // Sales creates the client: it is theirs, and the process asks management for a contract.
      const client = await as('sales').post('/api/v1/events/clients', { fullName: 'Camille Dufresne', email: 'camille.dufresne@example.fr', phone: '06 12 34 56 78', companyName: 'Durand & Fils' });
      expect(client.status).toBe(201);
      expect(client.body).toMatchObject({ salesContactId: uid.sales, salesContactName: expect.any(String), phone: '+33612345678' });
      const createContract = await taskFor('management', 'CreateContract', client.body.id);
      expect(createContract).toMatchObject({ name: 'Créer le contrat', formKey: 'events.create-contract' });

      // Management creates the contract on the records: the task closes, signing is the sales contact's.
      const contract = await as('management').post('/api/v1/events/contracts', { clientId: client.body.id, totalAmountCents: 1_500_000 });
      expect(contract.status).toBe(201);
      expect(contract.body).toMatchObject({ number: expect.any(Number), salesContactId: uid.sales, amountDueCents: 1_500_000, signed: false, clientName: 'Camille Dufresne' });
      const sign = await taskFor('sales', 'SignContract', client.body.id);
      expect(sign.assignee).toBe(uid.sales);
      const early = await as('sales').post('/api/v1/events/events', { contractId: contract.body.id, name: 'Mariage Durand', startsAt: new Date(Date.now() - 5 * HOUR).toISOString(), endsAt: new Date(Date.now() - HOUR).toISOString() });
      expect(early.status).toBe(422);

      // The client signs; sales records it and creates the event (already over, so the process reaches its end at once).
      expect((await as('sales').post(`/api/v1/events/contracts/${contract.body.id}/sign`)).body).toMatchObject({ signed: true, signedAt: expect.any(String) });
      await taskFor('sales', 'CreateEvent', client.body.id);
      const event = await as('sales').post('/api/v1/events/events', {
        contractId: contract.body.id, name: 'Mariage Durand', startsAt: new Date(Date.now() - 5 * HOUR).toISOString(), endsAt: new Date(Date.now() - HOUR).toISOString(),
        location: '53 Rue du Château, 41120 Candé-sur-Beuvron, France', attendees: 75,
      });
      expect(event.status).toBe(201);
      expect(event.body).toMatchObject({ status: 'planned', supportContactId: null, clientName: 'Camille Dufresne', contractNumber: contract.body.number });

      // Management finds it among the events without support and assigns one; support is told.
      await taskFor('management', 'AssignSupport', client.body.id);
      const withoutSupport = await as('management').get('/api/v1/events/events?withoutSupport=true&limit=200');
      expect(withoutSupport.body.items.map((e: { id: string }) => e.id)).toContain(event.body.id);
      const assigned = await as('management').patch(`/api/v1/events/events/${event.body.id}`, event.body.version, { supportContactId: uid.support });
      expect(assigned.status).toBe(200);
      const told = await until('the support notification', async () => {
        const row = await t.admin('messages').where({ tenantId: tenant, recordId: event.body.id, recipient: 'support@epic-events.demo' }).where('subject', 'like', 'Vous êtes le contact support%').first('subject');
        return row ?? undefined;
      });
      expect(told.subject).toContain(`n° ${event.body.number}`);

      // Support finds it under "my events" and closes it with notes; the task offered to them closes too.
      const mine = await as('support').get('/api/v1/events/events?mine=true&limit=200');
      expect(mine.body.items.map((e: { id: string }) => e.id)).toContain(event.body.id);
      await taskFor('support', 'CloseEvent', client.body.id);
      const closed = await as('support').post(`/api/v1/events/events/${event.body.id}/close`, { notes: 'Wedding went well, DJ until 2AM.' });
      expect(closed.body).toMatchObject({ status: 'closed', notes: 'Wedding went well, DJ until 2AM.' });

      // The contract is not paid: the sales contact gets a payment reminder.
      const reminder = await until('the payment reminder', async () => {
        const row: { subject: string } | undefined = await t.admin('messages').where({ tenantId: tenant, recordId: contract.body.id, recipient: 'sales@epic-events.demo' }).first('subject');
        return row;
      });
      expect(reminder.subject).toContain(`contrat n° ${contract.body.number}`);
      const instance = (await t.admin('processInstances').where({ tenantId: tenant, businessKey: client.body.id }).first('id')).id;
      const state = await until('the wait before the next reminder', async () => {
        const res = await as('management').get(`/api/v1/process-instances/${instance}`);
        return res.body.activeElements?.includes('NextReminder') ? res.body : undefined;
      });
      expect(state.incidents).toEqual([]);
      expect(state.tasks.map((x: { elementId: string; status: string }) => x.status)).not.toContain('open');
      expect(state.completedElements).toMatchObject({ ContractCreated: 1, ContractSigned: 1, EventCreated: 1, SupportAssigned: 1, EventClosed: 1, PaymentReminder: 1 });
    });
  });
});
