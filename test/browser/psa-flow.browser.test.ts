import type { Page } from 'playwright-core';
import request from 'supertest';
import { installShippedProcesses } from '../../db/seeds/shipped-processes';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { TICKET_PROCESS } from '../../domain/psa/ticket-process';
import { loginAs } from '../support/api';
import { axeSerious, settle } from '../support/axe';
import { BUYER, COMPLETE_PROFILE } from '../support/billing-fixtures';
import { expectEventually, signIn, startBrowserStack, watchCsp, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The MSP's whole flow in Chromium against the real API, database and Temporal (issue 14's browser
 * proof), in an organisation of its own whose client company, hour bank and second client are made
 * through the API: the client user opens a request in its portal; the technician takes it, runs the
 * timer (started from the ticket, shown and stopped in the app bar), submits the minutes from « Mes
 * temps » and resolves the ticket, then resolves and closes a ticket of a client without contract;
 * the manager approves both times in « Validation des temps »; the hour bank drops by exactly the
 * approved minutes (the contract panel's gauge and ledger, and the database); the uncovered ticket's
 * time waits in the pre-billing queue, the administrator « Facturer » it, and the invoice opens; that
 * ticket's process (`psa.ticket-to-invoice`), told by the approval and the invoice, completes. axe
 * finds no critical or serious violation on any screen visited.
 */
describe('psa: from the portal request to the invoice, in the browser', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;
  const token: Record<string, string> = {};
  let contractId: string;
  let uncovered: { id: string; number: number };
  let uncoveredAccountId: string;
  const PACK = 600;

  const api = (who: string, method: 'get' | 'post' | 'put', url: string) =>
    request(stack.t.app)[method](`/api/v1${url}`).set('Authorization', `Bearer ${token[who]}`).set('Accept-Language', 'fr');
  /** The answer's body of a setup call, which must succeed. */
  const created = async (call: request.Test): Promise<Record<string, unknown>> => {
    const res = await call;
    if (res.status >= 300) throw new Error(`setup refused: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'psa-flow', ['psa', 'billing']);
    await installShippedProcesses(stack.t.admin, [tenant.tenantId]);
    for (const role of ['admin', 'manager', 'technician']) token[role] = (await loginAs(stack.t.app, role, tenant.slug)).accessToken;
    await created(api('admin', 'put', '/billing/profile').set('If-Match', '"0"').send(COMPLETE_PROFILE));
    // The client user's company, on a 10 h hour bank bought as a pack.
    const garage = await created(api('manager', 'post', '/accounts').send({ name: 'Garage des Salines', status: 'active' }));
    const contract = await created(api('manager', 'post', '/psa/contracts').send({
      accountId: garage.id, name: 'Banque d\'heures 10 h', type: 'hour-bank', startDate: '2026-01-01', hourlyRateCents: 9_000, packMinutes: PACK, packPriceCents: 80_000,
    }));
    contractId = String(contract.id);
    await created(api('manager', 'post', `/psa/contracts/${contractId}/packs`).send({}));
    await stack.t.admin('users').where({ id: tenant.userIds.client }).update({ accountId: garage.id });
    // A client without contract: its ticket's time is billed outside any contract.
    const cabinet = await created(api('manager', 'post', '/accounts').send({ ...BUYER, name: 'Cabinet Le Goff', status: 'active' }));
    uncoveredAccountId = String(cabinet.id);
    const ticket = await created(api('technician', 'post', '/psa/tickets').send({ accountId: cabinet.id, title: 'Copieur hors réseau', priority: 'normal', assigneeId: tenant.userIds.technician }));
    uncovered = { id: String(ticket.id), number: Number(ticket.number) };
    const entry = await created(api('technician', 'post', '/psa/time-entries').send({ ticketId: ticket.id, minutes: 45, kind: 'billable' }));
    await created(api('technician', 'post', `/psa/time-entries/${entry.id}/submit`).send({}));
  }, 180_000);

  afterAll(() => stack?.close());

  async function expectAccessible(page: Page, where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }
  const statusIs = (page: Page, status: string) => page.locator(`[data-testid="ticket-panel"] [data-testid="ticket-status"][data-status="${status}"]`).waitFor();

  it('client request → technician\'s timer → manager\'s approval → the hour bank drops exactly → pre-billing → « Facturer » → the invoice', async () => {
    // The client opens a request in its portal.
    const client = await signIn(stack, demoEmail('client', tenant.slug));
    const csp = [watchCsp(client.context())];
    await client.waitForURL(/\/portal/);
    await client.getByTestId('portal-ticket-create').click();
    await client.getByTestId('portal-ticket-create-title').fill('Poste de caisse bloqué');
    await client.getByTestId('portal-ticket-create-description').fill('Le terminal ne démarre plus depuis la mise à jour.');
    await client.getByTestId('portal-ticket-create-submit').click();
    await client.getByTestId('ticket-panel').waitFor();
    await expectAccessible(client, 'portal');
    const opened = await stack.t.admin('psaTickets').where({ tenantId: tenant.tenantId, title: 'Poste de caisse bloqué' }).first('id', 'number', 'contractId', 'source');
    // On its company's hour bank, from the portal.
    expect(opened).toMatchObject({ contractId, source: 'portal' });

    // The technician takes it and runs the timer: started on the ticket, it shows in the app bar, where it stops.
    const tech = await signIn(stack, demoEmail('technician', tenant.slug));
    csp.push(watchCsp(tech.context()));
    // (It lands on the task list: the new ticket's triage is a task of the team.)
    await tech.goto(`${stack.base}/psa/tickets`);
    await tech.getByTestId('tickets-filter-unassigned').click();
    await tech.getByTestId('ticket-row').filter({ hasText: 'Poste de caisse bloqué' }).click();
    await tech.getByTestId('ticket-panel').waitFor();
    await tech.getByTestId('ticket-take').click();
    await tech.getByTestId('ticket-take').waitFor({ state: 'detached' });
    await tech.getByTestId('ticket-timer-start').click();
    const chip = tech.getByTestId('psa-timer-chip');
    await chip.waitFor();
    expect(await chip.getAttribute('data-ticket-id')).toBe(opened.id);
    await tech.getByTestId('ticket-timer-stop').waitFor();
    await expectAccessible(tech, 'ticket panel, timer running');
    await tech.getByTestId('psa-timer-stop').click();
    await tech.getByTestId('psa-timer-stopped').waitFor();
    await chip.waitFor({ state: 'detached' });
    await tech.getByTestId('ticket-timer-start').waitFor();
    const timed = await stack.t.admin('psaTimeEntries').where({ ticketId: opened.id }).first('id', 'minutes', 'status', 'kind');
    expect(timed).toMatchObject({ status: 'draft', kind: 'billable' });
    const minutes = Number(timed.minutes);
    expect(minutes).toBeGreaterThanOrEqual(1);
    await tech.getByTestId('ticket-move-resolved').click();
    await statusIs(tech, 'resolved');

    // The ticket of the client without contract: resolved and closed.
    await tech.goto(`${stack.base}/psa/tickets/${uncovered.id}`);
    await tech.getByTestId('ticket-move-resolved').click();
    await statusIs(tech, 'resolved');
    await tech.getByTestId('ticket-move-closed').click();
    await statusIs(tech, 'closed');

    // « Mes temps »: the timer's draft submitted for approval.
    await tech.goto(`${stack.base}/psa/time`);
    const draft = tech.locator('[data-testid="timesheet-row"][data-status="draft"]').filter({ hasText: 'Poste de caisse bloqué' });
    await draft.getByTestId('timesheet-submit').click();
    await tech.locator('[data-testid="timesheet-row"][data-status="submitted"]').filter({ hasText: 'Poste de caisse bloqué' }).waitFor();
    await expectAccessible(tech, 'timesheet');

    // The manager approves the technician's week: both entries.
    const manager = await signIn(stack, demoEmail('manager', tenant.slug));
    csp.push(watchCsp(manager.context()));
    await manager.goto(`${stack.base}/psa/time/approval`);
    const rows = manager.getByTestId('time-row');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    await expectAccessible(manager, 'time approval');
    for (const number of [Number(opened.number), uncovered.number]) await manager.getByRole('checkbox', { name: `Sélectionner le temps du ticket n° ${number}`, exact: true }).check();
    manager.once('dialog', (dialog) => { void dialog.accept(); });
    await manager.getByTestId('time-approve').click();
    await manager.getByTestId('time-report-ok').nth(1).waitFor();
    expect(await manager.getByTestId('time-report-failed').count()).toBe(0);
    await manager.getByTestId('time-approval-empty').waitFor();

    // The hour bank dropped by exactly the approved minutes: the panel's gauge and ledger, the database.
    await manager.goto(`${stack.base}/psa/contracts/${contractId}`);
    const gauge = manager.locator('[data-testid="contract-hours"] [data-testid="hour-bank-gauge"]');
    await expectEventually(() => gauge.getAttribute('data-remaining'), (v) => expect(v).toBe(String(PACK - minutes)));
    await manager.locator(`[data-testid="ledger-row"][data-kind="consumption"][data-minutes="${-minutes}"]`).waitFor();
    await expectAccessible(manager, 'contract panel');
    const bank = await stack.t.admin('psaContracts').where({ id: contractId }).first('remainingMinutes');
    const ledger = await stack.t.admin('psaHourMovements').where({ contractId }).select('kind', 'minutes', 'timeEntryId');
    expect(Number(bank.remainingMinutes)).toBe(PACK - minutes);
    expect(ledger.reduce((sum, m) => sum + Number(m.minutes), 0)).toBe(PACK - minutes);
    expect(ledger.filter((m) => m.kind === 'consumption')).toEqual([{ kind: 'consumption', minutes: -minutes, timeEntryId: timed.id }]);

    // The uncovered ticket waits in the pre-billing queue: the administrator invoices it, and the invoice opens.
    const admin = await signIn(stack, demoEmail('admin', tenant.slug));
    csp.push(watchCsp(admin.context()));
    await admin.goto(`${stack.base}/psa/pre-billing`);
    const item = admin.getByTestId('prebilling-row').filter({ hasText: 'Copieur hors réseau' });
    await item.waitFor();
    expect(await admin.getByTestId('prebilling-row').count()).toBe(1);
    await expectAccessible(admin, 'pre-billing');
    await item.getByRole('checkbox', { name: `Sélectionner le ticket n° ${uncovered.number}` }).check();
    admin.once('dialog', (dialog) => { void dialog.accept(); });
    await admin.getByTestId('prebilling-invoice').click();
    const invoiced = admin.getByTestId('prebilling-report-invoiced');
    await invoiced.waitFor();
    await admin.getByTestId('prebilling-empty').waitFor();
    const invoice = await stack.t.admin('billingInvoices').where({ tenantId: tenant.tenantId, accountId: uncoveredAccountId }).first('id', 'status', 'totalExcludingTaxCents');
    // 45 minutes at the technician's rate or the contract's: an amount, on a draft of billing's.
    expect(invoice).toMatchObject({ status: 'draft' });
    expect(await stack.t.admin('psaPrebillingItems').where({ ticketId: uncovered.id }).first('status', 'invoiceId')).toEqual({ status: 'invoiced', invoiceId: invoice.id });
    await invoiced.getByRole('link').click();
    await admin.waitForURL(new RegExp(`/billing/invoices/${invoice.id}`));
    await admin.getByTestId('invoice-account-link').filter({ hasText: 'Cabinet Le Goff' }).waitFor();
    await expectAccessible(admin, 'invoice');

    // Told by the approval and by the invoice, the uncovered ticket's process completed (no daily check).
    await expectEventually(
      () => stack.t.admin('processInstances').where({ tenantId: tenant.tenantId, processKey: TICKET_PROCESS, businessKey: uncovered.id }).first('status'),
      (row) => expect(row).toEqual({ status: 'completed' }),
    );
    expect(csp.flat()).toEqual([]);
  });
});
