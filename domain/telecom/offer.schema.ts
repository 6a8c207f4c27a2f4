import { z } from 'zod';
import { requiredText, uuid } from '../core/fields';
import { telecomKey } from './brand.schema';
import { fleetType } from './fleet.schema';

/**
 * A plan or an option of the telecom catalogue (spec 002 §5.3, issue 17): a core catalogue item of kind
 * plan/option (its sale price `unitPriceCents`, its purchase price `purchasePriceCents`) sold for a fleet
 * type and operator, under one white-label brand or every one (`brandId` null), with the operator's product code.
 */
export const offerKind = z.enum(['plan', 'option']);

export const offerCreate = z.object({
  catalogueItemId: uuid,
  brandId: uuid.nullable().optional(),
  fleetType,
  operatorKey: telecomKey,
  operatorProductCode: requiredText(100),
}).strict();
export const offerUpdate = z.object({
  brandId: uuid.nullable(),
  operatorProductCode: requiredText(100),
}).partial().strict();
export const offer = z.object({
  id: z.string().uuid(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  catalogueItemId: z.string().uuid(),
  kind: offerKind,
  code: z.string(),
  name: z.string(),
  active: z.boolean(),
  brandId: z.string().uuid().nullable(),
  fleetType,
  operatorKey: z.string(),
  operatorProductCode: z.string(),
  /** Sale price per month, excluding VAT (the catalogue item's unit price). */
  salePriceCents: z.number().int(),
  /** Purchase price per month: only to who may see margins (left out otherwise). */
  purchasePriceCents: z.number().int().nullable().optional(),
});

/** `GET /api/v1/telecom/offers` filters. */
export const offerQuery = z.object({
  brandId: uuid.optional(),
  fleetType: fleetType.optional(),
  operatorKey: telecomKey.optional(),
  kind: offerKind.optional(),
}).strict();

export type Offer = z.infer<typeof offer>;
/** What the line rules need of an offer (line-rules.ts). */
export type OfferFacts = Pick<Offer, 'catalogueItemId' | 'kind' | 'active' | 'brandId' | 'fleetType' | 'operatorKey' | 'salePriceCents' | 'name'> & { purchasePriceCents: number | null };
