import { ForbiddenError } from '../errors';
import type { RequestContext } from '../core/record-service';
import type { Locale } from '../i18n/messages';
import { parisDay } from './retention-clock';
import { retentionMessage } from './retention.messages';
import { dryRun, latestRuns, nextExpiry } from './retention-run';
import { tenantRules } from './retention-rules';
import type { DryRunInput, DryRunView, RetentionRuleView, RetentionRunView } from './retention.schema';

/**
 * What the data protection officer reads of retention (issue 15, docs/adr/0026-retention.md): the rules
 * with each table's next expiry, the runs' reports, and a dry run of a day — all within the organisation.
 */
function mayRead(ctx: RequestContext): void {
  if (!ctx.ability.can('read', 'Retention')) throw new ForbiddenError(retentionMessage('gdpr.forbidden-retention-read'));
}

export async function readRetentionRules(ctx: RequestContext, locale: Locale, now = Date.now()): Promise<{ today: string; rules: RetentionRuleView[] }> {
  mayRead(ctx);
  const today = parisDay(now);
  const held = new Set((await ctx.trx('gdprLegalHolds').where({ scope: 'activity' }).whereNull('liftedAt')
    .where((q) => q.whereNull('until').orWhere('until', '>=', today)).select('activityKey')).map((r) => String(r.activityKey)));
  const rules: RetentionRuleView[] = [];
  for (const rule of await tenantRules(ctx.trx, ctx.principal.tenantId, locale)) {
    rules.push({
      table: rule.table, module: rule.module, activity: rule.activity, activityName: rule.activityName, duration: rule.duration, from: rule.from,
      legalReference: rule.legalReference, action: rule.action, held: held.has(rule.activity), nextExpiry: await nextExpiry(ctx.trx, rule, today),
    });
  }
  return { today, rules };
}

export async function readRetentionRuns(ctx: RequestContext): Promise<RetentionRunView[]> {
  mayRead(ctx);
  return latestRuns(ctx.trx);
}

/** What a run would do on a day (today by default, Paris): counts and a few records by reference; nothing changes. */
export async function retentionDryRun(ctx: RequestContext, input: DryRunInput, now = Date.now()): Promise<DryRunView> {
  mayRead(ctx);
  return dryRun(ctx.trx, ctx.principal.tenantId, input.today ?? parisDay(now), input.sample);
}
