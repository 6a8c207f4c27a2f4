import { z } from 'zod';
import { cents, optionalText, recordMeta, requiredText } from './fields';
import { fieldIssue } from '../i18n/zod-issues';

export const catalogueKind = z.enum(['plan', 'option', 'hardware', 'fee', 'service']);

const editable = {
  kind: catalogueKind,
  code: requiredText(50).regex(/^[A-Za-z0-9._-]+$/, fieldIssue('field.code-chars')),
  name: requiredText(200),
  description: optionalText(5_000),
  unitPriceCents: cents,
  purchasePriceCents: cents.nullable().optional(),
  vatRateBp: z.number().int().min(0).max(10_000),
  active: z.boolean(),
};

export const catalogueItemCreate = z.object({
  ...editable,
  vatRateBp: editable.vatRateBp.default(2000),
  active: editable.active.default(true),
}).strict();
export const catalogueItemUpdate = z.object(editable).partial().strict();
export const catalogueItem = z.object({ ...recordMeta, ...editable, currency: z.string() });

/** Purchase prices reveal the margin: read only with `core.catalogue.purchase-price.read`. */
export const CATALOGUE_MARGIN_FIELDS = ['purchasePriceCents'] as const;
