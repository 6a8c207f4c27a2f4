import { Router } from 'express';
import { readGdprSettings, updateGdprSettings } from '../../domain/gdpr/settings';
import { gdprSettingsInput } from '../../domain/gdpr/settings.schema';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { etagOf, expectedVersion } from '../http/if-match';
import { validate } from '../http/validate';

/**
 * `/api/v1/gdpr/settings` (issue 15, docs/adr/0027-erasure.md): the organisation's erasure undo window,
 * read and set by its data protection officer (If-Match; version 0 while the platform's default applies).
 */
export function gdprSettingsRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/settings', inTenant(deps, async (_req, ctx) => {
    const settings = await readGdprSettings(ctx);
    return { body: settings, headers: { ETag: etagOf(settings.version) } };
  }));
  router.put('/settings', inTenant(deps, async (req, ctx) => {
    const settings = await updateGdprSettings(ctx, validate(gdprSettingsInput, req.body), expectedVersion(req, false));
    return { body: settings, headers: { ETag: etagOf(settings.version) } };
  }));
  return router;
}
