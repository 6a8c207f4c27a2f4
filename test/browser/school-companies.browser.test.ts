import { demoEmail } from '../../db/seeds/demo-tenants';
import { seedCompaniesDemo } from '../../domain/school/companies-demo';
import { sealNir } from '../../domain/school/student-nir';
import { randomNir } from '../../domain/school/student-samples';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, watchCsp, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * « Entreprises » and « SMS aux étudiants » in Chromium (issue 18, ADR 0052), on a school seeded like the demo: the
 * student office finds a company in the registry by NAF code and département and saves it, reads a company's contacts
 * and introductions, and texts a promotion. axe finds no critical or serious violation.
 */
describe('the school companies screens', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'companies-ui', ['school']);
    const { tenantId } = tenant;
    await stack.t.admin('schoolStudents').insert(['Anna', 'Bruno', 'Chloé', 'David', 'Emma', 'Fanny'].map((firstName, i) => ({
      tenantId, number: i + 1, lastName: 'Le Goff', firstName, ...sealNir(tenantId, randomNir()), status: 'enrolled', promotion: 2026, personalPhone: `+3361122330${i}`,
    })));
    await seedCompaniesDemo(stack.t.admin, { tenantId, slug: 'acme-school', userIds: tenant.userIds });
  }, 180_000);
  afterAll(() => stack?.close());

  const accessible = async (page: import('playwright-core').Page, where: string) => {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  };

  it('the student office searches, saves, follows introductions and texts a promotion', async () => {
    const page = await signIn(stack, demoEmail('school-office', tenant.slug));
    const csp = watchCsp(page.context());
    await page.goto(`${stack.base}/school/companies`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Entreprises');
    await expectEventually(() => page.getByTestId('school-company').count(), (n) => expect(n).toBe(7));
    await page.getByTestId('school-company').filter({ hasText: 'BANQUE REGIONALE DU RHONE' }).click();
    await expectEventually(() => page.getByTestId('school-introduction').first().innerText(), (text) => expect(text).toMatch(/Stage|Alternance|Emploi|Formation/));
    expect(await page.getByTestId('school-companies-listed').innerText()).toContain('Claire Lefèvre');
    await accessible(page, 'companies list');
    await page.getByTestId('school-company-introduce').first().click();
    await page.getByTestId('school-introduce').waitFor();
    await accessible(page, 'introduce dialog');
    await page.keyboard.press('Escape');

    await page.getByTestId('school-companies-tab-search').click();
    await page.getByTestId('school-companies-naf').locator('input').fill('62.01Z');
    await page.getByTestId('school-companies-postcode').locator('input').fill('38');
    await page.getByTestId('school-companies-submit').click();
    await expectEventually(() => page.getByTestId('school-companies-result').allInnerTexts(), (texts) => expect(texts).toEqual([expect.stringContaining('LOGICIELS ET SERVICES DES ALPES')]));
    await accessible(page, 'registry search');
    await page.getByTestId('school-companies-save').click();
    await page.getByTestId('school-company-save-email').locator('input').fill('rh@lsa-logiciels.fr');
    await accessible(page, 'save dialog');
    await page.getByTestId('school-company-save-confirm').click();
    await expectEventually(() => page.getByTestId('school-companies-search').innerText(), (text) => expect(text).toContain('était déjà enregistrée'));

    await page.goto(`${stack.base}/school/sms?promotion=2026`);
    await page.getByTestId('school-sms-var-exam.name').locator('input').fill('Finance d’entreprise');
    await page.getByTestId('school-sms-var-exam.date').locator('input').fill('lundi 12 janvier à 9h');
    await page.getByTestId('school-sms-var-exam.room').locator('input').fill('B204');
    await accessible(page, 'sms form');
    await page.getByTestId('school-sms-send').click();
    await expectEventually(() => page.getByTestId('school-sms-started').innerText(), (text) => expect(text).toContain('Envoi lancé à 6 étudiant(s) sur 6'));
    expect(csp).toEqual([]);
  });
});
