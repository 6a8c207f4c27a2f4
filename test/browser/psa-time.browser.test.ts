import type { Page } from 'playwright-core';
import { withTenant } from '../../db/tenant-scope';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * Time in Chromium against the real API and database, in an organisation of its own: the
 * technician's running timer in the app bar (started on the server, as from another device),
 * stopped there into a draft of « Mes temps »; the manager approves the submitted time on
 * « Validation des temps »; the admin invoices the closed ticket's pre-billing item. axe finds no
 * critical or serious violation on any screen visited.
 */
describe('psa time in the browser', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;
  let ticketId: string;
  let submittedId: string;
  let closedTicketId: string;

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'psatime', ['psa']);
    await withTenant({ tenantId: tenant.tenantId }, async (trx) => {
      const [account] = await trx('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Cabinet Lemoine', ownerId: tenant.userIds.manager }).returning('id');
      const [ticket] = await trx('psaTickets').insert({ tenantId: tenant.tenantId, number: 1, accountId: account.id, title: 'Serveur de fichiers lent' }).returning('id');
      ticketId = ticket.id;
      const [closed] = await trx('psaTickets').insert({ tenantId: tenant.tenantId, number: 2, accountId: account.id, title: 'Imprimante hors ligne' }).returning('id');
      closedTicketId = closed.id;
      const [entry] = await trx('psaTimeEntries').insert({
        tenantId: tenant.tenantId, ticketId, userId: tenant.userIds.technician, minutes: 45, kind: 'billable', status: 'submitted', submittedAt: trx.fn.now(),
        hourlyRateCents: 9_000, priceCents: 6_750, description: 'Défragmentation et contrôle des disques',
      }).returning('id');
      submittedId = entry.id;
      await trx('psaTimeEntries').insert({
        tenantId: tenant.tenantId, ticketId: closed.id, userId: tenant.userIds.technician, minutes: 60, kind: 'billable', status: 'approved', billedMinutes: 60, hourlyRateCents: 9_000, priceCents: 9_000,
      });
      await trx('psaTickets').where({ id: closed.id }).update({ status: 'closed' });
      // Started on the technician's other device, 12 minutes ago.
      await trx('psaTimers').insert({ tenantId: tenant.tenantId, userId: tenant.userIds.technician, ticketId, startedAt: trx.raw("now() - interval '12 minutes'") });
    }, stack.t.admin);
  }, 120_000);

  afterAll(() => stack?.close());

  async function expectAccessible(page: Page, where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }

  it('the technician sees the timer started elsewhere and stops it into a draft of his timesheet', async () => {
    const page = await signIn(stack, demoEmail('technician', tenant.slug));
    const chip = page.getByTestId('psa-timer-chip');
    await chip.waitFor();
    expect(await chip.getAttribute('data-ticket-id')).toBe(ticketId);
    expect(await chip.innerText()).toMatch(/Ticket n° 1\s+0:1\d:\d\d/);
    await page.getByTestId('nav-psa-timesheet').click();
    await page.getByTestId('timesheet').waitFor();
    await expectAccessible(page, 'timesheet');
    await page.getByTestId('psa-timer-stop').click();
    await page.getByTestId('psa-timer-stopped').getByText(/min enregistrées en brouillon sur le ticket n° 1/).waitFor();
    // 12 minutes and some seconds ran: a started minute counts.
    await expectEventually(async () => stack.t.admin('psaTimeEntries').where({ ticketId, status: 'draft' }).select('minutes'), (rows) => expect(rows).toEqual([{ minutes: expect.any(Number) }]));
    expect((await stack.t.admin('psaTimeEntries').where({ ticketId, status: 'draft' }).first('minutes')).minutes).toBeGreaterThanOrEqual(13);
    expect(await chip.count()).toBe(0);
    // Started again from the ticket's panel: the app bar shows it.
    await page.goto(`${stack.base}/psa/tickets/${ticketId}`);
    await page.getByTestId('ticket-timer-start').click();
    await page.getByTestId('ticket-timer-stop').waitFor();
    await chip.waitFor();
    expect(await stack.t.admin('psaTimers').where({ userId: tenant.userIds.technician }).first('ticketId')).toEqual({ ticketId });
    await expectAccessible(page, 'ticket panel with its timer');
  });

  it('the manager approves the submitted time on the approval screen', async () => {
    const page = await signIn(stack, demoEmail('manager', tenant.slug));
    page.on('dialog', (dialog) => { void dialog.accept(); });
    await page.getByTestId('nav-psa-time-approval').click();
    const group = page.getByTestId('time-group').first();
    await group.waitFor();
    expect(await group.innerText()).toContain('Défragmentation et contrôle des disques');
    await expectAccessible(page, 'time approval');
    await group.getByRole('checkbox').first().check();
    await page.getByTestId('time-approve').click();
    await page.getByTestId('time-report-ok').waitFor();
    expect((await stack.t.admin('psaTimeEntries').where({ id: submittedId }).first('status')).status).toBe('approved');
    await page.getByTestId('time-approval-empty').waitFor();
    await expectAccessible(page, 'time approval report');
  });

  it('the admin invoices the closed ticket from the pre-billing queue', async () => {
    const page = await signIn(stack, demoEmail('admin', tenant.slug));
    page.on('dialog', (dialog) => { void dialog.accept(); });
    await page.getByTestId('nav-psa-prebilling').click();
    const row = page.getByTestId('prebilling-row');
    await row.waitFor();
    expect(await row.innerText()).toContain('Imprimante hors ligne');
    await expectAccessible(page, 'pre-billing');
    await row.getByRole('checkbox').check();
    await page.getByTestId('prebilling-invoice').click();
    await page.getByTestId('prebilling-report-invoiced').waitFor();
    const item = await stack.t.admin('psaPrebillingItems').where({ ticketId: closedTicketId }).first('status', 'invoiceId', 'amountCents');
    expect(item).toMatchObject({ status: 'invoiced', invoiceId: expect.any(String), amountCents: 9_000 });
    await expectAccessible(page, 'pre-billing report');
  });
});
