import { Router } from 'express';
import { consentsToRenew } from '../../domain/gdpr/consent-renewal';
import { consentRenewalQuery } from '../../domain/gdpr/consent-renewal.schema';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { validate } from '../http/validate';

/** `GET /api/v1/gdpr/consent-renewals?purpose=` (docs/adr/0024): who consented to an older text of a purpose (the data protection officer). */
export function consentRenewalsRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/consent-renewals', inTenant(deps, async (req, ctx) => ({ body: await consentsToRenew(ctx, validate(consentRenewalQuery, req.query, 'query').purpose) })));
  return router;
}
