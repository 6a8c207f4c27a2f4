import type { Page } from 'playwright-core';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, watchCsp, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * « Violations de données » in Chromium against the real API and database, in an MSP organisation of its own
 * (ADR 0025): the data protection officer reads a breach discovered 80 hours ago shown late in red, declares
 * one in the dialog (its 72 hours counted down), reads the notification prepared for the CNIL in its panel,
 * decides on another that no notification is needed (with its reason); the direction reads without declaring.
 * axe finds no critical or serious violation on the list, the dialog and the panel.
 */
describe('the register of data breaches in the browser', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;
  const HOUR = 3_600_000;

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'breaches', ['psa']);
    await stack.t.admin('gdprBreaches').insert({
      tenantId: tenant.tenantId, number: 1, title: 'Courriel envoyé au mauvais destinataire', nature: ['confidentiality'],
      discoveredAt: new Date(Date.now() - 80 * HOUR), createdBy: tenant.userIds.dpo,
    });
  }, 120_000);

  afterAll(() => stack?.close());

  async function expectAccessible(page: Page, where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }

  it('the officer reads a late breach in red, declares one, reads its prepared notification, and documents the other without notification', async () => {
    const page = await signIn(stack, demoEmail('dpo', tenant.slug));
    const csp = watchCsp(page.context());
    await page.getByTestId('nav-gdpr-breaches').click();
    await page.waitForURL(/\/gdpr\/breaches$/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Registre des violations de données');
    const late = page.getByTestId('breach-row').filter({ hasText: 'Courriel envoyé au mauvais destinataire' });
    await late.waitFor();
    const lateChip = late.getByTestId('breach-time-left');
    expect(await lateChip.getAttribute('data-late')).toBe('true');
    expect(await lateChip.innerText()).toMatch(/^En retard de 0 j [78] h$/);
    await expectAccessible(page, 'breaches list');

    await page.getByTestId('breach-declare').click();
    const dialog = page.getByTestId('breach-declare-dialog');
    await dialog.waitFor();
    await expectAccessible(page, 'declare dialog');
    // Sent without a title nor a nature: refused in French beside the fields, nothing declared.
    await dialog.getByTestId('breach-declare-submit').click();
    await expectEventually(() => dialog.getByTestId('breach-field-title').innerText(), (text) => expect(text).toMatch(/obligatoire/i));
    expect(await stack.t.admin('gdprBreaches').where({ tenantId: tenant.tenantId }).count('* as n').first()).toEqual({ n: 1 });
    await dialog.getByTestId('breach-field-title').locator('input').fill('Perte d’un ordinateur portable');
    await dialog.getByTestId('breach-field-nature').click();
    await page.getByRole('option', { name: 'Confidentialité' }).click();
    await page.keyboard.press('Escape');
    await dialog.getByTestId('breach-field-description').locator('textarea').first().fill('Oublié dans un train');
    await dialog.getByTestId('breach-declare-submit').click();
    await page.waitForURL(/\/gdpr\/breaches\/[0-9a-f-]{36}$/);
    const panel = page.getByTestId('breach-panel');
    await panel.waitFor();
    await expectEventually(() => panel.getByTestId('panel-title').innerText(), (text) => expect(text).toBe('Perte d’un ordinateur portable'));
    expect(await panel.getByTestId('breach-time-left').innerText()).toMatch(/^2 j 2[23] h restantes$/);
    const prepared = panel.getByTestId('breach-prepared');
    await expectEventually(() => prepared.innerText(), (text) => expect(text).toContain('Perte de confidentialité (accès ou divulgation non autorisés)'));
    expect(await prepared.innerText()).toContain('1. L’organisme');
    await expectAccessible(page, 'breach panel');
    const row = await stack.t.admin('gdprBreaches').where({ tenantId: tenant.tenantId, title: 'Perte d’un ordinateur portable' }).first('status', 'description');
    expect(row).toEqual({ status: 'declared', description: 'Oublié dans un train' });

    // The late one: decided « no notification needed », with its reason.
    await page.getByTestId('panel-close').click();
    await late.getByRole('link').click();
    await expectEventually(() => panel.getByTestId('panel-title').innerText(), (text) => expect(text).toBe('Courriel envoyé au mauvais destinataire'));
    await panel.getByTestId('breach-assessment-risk').click();
    await page.getByRole('option', { name: 'Aucun risque' }).click();
    await panel.getByTestId('breach-assessment-authority').click();
    await page.getByRole('option', { name: 'Ne pas notifier (aucun risque)' }).click();
    await panel.getByTestId('breach-assessment-reason').locator('textarea').first().fill('Destinataire interne, message supprimé');
    await panel.getByTestId('breach-save').click();
    await expectEventually(() => panel.getByTestId('breach-status').innerText(), (text) => expect(text).toBe('Documentée sans notification'));
    expect(await panel.getByTestId('breach-documented').innerText()).toContain('Destinataire interne, message supprimé');
    await expectEventually(() => late.getByTestId('breach-time-left').innerText(), (text) => expect(text).toBe('—'));
    expect(csp).toEqual([]);
    await page.context().close();
  });

  it('the direction reads the breaches but declares none; a technician has no such area', async () => {
    const admin = await signIn(stack, demoEmail('admin', tenant.slug));
    await admin.goto(`${stack.base}/gdpr/breaches`);
    await admin.getByTestId('breach-row').first().waitFor();
    expect(await admin.getByTestId('breach-declare').count()).toBe(0);
    await admin.context().close();
    const technician = await signIn(stack, demoEmail('technician', tenant.slug));
    await technician.getByTestId('nav-psa-tickets').waitFor();
    expect(await technician.getByTestId('nav-gdpr-breaches').count()).toBe(0);
    await technician.context().close();
  });
});
