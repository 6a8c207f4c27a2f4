import type { SearchHit } from '@/api/search.api';
import { moduleSearchKinds } from '@/modules/registry';
import type { SearchKind } from '@/modules/ui-module';

/** The core's kinds: each opens its account's panel (a contact or a site: the account it belongs to). */
const onAccount = (hit: SearchHit) => ({ name: 'accounts', params: { id: hit.accountId ?? hit.id } });
const CORE_KINDS: readonly SearchKind[] = [
  { type: 'account', label: 'search.groups.account', icon: 'mdi-domain', to: onAccount },
  { type: 'contact', label: 'search.groups.contact', icon: 'mdi-account-outline', to: onAccount },
  { type: 'site', label: 'search.groups.site', icon: 'mdi-map-marker-outline', to: onAccount },
];

/** Every kind the results may show, in the order of their groups: the core's, then the modules'. */
export function searchKinds(): SearchKind[] {
  return [...CORE_KINDS, ...moduleSearchKinds()];
}

export interface HitGroup {
  kind: SearchKind;
  hits: SearchHit[];
}

/** Results grouped by kind, in a fixed order (a kind this build cannot open is left out); `flat` is the keyboard order. */
export function groupHits(hits: SearchHit[], kinds: readonly SearchKind[] = searchKinds()): { groups: HitGroup[]; flat: SearchHit[] } {
  const groups = kinds.map((kind) => ({ kind, hits: hits.filter((h) => h.type === kind.type) })).filter((g) => g.hits.length);
  return { groups, flat: groups.flatMap((g) => g.hits) };
}

/** Whether a palette line is a search hit (and not a command or a recent record). */
export function isHit(item: object): item is SearchHit {
  return 'match' in item;
}
