import { Router } from 'express';
import { z } from 'zod';
import { renderText } from '../../domain/i18n/messages';
import { importCompanies, readCompanyFile } from '../../domain/school/companies-import';
import { companyListQuery, companySave, introductionCreate, introductionListQuery, introductionUpdate, studentSmsRequest } from '../../domain/school/companies.schema';
import { askRegistry, finishCompanySave, listSchoolCompanies, prepareCompanySave } from '../../domain/school/companies';
import { createIntroduction, getIntroduction, listIntroductions, markIntroductionSent, updateIntroduction } from '../../domain/school/introductions';
import { prepareStudentSms } from '../../domain/school/student-sms';
import { startCampaign } from '../comms/campaigns.router';
import { sendMessage } from '../comms/send';
import { configuredRegistry } from '../core/company-registry.router';
import { inTenant, inTenantAroundVendor } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { etagOf, expectedVersion } from '../http/if-match';
import { requestLocale } from '../http/locale';
import { singleFileUpload } from '../http/upload';
import { validate } from '../http/validate';

const importQuery = z.object({ dryRun: z.enum(['true', 'false']).optional() }).strict();
const MAX_COMPANY_FILE_BYTES = 10 * 1024 * 1024;

/**
 * `/api/v1/school/…` of the companies area (spec 004 « Gestion des entreprises », ADR 0052): the school's
 * companies with their contacts and students, « Enregistrer » from the registry (the search itself is the core's
 * `/company-registry/search`, with its filters), the legacy table's import, introductions, and SMS to students.
 */
export function companiesRouter(deps: ApiDeps): Router {
  const router = Router();
  const registry = deps.companyRegistry ?? configuredRegistry();

  router.get('/companies', inTenant(deps, async (req, ctx) => ({ body: await listSchoolCompanies(ctx, validate(companyListQuery, req.query, 'query')) })));

  // No transaction is held while the registry answers.
  router.post('/companies', inTenantAroundVendor(
    deps,
    async (req, ctx) => prepareCompanySave(ctx, validate(companySave, req.body)),
    (prepared) => askRegistry(registry, prepared),
    async (_req, ctx, prepared, company) => {
      const { created, account } = await finishCompanySave(ctx, prepared, company);
      return { status: created ? 201 : 200, body: { created, account }, headers: { Location: `/api/v1/accounts/${String(account.id)}` } };
    },
  ));

  router.post('/companies/import', singleFileUpload({ maxBytes: MAX_COMPANY_FILE_BYTES, kind: 'workbook' }), inTenant(deps, async (req, ctx) => {
    const { dryRun } = validate(importQuery, req.query, 'query');
    const rows = await readCompanyFile(req.file);
    const report = await importCompanies(ctx, rows, { dryRun: dryRun === 'true', fileName: req.file?.originalname });
    const locale = requestLocale(req);
    return {
      body: { ...report, rows: report.rows.map((r) => ({ ...r, ...(r.reason ? { reason: renderText(r.reason, locale), reasonCode: r.reason.code } : {}) })) },
      headers: { 'Cache-Control': 'no-store' },
    };
  }));

  router.get('/introductions', inTenant(deps, async (req, ctx) => ({ body: await listIntroductions(ctx, validate(introductionListQuery, req.query, 'query')) })));

  router.get('/introductions/:id', inTenant(deps, async (req, ctx) => {
    const introduction = await getIntroduction(ctx, String(req.params.id));
    return { body: introduction, headers: { ETag: etagOf(introduction.version) } };
  }));

  // The introduction and its message are one transaction: a message comms refuses (STOP) saves nothing.
  router.post('/introductions', inTenant(deps, async (req, ctx) => {
    const { introduction, send } = await createIntroduction(ctx, validate(introductionCreate, req.body));
    const body = send ? await markIntroductionSent(ctx, introduction.id, String((await sendMessage(deps, req, ctx, send) as { id?: unknown }).id)) : introduction;
    return { status: 201, body, headers: { ETag: etagOf(body.version), Location: `${req.baseUrl}/introductions/${body.id}` } };
  }));

  router.patch('/introductions/:id', inTenant(deps, async (req, ctx) => {
    const introduction = await updateIntroduction(ctx, String(req.params.id), expectedVersion(req, false), validate(introductionUpdate, req.body));
    return { body: introduction, headers: { ETag: etagOf(introduction.version) } };
  }));

  router.post('/students/sms', inTenant(deps, async (req, ctx) => {
    const { campaign, selected, withoutPhone } = await prepareStudentSms(ctx, validate(studentSmsRequest, req.body));
    const started = await startCampaign(deps, ctx, campaign);
    return { status: 202, body: { ...started, selected, withoutPhone }, headers: { Location: `/api/v1/comms/campaigns/${started.id}` } };
  }));

  return router;
}
