import type { Page } from 'playwright-core';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { sealNir } from '../../domain/school/student-nir';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The student portal in Chromium against the real API and database (issue 18, area portal, ADR 0053), in a school of
 * its own branded like ACME School (#B71C1C): the student signs in and lands on their portal in the school's colours
 * with the portal's menu only (no staff navigation), reads their profile with the NIR masked, their grades term by
 * term, asks for a correction and agrees to be listed in the alumni network; the student office accepts it from its list; a teacher
 * imports GetEtu's grades from its CSV export (checked first, then published). axe finds nothing serious.
 */
describe('the student portal in the browser', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;

  beforeAll(async () => {
    stack = await startBrowserStack();
    const admin = stack.t.admin;
    tenant = await createOwnTenant(admin, 'portalb', ['school']);
    await admin('tenants').where({ id: tenant.tenantId }).update({ branding: { primaryColor: '#B71C1C', secondaryColor: '#546E7A', logoText: 'AS' } });
    const [emma] = await admin('schoolStudents').insert({
      tenantId: tenant.tenantId, number: 1041, ...sealNir(tenant.tenantId, '295053523845673'), lastName: 'Leroy', firstName: 'Emma', status: 'enrolled',
      promotion: 2027, cursus: 'Bachelor Commerce', address: '4 rue Poullain-Duparc', postalCode: '35000', city: 'Rennes', userId: tenant.userIds.student,
    }).returning('id');
    await admin('schoolGrades').insert([
      { tenantId: tenant.tenantId, studentId: emma.id, term: '2026-S1', courseCode: 'FIN101', courseLabel: 'Finance d’entreprise', teacherName: 'Prof. Roux', grade: 14.5, coefficient: 3 },
      { tenantId: tenant.tenantId, studentId: emma.id, term: '2026-S1', courseCode: 'MKT102', courseLabel: 'Marketing fondamental', teacherName: 'Prof. Marchand', grade: 12, coefficient: 2 },
      { tenantId: tenant.tenantId, studentId: emma.id, term: '2025-S2', courseCode: 'DRO103', courseLabel: 'Droit des affaires', teacherName: 'Prof. Besnard', grade: 11, coefficient: 2 },
    ]);
  }, 120_000);

  afterAll(() => stack?.close());

  async function expectAccessible(page: Page, where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }

  it('a student lands on their portal in the school’s colours, without the staff’s menu; profile, grades, a correction request', async () => {
    const page = await signIn(stack, demoEmail('student', tenant.slug));
    await page.waitForURL(/\/portal$/);
    const banner = page.getByTestId('portal-banner');
    await banner.waitFor();
    expect(await banner.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(183, 28, 28)');
    expect(await banner.innerText()).toContain('AS');
    expect(await banner.innerText()).toContain('Espace étudiant');

    // The portal's menu only (and the person's own task list, which everyone signed in has): nothing of the administrative side.
    const drawer = page.getByTestId('nav-drawer');
    const links = await drawer.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('data-testid')));
    expect(links.sort()).toEqual(['nav-portal-alumni', 'nav-portal-companies', 'nav-portal-consents', 'nav-portal-grades', 'nav-portal-my-data', 'nav-portal-profile', 'nav-tasks']);
    expect(await page.getByTestId('nav-accounts').count()).toBe(0);

    const profile = page.getByTestId('portal-profile');
    await page.getByTestId('profile-lastName').waitFor();
    expect(await page.getByTestId('profile-nir').innerText()).toContain('•••••••••••5673');
    expect(await profile.innerText()).not.toContain('295053523845673');
    expect(await page.getByTestId('profile-city').innerText()).toContain('Rennes');
    await expectAccessible(page, 'profile');

    await page.getByTestId('ask-correction').click();
    const dialog = page.getByTestId('correction-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('correction-value').locator('input').fill('18 rue de Saint-Malo');
    await dialog.getByTestId('correction-reason').locator('textarea').first().fill('J’ai déménagé');
    await expectAccessible(page, 'correction dialog');
    await dialog.getByTestId('correction-submit').click();
    await page.locator('[data-testid="my-correction"][data-status="pending"]').waitFor();

    await page.getByTestId('nav-portal-grades').click();
    await page.waitForURL(/\/portal\/grades$/);
    await page.getByTestId('grades-term').first().waitFor();
    expect(await page.getByTestId('grades-term').evaluateAll((ts) => ts.map((t) => t.getAttribute('data-term')))).toEqual(['2026-S1', '2025-S2']);
    expect(await page.locator('[data-term="2026-S1"]').getByTestId('term-average').innerText()).toContain('13,5/20');
    expect(await page.locator('[data-term="2026-S1"]').getByTestId('grade-row').count()).toBe(2);
    await expectAccessible(page, 'grades');

    // « Mes consentements »: the core ledger's states, the school's purposes first; being listed in the alumni network.
    await page.getByTestId('nav-portal-consents').click();
    const directory = page.locator('[data-testid="consent-purpose"][data-purpose="school.alumni-directory"] [data-testid="consent-state"][data-channel="portal"]');
    await directory.waitFor();
    expect(await directory.innerText()).toContain('Portail');
    await expectAccessible(page, 'consents');
    await directory.getByTestId('consent-grant').click();
    await expectEventually(() => directory.getAttribute('data-status'), (status) => expect(status).toBe('granted'));
    await page.context().close();
  });

  it('the student office accepts the request; the student’s record changes', async () => {
    const page = await signIn(stack, demoEmail('school-office', tenant.slug));
    // Above its tasks, the requests waiting for an answer lead to the list.
    await page.getByTestId('nav-tasks').click();
    const waiting = page.getByTestId('pending-corrections');
    await waiting.waitFor();
    expect(await waiting.innerText()).toContain('1 demande de correction attend votre réponse (la plus ancienne : Emma Leroy)');
    await waiting.getByTestId('pending-corrections-open').click();
    await page.waitForURL(/\/school\/correction-requests$/);
    const row = page.locator('[data-testid="office-request"][data-status="pending"]');
    await row.waitFor();
    expect(await row.innerText()).toContain('Emma Leroy');
    await expectAccessible(page, 'correction requests');
    await row.getByTestId('request-accept').click();
    await expectEventually(() => row.count(), (n) => expect(n).toBe(0));
    const address = await stack.t.admin('schoolStudents').where({ tenantId: tenant.tenantId, number: 1041 }).first('address');
    expect(address.address).toBe('18 rue de Saint-Malo');
    await page.context().close();
  });

  it('a teacher imports GetEtu’s grades: « Vérifier » reports every row and writes nothing, « Importer » publishes the valid ones', async () => {
    const page = await signIn(stack, demoEmail('teacher', tenant.slug));
    await page.getByTestId('nav-school-grades-import').click();
    await page.waitForURL(/\/school\/grades-import$/);
    // GetEtu's PHP export in Windows-1252 (accents as single bytes), one good row and one bad grade.
    const csv = 'NIR;Numéro étudiant;Semestre;Code cours;Intitulé cours;Note;Coefficient;Enseignant\n'
      + ';1041;2026-S1;ECO104;Économie générale;15,5;2;Prof. Hamon\n;1041;2026-S1;STA105;Statistiques;vingt;1;Prof. Hamon\n';
    await page.getByTestId('grades-file').locator('input[type="file"]').setInputFiles({ name: 'notes-getetu.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'latin1') });
    await page.getByTestId('grades-check').click();
    const result = page.getByTestId('grades-result');
    await result.waitFor();
    const rows = page.getByTestId('grades-row');
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome')))).toEqual(['created', 'rejected']);
    expect(await rows.nth(1).innerText()).toContain('« vingt » n’est pas une note sur 20');
    const published = () => stack.t.admin('schoolGrades').where({ tenantId: tenant.tenantId, courseCode: 'ECO104' }).first('courseLabel', 'grade', 'teacherName');
    expect(await published()).toBeUndefined();
    await expectAccessible(page, 'grades import, checked');
    await page.getByTestId('grades-apply').click();
    await expectEventually(() => result.innerText(), (text) => expect(text).toContain('1 note publiée'));
    expect(await published()).toEqual({ courseLabel: 'Économie générale', grade: '15.50', teacherName: 'Prof. Hamon' });
    await page.context().close();
  });
});
