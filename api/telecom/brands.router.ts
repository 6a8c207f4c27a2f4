import { Router, type Request } from 'express';
import { isUuid } from '../../domain/core/record-service';
import { NotFoundError, ruleViolation } from '../../domain/errors';
import { setAccountBrand } from '../../domain/telecom/account-brand';
import { accountPanel } from '../../domain/telecom/account-panel';
import { accountBrandUpdate } from '../../domain/telecom/account-panel.schema';
import { brandMembersUpdate, brandingUpdate } from '../../domain/telecom/branding.schema';
import { getBrand, listBrands, MAX_LOGO_BYTES, myBrand, setBrandLogo, setBrandMembers, updateBranding } from '../../domain/telecom/brands';
import { brandsMessage as m } from '../../domain/telecom/brands.messages';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { etagOf, expectedVersion } from '../http/if-match';
import { singleFileUpload } from '../http/upload';
import { validate } from '../http/validate';

/** A path id that is not a uuid names nothing: 404, as an unknown one (never a database error). */
function pathId(req: Request, what: { fr: string; en: string }): string {
  const id = String(req.params.id);
  if (!isUuid(id)) throw new NotFoundError(what);
  return id;
}
const ACCOUNT = { fr: 'compte', en: 'account' };
const BRAND = { fr: 'marque blanche', en: 'white-label brand' };

/** `/api/v1/telecom/accounts/{id}/panel` (the account panel's telecom blocks as the caller's role may read them) and `…/brand` (ADR 0046). */
export function accountPanelRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/:id/panel', inTenant(deps, async (req, ctx) => ({ body: await accountPanel(ctx, pathId(req, ACCOUNT)) }), { replicaReads: true }));
  router.put('/:id/brand', inTenant(deps, async (req, ctx) => {
    const id = pathId(req, ACCOUNT);
    const result = await setAccountBrand(ctx, id, expectedVersion(req, true), validate(accountBrandUpdate, req.body).brandId);
    return { body: result, headers: { ETag: etagOf(result.version) } };
  }));
  return router;
}

/** `/api/v1/telecom/brands/…`: white-label brands, their branding (colours, logo, mail) and their users (ADR 0046). */
export function brandsRouter(deps: ApiDeps): Router {
  const router = Router();
  const upload = singleFileUpload({ maxBytes: MAX_LOGO_BYTES, kind: 'file' });
  router.get('/', inTenant(deps, async (_req, ctx) => ({ body: { items: await listBrands(ctx) } })));
  router.get('/mine', inTenant(deps, async (_req, ctx) => ({ body: { brand: await myBrand(ctx) } })));
  router.get('/:id', inTenant(deps, async (req, ctx) => {
    const brand = await getBrand(ctx, pathId(req, BRAND));
    return { body: brand, headers: { ETag: etagOf(brand.branding.version) } };
  }));
  router.patch('/:id/branding', inTenant(deps, async (req, ctx) => {
    const id = pathId(req, BRAND);
    const brand = await updateBranding(ctx, id, expectedVersion(req, true), validate(brandingUpdate, req.body));
    return { body: brand, headers: { ETag: etagOf(brand.branding.version) } };
  }));
  router.put('/:id/logo', upload, inTenant(deps, async (req, ctx) => {
    const id = pathId(req, BRAND);
    if (!req.file) throw ruleViolation('file', m('telecom.brands.logo-missing'));
    const brand = await setBrandLogo(ctx, id, expectedVersion(req, true), req.file.buffer);
    return { body: brand, headers: { ETag: etagOf(brand.branding.version) } };
  }));
  router.delete('/:id/logo', inTenant(deps, async (req, ctx) => {
    const brand = await setBrandLogo(ctx, pathId(req, BRAND), expectedVersion(req, true), null);
    return { body: brand, headers: { ETag: etagOf(brand.branding.version) } };
  }));
  router.put('/:id/members', inTenant(deps, async (req, ctx) => ({ body: await setBrandMembers(ctx, pathId(req, BRAND), validate(brandMembersUpdate, req.body).userIds) })));
  return router;
}
