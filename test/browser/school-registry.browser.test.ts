import { demoEmail } from '../../db/seeds/demo-tenants';
import { seedRegistryDemo } from '../../domain/school/registry-demo';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, watchCsp, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * « Étudiants » in Chromium (issue 18, ADR 0049), on a school seeded like the demo: the student office lists the
 * registry, keeps the alumni, opens one beside the list with its NIR masked and « Afficher » opens it; a teacher's
 * panel has no NIR. axe finds no critical or serious violation.
 */
describe('the school registry screens', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'registry-ui', ['school']);
    await seedRegistryDemo(stack.t.admin, { tenantId: tenant.tenantId, slug: 'acme-school', userIds: tenant.userIds });
  }, 180_000);
  afterAll(() => stack?.close());

  const accessible = async (page: import('playwright-core').Page, where: string) => {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  };

  it('the student office filters the registry and opens a NIR on demand; a teacher sees none', async () => {
    const page = await signIn(stack, demoEmail('school-office', tenant.slug));
    const csp = watchCsp(page.context());
    await page.goto(`${stack.base}/school/students`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Étudiants');
    await expectEventually(() => page.getByTestId('student-row').count(), (n) => expect(n).toBe(50));
    await accessible(page, 'students list');
    await page.getByTestId('students-filter-alumni').click();
    await expectEventually(() => page.locator('[data-testid="student-row"]:not([data-status="alumni"])').count(), (n) => expect(n).toBe(0));
    await page.getByTestId('student-row').first().click();
    const nir = page.getByTestId('student-nir');
    await expectEventually(() => nir.innerText(), (text) => expect(text).toMatch(/^•{11}\d{4}$/));
    await accessible(page, 'student panel');
    await page.getByTestId('student-nir-toggle').click();
    await expectEventually(() => nir.innerText(), (text) => expect(text.replace(/\s/g, '')).toMatch(/^[12]\d{14}$/));
    expect(csp).toEqual([]);

    const teacher = await signIn(stack, demoEmail('teacher', tenant.slug));
    await teacher.goto(`${stack.base}/school/students?status=enrolled`);
    await expectEventually(() => teacher.getByTestId('student-row').count(), (n) => expect(n).toBeGreaterThan(0));
    await teacher.getByTestId('student-row').first().click();
    await expectEventually(() => teacher.getByTestId('student-fields').innerText(), (text) => expect(text).toContain('Cursus'));
    expect(await teacher.getByTestId('student-nir').count()).toBe(0);
    expect(await teacher.getByTestId('student-create').count()).toBe(0);
  });
});
