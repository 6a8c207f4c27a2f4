import { Router } from 'express';
import { dueReminders, moveOpportunity, openContractIfWon, pipelineBoard, quoteFromOpportunity } from '../../domain/psa/opportunity-actions';
import { opportunityMove, pipelineBoardQuery } from '../../domain/psa/opportunity.schema';
import { psaInteractions, psaOpportunities, psaPipelineStages } from '../../domain/psa/opportunities';
import { recordRouter } from '../core/record.router';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { idempotent } from '../http/idempotency';
import { etagOf, expectedVersion } from '../http/if-match';
import { validate } from '../http/validate';

/**
 * The pipeline under /api/v1/psa (issue 14): its stages, the board, opportunities (records, a move on
 * the board, « Créer un devis »), the commercial journal and the caller's due reminders.
 */
export function opportunitiesRouter(deps: ApiDeps): Router {
  const router = Router();
  router.use('/pipeline-stages', recordRouter(deps, psaPipelineStages));
  router.get('/pipeline', inTenant(deps, async (req, ctx) => ({ body: await pipelineBoard(ctx, validate(pipelineBoardQuery, req.query, 'query')) })));

  const opportunities = Router();
  opportunities.post('/:id/move', inTenant(deps, async (req, ctx) => {
    const version = expectedVersion(req, true);
    const moved = await moveOpportunity(ctx, String(req.params.id), validate(opportunityMove, req.body), version);
    return { body: moved, headers: { ETag: etagOf(moved.version) } };
  }));
  opportunities.post('/:id/quote', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const result = await quoteFromOpportunity(ctx, String(req.params.id));
    return { status: 201, body: result, headers: { ETag: etagOf(result.opportunity.version), Location: `${req.baseUrl.replace(/\/psa\/opportunities$/, '/billing/quotes')}/${String(result.quote.id)}` } };
  })));
  opportunities.use('/', recordRouter(deps, psaOpportunities, {
    // Won by a PATCH of its stage: the contract opens in the same transaction when its quote is accepted.
    updated: async (ctx, patch, record) => { if (patch.stageId) await openContractIfWon(ctx, record); },
  }));
  router.use('/opportunities', opportunities);

  router.get('/reminders', inTenant(deps, async (_req, ctx) => ({ body: { items: await dueReminders(ctx) } })));
  router.use('/interactions', recordRouter(deps, psaInteractions));
  return router;
}
