import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { withTenant } from '../../db/tenant-scope';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { axeSerious, settle } from '../support/axe';
import { signIn, startBrowserStack, watchCsp, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The agenda in Chromium against the real API and database, in an MSP of its own: the technician
 * opens « Planning › Agenda » (FullCalendar, French), sees his intervention of the day, drags an
 * open ticket of his team from « À planifier » onto the hour of that intervention and reads the
 * refusal naming it, drops it on a free hour (the intervention appears, the ticket leaves the list),
 * and reads his team's capacity. axe finds no critical or serious violation on any screen visited.
 */
describe('planning agenda in the browser', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;
  const today = DateTime.now().setZone('Europe/Paris').startOf('day');
  const at = (hour: number) => today.set({ hour }).toJSDate();

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'agenda', ['psa']);
    const technician = tenant.userIds.technician!;
    await stack.t.admin('users').where({ id: technician }).update({ displayName: 'Hugo Technicien' });
    await withTenant({ tenantId: tenant.tenantId }, async (trx) => {
      const [team] = await trx('planningTeams').insert({ tenantId: tenant.tenantId, name: 'Support N2' }).returning('id');
      await trx('planningTeamMembers').insert({ tenantId: tenant.tenantId, teamId: team.id, userId: technician });
      const [account] = await trx('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Garage Renault Pornic' }).returning('id');
      await trx('planningEntries').insert({
        tenantId: tenant.tenantId, userId: technician, kind: 'intervention', mode: 'on-site', title: 'Changement du switch', accountId: account.id, startsAt: at(14), endsAt: at(16),
      });
      await trx('psaTickets').insert({ tenantId: tenant.tenantId, number: 42, accountId: account.id, title: 'Imprimante en panne', priority: 'high', teamId: team.id });
    }, stack.t.admin);
  }, 120_000);

  afterAll(() => stack?.close());

  async function expectAccessible(page: Page, where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }

  /** Drags the side list's ticket onto today's column at `hour` (FullCalendar follows pointer moves). */
  async function dragTicketTo(page: Page, hour: number): Promise<void> {
    const item = page.getByTestId('to-plan-item').first();
    const source = (await item.boundingBox())!;
    const column = (await page.locator(`.fc-timegrid-col[data-date="${today.toISODate()}"]`).boundingBox())!;
    const slot = (await page.locator(`.fc-timegrid-slot-lane[data-time="${String(hour).padStart(2, '0')}:00:00"]`).boundingBox())!;
    await page.mouse.move(source.x + 20, source.y + 10);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(source.x + 20 + ((column.x + column.width / 2 - source.x - 20) * i) / 10, source.y + 10 + ((slot.y + 4 - source.y - 10) * i) / 10);
    await page.mouse.up();
  }

  it('the technician plans a ticket by dragging it onto his agenda; a conflict is refused in French', async () => {
    const page = await signIn(stack, demoEmail('technician', tenant.slug));
    const csp = watchCsp(page.context());
    await page.getByTestId('nav-planning-agenda').click();
    await page.waitForURL(/\/planning\/agenda/);
    await page.locator('.fc-event', { hasText: 'Changement du switch' }).waitFor();
    expect(await page.locator('.fc-toolbar-chunk button').allInnerTexts()).toEqual(expect.arrayContaining(['Aujourd\'hui', 'Jour', 'Semaine', 'Mois']));
    await page.getByTestId('to-plan-item').filter({ hasText: '#42 Imprimante en panne' }).waitFor();
    await expectAccessible(page, 'agenda');

    await dragTicketTo(page, 15);
    const refusal = page.getByTestId('agenda-message');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('Hugo Technicien est déjà en intervention chez Garage Renault Pornic de 14 h à 16 h');

    await dragTicketTo(page, 10);
    await page.locator('.fc-event', { hasText: '#42 Imprimante en panne' }).waitFor();
    await page.getByText('Rien à planifier.').waitFor();
    await expectAccessible(page, 'agenda after planning');
    const planned = await stack.t.admin('planningEntries').where({ tenantId: tenant.tenantId, recordType: 'psa-ticket' }).first('startsAt', 'mode', 'title');
    expect({ ...planned, startsAt: planned.startsAt.toISOString() }).toEqual({ startsAt: at(10).toISOString(), mode: 'remote', title: '#42 Imprimante en panne' });

    await page.getByTestId('nav-planning-capacity').click();
    await page.getByTestId('capacity-table').waitFor();
    expect(await page.getByTestId('capacity-table').innerText()).toContain('Hugo Technicien');
    await expectAccessible(page, 'capacity');
    expect(csp).toEqual([]);
  });
});
