import { Router } from 'express';
import { env } from '../../config/env';
import { companySearchQuery, searchCompanies } from '../../domain/core/company-registry';
import { coreMessage } from '../../domain/i18n/core.messages';
import { ForbiddenError } from '../../domain/errors';
import { createCompanyRegistry } from '../../integrations/company-registry/company-registry.factory';
import type { CompanyRegistryPort } from '../../integrations/company-registry/company-registry.port';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { validate } from '../http/validate';

/** The registry the configuration names (sandbox unless COMPANY_REGISTRY_PROVIDER says otherwise). */
export function configuredRegistry(): CompanyRegistryPort {
  const config = env();
  return config.COMPANY_REGISTRY_PROVIDER === 'recherche-entreprises'
    ? createCompanyRegistry({ provider: 'recherche-entreprises', baseUrl: config.COMPANY_REGISTRY_API_BASE_URL })
    : createCompanyRegistry({ provider: 'sandbox' });
}

/**
 * /company-registry: the French company lookup that fills an account at its creation (issue 14,
 * domain/core/company-registry.ts). For those who may create accounts; the registry down answers 503.
 */
export function companyRegistryRouter(deps: ApiDeps): Router {
  const router = Router();
  const registry = deps.companyRegistry ?? configuredRegistry();
  router.get('/search', inTenant(deps, async (req, ctx) => {
    if (!ctx.ability.can('create', 'Account')) {
      throw new ForbiddenError(coreMessage('record.forbidden-create', { fr: 'compte', en: 'account', permission: 'core.account.create' }));
    }
    const query = validate(companySearchQuery, req.query, 'query');
    return { body: await searchCompanies(registry, query), headers: { 'Cache-Control': 'private, max-age=300' } };
  }));
  return router;
}
