import type { Knex } from 'knex';
import type { RequestContext } from '../core/record-service';
import { ForbiddenError } from '../errors';
import { coreMessage } from '../i18n/core.messages';
import type { Offer, OfferFacts } from './offer.schema';

/**
 * The telecom catalogue's offers by catalogue item id, prices included whoever reads (a line's prices are
 * the server's to compute; answers leave the purchase price out for who may not see margins).
 */
export async function offerFacts(trx: Knex.Transaction, ids: readonly string[]): Promise<Map<string, OfferFacts>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await trx('catalogueItems as c')
    .join('telecomOffers as o', 'o.catalogueItemId', 'c.id')
    .whereIn('c.id', unique)
    .select('c.id as catalogueItemId', 'c.kind', 'c.name', 'c.active', 'c.unitPriceCents as salePriceCents', 'c.purchasePriceCents',
      'o.brandId', 'o.fleetType', 'o.operatorKey') as Array<Record<string, unknown>>;
  const out = new Map<string, OfferFacts>();
  for (const r of rows) {
    out.set(String(r.catalogueItemId), {
      catalogueItemId: String(r.catalogueItemId), kind: r.kind as OfferFacts['kind'], name: String(r.name), active: Boolean(r.active),
      salePriceCents: Number(r.salePriceCents), purchasePriceCents: r.purchasePriceCents === null ? null : Number(r.purchasePriceCents),
      brandId: (r.brandId as string | null) ?? null, fleetType: r.fleetType as OfferFacts['fleetType'], operatorKey: String(r.operatorKey),
    });
  }
  return out;
}

export interface OfferQuery {
  brandId?: string;
  fleetType?: string;
  operatorKey?: string;
  kind?: 'plan' | 'option';
}

/**
 * The telecom catalogue as a user reads it (`GET /api/v1/telecom/offers`): plans and options by brand (a brand's
 * offers and those of every brand), fleet type, operator and kind, in name order; the purchase price only to
 * who may see margins (the catalogue's own field rule).
 */
export async function listOffers(ctx: RequestContext, query: OfferQuery): Promise<Offer[]> {
  if (!ctx.ability.can('read', 'TelecomOffer')) throw new ForbiddenError(coreMessage('record.forbidden-kind', { fr: 'offres télécom', en: 'telecom offers', permission: 'telecom.offer.read' }));
  const margins = ctx.ability.can('read', 'CatalogueItem', 'purchasePriceCents');
  const qb = ctx.trx('telecomOffers as o').join('catalogueItems as c', 'c.id', 'o.catalogueItemId')
    .select('c.id', 'c.version', 'c.createdAt', 'c.updatedAt', 'c.kind', 'c.code', 'c.name', 'c.active', 'c.unitPriceCents as salePriceCents', 'c.purchasePriceCents',
      'o.catalogueItemId', 'o.brandId', 'o.fleetType', 'o.operatorKey', 'o.operatorProductCode')
    .orderBy([{ column: 'c.name' }, { column: 'c.id' }]);
  if (query.brandId) qb.where((w) => w.whereNull('o.brandId').orWhere('o.brandId', query.brandId!));
  if (query.fleetType) qb.where('o.fleetType', query.fleetType);
  if (query.operatorKey) qb.where('o.operatorKey', query.operatorKey);
  if (query.kind) qb.where('c.kind', query.kind);
  const rows = (await qb) as Array<Record<string, unknown>>;
  return rows.map((r) => {
    const { purchasePriceCents, createdAt, updatedAt, ...rest } = r;
    return {
      ...rest, createdAt: (createdAt as Date).toISOString(), updatedAt: (updatedAt as Date).toISOString(),
      ...(margins ? { purchasePriceCents } : {}),
    } as Offer;
  });
}
