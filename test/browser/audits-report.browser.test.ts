import request from 'supertest';
import type { Page } from 'playwright-core';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { loginAs } from '../support/api';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, waitShowing, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The report's editor and review (issue 16, ADR 0038) in Chromium against the real API, in an organisation of
 * its own: the assistant's executive summary shows « Brouillon de l'assistant » until the auditor rewrites it;
 * the auditor saves and submits (the report freezes); the mission lead comments a section and requests changes;
 * the auditor finds the comment on its section and the report editable again, and takes the local assistant's
 * proposal of a summary, marked as its draft. axe finds no critical or serious
 * violation on the editor, the review view and the template page.
 */
describe('audits: the report in the browser', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;
  let missionId: string;

  async function expectAccessible(page: Page, where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'report-ui', ['audits']);
    const admin = stack.t.admin;
    const [account] = await admin('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Mairie de Douarnenez' }).returning('id');
    const [mission] = await admin('auditMissions').insert({
      tenantId: tenant.tenantId, number: 1, accountId: account.id, title: 'Audit du réseau de la mairie', status: 'drafting',
      scopes: ['network'], leadId: tenant.userIds['mission-lead'], auditorIds: [tenant.userIds.auditor],
    }).returning('id');
    missionId = mission.id;
    // The assistant's draft of the executive summary, accepted by the auditor as it is.
    const { accessToken } = await loginAs(stack.t.app, 'auditor', tenant.slug);
    const url = `/api/v1/audits/missions/${missionId}/report`;
    const opened = await request(stack.t.app).get(url).set('Authorization', `Bearer ${accessToken}`).expect(200);
    const sections = opened.body.sections.map((s: { key: string; title: string; body: string }) => (s.key === 'executive-summary'
      ? { key: s.key, title: s.title, body: 'Le réseau est **globalement maîtrisé**.', origin: 'assistant' } : { key: s.key, title: s.title, body: s.body }));
    await request(stack.t.app).put(url).set('Authorization', `Bearer ${accessToken}`).set('If-Match', opened.headers.etag).send({ sections }).expect(200);
  }, 120_000);

  afterAll(() => stack?.close());

  it('the auditor rewrites the assistant\'s draft and submits; the lead requests changes on a section; the auditor reads the comment', async () => {
    const auditor = await signIn(stack, demoEmail('auditor', tenant.slug));
    await auditor.goto(`${stack.base}/audits/missions/${missionId}/report`);
    const summary = auditor.getByTestId('report-section-executive-summary');
    await waitShowing(auditor, summary.getByTestId('report-assistant-draft'));
    await expectAccessible(auditor, 'report editor');
    await summary.getByTestId('report-section-body-executive-summary').locator('textarea').first().fill('Le réseau est **globalement maîtrisé** ; un serveur hors support reste à migrer.');
    expect(await summary.getByTestId('report-assistant-draft').count()).toBe(0);
    await auditor.getByTestId('report-save').click();
    await expectEventually(() => auditor.getByTestId('report-snackbar').innerText(), (text) => expect(text).toContain('Rapport enregistré'));
    auditor.once('dialog', (dialog) => void dialog.accept());
    await auditor.getByTestId('report-submit').click();
    await waitShowing(auditor, auditor.getByTestId('report-frozen'));
    expect(await auditor.getByTestId('report-status').innerText()).toBe('En relecture');
    const stored = await stack.t.admin('auditReportSections').where({ tenantId: tenant.tenantId, key: 'executive-summary' }).first('body', 'assistantDraft');
    expect(stored).toEqual({ body: 'Le réseau est **globalement maîtrisé** ; un serveur hors support reste à migrer.', assistantDraft: false });
    await auditor.context().close();

    const lead = await signIn(stack, demoEmail('mission-lead', tenant.slug));
    await lead.goto(`${stack.base}/audits/missions/${missionId}/report`);
    await waitShowing(lead, lead.getByTestId('report-review'));
    await expect(lead.getByTestId('report-section-preview-executive-summary').innerHTML()).resolves.toContain('<strong>globalement maîtrisé</strong>');
    await expectAccessible(lead, 'review');
    await lead.getByTestId('report-review-comment-executive-summary').locator('textarea').first().fill('Donnez une échéance pour la migration.');
    await lead.getByTestId('report-request-changes').click();
    await expectEventually(() => lead.getByTestId('report-status').innerText(), (text) => expect(text).toBe('Modifications demandées'));
    await waitShowing(lead, lead.getByTestId('report-version-1'));
    await lead.goto(`${stack.base}/audits/report-template`);
    await waitShowing(lead, lead.getByTestId('report-template-cover'));
    await expectAccessible(lead, 'report template');
    await lead.context().close();

    const back = await signIn(stack, demoEmail('auditor', tenant.slug));
    await back.goto(`${stack.base}/audits/missions/${missionId}/report`);
    const comment = back.getByTestId('report-section-executive-summary').getByTestId('report-comment');
    await waitShowing(back, comment);
    expect(await comment.innerText()).toContain('Donnez une échéance pour la migration.');
    await waitShowing(back, back.getByTestId('report-submit'));
    // The local assistant (embedded, no model) proposes a new summary: marked as its draft, saved as such.
    const again = back.getByTestId('report-section-executive-summary');
    await again.getByTestId('report-assistant-propose-executive-summary').click();
    await waitShowing(back, again.getByTestId('report-assistant-draft'));
    await back.getByTestId('report-save').click();
    await expectEventually(async () => (await stack.t.admin('auditReportSections').where({ tenantId: tenant.tenantId, key: 'executive-summary' }).first('origin', 'assistantDraft')),
      (row) => expect(row).toEqual({ origin: 'assistant', assistantDraft: true }));
    await back.context().close();
  });
});
