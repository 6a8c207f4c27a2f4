import crypto from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { withTenant } from '../../db/tenant-scope';
import type { RequestContext } from '../../domain/core/record-service';
import { liftLegalHold, placeLegalHold } from '../../domain/gdpr/legal-holds';
import { parisDay } from '../../domain/gdpr/retention-clock';
import { expiredRowsSql, runRetention } from '../../domain/gdpr/retention-run';
import { tenantRules } from '../../domain/gdpr/retention-rules';
import { RETENTION_WORKFLOW, type RetentionRunResult } from '../../workflows/gdpr/retention.contract';
import { testContext, type TestContext } from '../support/api';
import { engineWorker, skipTime, timeSkippingEnv } from '../support/engine';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { asRole } from '../support/role-context';

/**
 * Retention's lines for Epic Events, billing, the MSP's tickets and time, process data and the consent ledger
 * (issue 15, docs/adr/0026-retention.md), on an organisation of this file's own: an issued invoice keeps its
 * buyer until the end of the tenth year after its year and loses it on that day (also after an erasure kept
 * it), and the database refuses an earlier release; an Epic Events client under a legal hold is kept, and once
 * the officer lifts it the next run applies to the client, contract and event it suspended; a consent's proof
 * runs from when it stopped deciding; and on the time-skipping server the daily workflow, on its own day, leaves
 * a closed ticket, its time and an ended process the day before they expire and anonymises them on the day.
 */
