import { Router } from 'express';
import { buyPack, contractHours } from '../../domain/psa/contract-actions';
import { packPurchase } from '../../domain/psa/contract.schema';
import { psaContracts } from '../../domain/psa/contracts';
import { startDunningAfterCommit } from '../billing/dunning.link';
import { recordRouter } from '../core/record.router';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { idempotent } from '../http/idempotency';
import { etagOf } from '../http/if-match';
import { validate } from '../http/validate';

/**
 * `/api/v1/psa/contracts`: the contracts on the core's record router (list with `type`, `status`,
 * `accountId` filters, read, create, change, history, bulk), their hour ledger and pack purchases.
 */
export function contractsRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/:id/hours', inTenant(deps, async (req, ctx) => ({ body: await contractHours(ctx, String(req.params.id)) })));
  router.post('/:id/packs', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const bought = await buyPack(ctx, String(req.params.id), validate(packPurchase, req.body ?? {}));
    return {
      status: 201, body: bought, headers: { ETag: etagOf(bought.contract.version as number) },
      afterCommit: bought.invoice.status === 'draft' ? undefined : startDunningAfterCommit(deps, ctx, String(bought.invoice.id)),
    };
  })));
  router.use('/', recordRouter(deps, psaContracts));
  return router;
}
