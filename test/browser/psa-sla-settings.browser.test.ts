import type { Page } from 'playwright-core';
import { withTenant } from '../../db/tenant-scope';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { ensureSlaDefaults } from '../../domain/psa/sla-service';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, watchCsp, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * « Paramètres SLA » in Chromium against the real API and database, in an organisation of its own
 * (its default calendar « Heures ouvrées » and policy « SLA standard »): the MSP admin finds the
 * page under « Support », opens the policy, is told in French what is wrong with a bad target,
 * changes a target (stored, and the list shows it); in the business calendar, a week it cannot
 * read is refused in French, a holiday is added and another removed (stored). The manager reads
 * the page without being able to change it. axe finds no critical or serious violation.
 */
describe('psa SLA settings in the browser', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;
  let policyId: string;
  let calendarId: string;

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'slaset', ['psa']);
    ({ policyId, calendarId } = await withTenant({ tenantId: tenant.tenantId }, (trx) => ensureSlaDefaults(trx, tenant.tenantId, 2027), stack.t.admin));
  }, 120_000);

  afterAll(() => stack?.close());

  async function expectAccessible(page: Page, where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }

  it('the admin changes a response target (a bad value refused in French first), adds and removes holidays', async () => {
    const page = await signIn(stack, demoEmail('admin', tenant.slug));
    const csp = watchCsp(page.context());
    await page.getByTestId('nav-psa-sla-settings').click();
    await page.waitForURL(/\/psa\/sla-settings/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Paramètres SLA');
    const row = page.locator(`[data-testid="sla-policy-row"][data-sla-policy-id="${policyId}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('SLA standard');
    expect(await row.getByTestId('sla-policy-target-critical').innerText()).toBe('30 min / 4 h');
    await expectAccessible(page, 'SLA settings');

    await row.click();
    const panel = page.getByTestId('sla-policy-panel');
    await panel.getByTestId('sla-policy-form').waitFor();
    const response = panel.getByTestId('sla-target-critical-responseMinutes');
    const resolution = panel.getByTestId('sla-target-critical-resolutionMinutes');
    expect(await response.locator('input').inputValue()).toBe('30');
    await expectAccessible(page, 'SLA policy panel');

    // Not a number of minutes, and a resolution shorter than the response: each said under its field, nothing stored.
    await response.locator('input').fill('une heure');
    await resolution.locator('input').fill('10');
    await panel.getByTestId('sla-policy-save').click();
    await expectEventually(() => response.innerText(), (text) => expect(text).toContain('Saisissez un nombre entier de minutes entre 1 et 525 600.'));
    await response.locator('input').fill('20');
    await panel.getByTestId('sla-policy-save').click();
    await expectEventually(() => resolution.innerText(), (text) => expect(text).toContain('La résolution ne peut pas être plus courte que la prise en charge.'));
    await expectAccessible(page, 'SLA policy panel with its errors');
    expect((await stack.t.admin('psaSlaPolicies').where({ id: policyId }).first('targets')).targets.critical).toEqual({ responseMinutes: 30, resolutionMinutes: 240 });

    await response.locator('input').fill('45');
    await resolution.locator('input').fill('300');
    expect(await response.innerText()).toContain('45 min');
    await panel.getByTestId('sla-policy-save').click();
    await panel.getByTestId('sla-policy-saved').waitFor();
    expect((await stack.t.admin('psaSlaPolicies').where({ id: policyId }).first('targets')).targets.critical).toEqual({ responseMinutes: 45, resolutionMinutes: 300 });
    await expectEventually(() => row.getByTestId('sla-policy-target-critical').innerText(), (text) => expect(text).toBe('45 min / 5 h'));

    // The business calendar: the week as typed, holidays added and removed.
    await page.getByTestId('sla-calendar-open').click();
    const dialog = page.getByTestId('sla-calendar-dialog');
    await dialog.getByTestId('sla-calendar-holidays').waitFor();
    expect(await dialog.getByTestId('sla-calendar-day-1').locator('input').inputValue()).toBe('08:30-12:30, 13:30-18:00');
    await expectAccessible(page, 'business calendar');
    const holidays = async () => (await stack.t.admin('businessCalendarHolidays').where({ calendarId }).orderBy('day')
      .select(stack.t.admin.raw("to_char(day, 'YYYY-MM-DD') as day"), 'label')) as Array<{ day: string; label: string }>;
    const before = await holidays();
    expect(before.some((h) => h.day === '2027-12-25')).toBe(true);

    await dialog.getByTestId('sla-calendar-holiday-day').locator('input').fill('2027-06-14');
    await dialog.getByTestId('sla-calendar-holiday-label').locator('input').fill('Pont de la Pentecôte');
    await dialog.getByTestId('sla-calendar-holiday-add').click();
    await dialog.locator('[data-holiday="2027-06-14"]').waitFor();
    await dialog.getByTestId('sla-calendar-remove-2027-12-25').click();
    expect(await dialog.locator('[data-holiday="2027-12-25"]').count()).toBe(0);
    // Saturday typed in a way it cannot read: refused in French under it, nothing stored.
    const saturday = dialog.getByTestId('sla-calendar-day-6');
    await saturday.locator('input').fill('le matin');
    await dialog.getByTestId('sla-calendar-submit').click();
    await expectEventually(() => saturday.innerText(), (text) => expect(text).toContain('Plages au format 08:30-12:30, séparées par des virgules.'));
    await expectAccessible(page, 'business calendar with its error');
    expect(await holidays()).toEqual(before);

    await saturday.locator('input').fill('9:00-12:00');
    await dialog.getByTestId('sla-calendar-submit').click();
    await page.getByTestId('sla-snackbar').waitFor();
    const after = await holidays();
    expect(after).toContainEqual({ day: '2027-06-14', label: 'Pont de la Pentecôte' });
    expect(after.some((h) => h.day === '2027-12-25')).toBe(false);
    expect(after).toHaveLength(before.length);
    expect((await stack.t.admin('businessCalendars').where({ id: calendarId }).first('weeklyHours')).weeklyHours['6']).toEqual([['09:00', '12:00']]);
    expect(csp).toEqual([]);
  });

  it('the manager reads the policies and the calendar, and cannot change them', async () => {
    const page = await signIn(stack, demoEmail('manager', tenant.slug));
    await page.getByTestId('nav-psa-sla-settings').click();
    await page.locator(`[data-testid="sla-policy-row"][data-sla-policy-id="${policyId}"]`).click();
    const panel = page.getByTestId('sla-policy-panel');
    await panel.getByTestId('sla-policy-form').waitFor();
    expect(await panel.getByTestId('sla-policy-save').count()).toBe(0);
    expect(await panel.getByTestId('sla-target-critical-responseMinutes').locator('input').getAttribute('readonly')).not.toBeNull();
    await expectAccessible(page, 'SLA policy panel, read only');
    await page.getByTestId('sla-calendar-open').click();
    const dialog = page.getByTestId('sla-calendar-dialog');
    await dialog.locator('[data-holiday]').first().waitFor();
    expect(await dialog.getByTestId('sla-calendar-submit').count()).toBe(0);
    expect(await dialog.getByTestId('sla-calendar-holiday-add').count()).toBe(0);
    await expectAccessible(page, 'business calendar, read only');
  });
});
