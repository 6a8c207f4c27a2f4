import type { Knex } from 'knex';
import type { OfferFacts } from './offer.schema';

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
