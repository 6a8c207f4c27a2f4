import type { RequestContext } from '../core/record-service';
import { ForbiddenError } from '../errors';
import { controlMessage as m } from './control.messages';

/** The permission resource of the billing control (« voir anomalies » = read; fixing = update; importing and running = create). */
export const ANOMALY_SUBJECT = 'TelecomAnomaly';

export function requireAnomalyRead(ctx: RequestContext): void {
  if (!ctx.ability.can('read', ANOMALY_SUBJECT)) throw new ForbiddenError(m('telecom.control.forbidden-read'));
}

export function requireAnomalyUpdate(ctx: RequestContext): void {
  requireAnomalyRead(ctx);
  if (!ctx.ability.can('update', ANOMALY_SUBJECT)) throw new ForbiddenError(m('telecom.control.forbidden-write'));
}

export function requireControlCreate(ctx: RequestContext): void {
  requireAnomalyRead(ctx);
  if (!ctx.ability.can('create', ANOMALY_SUBJECT)) throw new ForbiddenError(m('telecom.control.forbidden-import'));
}

/** Whether the caller may see purchase prices (« voir marge », the core catalogue's field group). */
export function seesPurchasePrices(ctx: RequestContext): boolean {
  return ctx.ability.can('read', 'CatalogueItem', 'purchasePriceCents');
}
