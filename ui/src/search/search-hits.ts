import type { SearchHit, SearchHitType } from '@/api/search.api';

export const HIT_TYPES: readonly SearchHitType[] = ['account', 'contact', 'site'];

export const HIT_ICONS: Record<SearchHitType, string> = {
  account: 'mdi-domain',
  contact: 'mdi-account-outline',
  site: 'mdi-map-marker-outline',
};

export interface HitGroup {
  type: SearchHitType;
  hits: SearchHit[];
}

/** Results grouped by type, in a fixed order; `flat` is the keyboard order. */
export function groupHits(hits: SearchHit[]): { groups: HitGroup[]; flat: SearchHit[] } {
  const groups = HIT_TYPES.map((type) => ({ type, hits: hits.filter((h) => h.type === type) })).filter((g) => g.hits.length);
  return { groups, flat: groups.flatMap((g) => g.hits) };
}
