import type { AppAbility, OwnershipFacts } from '../identity/ability';
import { readableFields } from '../identity/ability';

/**
 * The role-dependent views of a telecom account (spec 002 §10.3, ADR 0046): the same client does not show the
 * same information to the direction, support, accounting and the client itself. Each section of the account
 * panel is governed by a permission of level 3, so the API leaves out what a role may not read:
 *
 * | section | governed by | direction | manager | support N1/N2 | sales | accounting | client | partner |
 * |---|---|---|---|---|---|---|---|---|
 * | summary (name, SoftWhere id, brand, status, salesperson) | reading the account | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ own | ✓ its brands |
 * | external references, billing sites and their references | `telecom.account-view.billing` | ✓ | ✓ | – | ✓ | ✓ | – | – |
 * | sites → fleets → lines (navigation, line counts) | `telecom.account-view.operations` | ✓ | ✓ | ✓ | ✓ | – | ✓ own | ✓ |
 * | monthly recurring sale | `core.account.finance` (existing) | ✓ | ✓ | – | ✓ own | ✓ | ✓ own | – |
 * | purchase and margin | « voir marge » `core.catalogue.purchase-price` (existing) | ✓ | – | – | – | ✓ | – | – |
 */
export const ACCOUNT_VIEW_SUBJECT = 'TelecomAccountView';
export const OPERATIONS_GROUP = 'telecom.account-view.operations';
export const BILLING_GROUP = 'telecom.account-view.billing';
export const OPERATIONS_FIELDS = ['sites'] as const;
export const BILLING_FIELDS = ['billingSites', 'externalRefs'] as const;

export type AccountSection = 'summary' | 'externalRefs' | 'billingSites' | 'sites' | 'finance' | 'margin';

/** What a person may see of one account, from their ability and the account's ownership facts. */
export function accountSections(ability: AppAbility, facts: OwnershipFacts, grants: ReadonlyArray<{ permission: string }>): Set<AccountSection> {
  const sections = new Set<AccountSection>(['summary']);
  const view = readableFields(ability, ACCOUNT_VIEW_SUBJECT, { sites: 1, billingSites: 1, externalRefs: 1 }, facts);
  if ('sites' in view) sections.add('sites');
  if ('billingSites' in view) sections.add('billingSites');
  if ('externalRefs' in view) sections.add('externalRefs');
  const finance = readableFields(ability, 'Account', { paymentTermsDays: 1 }, facts);
  if ('paymentTermsDays' in finance) sections.add('finance');
  // « Voir marge » is the catalogue's purchase-price grant: purchase prices reveal the margin.
  if (sections.has('finance') && grants.some((g) => g.permission === 'core.catalogue.purchase-price.read')) sections.add('margin');
  return sections;
}

export interface LineMoney {
  status: string;
  salePriceCents: number;
  purchasePriceCents: number | null;
}

/** Lines that are billed every month: active and suspended ones (a suspension still bills); pending and terminated do not. */
export const RECURRING_STATUSES: readonly string[] = ['active', 'suspended'];

/** The account's monthly recurring sale, purchase and margin, from its lines' totals per status. */
export function monthlyTotals(byStatus: readonly LineMoney[]): { saleCents: number; purchaseCents: number; marginCents: number } {
  let saleCents = 0;
  let purchaseCents = 0;
  for (const row of byStatus) {
    if (!RECURRING_STATUSES.includes(row.status)) continue;
    saleCents += row.salePriceCents;
    purchaseCents += row.purchasePriceCents ?? 0;
  }
  return { saleCents, purchaseCents, marginCents: saleCents - purchaseCents };
}

/** Whether the sites block is a navigation panel (several sites) or compact (one site or none), spec 002 §4.4. */
export function siteLayout(siteCount: number): 'compact' | 'navigation' {
  return siteCount > 1 ? 'navigation' : 'compact';
}
