import { Router } from 'express';
import { settingsUpdate } from '../../domain/comms/comms.schemas';
import { getSettings, updateSettings } from '../../domain/comms/settings';
import { defaultSecretBox } from '../../domain/core/secret-box';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { etagOf, expectedVersion } from '../http/if-match';
import { validate } from '../http/validate';

/** /comms/settings: providers and credentials (administrators only; secrets are write-only). */
export function settingsRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/settings', inTenant(deps, async (_req, ctx) => {
    const settings = await getSettings(ctx);
    return { body: settings, headers: { ETag: etagOf(settings.version) } };
  }));
  router.put('/settings', inTenant(deps, async (req, ctx) => {
    const saved = await updateSettings(ctx, defaultSecretBox(), validate(settingsUpdate, req.body), expectedVersion(req, false));
    return { body: saved, headers: { ETag: etagOf(saved.version) } };
  }));
  return router;
}
