import { request } from '@/api/client';

/** Rights requests (/api/v1/gdpr/requests, domain/gdpr/requests.ts; docs/adr/0023-rights-requests.md). */
export type RequestKind = 'access' | 'erasure' | 'portability' | 'rectification' | 'objection';
export type RequestStatus = 'received' | 'verifying' | 'in-progress' | 'answered' | 'refused';
export type IdentityMethod = 'signed-in' | 'id-document' | 'known-address' | 'in-person' | 'other';

export interface RightsRequest {
  id: string;
  number: number;
  kind: RequestKind;
  kindLabel: string;
  subject: { kind: string; id: string; label: string; kindLabel: string };
  requester: { name: string; email: string | null; relation: 'self' | 'representative'; userId: string | null };
  details: string;
  identity: { method: IdentityMethod | null; verifiedAt: string | null; verifiedBy: string | null };
  receivedAt: string;
  dueAt: string;
  extension: { extendedAt: string; reason: string } | null;
  status: RequestStatus;
  statusLabel: string;
  overdue: boolean;
  answer: string | null;
  refusalReason: string | null;
  answeredAt: string | null;
  exportable: boolean;
  /** An erasure's report, undo window or refusal (docs/adr/0027-erasure.md). */
  erasure: Erasure | null;
  version: number;
}

export interface ErasureException {
  table: string; activity: string; activityName: string; columns: string[]; rows: number;
  legalReference: string | null; until: string | null; from: string; text: { fr: string; en: string };
}

/** Entries left in an append-only, hash-chained log (the audit log), with why. */
export interface ErasureRetained {
  table: string; rows: number; chained: boolean; activity: string; activityName: string; duration: string; legalReference: string | null; text: { fr: string; en: string };
}

export interface Erasure {
  refused: string | null;
  erasedAt: string | null;
  undoUntil: string | null;
  undoable: boolean;
  undoneAt: string | null;
  snapshotDestroyedAt: string | null;
  tables: Array<{ table: string; rows: number }>;
  files: number;
  exceptions: ErasureException[];
  retained: ErasureRetained[];
}

/** The organisation's erasure undo window (/api/v1/gdpr/settings; docs/adr/0027-erasure.md). */
export interface GdprSettings { erasureUndoDays: number; chosen: boolean; defaultUndoDays: number; version: number }

export interface RequestInput {
  kind: RequestKind;
  subject: { kind: string; id: string };
  requester?: { name: string; email?: string | null; relation: 'self' | 'representative' };
  details?: string | null;
  receivedAt?: string;
}

export interface SubjectKind { kind: string; label: string; byAddress: boolean }
export interface SubjectCandidate { kind: string; id: string; label: string; detail: string | null }

export const requestsApi = {
  list: (status: 'open' | 'closed' | 'all') => request<{ items: RightsRequest[] }>('GET', `/gdpr/requests?status=${status}`),
  get: (id: string) => request<RightsRequest>('GET', `/gdpr/requests/${id}`),
  create: (input: RequestInput) => request<RightsRequest>('POST', '/gdpr/requests', { body: input }),
  verify: (id: string, method: IdentityMethod) => request<RightsRequest>('POST', `/gdpr/requests/${id}/verify`, { body: { method } }),
  extend: (id: string, reason: string) => request<RightsRequest>('POST', `/gdpr/requests/${id}/extend`, { body: { reason } }),
  answer: (id: string, body: { outcome: 'answered' | 'refused'; answer: string; refusalReason?: string | null }) => request<RightsRequest>('POST', `/gdpr/requests/${id}/answer`, { body }),
  undoErasure: (id: string) => request<RightsRequest>('POST', `/gdpr/requests/${id}/erasure/undo`),
  settings: () => request<GdprSettings>('GET', '/gdpr/settings'),
  saveSettings: (erasureUndoDays: number) => request<GdprSettings>('PUT', '/gdpr/settings', { body: { erasureUndoDays } }),
  exportZip: (id: string) => request<Blob>('GET', `/gdpr/requests/${id}/export?format=zip`, { responseType: 'blob', accept: 'application/zip' }),
  subjects: (kind: string, q: string) => request<{ kinds: SubjectKind[]; items: SubjectCandidate[] }>('GET', `/gdpr/subjects?kind=${encodeURIComponent(kind)}&q=${encodeURIComponent(q)}`),
};

/** Saves a downloaded file under a name. */
export function saveBlob(blob: Blob, type: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([blob], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
