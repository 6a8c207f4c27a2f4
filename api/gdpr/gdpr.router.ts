import { Router } from 'express';
import { z } from 'zod';
import { readRegister, readRegisterEntry, registerEntryInput, updateRegisterEntry } from '../../domain/gdpr/register';
import { renderRegisterPdf } from '../../domain/gdpr/register-pdf';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { etagOf, expectedVersion } from '../http/if-match';
import { requestLocale } from '../http/locale';
import { validate } from '../http/validate';

export const activityPath = z.object({ key: z.string().regex(/^[a-z]+(\.[a-z-]+)+$/, 'field.invalid').max(100) });

/**
 * `/api/v1/gdpr/…` (issue 15): the register of processing activities — read, one entry edited by the data
 * protection officer, and its export as the CNIL's model document (PDF).
 */
export function gdprRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/register', inTenant(deps, async (req, ctx) => ({ body: await readRegister(ctx, requestLocale(req)) })));
  router.get('/register.pdf', inTenant(deps, async (req, ctx) => {
    const register = await readRegister(ctx, 'fr');
    return {
      raw: await renderRegisterPdf(register),
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="registre-traitements-${register.organisation.slug}.pdf"`,
        'Cache-Control': 'no-store',
      },
    };
  }));
  router.get('/register/:key', inTenant(deps, async (req, ctx) => {
    const entry = await readRegisterEntry(ctx, validate(activityPath, req.params, 'path').key, requestLocale(req));
    return { body: entry, headers: { ETag: etagOf(entry.version) } };
  }));
  router.put('/register/:key', inTenant(deps, async (req, ctx) => {
    const key = validate(activityPath, req.params, 'path').key;
    const saved = await updateRegisterEntry(ctx, key, validate(registerEntryInput, req.body), expectedVersion(req, true), requestLocale(req));
    return { body: saved, headers: { ETag: etagOf(saved.version) } };
  }));
  return router;
}
