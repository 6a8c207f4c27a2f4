import { request } from '@/api/client';

/**
 * The consent ledger and « Mes données » (/api/v1/gdpr/consents, /gdpr/me: domain/gdpr/consent-ledger.ts,
 * my-data.ts, docs/adr/0024), and the person's own rights requests (/api/v1/gdpr/requests, ADR 0023).
 */
export type ConsentDecision = 'opt-in' | 'soft-opt-in' | 'opt-out';
export type ConsentSource = 'form' | 'web' | 'phone' | 'import' | 'portal' | 'reply';
export type ConsentStatus = 'granted' | 'soft' | 'withdrawn' | 'expired' | 'none';
export interface ConsentSubject { kind: 'contact' | 'user'; id: string }

export interface ConsentEntry {
  id: string;
  purpose: string;
  channel: string;
  decision: ConsentDecision;
  source: ConsentSource;
  sourceDetail: string | null;
  textId: string | null;
  textVersion: number | null;
  occurredAt: string;
  recordedAt: string;
  expiresAt: string | null;
  recordedBy: string | null;
  recordedByName: string | null;
}

export interface ConsentState {
  purpose: string;
  channel: string;
  status: ConsentStatus;
  allowed: boolean;
  since: string | null;
  source: ConsentSource | null;
  sourceDetail: string | null;
  expiresAt: string | null;
  textVersion: number | null;
  textOutdated: boolean;
}

export interface ConsentPurposeView {
  key: string;
  module: string;
  label: string;
  description: string;
  channels: string[];
  softOptIn: boolean;
  validity: string | null;
  currentText: { id: string; version: number; title: string; body: string } | null;
  states: ConsentState[];
}

export type ConsentPurpose = Omit<ConsentPurposeView, 'currentText' | 'states'>;

export interface ConsentText {
  id: string;
  purpose: string;
  version: number;
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
  used: boolean;
}

export interface Consents {
  subject: ConsentSubject;
  purposes: ConsentPurposeView[];
  ledger: ConsentEntry[];
}

export interface MyData {
  subject: ConsentSubject;
  profile: {
    id: string; email: string; displayName: string; type: string; createdAt: string | null;
    account: { id: string; name: string } | null;
    roles: Array<{ key: string; labelFr: string; labelEn: string }>;
  };
  contact: { id: string; firstName: string | null; lastName: string | null; email: string | null; phone: string | null; mobile: string | null; jobTitle: string | null } | null;
  /** Rows about me per processing activity (`kind`), named in my language. */
  counts: Array<{ kind: string; label: string; count: number }>;
}

export type RightsRequestKind = 'access' | 'erasure' | 'portability' | 'rectification' | 'objection';
export interface RightsRequest {
  id: string;
  number: number;
  kind: RightsRequestKind;
  kindLabel: string;
  status: string;
  statusLabel: string;
  receivedAt: string;
  dueAt: string;
  answeredAt: string | null;
  answer: string | null;
  exportable: boolean;
}

export interface EntryInput {
  subject: ConsentSubject;
  purpose: string;
  channel: string;
  decision: ConsentDecision;
  source: ConsentSource;
  sourceDetail?: string | null;
}

/** Who agreed to an older text of a purpose (/api/v1/gdpr/consent-renewals; docs/adr/0024). */
export interface ConsentRenewals {
  purpose: string;
  currentVersion: number | null;
  items: Array<{ subject: { kind: 'contact' | 'user'; id: string; label: string }; channel: string; textVersion: number | null; since: string }>;
}

export const consentsApi = {
  myData: () => request<MyData>('GET', '/gdpr/me'),
  myConsents: () => request<Consents>('GET', '/gdpr/me/consents'),
  changeMine: (purpose: string, channel: string, decision: 'opt-in' | 'opt-out') =>
    request<ConsentEntry>('POST', '/gdpr/me/consents', { body: { purpose, channel, decision } }),
  of: (subject: ConsentSubject) => request<Consents>('GET', `/gdpr/consents?subjectKind=${subject.kind}&subjectId=${encodeURIComponent(subject.id)}`),
  record: (input: EntryInput) => request<ConsentEntry>('POST', '/gdpr/consents', { body: input }),
  purposes: () => request<{ items: ConsentPurpose[] }>('GET', '/gdpr/consent-purposes'),
  texts: () => request<{ items: ConsentText[] }>('GET', '/gdpr/consent-texts'),
  publishText: (purpose: string, title: string, body: string) => request<ConsentText>('POST', '/gdpr/consent-texts', { body: { purpose, title, body } }),
  correctText: (id: string, title: string, body: string) => request<ConsentText>('PUT', `/gdpr/consent-texts/${id}`, { body: { title, body } }),
  removeText: (id: string) => request<void>('DELETE', `/gdpr/consent-texts/${id}`),
  renewals: (purpose: string) => request<ConsentRenewals>('GET', `/gdpr/consent-renewals?purpose=${encodeURIComponent(purpose)}`),
  myRequests: () => request<{ items: RightsRequest[] }>('GET', '/gdpr/requests?status=all'),
  ask: (kind: RightsRequestKind, userId: string) => request<RightsRequest>('POST', '/gdpr/requests', { body: { kind, subject: { kind: 'user', id: userId } } }),
  exportOf: (id: string) => request<Blob>('GET', `/gdpr/requests/${id}/export?format=zip`, { responseType: 'blob', accept: 'application/zip' }),
};
