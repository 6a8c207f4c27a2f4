import { z } from 'zod';
import type { RequestContext } from '../core/record-service';
import { accountPanel } from './account-panel';
import { accountPanel as accountPanelSchema } from './account-panel.schema';

/**
 * `GET /api/v1/telecom/accounts/{id}/summary` (spec 002 §4.2, issue 17): the account as the main object —
 * the panel's blocks as the caller's role may read them (account-panel.ts: identity, brand, salesperson,
 * sites → fleets → line counts, billing sites with their contact and billing-system references, the monthly
 * recurring sale, and purchase and margin with « voir marge ») — and whether the client has several sites,
 * which the UI shows as a navigation panel rather than a compact block (§4.4). Set-based: a few statements
 * whatever the number of lines.
 */
export const accountSummary = accountPanelSchema.extend({
  /** More than one site: the site block becomes a navigation panel. */
  multiSite: z.boolean(),
  siteCount: z.number().int(),
});
export type AccountSummary = z.infer<typeof accountSummary>;

export async function accountSummaryOf(ctx: RequestContext, accountId: string): Promise<AccountSummary> {
  const panel = await accountPanel(ctx, accountId);
  const row = await ctx.trx('sites').where({ accountId }).count<{ count: string }[]>('* as count').first();
  const siteCount = Number(row?.count ?? 0);
  return { ...panel, multiSite: siteCount > 1, siteCount };
}
