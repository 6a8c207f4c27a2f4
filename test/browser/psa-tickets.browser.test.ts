import type { Page } from 'playwright-core';
import { withTenant } from '../../db/tenant-scope';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { axeSerious, settle } from '../support/axe';
import { loginAs } from '../support/api';
import { expectEventually, signIn, startBrowserStack, watchCsp, type BrowserStack } from '../support/browser';
import { asUser } from '../support/http';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * Tickets and the client portal in Chromium against the real API and database, in an organisation
 * of its own: the client lands on its portal, opens a request and sees its hour bank; the
 * technician lands on the tickets, finds it under « Non assignés » with its SLA chip, takes it,
 * writes an internal note and a reply, resolves it; the client reads the reply (never the note)
 * and confirms the resolution. axe finds no critical or serious violation on any screen visited;
 * the « Support » menu is the team's, « Mes demandes » the client's.
 */
describe('psa tickets and portal in the browser', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;
  let accountId: string;

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'helpdesk', ['psa', 'billing']);
    await withTenant({ tenantId: tenant.tenantId }, async (trx) => {
      const [account] = await trx('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Garage de la Côte', ownerId: tenant.userIds.manager }).returning('id');
      accountId = account.id;
      await trx('psaContracts').insert({ tenantId: tenant.tenantId, number: 1, accountId: account.id, name: 'Banque 20 h', type: 'hour-bank', packMinutes: 1200, startDate: '2026-01-01' });
      await trx('users').where({ id: tenant.userIds.client }).update({ accountId: account.id });
    }, stack.t.admin);
  }, 120_000);

  afterAll(() => stack?.close());

  async function expectAccessible(page: Page, where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }

  it('client opens a request in the portal, the technician takes and resolves it, the client confirms', async () => {
    const client = await signIn(stack, demoEmail('client', tenant.slug));
    const csp = watchCsp(client.context());
    await client.waitForURL(/\/portal/);
    await client.getByTestId('nav-psa-portal').waitFor();
    expect(await client.getByTestId('nav-psa-tickets').count()).toBe(0);
    await client.getByTestId('portal-ticket-create').click();
    await client.getByTestId('portal-ticket-create-title').fill('Imprimante de l’accueil en erreur');
    await client.getByTestId('portal-ticket-create-description').fill('Elle affiche « erreur 49 » depuis ce matin.');
    await client.getByTestId('portal-ticket-create-submit').click();
    await client.getByTestId('ticket-panel').waitFor();
    await client.getByTestId('portal-ticket-row').first().waitFor();
    await expectAccessible(client, 'portal');

    const tech = await signIn(stack, demoEmail('technician', tenant.slug));
    await tech.waitForURL(/\/psa\/tickets/);
    await tech.getByTestId('nav-psa-support').waitFor();
    expect(await tech.getByTestId('nav-psa-portal').count()).toBe(0);
    await tech.getByTestId('tickets-filter-unassigned').click();
    await tech.waitForURL(/assigneeId=null/);
    const row = tech.getByTestId('ticket-row').filter({ hasText: 'Imprimante de l’accueil' });
    await row.getByTestId('ticket-sla').waitFor();
    await expectAccessible(tech, 'tickets');
    await row.click();
    await tech.getByTestId('ticket-panel').waitFor();
    await tech.getByTestId('ticket-take').click();
    await tech.getByTestId('ticket-take').waitFor({ state: 'detached' });
    await tech.getByTestId('composer-note').click();
    await tech.getByTestId('composer-body').fill('Toner à commander');
    await tech.getByTestId('composer-send').click();
    await tech.locator('[data-testid="timeline-comment"][data-internal="true"]').waitFor();
    await tech.getByTestId('composer-reply').click();
    await tech.getByTestId('composer-body').fill('Nous passons cet après-midi remplacer le toner.');
    await tech.getByTestId('composer-send').click();
    await tech.locator('[data-testid="timeline-comment"][data-internal="false"]').waitFor();
    await tech.getByTestId('ticket-move-resolved').click();
    await tech.locator('[data-testid="ticket-panel"] [data-testid="ticket-status"][data-status="resolved"]').waitFor();
    await expectAccessible(tech, 'ticket panel');

    await client.reload();
    await client.getByTestId('ticket-confirm').waitFor();
    const thread = await client.getByTestId('ticket-timeline').innerText();
    expect(thread).toContain('Nous passons cet après-midi');
    expect(thread).not.toContain('Toner à commander');
    await client.getByTestId('ticket-confirm').click();
    await client.locator('[data-testid="ticket-panel"] [data-testid="ticket-status"][data-status="closed"]').waitFor();
    await expectAccessible(client, 'portal ticket closed');
    expect(csp).toEqual([]);
  });

  it('assigns the selected tickets to a technician and raises their priority at once, the server reporting each ticket', async () => {
    const api = asUser(stack.t.app, (await loginAs(stack.t.app, 'manager', tenant.slug)).accessToken);
    const ids: string[] = [];
    for (const title of ['Baie réseau : switch qui redémarre', 'Baie réseau : onduleur en alarme']) {
      const created = await api.post('/api/v1/psa/tickets', { accountId, title });
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }
    const page = await signIn(stack, demoEmail('manager', tenant.slug));
    await page.goto(`${stack.base}/psa/tickets?q=${encodeURIComponent('Baie réseau')}`);
    const rows = page.getByTestId('ticket-row');
    await expectEventually(() => rows.count(), (n) => expect(n).toBe(2));

    /** Ticks both rows (again if the list redraws), then picks `choice` in the action's menu until the one request leaves. */
    async function bulk(action: string, choice: string): Promise<void> {
      for (let i = 0; i < 2; i++) {
        const box = rows.nth(i).locator('input[type="checkbox"]');
        await expectEventually(async () => { await box.check({ timeout: 10_000 }).catch(() => undefined); return box.isChecked(); }, (checked) => expect(checked).toBe(true));
      }
      await page.getByTestId('bulk-bar').waitFor();
      let sent = false;
      const watch = (r: { url(): string }) => { if (r.url().includes('/api/v1/psa/tickets/bulk')) sent = true; };
      page.on('request', watch);
      const answered = page.waitForResponse((r) => r.url().includes('/api/v1/psa/tickets/bulk'), { timeout: 60_000 });
      await expectEventually(async () => {
        if (!sent) {
          const item = page.getByTestId(`bulk-choice-${choice}`);
          if (!(await item.isVisible())) await page.getByTestId(`bulk-action-${action}`).click();
          await item.click({ timeout: 10_000 }).catch(() => undefined);
        }
        return sent;
      }, (v) => expect(v).toBe(true), 60_000);
      page.off('request', watch);
      expect((await answered).status()).toBe(200);
      await expectEventually(() => page.getByTestId('bulk-result-ok').count(), (n) => expect(n).toBe(2));
      expect(await page.getByTestId('bulk-summary').textContent()).toContain('2 réussi');
    }

    await bulk('assignee', tenant.userIds.technician!);
    await expectAccessible(page, 'tickets bulk report');
    const stored = () => stack.t.admin('psaTickets').whereIn('id', ids).select('assigneeId', 'priority');
    expect((await stored()).map((r) => r.assigneeId)).toEqual([tenant.userIds.technician, tenant.userIds.technician]);
    await bulk('priority', 'critical');
    await expectEventually(async () => (await stored()).map((r) => r.priority), (v) => expect(v).toEqual(['critical', 'critical']));
    await page.context().close();
  });
});
