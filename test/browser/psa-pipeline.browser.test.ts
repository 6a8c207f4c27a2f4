import type { Page } from 'playwright-core';
import { withTenant } from '../../db/tenant-scope';
import { nextNumber } from '../../domain/core/tenant-counter';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, watchCsp, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The MSP pipeline in Chromium against the real API and database, in an organisation of its own: the
 * manager opens « Pipeline » under « Commercial » (the default stages as columns), moves a card with
 * the keyboard's « Déplacer vers… » menu and drags another onto « Perdu » (the reason asked first),
 * opens an opportunity and makes its quote; a reminder due shows above the task list; « Nouveau
 * compte » fills the legal identity from the company lookup. axe finds no critical or serious
 * violation on the screens visited.
 */
describe('psa pipeline in the browser', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;
  let accountId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'pipeline', ['psa', 'billing']);
    await withTenant({ tenantId: tenant.tenantId }, async (trx) => {
      const [account] = await trx('accounts').insert({ tenantId: tenant.tenantId, number: await nextNumber(trx, tenant.tenantId, 'account'), name: 'Pharmacie du Marché', ownerId: tenant.userIds.manager }).returning('id');
      accountId = account.id;
      const { ensurePipelineStages } = await import('../../domain/psa/opportunities');
      const stages = await ensurePipelineStages(trx, tenant.tenantId);
      const lead = stages.find((s) => s.key === 'lead')!;
      for (const [title, rank] of [['Sauvegarde externalisée', 1024], ['Renouvellement des postes', 2048]] as const) {
        const [row] = await trx('psaOpportunities').insert({
          tenantId: tenant.tenantId, number: await nextNumber(trx, tenant.tenantId, 'psa-opportunity'), accountId, title, stageId: lead.id, rank, amountCents: 240_000, probability: 10, ownerId: tenant.userIds.manager,
        }).returning('id');
        ids[title] = row.id;
      }
      await trx('psaInteractions').insert({
        tenantId: tenant.tenantId, accountId, kind: 'call', subject: 'Rappeler la pharmacienne', authorId: tenant.userIds.manager,
        remindAt: new Date(Date.now() - 3_600_000), reminderOwnerId: tenant.userIds.manager,
      });
    }, stack.t.admin);
  }, 120_000);

  afterAll(() => stack?.close());

  async function expectAccessible(page: Page, where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }
  const stageOf = async (id: string) => (await stack.t.admin('psaOpportunities as o').join('psaPipelineStages as s', 's.id', 'o.stageId').where('o.id', id).first('s.key', 'o.lostReason'));

  it('the manager moves opportunities on the board (menu and drag and drop), makes a quote, and sees the reminder due', async () => {
    const page = await signIn(stack, demoEmail('manager', tenant.slug));
    const csp = watchCsp(page.context());
    await page.getByTestId('nav-psa-pipeline').click();
    await page.waitForURL(/\/psa\/pipeline/);
    await page.locator('[data-testid="pipeline-column"][data-stage="lead"] [data-testid="pipeline-card"]').nth(1).waitFor();
    expect(await page.getByTestId('pipeline-column').evaluateAll((cs) => cs.map((c) => c.getAttribute('data-stage')))).toEqual(['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost']);
    await page.getByTestId('reminders').getByText('Rappeler la pharmacienne').waitFor();
    await expectAccessible(page, 'pipeline');

    // The keyboard's way: the card's menu.
    const first = page.locator(`[data-testid="pipeline-card"][data-id="${ids['Sauvegarde externalisée']}"]`);
    await first.getByTestId('pipeline-card-move').click();
    await page.getByTestId('pipeline-move-qualified').click();
    await page.locator(`[data-testid="pipeline-column"][data-stage="qualified"] [data-id="${ids['Sauvegarde externalisée']}"]`).waitFor();
    await expectEventually(() => stageOf(ids['Sauvegarde externalisée']!), (s) => expect(s.key).toBe('qualified'));

    // Drag and drop onto « Perdu »: the reason first.
    const second = page.locator(`[data-testid="pipeline-card"][data-id="${ids['Renouvellement des postes']}"]`);
    // Native HTML drag and drop, its events as the browser sends them (one DataTransfer from dragstart to drop).
    const lostColumn = page.locator('[data-testid="pipeline-column"][data-stage="lost"]');
    const transfer = await page.evaluateHandle(() => new DataTransfer());
    await second.dispatchEvent('dragstart', { dataTransfer: transfer });
    await lostColumn.dispatchEvent('dragover', { dataTransfer: transfer });
    await lostColumn.dispatchEvent('drop', { dataTransfer: transfer });
    await page.getByTestId('pipeline-lost-dialog').waitFor();
    await expectAccessible(page, 'lost dialog');
    await page.getByTestId('pipeline-lost-reason').locator('input').fill('Budget reporté à l\'an prochain');
    await page.getByTestId('pipeline-lost-confirm').click();
    await expectEventually(() => stageOf(ids['Renouvellement des postes']!), (s) => expect(s).toEqual({ key: 'lost', lostReason: 'Budget reporté à l\'an prochain' }));

    // The panel and « Créer un devis ».
    await page.locator(`[data-testid="pipeline-card"][data-id="${ids['Sauvegarde externalisée']}"] button`).first().click();
    const panel = page.getByTestId('opportunity-panel');
    await panel.waitFor();
    await panel.getByTestId('journal').waitFor();
    await expectAccessible(page, 'opportunity panel');
    await panel.getByTestId('opportunity-quote').click();
    await page.waitForURL(/\/billing\/quotes\//);
    const quote = await stack.t.admin('psaOpportunities').where({ id: ids['Sauvegarde externalisée'] }).first('quoteId');
    expect(quote.quoteId).toEqual(expect.any(String));

    // The reminder is also above the task list.
    await page.goto(`${stack.base}/tasks`);
    await page.getByTestId('reminders').getByText('Rappeler la pharmacienne').waitFor();
    expect(csp).toEqual([]);
  });

  it('« Nouveau compte » fills the legal identity, NAF code, head office and VAT number from the company lookup', async () => {
    const page = await signIn(stack, demoEmail('manager', tenant.slug));
    await page.goto(`${stack.base}/accounts`);
    await page.getByTestId('account-create').click();
    await page.getByTestId('account-create-dialog').waitFor();
    await page.getByTestId('account-lookup').locator('input').fill('médical lilas');
    await page.getByTestId('account-lookup-option').first().click();
    await expectEventually(() => page.getByTestId('account-create-siren').inputValue(), (v) => expect(v).toBe('845129378'));
    expect(await page.getByTestId('account-create-vatNumber').inputValue()).toBe('FR12845129378');
    expect(await page.getByTestId('account-create-nafCode').inputValue()).toBe('86.21Z');
    expect(await page.getByTestId('account-create-siret').inputValue()).toBe('84512937800020');
    expect(await page.getByTestId('account-create-city').inputValue()).toBe('LES LILAS');
    await expectAccessible(page, 'new account with the lookup');
    await page.getByTestId('account-create-submit').click();
    const dialog = page.getByTestId('account-create-dialog');
    // Its text (an error it shows) read with a short bound: the dialog may close between the two reads.
    await expectEventually(async () => ((await dialog.isVisible()) ? await dialog.innerText({ timeout: 1_000 }).catch(() => null) : null), (text) => expect(text).toBeNull());
    await expectEventually(() => stack.t.admin('accounts').where({ tenantId: tenant.tenantId, siren: '845129378' }).first('legalName', 'nafCode', 'vatNumber'),
      (a) => expect(a).toEqual({ legalName: 'CENTRE MEDICAL DES LILAS', nafCode: '86.21Z', vatNumber: 'FR12845129378' }));
  });
});
