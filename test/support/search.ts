import type { Express } from 'express';
import request from 'supertest';

/** One hit of `GET /api/v1/search`, as the tests read it. */
export interface SearchHit { type: string; id: string; title: string; subtitle: string | null; number: number | null; accountId: string | null; match: string }

/** The global search's hits for `q` (up to 50), as the holder of `token`; the answer must be 200. */
export async function searchAs(app: Express, token: string | undefined, q: string): Promise<SearchHit[]> {
  const res = await request(app).get('/api/v1/search').query({ q, limit: 50 }).set('Authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  return res.body.items as SearchHit[];
}
