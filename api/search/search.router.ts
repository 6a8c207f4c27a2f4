import { Router } from 'express';
import { z } from 'zod';
import { search } from '../../domain/search/search-service';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { validate } from '../http/validate';
import { fieldIssue } from '../../domain/i18n/zod-issues';

const searchQuery = z.object({
  // PostgreSQL cannot take the NUL character: refused here, naming the field.
  q: z.string().trim().min(2, fieldIssue('field.search-too-short')).max(200).regex(/^[^\u0000]*$/, fieldIssue('field.nul')),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export function searchRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/', inTenant(deps, async (req, ctx) => {
    const { q, limit } = validate(searchQuery, req.query, 'query');
    return { body: { items: await search(ctx, q, limit) } };
  }, { replicaReads: true })); // may read the replica (ADR 0021)
  return router;
}
