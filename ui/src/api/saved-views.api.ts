import { http, request } from './client';

/** A list's URL parameters (search, sort, filters), as `useListUrl` writes them. */
export type ViewQuery = Record<string, string>;

/** A view saved on a list: the person's own, or one a colleague shared with the organisation. */
export interface SavedView {
  id: string;
  list: string;
  name: string;
  query: ViewQuery;
  shared: boolean;
  /** The reader saved it (only they rename, share or delete it). */
  mine: boolean;
  ownerId: string;
  ownerName: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const path = (id: string) => `/saved-views/${encodeURIComponent(id)}`;

/** /api/v1/saved-views. */
export const savedViewsApi = {
  list: (list: string) => http.get<{ items: SavedView[] }>('/saved-views', { list }),
  create: (body: { list: string; name: string; query: ViewQuery; shared?: boolean }, idempotencyKey?: string) =>
    http.post<SavedView>('/saved-views', body, { idempotencyKey }),
  update: (view: SavedView, body: { name?: string; shared?: boolean }) => http.patch<SavedView>(path(view.id), body, view.version),
  remove: (view: SavedView) => request<void>('DELETE', path(view.id), { ifMatch: view.version }),
};
