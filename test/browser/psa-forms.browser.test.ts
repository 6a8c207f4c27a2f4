import type { Page } from 'playwright-core';
import { withTenant } from '../../db/tenant-scope';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, watchCsp, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The MSP's forms in Chromium against the real API and database, in an organisation of its own:
 * a technician enters time by hand (« Saisir du temps ») from a ticket's panel and from « Mes temps »
 * — what cannot be read refused in French on its field, the draft in his timesheet, then submitted;
 * the manager creates a contract from an account (« Nouveau contrat », the client chosen already)
 * and edits it in its panel field by field (autosave with If-Match), a change made meanwhile by
 * someone else offered as a conflict; time's internal cost and margin shown to the manager approving
 * it, never to the technician. axe finds no critical or serious violation on any screen or dialog.
 */
describe('psa forms in the browser: manual time entry and contract editing', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;
  let accountId: string;
  let ticketId: string;
  let policyId: string;
  let contactId: string;
  let submittedId: string;

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'psa-forms', ['psa']);
    await withTenant({ tenantId: tenant.tenantId }, async (trx) => {
      const [account] = await trx('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Cabinet Lemoine', ownerId: tenant.userIds.manager }).returning('id');
      accountId = account.id;
      const [contact] = await trx('contacts').insert({ tenantId: tenant.tenantId, accountId, firstName: 'Patricia', lastName: 'Moreau', email: 'p.moreau@lemoine.test' }).returning('id');
      contactId = contact.id;
      const [policy] = await trx('psaSlaPolicies').insert({
        tenantId: tenant.tenantId, name: 'SLA Premium', isDefault: false,
        targets: JSON.stringify({ low: { responseMinutes: 240, resolutionMinutes: 1440 }, normal: { responseMinutes: 120, resolutionMinutes: 960 }, high: { responseMinutes: 60, resolutionMinutes: 480 }, critical: { responseMinutes: 30, resolutionMinutes: 240 } }),
      }).returning('id');
      policyId = policy.id;
      const [ticket] = await trx('psaTickets').insert({ tenantId: tenant.tenantId, number: 1, accountId, title: 'Serveur de fichiers lent', assigneeId: tenant.userIds.technician }).returning('id');
      ticketId = ticket.id;
      // A colleague's hour waiting for approval: 30 € of internal cost, priced 80 €.
      const [other] = await trx('psaTickets').insert({ tenantId: tenant.tenantId, number: 2, accountId, title: 'Messagerie bloquée' }).returning('id');
      const [entry] = await trx('psaTimeEntries').insert({
        tenantId: tenant.tenantId, ticketId: other.id, userId: tenant.userIds.admin, minutes: 60, kind: 'billable', status: 'submitted', submittedAt: trx.fn.now(),
        hourlyCostCents: 3_000, costCents: 3_000, hourlyRateCents: 8_000, priceCents: 8_000,
      }).returning('id');
      submittedId = entry.id;
    }, stack.t.admin);
  }, 120_000);

  afterAll(() => stack?.close());

  async function expectAccessible(page: Page, where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }

  /** Picks a value of a Vuetify select by its text. */
  async function choose(page: Page, testId: string, text: string): Promise<void> {
    await page.getByTestId(testId).click();
    await page.locator('.v-overlay--active .v-list-item').filter({ hasText: text }).first().click();
  }

  const entries = () => stack.t.admin('psaTimeEntries').where({ ticketId }).orderBy('createdAt').select('minutes', 'kind', 'status', 'description');

  it('a technician enters time by hand on a ticket and in « Mes temps », the form saying in French what to correct; the drafts are submitted from his timesheet', async () => {
    const page = await signIn(stack, demoEmail('technician', tenant.slug));
    const csp = watchCsp(page.context());
    await page.goto(`${stack.base}/psa/tickets/${ticketId}`);
    const panel = page.getByTestId('ticket-panel');
    await panel.getByTestId('ticket-time-entry').click();
    const dialog = page.getByTestId('time-entry-dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('n° 1 — Serveur de fichiers lent');
    await expectAccessible(page, 'time entry on a ticket');

    // Neither a duration nor times: said on the duration; an end before the start: said on the end.
    await page.getByTestId('time-entry-submit').click();
    await dialog.getByText('Indiquez une durée, ou une heure de début et de fin.').waitFor();
    await page.getByTestId('time-entry-start').fill('14:00');
    await page.getByTestId('time-entry-end').fill('13:30');
    await page.getByTestId('time-entry-submit').click();
    await dialog.getByText('La fin doit venir après le début.').waitFor();
    await expectAccessible(page, 'time entry with errors');
    expect(await entries()).toEqual([]);

    await page.getByTestId('time-entry-end').fill('15:30');
    await choose(page, 'time-entry-kind', 'Inclus au contrat');
    await page.getByTestId('time-entry-description').fill('Défragmentation et purge des profils');
    await page.getByTestId('time-entry-submit').click();
    await panel.getByTestId('ticket-time-notice').waitFor();
    expect(await panel.getByTestId('ticket-time-notice').innerText()).toContain('1 h 30 enregistrées en brouillon sur le ticket n° 1.');
    expect(await entries()).toEqual([{ minutes: 90, kind: 'included', status: 'draft', description: 'Défragmentation et purge des profils' }]);

    // « Mes temps »: the draft is there; another entry, the ticket found by its title.
    await page.getByTestId('nav-psa-timesheet').click();
    await page.waitForURL(/\/psa\/time/);
    await page.locator('[data-testid="timesheet-row"][data-status="draft"]').first().waitFor();
    await page.getByTestId('timesheet-enter-time').click();
    await dialog.waitFor();
    await page.getByTestId('time-entry-submit').click();
    await dialog.getByText('Choisissez le ticket.').waitFor();
    await page.getByTestId('time-entry-ticket').locator('input').fill('Serveur');
    await page.locator(`[data-testid="time-entry-ticket-option"][data-id="${ticketId}"]`).click();
    await page.getByTestId('time-entry-duration').fill('une heure');
    await page.getByTestId('time-entry-submit').click();
    await dialog.getByText('Durée invalide : écrivez des minutes (45) ou des heures (1 h 30).').waitFor();
    await page.getByTestId('time-entry-duration').fill('45');
    await expectAccessible(page, 'time entry from the timesheet');
    await page.getByTestId('time-entry-submit').click();
    await page.getByTestId('timesheet-notice').waitFor();
    await expectEventually(() => page.locator('[data-testid="timesheet-row"][data-status="draft"]').count(), (n) => expect(n).toBe(2));
    await expectAccessible(page, 'timesheet with the drafts');

    await page.getByTestId('timesheet-submit-all').click();
    await expectEventually(() => page.locator('[data-testid="timesheet-row"][data-status="submitted"]').count(), (n) => expect(n).toBe(2));
    expect((await entries()).map((e) => [e.minutes, e.status])).toEqual([[90, 'submitted'], [45, 'submitted']]);

    // Time waiting for approval, read by a technician: its price, never its internal cost nor margin.
    await page.goto(`${stack.base}/psa/time/approval`);
    const row = page.locator(`[data-testid="time-row"][data-entry-id="${submittedId}"]`);
    await row.waitFor();
    expect(await row.getByTestId('time-price').innerText()).toMatch(/80,00/);
    expect(await page.getByTestId('time-cost').count()).toBe(0);
    expect(await page.getByTestId('time-margin').count()).toBe(0);
    expect(csp).toEqual([]);
  });

  it('the manager creates a contract from the account and edits it in its panel, each field saved with If-Match, a change made meanwhile offered as a conflict', async () => {
    const page = await signIn(stack, demoEmail('manager', tenant.slug));
    const csp = watchCsp(page.context());
    const manager = await stack.t.admin('users').where({ id: tenant.userIds.manager }).first('displayName');

    // The manager approving time reads its internal cost and margin.
    await page.goto(`${stack.base}/psa/time/approval`);
    const row = page.locator(`[data-testid="time-row"][data-entry-id="${submittedId}"]`);
    await row.waitFor();
    expect([await row.getByTestId('time-cost').innerText(), await row.getByTestId('time-margin').innerText()].join(' | ')).toMatch(/^30,00\s€ \| 50,00\s€$/);
    await expectAccessible(page, 'time approval with costs');

    await page.goto(`${stack.base}/accounts/${accountId}`);
    await page.getByTestId('account-contracts-new').click();
    await page.waitForURL(/\/psa\/contracts/);
    const dialog = page.getByTestId('contract-create-dialog');
    await dialog.waitFor();
    await expectEventually(() => page.getByTestId('contract-create-account').innerText(), (v) => expect(v).toContain('Cabinet Lemoine'));
    await page.getByTestId('contract-create-name').fill('Assistance atelier');
    await expectAccessible(page, 'new contract from the account');
    await page.getByTestId('contract-create-submit').click();

    const panel = page.getByTestId('contract-panel');
    await panel.getByTestId('field-name').waitFor({ timeout: 30_000 });
    const contractId = (await panel.getAttribute('data-contract-id'))!;
    const stored = () => stack.t.admin('psaContracts').where({ id: contractId }).first();
    expect(await stored()).toMatchObject({ accountId, name: 'Assistance atelier', type: 'hour-bank', packMinutes: 600 });
    expect(await panel.getByTestId('field-name').inputValue()).toBe('Assistance atelier');
    await expectAccessible(page, 'contract panel, editable');

    const saved = () => panel.locator('[data-testid="save-status"][data-status="saved"]').waitFor({ timeout: 30_000 });
    await panel.getByTestId('field-hourlyRateCents').fill('95,00');
    await panel.getByTestId('field-hourlyRateCents').press('Tab');
    await saved();
    await choose(page, 'field-packMinutes', '20 h');
    await choose(page, 'field-accountManagerId', manager.displayName);
    await choose(page, 'field-clientContactId', 'Patricia Moreau');
    await choose(page, 'field-slaPolicyId', 'SLA Premium');
    await panel.getByTestId('field-endDate').fill('2027-12-31');
    await panel.getByTestId('field-endDate').press('Tab');
    await expectEventually(stored, (c) => expect(c).toMatchObject({
      hourlyRateCents: 9_500, packMinutes: 1_200, accountManagerId: tenant.userIds.manager, clientContactId: contactId, slaPolicyId: policyId,
    }));
    await expectEventually(async () => (await stored()).endDate, (d) => expect(d).not.toBeNull());
    expect(await panel.getByTestId('field-endDate').inputValue()).toBe('2027-12-31');

    // What cannot be read stays on its field in French, nothing sent.
    const before = (await stored()).version;
    await panel.getByTestId('field-packPriceCents').fill('beaucoup');
    await panel.getByTestId('field-packPriceCents').press('Tab');
    await panel.getByText('Montant invalide (ex. 90,00)').waitFor();
    await expectAccessible(page, 'contract panel with an error');
    await panel.getByTestId('field-packPriceCents').fill('1 500,00');
    await panel.getByTestId('field-packPriceCents').press('Tab');
    await expectEventually(stored, (c) => expect(c).toMatchObject({ packPriceCents: 150_000, version: before + 1 }));

    // Someone else saves first: the next change meets If-Match and the conflict is offered.
    await stack.t.admin('psaContracts').where({ id: contractId }).update({ name: 'Assistance atelier (renommé)', version: before + 2 });
    await panel.getByTestId('field-notes').fill('Renouvellement à prévoir en juin');
    await panel.getByTestId('field-notes').press('Tab');
    const conflict = page.getByTestId('conflict-dialog');
    await conflict.waitFor({ timeout: 30_000 });
    await expectAccessible(page, 'contract conflict');
    await page.getByTestId('conflict-keep-mine').click();
    await expectEventually(stored, (c) => expect(c).toMatchObject({ name: 'Assistance atelier (renommé)', notes: 'Renouvellement à prévoir en juin', version: before + 3 }));
    expect(csp).toEqual([]);
  });

  it('finds a ticket with Ctrl+K by the words of its title and opens it in its panel', async () => {
    const page = await signIn(stack, demoEmail('technician', tenant.slug));
    await page.keyboard.press('Control+k');
    await page.getByTestId('global-search').waitFor();
    await page.getByTestId('global-search-input').fill('fichiers lent');
    const hit = page.getByTestId('search-result').filter({ hasText: 'Serveur de fichiers lent' });
    await hit.waitFor({ timeout: 30_000 });
    expect(await hit.innerText()).toContain('Ticket n° 1');
    await expectAccessible(page, 'search with a ticket');
    await hit.click();
    await page.locator(`[data-testid="ticket-panel"][data-ticket-id="${ticketId}"]`).waitFor({ timeout: 30_000 });
  });
});
