import type { Knex } from 'knex';
import type { RequestContext } from '../core/record-service';
import { ForbiddenError, StaleVersionError, versionMatches, type ExpectedVersion } from '../errors';
import { audit } from '../identity/audit-log';
import { undoDays } from './erasure-rules';
import { erasureMessage } from './erasure.messages';
import type { GdprSettingsInput, GdprSettingsView } from './settings.schema';

/**
 * The organisation's data protection settings (docs/adr/0027-erasure.md): the erasure's undo window, chosen by
 * its data protection officer (who undoes erasures) between 0 and 30 days; without a choice, the platform's
 * default. Erasure reads it when it runs: a change applies to the erasures carried out after it.
 */
function present(row: Record<string, unknown> | undefined): GdprSettingsView {
  const platform = undoDays();
  return row
    ? { erasureUndoDays: Number(row.erasureUndoDays), chosen: true, defaultUndoDays: platform, version: Number(row.version) }
    : { erasureUndoDays: platform, chosen: false, defaultUndoDays: platform, version: 0 };
}

/** The undo window of the organisation whose transaction this is (row-level security), in days. */
export async function organisationUndoDays(trx: Knex.Transaction): Promise<number> {
  return present(await trx('gdprSettings').first('erasureUndoDays', 'version')).erasureUndoDays;
}

export async function readGdprSettings(ctx: RequestContext): Promise<GdprSettingsView> {
  if (!ctx.ability.can('read', 'RightsRequest')) throw new ForbiddenError(erasureMessage('gdpr.settings.forbidden'));
  return present(await ctx.trx('gdprSettings').first());
}

/** Sets the undo window (If-Match: version 0 while the platform's default applies); audit log `gdpr.settings.update`. */
export async function updateGdprSettings(ctx: RequestContext, input: GdprSettingsInput, expected: ExpectedVersion | undefined): Promise<GdprSettingsView> {
  if (!ctx.ability.can('update', 'RightsRequest')) throw new ForbiddenError(erasureMessage('gdpr.settings.forbidden'));
  const row = await ctx.trx('gdprSettings').forUpdate().first();
  const current = present(row);
  if (!versionMatches(expected, current.version)) throw new StaleVersionError(current);
  const values = { erasureUndoDays: input.erasureUndoDays, updatedBy: ctx.principal.userId, updatedAt: ctx.trx.fn.now() };
  if (row) await ctx.trx('gdprSettings').update({ ...values, version: current.version + 1 });
  else await ctx.trx('gdprSettings').insert({ tenantId: ctx.principal.tenantId, ...values, version: 1 });
  await audit(ctx.trx, {
    tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId, action: 'gdpr.settings.update', targetType: 'gdpr-settings', targetId: ctx.principal.tenantId,
    details: { erasureUndoDays: { before: current.erasureUndoDays, after: input.erasureUndoDays } },
  });
  return present(await ctx.trx('gdprSettings').first());
}
