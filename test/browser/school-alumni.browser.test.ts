import crypto from 'node:crypto';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { seedAlumni } from '../../domain/school/alumni-demo';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, watchCsp, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * « Alumni » and « Connexion Alumnet » in Chromium (issue 18, ADR 0051), on a school seeded like the demo: the
 * student office finds alumni by company with their current job, opens one's careers and records a job; the IT office sees the
 * sandbox connection, the night Alumnet was unavailable in the history, and tests the connection. axe finds no
 * critical or serious violation.
 */
const NAMES = ['Martin Léa', 'Bernard Hugo', 'Dubois Chloé', 'Thomas Louis', 'Robert Inès', 'Richard Jules', 'Petit Manon', 'Durand Paul', 'Leroy Emma', 'Moreau Nathan',
  'Simon Camille', 'Laurent Lucas', 'Lefèvre Zoé', 'Michel Arthur', 'Garcia Jade', 'David Gabriel', 'Bertrand Louise', 'Roux Adam'];

describe('the school alumni screens', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'alumni-ui', ['school']);
    const { tenantId } = tenant;
    await stack.t.admin('schoolStudents').insert(NAMES.map((name, i) => {
      const [lastName, firstName] = name.split(' ');
      return { tenantId, number: i + 1, lastName, firstName, status: 'alumni', promotion: 2016 + (i % 6), cursus: i % 2 ? 'Programme Grande École' : 'MSc Finance',
        nirSealed: 'sealed', nirHash: crypto.randomUUID(), nirLastDigits: String(1000 + i) };
    }));
    await seedAlumni(stack.t.admin, tenantId);
  }, 180_000);
  afterAll(() => stack?.close());

  const accessible = async (page: import('playwright-core').Page, where: string) => {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  };

  it('the student office searches alumni; the IT office follows the Alumnet sync', async () => {
    const page = await signIn(stack, demoEmail('school-office', tenant.slug));
    const csp = watchCsp(page.context());
    await page.goto(`${stack.base}/school/alumni`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Alumni');
    await expectEventually(() => page.getByTestId('alumni-row').count(), (n) => expect(n).toBe(NAMES.length));
    await accessible(page, 'alumni list');
    await page.getByTestId('alumni-filter-company').locator('input').fill('BNP');
    await expectEventually(() => page.getByTestId('alumni-row').allInnerTexts(), (texts) => {
      expect(texts.length).toBeGreaterThan(0);
      for (const text of texts) expect(text).toContain('BNP Paribas');
    });
    await page.getByTestId('alumni-row').first().getByRole('link').first().click();
    await expectEventually(() => page.getByTestId('student-careers').innerText(), (text) => expect(text).toContain('Actuel'));
    await page.getByTestId('career-add').click();
    await page.getByTestId('career-employer').locator('input').fill('Decathlon');
    await page.getByTestId('career-job-title').locator('input').fill('Cheffe de rayon');
    await accessible(page, 'alumnus careers');
    await page.getByTestId('career-save').click();
    await expectEventually(() => page.getByTestId('student-careers').innerText(), (text) => expect(text).toMatch(/Cheffe de rayon — Decathlon\s+Actuel/));
    expect(await page.getByTestId('student-careers').innerText()).toContain('Saisi par l’école');
    expect(csp).toEqual([]);

    const itOffice = await signIn(stack, demoEmail('it-office', tenant.slug));
    await itOffice.goto(`${stack.base}/school/alumnet`);
    await expectEventually(() => itOffice.getByTestId('alumnet-page').innerText(), (text) => expect(text).toContain('Historique des synchronisations'));
    expect(await itOffice.locator('[data-testid="alumnet-run"][data-status="failed"]').first().innerText()).toContain('Alumnet est indisponible');
    await accessible(itOffice, 'connection');
    await itOffice.getByTestId('alumnet-test').click();
    await expectEventually(() => itOffice.getByTestId('alumnet-test-result').innerText(), (text) => expect(text).toContain('Connexion réussie'));
  });
});
