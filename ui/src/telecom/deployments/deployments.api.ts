import type { Page } from '@/api/accounts.api';
import { http } from '@/api/client';

/** Deployments (spec 002 §6, ADR 0044) — /api/v1/telecom/deployments: list, the panel's read, start, abandon. */
export const DEPLOYMENT_STATUSES = ['study', 'supplier', 'billing', 'check', 'fix', 'done', 'abandoned'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];
export const ACTION_STATUSES = ['pending', 'sent', 'waiting', 'done', 'failed', 'compensated'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const STATUS_COLORS: Readonly<Record<DeploymentStatus, string>> = {
  study: 'blue-grey-darken-1', supplier: 'indigo-darken-1', billing: 'deep-purple-darken-1', check: 'teal-darken-2', fix: 'deep-orange-darken-4', done: 'green-darken-3', abandoned: 'grey-darken-2',
};
export const ACTION_COLORS: Readonly<Record<ActionStatus, string>> = {
  pending: 'grey-darken-2', sent: 'indigo-darken-1', waiting: 'amber-darken-4', done: 'green-darken-3', failed: 'red-darken-3', compensated: 'brown-darken-1',
};

export interface Deployment {
  id: string;
  version: number;
  number: number;
  accountId: string;
  accountName: string;
  title: string;
  status: DeploymentStatus;
  studyNotes: string | null;
  quoteId: string | null;
  quoteNumber: string | null;
  lineIds: string[];
  checkOutcome: { ok: boolean; problems: Array<{ lineId: string | null; kind: string; code: string }> } | null;
  abandonReason: string | null;
  createdAt: string;
}
export interface DeploymentAction {
  id: string;
  position: number;
  side: 'supplier' | 'billing';
  kind: string;
  lineId: string | null;
  lineNumber: string | null;
  status: ActionStatus;
  error: string | null;
}
export interface DeploymentPanel extends Deployment {
  actions: DeploymentAction[];
  process: { instanceId: string; status: string; openTasks: Array<{ id: string; elementId: string; name: string | null }>; incidents: Array<{ id: string; elementId: string; message: string | null }> } | null;
}

const enc = encodeURIComponent;
const BASE = '/telecom/deployments';

export const deploymentsApi = {
  list: (query: { limit?: number; cursor?: string | null; sort?: string; q?: string; filters?: Record<string, string | null | undefined> }, signal?: AbortSignal) => {
    const { filters, ...rest } = query;
    return http.get<Page<Deployment>>(BASE, { limit: 50, ...rest, ...filters }, signal);
  },
  panel: (id: string) => http.get<DeploymentPanel>(`${BASE}/${enc(id)}/panel`),
  create: (body: { accountId: string; title: string; lineIds: string[]; actions: Array<{ kind: string; lineId?: string; params?: Record<string, unknown> }> }, idempotencyKey: string) =>
    http.post<Deployment>(BASE, body, { idempotencyKey }),
  start: (id: string) => http.post<{ id: string }>(`${BASE}/${enc(id)}/start`, {}),
  abandon: (id: string, reason: string) => http.post<{ id: string; status: string; compensating: boolean }>(`${BASE}/${enc(id)}/abandon`, { reason }),
};
