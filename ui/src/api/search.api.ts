import { http } from './client';

export type SearchHitType = 'account' | 'contact' | 'site';

export interface SearchHit {
  type: SearchHitType;
  id: string;
  title: string;
  subtitle: string | null;
  accountId: string;
  score: number;
}

export const searchApi = {
  search: (q: string, signal?: AbortSignal) => http.get<{ items: SearchHit[] }>('/search', { q, limit: 20 }, signal),
};
