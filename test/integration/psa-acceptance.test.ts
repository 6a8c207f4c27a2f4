import request from 'supertest';
import { withTenant } from '../../db/tenant-scope';
import { loginAs, testContext, type TestContext } from '../support/api';
import { BUYER, COMPLETE_PROFILE } from '../support/billing-fixtures';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * Spec 003 §8, the MSP's acceptance criteria, through the API on the real database, in an
 * organisation of its own (and a second one, the « other tenant »):
 * - a technician creates, assigns and closes a ticket with full traceability;
 * - validated time decrements the associated contract exactly, without calculation gap;
 * - an invoice is generated automatically (a closed uncovered ticket → the pre-billing queue →
 *   « Facturer »), exported as PDF and marked paid;
 * - a tenant's data is never visible to another tenant.
 * (The RMM agent's criterion belongs to the later RMM issue.)
 */
describe('MSP acceptance (spec 003 §8)', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let other: OwnTenant;
  let accountId: string;
  const token: Record<string, string> = {};
  const api = (who: string, method: 'get' | 'post' | 'patch' | 'put', url: string) =>
    request(t.app)[method](`/api/v1${url}`).set('Authorization', `Bearer ${token[who]}`).set('Accept-Language', 'fr');

  beforeAll(async () => {
    t = testContext();
    [tenant, other] = await Promise.all([createOwnTenant(t.admin, 'psa-acceptance', ['psa', 'billing']), createOwnTenant(t.admin, 'psa-acceptance-other', ['psa', 'billing'])]);
    for (const role of ['admin', 'manager', 'technician']) token[role] = (await loginAs(t.app, role, tenant.slug)).accessToken;
    token.foreign = (await loginAs(t.app, 'manager', other.slug)).accessToken;
    const profile = await api('admin', 'put', '/billing/profile').set('If-Match', '"0"').send(COMPLETE_PROFILE);
    expect(profile.status).toBe(200);
    const account = await api('manager', 'post', '/accounts').send({ ...BUYER, status: 'active' });
    expect(account.status).toBe(201);
    accountId = account.body.id;
  });
  afterAll(() => t.close());

  /** An hour bank of `minutes` bought as a pack (its invoice a draft), as the manager sells it. */
  async function hourBank(minutes: number): Promise<string> {
    const contract = await api('manager', 'post', '/psa/contracts').send({
      accountId, name: `Banque d'heures ${minutes / 60} h`, type: 'hour-bank', startDate: '2026-01-01', hourlyRateCents: 9_000, packMinutes: minutes, packPriceCents: 90_000,
    });
    expect(contract.status).toBe(201);
    const pack = await api('manager', 'post', `/psa/contracts/${contract.body.id}/packs`).send({});
    expect(pack.status).toBe(201);
    return contract.body.id;
  }

  /** Time entered by the technician, submitted, approved by the manager. */
  async function approvedTime(ticketId: string, minutes: number, kind: string): Promise<Record<string, unknown>> {
    const entry = await api('technician', 'post', '/psa/time-entries').send({ ticketId, minutes, kind });
    expect(entry.status).toBe(201);
    expect(entry.body.status).toBe('draft');
    expect((await api('technician', 'post', `/psa/time-entries/${entry.body.id}/submit`).send({})).status).toBe(200);
    const approved = await api('manager', 'post', `/psa/time-entries/${entry.body.id}/approve`).send({});
    expect(approved.status).toBe(200);
    return approved.body;
  }

  async function ticket(title: string, extra: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
    const res = await api('technician', 'post', '/psa/tickets').send({ accountId, title, priority: 'high', ...extra });
    expect(res.status).toBe(201);
    return res.body;
  }

  const move = (id: string, status: string) => api('technician', 'post', `/psa/tickets/${id}/status`).send({ status });

  it('a technician creates, assigns and closes a ticket, every step on its timeline with who and when', async () => {
    const created = await ticket('Serveur de fichiers injoignable');
    const assigned = await api('technician', 'patch', `/psa/tickets/${created.id}`).set('If-Match', `"${created.version}"`).send({ assigneeId: tenant.userIds.technician });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assigneeId).toBe(tenant.userIds.technician);
    expect((await api('technician', 'post', `/psa/tickets/${created.id}/comments`).send({ body: 'Je redémarre le service de partage.', visibility: 'public' })).status).toBe(201);
    for (const status of ['in-progress', 'resolved', 'closed']) expect((await move(created.id, status)).status).toBe(200);
    const closed = await api('technician', 'get', `/psa/tickets/${created.id}`);
    expect(closed.body).toMatchObject({ status: 'closed', resolvedAt: expect.any(String), closedAt: expect.any(String) });

    const history = await api('technician', 'get', `/psa/tickets/${created.id}/history`);
    expect(history.status).toBe(200);
    const items = history.body.items as Array<{ action: string; actor: { id: string } | null; at: string; changes: Record<string, { before: unknown; after: unknown }> }>;
    // Every change is credited to the technician who made it, at a time.
    expect(items.every((i) => i.actor?.id === tenant.userIds.technician && Boolean(Date.parse(i.at)))).toBe(true);
    expect(items.some((i) => i.action === 'create')).toBe(true);
    expect(items.some((i) => i.changes.assigneeId?.after === tenant.userIds.technician)).toBe(true);
    const statuses = items.filter((i) => i.changes.status).map((i) => i.changes.status!.after).reverse();
    expect(statuses).toEqual(['open', 'in-progress', 'resolved', 'closed']);
    const timeline = await api('technician', 'get', `/psa/tickets/${created.id}/timeline`);
    expect(timeline.status).toBe(200);
    expect(JSON.stringify(timeline.body)).toContain('Je redémarre le service de partage.');
  });

  it('validated time decrements the associated hour bank exactly, its balance always the sum of its ledger; beyond it, time is billed, never blocked', async () => {
    const contractId = await hourBank(600);
    const { id: ticketId } = await ticket('Poste comptable lent', { contractId });
    const before = await api('manager', 'get', `/psa/contracts/${contractId}/hours`);
    expect(before.body.remainingMinutes).toBe(600);

    // Only approved time counts: a draft and a submitted entry leave the bank as it is.
    const draft = await api('technician', 'post', '/psa/time-entries').send({ ticketId, minutes: 30, kind: 'included' });
    expect(draft.status).toBe(201);
    expect((await api('manager', 'get', `/psa/contracts/${contractId}/hours`)).body.remainingMinutes).toBe(600);

    const first = await approvedTime(ticketId, 95, 'included');
    const after = await api('manager', 'get', `/psa/contracts/${contractId}/hours`);
    expect(after.body.remainingMinutes).toBe(505);
    expect(after.body.items[0]).toMatchObject({ kind: 'consumption', minutes: -95, timeEntryId: first.id, ticketId, balanceMinutes: 505 });

    // More than the bank holds: it covers what is left, the rest is billed outside the contract.
    await approvedTime(ticketId, 520, 'included');
    const empty = await api('manager', 'get', `/psa/contracts/${contractId}/hours`);
    expect(empty.body.remainingMinutes).toBe(0);
    const sum = (empty.body.items as Array<{ minutes: number }>).reduce((n, i) => n + i.minutes, 0);
    expect(sum).toBe(empty.body.remainingMinutes);
    const contract = await api('manager', 'get', `/psa/contracts/${contractId}`);
    expect(contract.body.remainingMinutes).toBe(0);
    const { body: totals } = await api('manager', 'get', `/psa/tickets/${ticketId}`);
    // 95 + 520 approved; 15 minutes outside the bank at 90 €/h.
    expect(totals).toMatchObject({ approvedMinutes: 615, billableAmountCents: 2_250 });
  });

  it('an invoice is generated from the closed ticket\'s uncovered time, exported as a PDF and marked paid', async () => {
    const { id: ticketId } = await ticket('Récupération de fichiers sur le NAS');
    await approvedTime(ticketId, 90, 'billable');
    for (const status of ['in-progress', 'resolved', 'closed']) expect((await move(ticketId, status)).status).toBe(200);

    // Closing the ticket put its time in the pre-billing queue, by itself.
    const queue = await api('manager', 'get', '/psa/pre-billing?limit=100');
    expect(queue.status).toBe(200);
    const item = (queue.body.items as Array<{ id: string; ticketId: string; minutes: number; amountCents: number }>).find((i) => i.ticketId === ticketId)!;
    expect(item).toMatchObject({ minutes: 90 });
    expect(item.amountCents).toBeGreaterThan(0);

    const invoiced = await api('manager', 'post', '/psa/pre-billing/invoice').send({ ids: [item.id], issue: true });
    expect(invoiced.status).toBe(200);
    expect(invoiced.body.items).toEqual([expect.objectContaining({ id: item.id, outcome: 'invoiced', invoiceNumber: expect.any(String) })]);
    const invoiceId = invoiced.body.items[0].invoiceId as string;
    const invoice = await api('manager', 'get', `/billing/invoices/${invoiceId}`);
    expect(invoice.body).toMatchObject({ status: 'issued', accountId, totalExcludingTaxCents: item.amountCents });

    const pdf = await api('manager', 'get', `/billing/invoices/${invoiceId}/pdf`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toMatch(/^application\/pdf/);
    expect((pdf.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const paid = await api('manager', 'post', `/billing/invoices/${invoiceId}/payments`).send({ amountCents: invoice.body.amountDueCents, method: 'transfer', reference: 'VIR-ACCEPTANCE' });
    expect(paid.status).toBe(201);
    const after = await api('manager', 'get', `/billing/invoices/${invoiceId}`);
    expect(after.body).toMatchObject({ status: 'paid', amountDueCents: 0 });
    const done = await api('manager', 'get', `/psa/pre-billing/${item.id}`);
    expect(done.body).toMatchObject({ status: 'invoiced', invoiceId });
  });

  it('never shows a tenant\'s tickets, contracts, time, queue or invoices to another tenant', async () => {
    const contractId = await hourBank(600);
    const { id: ticketId, version } = await ticket('Données confidentielles du client', { contractId });
    const entry = await approvedTime(ticketId, 30, 'included');
    const entryId = String(entry.id);
    const { body: queue } = await api('manager', 'get', '/psa/pre-billing?status=pending,invoiced,excluded&limit=200');
    const invoices = await api('manager', 'get', '/billing/invoices?limit=200');
    const invoiceId = (invoices.body.items as Array<{ id: string }>)[0]!.id;

    // Lists: none of the first tenant's records.
    for (const url of ['/psa/tickets?limit=200', '/psa/contracts?limit=200', '/psa/time-entries?limit=200', '/psa/pre-billing?status=pending,invoiced,excluded&limit=200', '/billing/invoices?limit=200']) {
      const res = await api('foreign', 'get', url);
      expect([200, 403]).toContain(res.status);
      const ids = ((res.body.items ?? []) as Array<{ id: string }>).map((i) => i.id);
      expect(ids).not.toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^(${[ticketId, contractId, entryId, invoiceId, ...(queue.items ?? []).map((i: { id: string }) => i.id)].join('|')})$`))]));
    }
    // Each record by its id: not found, as if it did not exist.
    for (const url of [`/psa/tickets/${ticketId}`, `/psa/tickets/${ticketId}/timeline`, `/psa/tickets/${ticketId}/history`, `/psa/contracts/${contractId}`,
      `/psa/contracts/${contractId}/hours`, `/psa/time-entries/${entryId}`, `/billing/invoices/${invoiceId}`, `/billing/invoices/${invoiceId}/pdf`]) {
      expect({ url, status: (await api('foreign', 'get', url)).status }).toEqual({ url, status: 404 });
    }
    // Writes: refused, nothing changed.
    expect((await api('foreign', 'patch', `/psa/tickets/${ticketId}`).set('If-Match', `"${version}"`).send({ title: 'Piraté' })).status).toBe(404);
    expect((await api('foreign', 'post', `/psa/tickets/${ticketId}/status`).send({ status: 'closed' })).status).toBe(404);
    expect((await api('foreign', 'post', `/psa/tickets/${ticketId}/comments`).send({ body: 'Bonjour', visibility: 'public' })).status).toBe(404);
    const foreignTime = await api('foreign', 'post', '/psa/time-entries').send({ ticketId, minutes: 60, kind: 'billable' });
    expect(foreignTime.status).toBeGreaterThanOrEqual(400);
    expect(foreignTime.status).toBeLessThan(500);
    const { body: still } = await api('manager', 'get', `/psa/tickets/${ticketId}`);
    expect(still).toMatchObject({ title: 'Données confidentielles du client', status: 'open', approvedMinutes: 30 });

    // Below the API: the database's row-level security shows the other tenant none of these rows.
    const seen = await withTenant({ tenantId: other.tenantId }, async (trx) => ({
      tickets: await trx('psaTickets').where({ id: ticketId }).first('id'),
      contracts: await trx('psaContracts').where({ id: contractId }).first('id'),
      movements: await trx('psaHourMovements').where({ contractId }).first('id'),
      time: await trx('psaTimeEntries').where({ ticketId }).first('id'),
    }), t.knex);
    expect(seen).toEqual({ tickets: undefined, contracts: undefined, movements: undefined, time: undefined });
  });
});