describe('gdpr retention lines: events, billing, MSP, process data, consents', () => {
  let t: TestContext;
  let mine: OwnTenant;
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `retention-lines-${process.pid}`;
  const DAY = 86_400_000;
  let number = 0;

  beforeAll(async () => {
    t = testContext();
    mine = await createOwnTenant(t.admin, 'retention-lines', ['events', 'psa']);
    env = await timeSkippingEnv(t.knex);
    worker = await engineWorker(env.nativeConnection, taskQueue, t.knex);
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await t.close();
  });

  const run = (today: string) => runRetention(t.knex, mine.tenantId, { today, runId: `${today}-${crypto.randomUUID()}` });
  const counted = (report: { tables: Array<{ table: string; expired: number; held: number }> }, table: string) => report.tables.find((c) => c.table === table)!;
  const asDpo = <T>(fn: (ctx: RequestContext) => Promise<T>) => asRole(t.knex, mine, 'dpo')(fn);
  async function account(): Promise<string> {
    const [row] = await t.admin('accounts').insert({ tenantId: mine.tenantId, number: ++number, name: `Dupont ${crypto.randomBytes(3).toString('hex')}`, status: 'active' }).returning('id');
    return String(row.id);
  }
  async function invoice(accountId: string, issueDate: string, buyer: string): Promise<string> {
    const [row] = await t.admin('billingInvoices').insert({
      tenantId: mine.tenantId, accountId, number: `F-${crypto.randomBytes(4).toString('hex')}`, status: 'issued', issueDate, dueDate: issueDate, buyer: JSON.stringify({ name: buyer }),
      buyerReference: `Réf. ${buyer}`, notes: `Client ${buyer}`, lines: JSON.stringify([]), vatBreakdown: JSON.stringify([]), totalExcludingTaxCents: 0, totalTaxCents: 0, totalIncludingTaxCents: 0, amountDueCents: 0,
    }).returning('id');
    return String(row.id);
  }
  const readInvoice = (id: string) => t.admin('billingInvoices').where({ id }).first('buyer', 'buyerReference', 'notes', 'number');

  it('every declared clock of an organisation with Epic Events and the MSP is valid SQL; the new tables have theirs', async () => {
    await withTenant({ tenantId: mine.tenantId }, async (trx) => {
      const rules = await tenantRules(trx, mine.tenantId, 'fr');
      expect(rules.map((r) => r.table)).toEqual(expect.arrayContaining([
        'event_clients', 'event_contracts', 'event_events', 'billing_invoices', 'billing_credit_notes', 'billing_payments',
        'psa_tickets', 'psa_ticket_comments', 'psa_inbound_mails', 'psa_time_entries', 'process_instances', 'tasks', 'gdpr_consent_entries',
      ]));
      expect(rules.find((r) => r.table === 'billing_invoices')).toMatchObject({ duration: 'P10Y', releases: true, legalReference: expect.stringContaining('L123-22') });
      expect(rules.find((r) => r.table === 'gdpr_consent_entries')!.legalReference).toContain('CNIL');
      for (const rule of rules) {
        await trx.raw(`explain ${expiredRowsSql(rule)}`, { today: '2026-01-01', cutoff: '2023-01-01', table: rule.table, activity: rule.activity, subjectHeld: [] });
      }
    }, t.knex);
  });

  it('an issued invoice keeps its buyer until the tenth 31 December after its year, not a day less; then the run releases it, even after an erasure kept it', async () => {
    const client = await account();
    const old = await invoice(client, '2015-06-10', 'Jean Dupontel');
    const erasedEarlier = await invoice(client, '2015-02-01', 'Jean Dupontel');
    // Issued last year: its ten years end long after today.
    const recent = await invoice(client, `${new Date().getUTCFullYear() - 1}-03-01`, 'Jean Dupontel');
    await t.admin('gdprAnonymisedRows').insert({ tenantId: mine.tenantId, tableName: 'billing_invoices', rowId: erasedEarlier, reason: 'erasure' });
    const [payment] = await t.admin('billingPayments').insert({ tenantId: mine.tenantId, invoiceId: old, amountCents: 1000, paidOn: '2015-07-01', method: 'transfer', reference: 'VIR JEAN DUPONTEL' }).returning('id');

    // The database refuses an earlier release, whatever the application asks.
    await expect(withTenant({ tenantId: mine.tenantId }, (trx) => trx('billingInvoices').where({ id: recent }).update({ buyer: null }), t.knex)).rejects.toThrow(/cannot change/);
    await expect(withTenant({ tenantId: mine.tenantId }, (trx) => trx('billingPayments').where({ id: payment.id }).update({ reference: 'autre' }), t.knex)).rejects.toThrow(/kept ten years/);

    const dayBefore = await run('2025-12-30');
    expect(counted(dayBefore, 'billing_invoices').expired).toBe(0);
    expect((await readInvoice(old)).buyer).toEqual({ name: 'Jean Dupontel' });

    const onTheDay = await run('2025-12-31');
    expect(counted(onTheDay, 'billing_invoices').expired).toBe(2);
    expect(counted(onTheDay, 'billing_payments').expired).toBe(1);
    for (const id of [old, erasedEarlier]) expect(await readInvoice(id)).toMatchObject({ buyer: null, buyerReference: null, notes: null, number: expect.stringMatching(/^F-/) });
    expect((await t.admin('billingPayments').where({ id: payment.id }).first('reference')).reference).toBeNull();
    expect(await t.admin('gdprAnonymisedRows').where({ rowId: erasedEarlier }).first('reason')).toEqual({ reason: 'retention' });
    expect((await readInvoice(recent)).buyer).toEqual({ name: 'Jean Dupontel' });
    expect(counted(await run('2026-01-01'), 'billing_invoices').expired).toBe(0);
  });

  it('an Epic Events client under a legal hold is kept with their contract and event; once the officer lifts it, the next run applies to what it suspended', async () => {
    const { tenantId } = mine;
    const [client] = await t.admin('eventClients').insert({
      tenantId, number: ++number, fullName: 'Margaux Tessier', email: 'margaux.tessier@exemple.fr', phone: '+33 6 11 22 33 44', notes: 'Préfère les appels',
      firstContactOn: '2018-11-02', lastContactAt: '2019-05-01T10:00:00Z', createdAt: '2018-11-02T10:00:00Z', updatedAt: '2019-01-10T10:00:00Z',
    }).returning('id');
    const [contract] = await t.admin('eventContracts').insert({
      tenantId, number: ++number, clientId: client.id, totalAmountCents: 500000, amountDueCents: 0, signed: true, signedAt: '2019-01-10T10:00:00Z', notes: 'Mariage Tessier',
      createdAt: '2019-01-10T10:00:00Z', updatedAt: '2019-01-10T10:00:00Z',
    }).returning('id');
    const [event] = await t.admin('eventEvents').insert({
      tenantId, number: ++number, name: 'Mariage de Margaux Tessier', contractId: contract.id, startsAt: '2019-06-15T14:00:00+02:00', endsAt: '2019-06-15T23:00:00+02:00',
      location: '3 place du Marché, 56100 Lorient', notes: 'Allergie aux noix', createdAt: '2019-01-10T10:00:00Z', updatedAt: '2019-01-10T10:00:00Z',
    }).returning('id');
    const readClient = () => t.admin('eventClients').where({ id: client.id }).first('fullName', 'email', 'phone', 'notes');

    // The event's end (15/06/2019) is the clock of all three: they expire on 15/06/2024.
    const hold = await asDpo((ctx) => placeLegalHold(ctx, { scope: 'subject', subject: { kind: 'event-client', id: String(client.id) }, reason: 'Litige sur la prestation', until: null }));
    const held = await run('2024-06-15');
    for (const table of ['event_clients', 'event_contracts', 'event_events']) expect(counted(held, table)).toMatchObject({ expired: 0, held: 1 });
    expect((await readClient()).fullName).toBe('Margaux Tessier');

    await asDpo((ctx) => liftLegalHold(ctx, hold.id, hold.version));
    const lifted = await run('2024-06-16');
    for (const table of ['event_clients', 'event_contracts', 'event_events']) expect(counted(lifted, table)).toMatchObject({ expired: 1, held: 0 });
    expect(await readClient()).toEqual({ fullName: 'M. T.', email: null, phone: null, notes: null });
    expect(await t.admin('eventContracts').where({ id: contract.id }).first('notes')).toEqual({ notes: null });
    expect(await t.admin('eventEvents').where({ id: event.id }).first('name', 'location', 'notes')).toEqual({ name: '', location: 'Lorient', notes: null });
  });

  it('a consent\'s proof runs from when it stopped deciding: a grant replaced by a withdrawal and the withdrawal expire five years on; a grant in force stays', async () => {
    const { tenantId } = mine;
    const subjectId = crypto.randomUUID();
    const entry = async (channel: string, decision: string, occurredAt: string, sourceDetail: string) => String((await t.admin('gdprConsentEntries').insert({
      tenantId, subjectKind: 'contact', subjectId, purpose: 'comms.marketing', channel, decision, source: 'form', sourceDetail, occurredAt, recordedAt: occurredAt,
    }).returning('id'))[0].id);
    const granted = await entry('mail', 'opt-in', '2018-03-01T10:00:00Z', 'Salon 2018, stand B');
    const withdrawn = await entry('mail', 'opt-out', '2019-04-02T10:00:00Z', 'Appel de Mme Petitjean');
    const inForce = await entry('sms', 'opt-in', '2015-01-05T10:00:00Z', 'Formulaire papier de Mme Petitjean');
    const detail = async (id: string) => (await t.admin('gdprConsentEntries').where({ id }).first('sourceDetail', 'decision'));

    expect(counted(await run('2024-04-01'), 'gdpr_consent_entries').expired).toBe(0);
    expect(counted(await run('2024-04-02'), 'gdpr_consent_entries').expired).toBe(2);
    expect([await detail(granted), await detail(withdrawn)]).toEqual([{ sourceDetail: null, decision: 'opt-in' }, { sourceDetail: null, decision: 'opt-out' }]);
    expect((await detail(inForce)).sourceDetail).toBe('Formulaire papier de Mme Petitjean');
  });

  it('on the time-skipping server, the daily run on its own day leaves a closed ticket, its time and an ended process the day before they expire, and anonymises them on the day', async () => {
    const { tenantId } = mine;
    const today = parisDay(await env.currentTimeMs());
    // Closed or ended five years before tomorrow, at noon in Paris: they expire tomorrow.
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    const tomorrowFiveYearsAgo = new Date(Date.UTC(y - 5, m - 1, d + 1, 11, 0, 0)).toISOString();
    const accountId = await account();
    const [ticket] = await t.admin('psaTickets').insert({
      tenantId, number: ++number, accountId, title: 'Imprimante de Paul Berthelot', description: 'Rappeler Paul Berthelot', requesterEmail: 'paul.berthelot@exemple.fr',
      status: 'closed', closedAt: tomorrowFiveYearsAgo, resolvedAt: tomorrowFiveYearsAgo,
    }).returning('id');
    const [entry] = await t.admin('psaTimeEntries').insert({ tenantId, ticketId: ticket.id, userId: mine.userIds.dpo, startedAt: tomorrowFiveYearsAgo, minutes: 30, kind: 'billable', description: 'Chez Paul Berthelot' }).returning('id');
    const [instance] = await t.admin('processInstances').insert({
      tenantId, workflowId: `${tenantId}/demo.call/${crypto.randomUUID()}`, processKey: 'demo.call', version: 1, businessKey: 'Paul Berthelot', status: 'completed',
      variables: JSON.stringify({ clientName: 'Paul Berthelot' }), startedAt: tomorrowFiveYearsAgo, endedAt: tomorrowFiveYearsAgo,
    }).returning(['id', 'workflowId']);
    await t.admin('tasks').insert({
      tenantId, instanceId: instance.id, workflowId: instance.workflowId, processKey: 'demo.call', businessKey: 'Paul Berthelot', elementId: 'call', taskKey: 'call/0/0',
      name: 'Rappeler', status: 'completed', data: JSON.stringify({ note: 'Paul Berthelot rappelle' }),
    });
    const dailyRun = async () => env.client.workflow.execute(RETENTION_WORKFLOW, { taskQueue, workflowId: `retention-lines-${crypto.randomUUID()}`, args: [{ tenantIds: [tenantId] }] }) as Promise<RetentionRunResult>;
    const state = async () => ({
      ticket: await t.admin('psaTickets').where({ id: ticket.id }).first('title', 'requesterEmail'),
      entry: await t.admin('psaTimeEntries').where({ id: entry.id }).first('description'),
      instance: await t.admin('processInstances').where({ id: instance.id }).first('businessKey', 'variables'),
      task: await t.admin('tasks').where({ instanceId: instance.id }).first('data'),
    });

    const before = await state();
    const first = await dailyRun();
    expect(first).toEqual({ today, tenants: [{ tenantId, anonymised: 0, deleted: 0, held: 0 }] });
    expect(await state()).toEqual(before);

    await skipTime(env, DAY);
    const second = await dailyRun();
    expect(second.today > today).toBe(true);
    expect(second.tenants).toEqual([{ tenantId, anonymised: 4, deleted: 0, held: 0 }]);
    const after = await state();
    expect(after.ticket).toMatchObject({ title: '', requesterEmail: expect.stringMatching(/^pseudo:/) });
    expect(after.entry.description).toBeNull();
    expect(after.instance.businessKey).toMatch(/^pseudo:/);
    expect(JSON.stringify([after.instance.variables, after.task.data])).not.toContain('Berthelot');
  });
});
