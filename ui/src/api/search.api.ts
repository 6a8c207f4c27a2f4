import { http } from './client';

/** How a hit matched, best first (the order of the results). */
export type SearchMatch = 'exact' | 'prefix' | 'words' | 'similar' | 'phone';

export interface SearchHit {
  /** The kind of record: `account`, `contact`, `site`, or a vertical's (`event-client`…). */
  type: string;
  id: string;
  title: string;
  subtitle: string | null;
  /** The number people quote, for kinds that have one. */
  number: number | null;
  /** The account a core record opens on; null for a vertical's records. */
  accountId: string | null;
  match: SearchMatch;
  score: number;
}

export const searchApi = {
  search: (q: string, signal?: AbortSignal) => http.get<{ items: SearchHit[] }>('/search', { q, limit: 20 }, signal),
};
