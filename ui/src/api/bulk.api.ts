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

/** A durable bulk run (docs/adr/0043): its progress, as `GET <module>/bulk/{id}` answers it. */
export interface DurableRun {
  id: string;
  action: string;
  status: 'running' | 'cancelling' | 'cancelled' | 'completed';
  total: number;
  done: number;
  refused: number;
  failed: number;
  cancelled: number;
  workflowId: string;
}

export type DurableOutcome = 'pending' | 'done' | 'refused' | 'failed' | 'cancelled';

/** One record of its report; its id is under the module's name for it (`lineId`). */
export type DurableRunItem = Record<string, unknown> & { label: string | null; position: number; outcome: DurableOutcome; reason: string | null };

export interface DurableRunReport extends DurableRun {
  items: DurableRunItem[];
  nextAfter: number | null;
}

/** A module's durable bulk runs (`/telecom/bulk`): start (202), read a page of the report, cancel, retry the failures. */
export const durableBulkApi = {
  start: (path: string, body: Record<string, unknown>, idempotencyKey: string) => http.post<DurableRun>(path, body, { idempotencyKey }),
  report: (path: string, id: string, query: { outcome?: DurableOutcome; after?: number; limit?: number }) =>
    http.get<DurableRunReport>(`${path}/${encodeURIComponent(id)}`, query),
  cancel: (path: string, id: string) => http.post<DurableRun>(`${path}/${encodeURIComponent(id)}/cancel`, {}),
  retry: (path: string, id: string) => http.post<DurableRun>(`${path}/${encodeURIComponent(id)}/retry`, {}),
};
