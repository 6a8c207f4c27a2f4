import { http } from './client';

/** Which records a bulk action is for: ticked rows, or every record the list's search and filters match. */
export type BulkTarget = { ids: string[] } | { filter: { q?: string; filters: Record<string, string> } };

export interface BulkItem<Row = Record<string, unknown>> {
  id: string;
  label: string;
  ok: boolean;
  /** Why it was refused, in the person's language. */
  message?: string;
  record?: Row;
}

export interface BulkReport<Row = Record<string, unknown>> {
  total: number;
  ok: number;
  refused: number;
  items: BulkItem<Row>[];
}

/** POST <records>/bulk: one field set on many records, run by the server with a report per record. */
export const bulkApi = {
  run: <Row>(recordsPath: string, target: BulkTarget, set: Record<string, unknown>) =>
    http.post<BulkReport<Row>>(`${recordsPath}/bulk`, { ...target, set }),
};
