import { Router } from 'express';
import { z } from 'zod';
import { commsMailSend, commsSmsSend } from '../../domain/comms/comms.activity-contracts';
import { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS } from '../../domain/process/activity-definition';
import { campaignReport, createCampaign, listCampaigns } from '../../domain/comms/campaigns';
import { campaignCreate, type CampaignCreate } from '../../domain/comms/comms.schemas';
import type { RequestContext } from '../../domain/core/record-service';
import type { bulkSend } from '../../workflows/comms/bulk-send.workflow';
import { COMMS_WORKFLOW } from '../../workflows/comms/comms.contract';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { idempotent } from '../http/idempotency';
import { validate } from '../http/validate';

export const reportQuery = z.object({
  after: z.coerce.number().int().min(0).max(2_147_483_647).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
}).strict();

/**
 * Creates the campaign (its recipients fixed) and starts the bulkSend workflow inside the caller's transaction; a
 * vertical that picks its own recipients (the school's SMS to students) starts its campaigns here too.
 */
export async function startCampaign(deps: ApiDeps, ctx: RequestContext, input: CampaignCreate) {
  const { campaign, template } = await createCampaign(ctx, input, async (channel) => {
    const settings = await ctx.trx('commsSettings').first('smsRatePerMinute', 'mailRatePerMinute');
    return channel === 'sms' ? settings?.smsRatePerMinute ?? 60 : settings?.mailRatePerMinute ?? 120;
  });
  const def = campaign.channel === 'sms' ? commsSmsSend : commsMailSend;
  await (await deps.temporal()).workflow.start<typeof bulkSend>(COMMS_WORKFLOW.bulkSend, {
    workflowId: campaign.workflowId, taskQueue: deps.taskQueue,
    args: [{
      tenantId: ctx.principal.tenantId, campaignId: campaign.id, activity: def.name as 'comms.sms.send',
      templateKey: template.key, language: template.language, variables: input.variables,
      ratePerMinute: campaign.ratePerMinute, retry: { ...DEFAULT_RETRY, ...def.retry }, timeoutMs: def.timeoutMs ?? DEFAULT_TIMEOUT_MS, total: campaign.total,
    }],
  });
  return { id: campaign.id as string, workflowId: campaign.workflowId as string, total: campaign.total as number, status: 'running' as const };
}

/** /comms/campaigns: bulk sends run by the bulkSend workflow; the report is read from the messages. */
export function campaignsRouter(deps: ApiDeps): Router {
  const router = Router();

  router.post('/campaigns', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const started = await startCampaign(deps, ctx, validate(campaignCreate, req.body));
    return { status: 202, body: started, headers: { Location: `${req.baseUrl}/campaigns/${started.id}` } };
  })));

  router.get('/campaigns', inTenant(deps, async (_req, ctx) => ({ body: { items: await listCampaigns(ctx) } })));

  router.get('/campaigns/:id', inTenant(deps, async (req, ctx) => {
    const { after, limit } = validate(reportQuery, req.query, 'query');
    return { body: await campaignReport(ctx, String(req.params.id), { afterPosition: after, limit }) };
  }));

  return router;
}
