import type { Page } from 'playwright-core';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { dueDateOf } from '../../domain/gdpr/request-rules';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, watchCsp, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * « Demandes des personnes » in Chromium against the real API and database, in an MSP organisation of its
 * own: the data protection officer reads the requests by deadline (a late one in red), records an access
 * request about a contact picked by name, verifies the requester's identity, downloads the export (a zip) and
 * records the answer. Another role has no such page. axe finds no critical or serious violation.
 */
describe('rights requests in the browser', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'rights-ui', ['psa']);
    const [account] = await stack.t.admin('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Atelier Durand' }).returning('id');
    const [contact] = await stack.t.admin('contacts').insert({ tenantId: tenant.tenantId, accountId: account.id, firstName: 'Camille', lastName: 'Durand', email: 'camille@atelier-durand.example' }).returning('id');
    await stack.t.admin('psaTickets').insert({ tenantId: tenant.tenantId, number: 1, accountId: account.id, contactId: contact.id, title: 'Imprimante en panne' });
    // A request received six weeks ago and still open: late.
    const receivedAt = new Date(Date.now() - 42 * 86_400_000);
    await stack.t.admin('gdprRequests').insert({
      tenantId: tenant.tenantId, number: 1, kind: 'rectification', subjectKind: 'contact', subjectId: contact.id, subjectLabel: 'Camille Durand',
      requesterName: 'Camille Durand', receivedAt, dueAt: dueDateOf(receivedAt), status: 'verifying',
    });
    await stack.t.admin('tenantCounters').insert({ tenantId: tenant.tenantId, name: 'gdpr-request', value: 1 });
  }, 120_000);

  afterAll(() => stack?.close());

  async function expectAccessible(page: Page, where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }

  it('the data protection officer records an access request, verifies the identity, downloads the export and answers', async () => {
    const page = await signIn(stack, demoEmail('dpo', tenant.slug));
    const csp = watchCsp(page.context());
    await page.getByTestId('nav-gdpr-requests').click();
    await page.waitForURL(/\/gdpr\/requests/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Demandes d’exercice des droits');
    const late = page.locator('[data-testid="request-row"][data-overdue="true"]');
    await late.waitFor();
    expect(await late.innerText()).toContain('En retard');
    await expectAccessible(page, 'requests list');

    await page.getByTestId('request-create').click();
    const dialog = page.getByTestId('request-create-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('request-field-subject').locator('input').fill('Durand');
    await page.getByRole('option', { name: /Camille Durand/ }).click();
    await expectEventually(() => dialog.getByTestId('request-field-requesterName').locator('input').inputValue(), (v) => expect(v).toBe('Camille Durand'));
    await expectAccessible(page, 'create dialog');
    await page.getByTestId('request-create-submit').click();

    const panel = page.getByTestId('request-panel');
    await panel.waitFor();
    await expectEventually(() => panel.innerText(), (text) => expect(text).toContain('Accès — Camille Durand'));
    const row = await stack.t.admin('gdprRequests').where({ tenantId: tenant.tenantId, kind: 'access' }).first();
    expect(row).toMatchObject({ subjectKind: 'contact', subjectLabel: 'Camille Durand', requesterName: 'Camille Durand', requesterEmail: 'camille@atelier-durand.example' });
    expect(new Date(row.dueAt).toISOString()).toBe(dueDateOf(new Date(row.receivedAt)).toISOString());
    await expectAccessible(page, 'request panel');

    await panel.getByTestId('request-verify-submit').click();
    await panel.getByTestId('request-verified').waitFor();
    expect(await panel.getByTestId('request-verified').innerText()).toContain('Pièce d’identité');
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('request-download').click()]);
    expect(download.suggestedFilename()).toBe(`donnees-personnelles-demande-${row.number}.zip`);

    await panel.getByTestId('request-answer-text').locator('textarea').first().fill('Vous trouverez vos données en pièce jointe.');
    await panel.getByTestId('request-answer-submit').click();
    await panel.getByTestId('request-answered').waitFor();
    expect(await stack.t.admin('gdprRequests').where({ id: row.id }).first('status', 'answer')).toEqual({ status: 'answered', answer: 'Vous trouverez vos données en pièce jointe.' });
    expect(csp).toEqual([]);
    await page.context().close();
  });

  it('another role has no « Demandes des personnes »', async () => {
    const page = await signIn(stack, demoEmail('technician', tenant.slug));
    await page.getByTestId('nav-psa-tickets').waitFor();
    expect(await page.getByTestId('nav-gdpr-requests').count()).toBe(0);
    await page.context().close();
  });
});
