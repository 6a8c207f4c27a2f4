import path from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { loginAs, userId, type TestContext } from '../support/api';
import { axeSerious } from '../support/axe';
import { signIn as signInAs, startBrowserStack, type BrowserStack } from '../support/browser';

const DAY = 86_400_000;

/** 'YYYY-MM-DD' of an instant in Paris. */
function parisDay(at: number): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * The Epic Events process worked from the task list only, with the forms the server
 * registers (drawn from the JSON Schema it sends with each task): management creates the
 * contract (amounts typed in euros, stored in cents), sales marks it signed and creates the
 * event (date-times typed in Paris time), management picks the support person in a picker
 * of the support department. The panel links each task to the client's record.
 */
describe('Epic Events tasks in the browser', () => {
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

  const signIn = (role: 'sales' | 'management'): Promise<Page> => signInAs(stack, `${role}@epic-events.demo`);

  async function screenshotOnFailure<T>(page: Page, name: string, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      await page.screenshot({ path: path.join(process.env.EVENTS_BROWSER_SHOTS ?? process.env.RELAIS_DATA_DIR!, `events-tasks-${name}.png`), fullPage: true }).catch(() => undefined);
      throw error;
    }
  }

  /** With EVENTS_BROWSER_SHOTS=<dir>, a screenshot of each filled form for a human to look at. */
  async function shot(page: Page, name: string): Promise<void> {
    if (process.env.EVENTS_BROWSER_SHOTS) await page.screenshot({ path: path.join(process.env.EVENTS_BROWSER_SHOTS, `events-tasks-${name}.png`) });
  }

  async function until<T>(what: string, probe: () => Promise<T | undefined | null>, timeoutMs = 30_000): Promise<NonNullable<T>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value as NonNullable<T>;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  const openTask = (clientId: string, elementId: string) => until<{ id: string }>(`the ${elementId} task`, () =>
    t.admin('tasks').where({ businessKey: clientId, elementId, status: 'open' }).first('id'));
  const completed = (taskId: string) => until<{ data: Record<string, unknown>; completedBy: string }>(`task ${taskId} to complete`, () =>
    t.admin('tasks').where({ id: taskId, status: 'completed' }).first('data', 'completedBy'));

  /** Opens the task's side panel from its URL, waits for its form and fills it with `fill`, then "Terminer". */
  async function completeInPanel(page: Page, taskId: string, fill: () => Promise<void>): Promise<void> {
    await page.goto(`${base}/tasks/${taskId}`);
    const panel = page.locator(`[data-testid="task-panel"][data-task-id="${taskId}"]`);
    await panel.getByTestId('task-form').waitFor({ timeout: 30_000 });
    expect(await panel.getByTestId('task-unknown-form').count()).toBe(0);
    await fill();
    await shot(page, taskId);
    await panel.getByTestId('task-complete').click();
    await completed(taskId);
  }

  it('creates the contract, signs it, creates the event and assigns support from the task list, amounts in euros and times in Paris', async () => {
    const startedAt = Date.now();
    const sales = (await loginAs(t.app, 'sales', 'epic-events')).accessToken;
    const created = await request(t.app).post('/api/v1/events/clients').set('Authorization', `Bearer ${sales}`).send({ fullName: `Léa Formulaire ${suffix}` });
    expect(created.status).toBe(201);
    const clientId = created.body.id as string;

    // ── Management: "Créer le contrat", on the tab the list opens on (what it may act on), amounts typed in euros. ──
    const management = await signIn('management');
    const createContract = await openTask(clientId, 'CreateContract');
    await screenshotOnFailure(management, 'contract', async () => {
      await management.goto(`${base}/tasks`);
      const row = management.locator(`[data-testid="task-row"][data-task-id="${createContract.id}"]`);
      await row.waitFor({ timeout: 30_000 });
      expect(await management.getByTestId('tasks-tab-todo').getAttribute('aria-selected')).toBe('true');
      expect(Number(await management.getByTestId('tasks-tab-todo').getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
      // The client's name and the process's title, not ids.
      expect(await row.getByTestId('task-label').textContent()).toBe(`Léa Formulaire ${suffix}`);
      expect(await row.getByTestId('task-process-title').textContent()).toBe("Epic Events : du prospect à l'événement");
      expect(await row.textContent()).not.toContain(clientId);
      expect(await axeSerious(management, '.v-main')).toEqual([]);
      await row.click();
      const panel = management.getByTestId('task-panel');
      await panel.getByTestId('task-form').waitFor({ timeout: 30_000 });
      // The form is the server's: its title and the labels of the zod schema, amounts shown in euros.
      expect(await panel.textContent()).toContain('Créer le contrat');
      const total = panel.getByTestId('task-field-totalAmountCents');
      expect(await total.evaluate((input) => input.closest('.v-input')?.textContent ?? '')).toContain('Montant total');
      expect(await total.evaluate((input) => input.closest('.v-input')?.textContent ?? '')).not.toContain('centimes');
      // Nothing typed: refused before sending, under the field.
      await panel.getByTestId('task-complete').click();
      await panel.locator('.v-input--error').first().waitFor();
      await total.fill('12 500,5');
      await panel.getByTestId('task-field-amountDueCents').fill('2000');
      await panel.getByTestId('task-field-contractNotes').fill('Acompte versé à la signature');
      // The panel leads to the client's record.
      const link = panel.getByTestId('task-client-link');
      expect(await link.getAttribute('href')).toBe(`/events/clients/${clientId}`);
      await shot(management, 'contract');
      await panel.getByTestId('task-complete').click();
      await completed(createContract.id);
    });
    const contractTask = await completed(createContract.id);
    expect(contractTask).toMatchObject({ completedBy: users.management, data: { totalAmountCents: 1_250_050, amountDueCents: 200_000, contractNotes: 'Acompte versé à la signature' } });
    const contract = await until<{ id: string }>('the contract', () => t.admin('eventContracts').where({ clientId }).first('id', 'totalAmountCents', 'amountDueCents', 'notes', 'signed'));
    expect(contract).toMatchObject({ totalAmountCents: 1_250_050, amountDueCents: 200_000, notes: 'Acompte versé à la signature', signed: false });
    const api = await request(t.app).get(`/api/v1/events/contracts/${contract.id}`).set('Authorization', `Bearer ${sales}`);
    expect(api.body).toMatchObject({ clientId, totalAmountCents: 1_250_050, amountDueCents: 200_000 });

    // ── Sales: marks it signed, then creates the event, date-times typed in Paris time. ──
    const salesPage = await signIn('sales');
    const startsLocal = `${parisDay(Date.now() + 30 * DAY)}T14:00`;
    const endsLocal = `${parisDay(Date.now() + 31 * DAY)}T02:00`;
    await screenshotOnFailure(salesPage, 'event', async () => {
      const sign = await openTask(clientId, 'SignContract');
      // Once the contract exists, the task says which one: « <client> — contrat n° <number> ».
      const { number } = await t.admin('eventContracts').where({ id: contract.id }).first('number');
      await salesPage.goto(`${base}/tasks`);
      const signRow = salesPage.locator(`[data-testid="task-row"][data-task-id="${sign.id}"]`);
      await signRow.waitFor({ timeout: 30_000 });
      expect(await signRow.getByTestId('task-label').textContent()).toBe(`Léa Formulaire ${suffix} — contrat n° ${number}`);
      expect(await signRow.getByTestId('task-assignee').textContent()).toBe('Moi');
      await signRow.click();
      await salesPage.getByTestId('task-panel').getByTestId('task-form').waitFor({ timeout: 30_000 });
      expect(await salesPage.getByTestId('task-panel-label').textContent()).toContain(`contrat n° ${number}`);
      expect(await salesPage.getByTestId('task-panel-process').textContent()).toBe("Epic Events : du prospect à l'événement");
      expect(await axeSerious(salesPage, '[data-testid="task-panel"]')).toEqual([]);
      await completeInPanel(salesPage, sign.id, () => salesPage.getByTestId('task-field-signed').check());
      await until('the signature', async () => (await t.admin('eventContracts').where({ id: contract.id }).first('signed')).signed);
      const createEvent = await openTask(clientId, 'CreateEvent');
      await completeInPanel(salesPage, createEvent.id, async () => {
        await salesPage.getByTestId('task-field-name').fill(`Séminaire ${suffix}`);
        expect(await salesPage.getByTestId('task-field-startsAt').getAttribute('type')).toBe('datetime-local');
        await salesPage.getByTestId('task-field-startsAt').fill(startsLocal);
        await salesPage.getByTestId('task-field-endsAt').fill(endsLocal);
        await salesPage.getByTestId('task-field-attendees').fill('40');
      });
    });
    const event = await until<{ id: string }>('the event', () => t.admin('eventEvents').where({ contractId: contract.id }).first('id', 'name', 'attendees', 'supportContactId',
      t.admin.raw(`to_char(starts_at at time zone 'Europe/Paris', 'YYYY-MM-DD"T"HH24:MI') as starts_local`),
      t.admin.raw(`to_char(ends_at at time zone 'Europe/Paris', 'YYYY-MM-DD"T"HH24:MI') as ends_local`)));
    expect(event).toMatchObject({ name: `Séminaire ${suffix}`, attendees: 40, supportContactId: null, startsLocal, endsLocal });

    // ── Management: "Désigner le support", the support person picked by name. ──
    await screenshotOnFailure(management, 'support', async () => {
      const assign = await openTask(clientId, 'AssignSupport');
      await completeInPanel(management, assign.id, async () => {
        await management.getByTestId('task-field-supportContactId').click();
        await management.locator(`[data-testid="task-field-supportContactId-option"][data-user-id="${users.support}"]`).click();
      });
      await until('the support contact', async () => (await t.admin('eventEvents').where({ id: event.id }).first('supportContactId')).supportContactId === users.support);
      // From a task of this client (done or not), the link opens the client's record.
      await management.goto(`${base}/tasks/${createContract.id}`);
      await management.getByTestId('task-client-link').click();
      await management.locator(`[data-testid="client-panel"][data-client-id="${clientId}"]`).waitFor({ timeout: 30_000 });
    });
    console.log(`events tasks in the browser: ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  });
});
