import { Router } from 'express';
import { z } from 'zod';
import { channel, language, templateCreate, templatePreview, templateUpdate } from '../../domain/comms/comms.schemas';
import { createTemplate, deleteTemplate, getTemplate, listKinds, listTemplates, previewTemplate, updateTemplate } from '../../domain/comms/templates';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { idempotent } from '../http/idempotency';
import { etagOf, expectedVersion } from '../http/if-match';
import { validate } from '../http/validate';
import { renderDeep } from '../../domain/i18n/messages';
import { requestLocale } from '../http/locale';

const listFilter = z.object({ channel: channel.optional(), language: language.optional() }).strict();

/** /comms/templates and /comms/template-kinds. */
export function templatesRouter(deps: ApiDeps): Router {
  const router = Router();

  router.get('/template-kinds', inTenant(deps, async () => ({ body: { items: listKinds() } })));

  router.get('/templates', inTenant(deps, async (req, ctx) => ({ body: { items: await listTemplates(ctx, validate(listFilter, req.query, 'query')) } })));

  router.post('/templates', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const created = await createTemplate(ctx, validate(templateCreate, req.body));
    return { status: 201, body: created, headers: { ETag: etagOf(created.version), Location: `${req.baseUrl}/templates/${created.id}` } };
  })));

  router.post('/templates/preview', inTenant(deps, async (req, ctx) => ({ body: renderDeep(await previewTemplate(ctx, validate(templatePreview, req.body)), requestLocale(req)) })));

  router.get('/templates/:id', inTenant(deps, async (req, ctx) => {
    const template = await getTemplate(ctx, String(req.params.id));
    return { body: template, headers: { ETag: etagOf(template.version) } };
  }));

  router.patch('/templates/:id', inTenant(deps, async (req, ctx) => {
    const version = expectedVersion(req, true);
    const updated = await updateTemplate(ctx, String(req.params.id), version, validate(templateUpdate, req.body));
    return { body: updated, headers: { ETag: etagOf(updated.version) } };
  }));

  router.delete('/templates/:id', inTenant(deps, async (req, ctx) => {
    await deleteTemplate(ctx, String(req.params.id));
    return { status: 204 };
  }));

  return router;
}
