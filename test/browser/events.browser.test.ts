import path from 'node:path';
import type { Page } from 'playwright-core';
import { LEAD_TO_EVENT } from '../../domain/events/lead-to-event';
import { userId, type TestContext } from '../support/api';
import { LAPTOP, signIn as signInAs, startBrowserStack, type BrowserStack } from '../support/browser';
import { axeSerious } from '../support/axe';

const DAY = 86_400_000;

/** 'YYYY-MM-DD' of an instant in Paris. */
function parisDay(at: number): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Text as read, with the narrow and non-breaking spaces of French number formats made plain. */
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ');

/**
 * The whole Epic Events story in Debian's Chromium, against the real API, database and
 * process engine, three people each in their own browser: sales creates a client →
 * management creates its contract (and records the payment) → sales signs it and creates
 * the event → management finds it under "Sans support" and assigns the support person →
 * support finds it under "Mes événements" and closes it with notes. Along the way, each
 * person sees only the actions their department may take, and the client's
 * events.lead-to-event process follows the work done on the records to its end.
 */
describe('Epic Events in the browser', () => {
  let t: TestContext;
  let stack: BrowserStack;
  let base: string;
  const users: Record<string, string> = {};
  const suffix = `${process.pid}-${Date.now() % 100_000}`;

  beforeAll(async () => {
    stack = await startBrowserStack();
    ({ t, base } = stack);
    for (const role of ['sales', 'management', 'support']) users[role] = await userId(t.admin, role, 'epic-events');
  });

  afterAll(async () => {
    await stack?.close();
  });

  /** A person in their own browser (laptop, or tablet for support), signed in. */
  const signIn = (role: 'sales' | 'management' | 'support', viewport = LAPTOP): Promise<Page> =>
    signInAs(stack, `${role}@epic-events.demo`, { viewport, hasTouch: viewport.width < 1280 });

  async function screenshotOnFailure<T>(page: Page, name: string, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      await page.screenshot({ path: path.join(process.env.EVENTS_BROWSER_SHOTS ?? process.env.RELAIS_DATA_DIR!, `events-${name}.png`), fullPage: true }).catch(() => undefined);
      const status = await page.locator('[data-testid="save-status"]').first().textContent({ timeout: 1000 }).catch(() => null);
      if (status) (error as Error).message += ` (save status: ${status})`;
      throw error;
    }
  }

  /** With EVENTS_BROWSER_SHOTS=<dir>, a screenshot of each step for a human to look at. */
  async function shot(page: Page, name: string): Promise<void> {
    if (process.env.EVENTS_BROWSER_SHOTS) await page.screenshot({ path: path.join(process.env.EVENTS_BROWSER_SHOTS, `events-step-${name}.png`) });
  }

  const saved = (page: Page) => page.locator('[data-testid="save-status"][data-status="saved"]').waitFor({ timeout: 30_000 });

  async function until<T>(what: string, probe: () => Promise<T | undefined | null>, timeoutMs = 30_000): Promise<NonNullable<T>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value as NonNullable<T>;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** The process has reached this step of the client's file (its user task is open). */
  const openTask = (clientId: string, elementId: string) => until<{ id: string; assignee: string | null }>(`the ${elementId} task`, () =>
    t.admin('tasks').where({ businessKey: clientId, elementId, status: 'open' }).first('id', 'assignee'));

  it('takes a client from first contact to a closed event, each department in its own browser', async () => {
    const startedAt = Date.now();
    const clientName = `Inès Navigateur ${suffix}`;
    const eventName = `Mariage au château ${suffix}`;
    // Over already, so that support may close it: it started three days ago in Paris and ended the night after.
    const startsLocal = `${parisDay(Date.now() - 3 * DAY)}T14:00`;
    const endsLocal = `${parisDay(Date.now() - 2 * DAY)}T02:00`;

    // ── Sales: creates the client from the Clients page and edits it inline. ──
    const sales = await signIn('sales');
    const clientId = await screenshotOnFailure(sales, 'sales-client', async () => {
      await sales.getByTestId('nav-events-clients').click();
      await sales.getByTestId('clients-table').waitFor();
      await sales.getByTestId('client-create').click();
      await sales.getByTestId('client-create-dialog').waitFor();
      await sales.getByTestId('client-create-submit').click();
      // The name is required: checked before anything is sent, shown next to the field.
      await sales.getByTestId('client-create-dialog').locator('.v-input--error').first().waitFor();
      await sales.getByTestId('client-create-fullName').fill(clientName);
      await sales.getByTestId('client-create-companyName').fill('Château de Candé');
      await sales.getByTestId('client-create-email').fill('ines@example.org');
      await sales.getByTestId('client-create-phone').fill('06 12 34 56 78');
      await sales.getByTestId('client-create-submit').click();
      const panel = sales.getByTestId('client-panel');
      await panel.waitFor({ timeout: 30_000 });
      const id = (await panel.getAttribute('data-client-id'))!;
      await sales.locator(`[data-testid="client-row"][data-client-id="${id}"]`).waitFor();
      // The first contact defaults to today (Paris), and comes back as the same calendar day.
      expect(await sales.getByTestId('field-firstContactOn').inputValue()).toBe(parisDay(Date.now()));
      // Inline editing with autosave (If-Match), as for accounts.
      const company = sales.getByTestId('field-companyName');
      await company.click();
      await company.fill('Château de Candé SAS');
      await company.blur();
      await saved(sales);
      const timeline = sales.getByTestId('history-timeline');
      await timeline.getByText('Château de Candé SAS').first().waitFor();
      // Readable entries: « … a créé le client » with its values, the change by its label; no raw field names or ids.
      await timeline.getByText('a créé le client').waitFor();
      expect(await timeline.textContent()).not.toMatch(/companyName|fullName|champs renseignés|Système|[0-9a-f]{8}-[0-9a-f]{4}-/);
      expect(await axeSerious(sales, '[data-testid="history-timeline"]')).toEqual([]);
      await shot(sales, '1-sales-client');
      return id;
    });
    const client = await t.admin('eventClients').where({ id: clientId }).first();
    expect(client).toMatchObject({ fullName: clientName, companyName: 'Château de Candé SAS', phone: '+33612345678', salesContactId: users.sales });
    // Sales does not create contracts.
    await sales.getByTestId('nav-events-contracts').click();
    await sales.getByTestId('contracts-table').waitFor();
    expect(await sales.getByTestId('contract-create').count()).toBe(0);

    // ── Management: the process offers them the next task; they create the contract and record the payment. ──
    const management = await signIn('management');
    const contractId = await screenshotOnFailure(management, 'management-contract', async () => {
      const task = await openTask(clientId, 'CreateContract');
      await management.goto(`${base}/tasks`);
      await management.getByTestId('tasks-tab-todo').click();
      await management.locator(`[data-testid="task-row"][data-task-id="${task.id}"]`).waitFor({ timeout: 30_000 });

      await management.goto(`${base}/events/clients`);
      await management.getByTestId('clients-table').waitFor();
      expect(await management.getByTestId('client-create').count()).toBe(0);

      await management.goto(`${base}/events/contracts`);
      await management.getByTestId('contracts-table').waitFor();
      await management.getByTestId('contract-create').click();
      const dialog = management.getByTestId('contract-create-dialog');
      await dialog.waitFor();
      await management.getByTestId('contract-create-client').click();
      await management.getByTestId('contract-create-client').locator('input').fill(suffix);
      await management.locator(`[data-testid="contract-create-client-option"][data-client-id="${clientId}"]`).click();
      await management.getByTestId('contract-create-total').fill('12 500,00');
      await management.getByTestId('contract-create-submit').click();
      const panel = management.getByTestId('contract-panel');
      await panel.waitFor({ timeout: 30_000 });
      const id = (await panel.getAttribute('data-contract-id'))!;
      const row = management.locator(`[data-testid="contract-row"][data-contract-id="${id}"]`);
      await row.waitFor();
      expect(await row.getAttribute('data-signed')).toBe('false');
      expect(plain(await row.textContent())).toContain('12 500,00 €');

      await management.getByTestId('payment-create').click();
      await management.getByTestId('payment-dialog').waitFor();
      await management.getByTestId('payment-amount').fill('12500');
      await management.getByTestId('payment-submit').click();
      await panel.getByTestId('payment-row').first().waitFor({ timeout: 30_000 });
      await panel.getByTestId('contract-paid-chip').waitFor();
      await shot(management, '2-management-contract');
      // Management does not create events.
      await management.goto(`${base}/events/events`);
      await management.getByTestId('events-table').waitFor();
      expect(await management.getByTestId('event-create').count()).toBe(0);
      return id;
    });
    expect(await t.admin('eventContracts').where({ id: contractId }).first('clientId', 'totalAmountCents', 'amountDueCents', 'signed'))
      .toMatchObject({ clientId, totalAmountCents: 1_250_000, amountDueCents: 0, signed: false });

    // ── Sales: finds the contract under "Non signés" + "Mes clients", marks it signed, creates the event. ──
    const eventId = await screenshotOnFailure(sales, 'sales-event', async () => {
      await sales.getByTestId('contracts-refresh').click();
      await sales.getByTestId('contracts-filter-unsigned').click();
      await sales.getByTestId('contracts-filter-mine').click();
      const row = sales.locator(`[data-testid="contract-row"][data-contract-id="${contractId}"]`);
      await row.waitFor({ timeout: 30_000 });
      await row.click();
      const panel = sales.getByTestId('contract-panel');
      await panel.waitFor();
      await openTask(clientId, 'SignContract');
      await panel.getByTestId('contract-sign').click();
      await panel.locator('[data-testid="contract-signed-chip"][data-signed="true"]').waitFor({ timeout: 30_000 });
      expect(await panel.getByTestId('contract-sign').count()).toBe(0);

      await sales.getByTestId('nav-events-events').click();
      await sales.getByTestId('events-table').waitFor();
      await sales.getByTestId('event-create').click();
      await sales.getByTestId('event-create-dialog').waitFor();
      await sales.getByTestId('event-create-contract').click();
      await sales.locator(`[data-testid="event-create-contract-option"][data-contract-id="${contractId}"]`).click();
      await sales.getByTestId('event-create-name').fill(eventName);
      await sales.getByTestId('event-create-startsAt').fill(startsLocal);
      await sales.getByTestId('event-create-endsAt').fill(endsLocal);
      await sales.getByTestId('event-create-location').fill('53 Rue du Château, 41120 Candé-sur-Beuvron');
      await sales.getByTestId('event-create-attendees').fill('75');
      await openTask(clientId, 'CreateEvent');
      await sales.getByTestId('event-create-submit').click();
      const eventPanel = sales.getByTestId('event-panel');
      await eventPanel.waitFor({ timeout: 30_000 });
      const id = (await eventPanel.getAttribute('data-event-id'))!;
      await sales.locator(`[data-testid="event-row"][data-event-id="${id}"]`).getByTestId('event-no-support').waitFor();
      // Typed in Paris time, shown back the same way (read only for sales: as French text).
      const [day, time] = startsLocal.split('T') as [string, string];
      expect(await sales.getByTestId('field-startsAt').inputValue()).toBe(`${day.split('-').reverse().join('/')} ${time}`);
      await shot(sales, '3-sales-event');
      return id;
    });
    const stored = await t.admin('eventEvents').where({ id: eventId })
      .first('contractId', 'attendees', 'supportContactId', t.admin.raw(`to_char(starts_at at time zone 'Europe/Paris', 'YYYY-MM-DD"T"HH24:MI') as starts_local`));
    expect(stored).toMatchObject({ contractId, attendees: 75, supportContactId: null, startsLocal });

    // ── Management: "Sans support", opens the event, picks the demo support person. ──
    await screenshotOnFailure(management, 'management-assign', async () => {
      await management.getByTestId('events-filter-without-support').click();
      const row = management.locator(`[data-testid="event-row"][data-event-id="${eventId}"]`);
      await row.waitFor({ timeout: 30_000 });
      // Every row under "Sans support" carries the warning chip.
      expect(await management.locator('[data-testid="event-row"]').evaluateAll((rows) => rows.every((r) => r.querySelector('[data-testid="event-no-support"]')))).toBe(true);
      await row.click();
      await management.getByTestId('event-panel').waitFor();
      await openTask(clientId, 'AssignSupport');
      await management.getByTestId('field-supportContactId').click();
      await management.locator(`[data-testid="support-option"][data-user-id="${users.support}"]`).click();
      await saved(management);
      // Assigned, the event no longer matches « Sans support »: its row leaves the list.
      await management.locator(`[data-testid="event-row"][data-event-id="${eventId}"]`).waitFor({ state: 'detached', timeout: 30_000 });
      await shot(management, '4-management-support');
    });
    expect((await t.admin('eventEvents').where({ id: eventId }).first('supportContactId')).supportContactId).toBe(users.support);

    // ── Support (on a tablet): "Mes événements", opens it, closes it with notes; no creation anywhere. ──
    const support = await signIn('support', { width: 1024, height: 768 });
    await screenshotOnFailure(support, 'support-close', async () => {
      // The process hands the closing to them: it is in "Mes tâches".
      const task = await openTask(clientId, 'CloseEvent');
      expect(task.assignee).toBe(users.support);
      await support.goto(`${base}/tasks`);
      await support.locator(`[data-testid="task-row"][data-task-id="${task.id}"]`).waitFor({ timeout: 30_000 });
      await support.goto(`${base}/events/clients`);
      await support.getByTestId('clients-table').waitFor();
      expect(await support.getByTestId('client-create').count()).toBe(0);
      await support.goto(`${base}/events/contracts`);
      await support.getByTestId('contracts-table').waitFor();
      expect(await support.getByTestId('contract-create').count()).toBe(0);
      await support.goto(`${base}/events/events`);
      await support.getByTestId('events-table').waitFor();
      expect(await support.getByTestId('event-create').count()).toBe(0);
      await support.getByTestId('events-filter-mine').click();
      const row = support.locator(`[data-testid="event-row"][data-event-id="${eventId}"]`);
      await row.waitFor({ timeout: 30_000 });
      await row.click();
      const panel = support.getByTestId('event-panel');
      await panel.waitFor();
      // Their event: editable, but the support contact is management's choice.
      expect(await support.getByTestId('field-location').isEditable()).toBe(true);
      expect(await support.getByTestId('field-supportContactId').locator('input').isEditable()).toBe(false);
      await panel.getByTestId('event-close').click();
      await support.getByTestId('event-close-dialog').waitFor();
      await support.getByTestId('event-close-notes').fill('Tout s’est bien passé ; le DJ est resté jusqu’à 2 h.');
      await support.getByTestId('event-close-submit').click();
      await panel.locator('[data-testid="event-status"][data-status="closed"]').waitFor({ timeout: 30_000 });
      await panel.getByTestId('history-timeline').locator('[data-testid="history-entry"][data-action="close"]').waitFor({ timeout: 30_000 });
      await shot(support, '5-support-closed');
      await support.getByTestId('events-filter-closed').click();
      await support.locator(`[data-testid="event-row"][data-event-id="${eventId}"][data-status="closed"]`).waitFor({ timeout: 30_000 });
    });
    const closed = await t.admin('eventEvents').where({ id: eventId }).first('closedAt', 'notes');
    expect(closed.closedAt).not.toBeNull();
    expect(closed.notes).toBe('Tout s’est bien passé ; le DJ est resté jusqu’à 2 h.');

    // The client's process followed the records to its end: contract paid, so "Contrat soldé".
    const instance = await until('the process to complete', async () => {
      const row = await t.admin('processInstances').where({ businessKey: clientId, processKey: LEAD_TO_EVENT }).first('id', 'status');
      return row?.status === 'completed' ? row : undefined;
    }, 60_000);
    const tasks = await t.admin('tasks').where({ instanceId: instance.id }).select('elementId', 'status');
    expect(tasks.filter((task) => task.status === 'open')).toEqual([]);
    expect(tasks.map((task) => task.elementId)).toEqual(expect.arrayContaining(['CreateContract', 'SignContract', 'CreateEvent', 'AssignSupport', 'CloseEvent']));
    console.log(`events story in the browser: ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  });
});
