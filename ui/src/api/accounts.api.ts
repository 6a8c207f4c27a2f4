import { http, request } from './client';

export const ACCOUNT_STATUSES = ['prospect', 'active', 'suspended', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export interface Account {
  id: string;
  number: number;
  name: string;
  legalName: string | null;
  siren: string | null;
  siret: string | null;
  vatNumber: string | null;
  /** NAF code of the main activity (`62.02A`); absent on an API older than the company lookup. */
  nafCode?: string | null;
  externalRef: string | null;
  status: AccountStatus;
  ownerId: string | null;
  supportUserId: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
  /** Absent when the user may not read finance fields. */
  paymentTermsDays?: number | null;
  creditLimitCents?: number | null;
  notes: string | null;
  currency: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type AccountPatch = Partial<Omit<Account, 'id' | 'number' | 'version' | 'createdAt' | 'updatedAt' | 'currency'>>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type AccountSort = 'name' | '-name' | 'number' | '-number' | 'createdAt' | '-createdAt' | 'updatedAt' | '-updatedAt';

export interface AccountQuery {
  limit?: number;
  cursor?: string | null;
  sort?: AccountSort;
  q?: string;
  status?: AccountStatus | null;
}

export interface Contact {
  id: string;
  accountId: string;
  firstName: string | null;
  lastName: string | null;
  jobTitle: string | null;
  email: string | null;
  phone: string | null;
  mobile: string | null;
}

export interface Site {
  id: string;
  accountId: string;
  name: string;
  billingSiteId?: string | null;
  phone?: string | null;
  accessNotes?: string | null;
  addressLine1: string | null;
  postalCode: string | null;
  city: string | null;
}

export interface BillingSite {
  id: string;
  accountId: string;
  name: string;
  externalRef: string | null;
  billingEmail?: string | null;
  addressLine1?: string | null;
  postalCode?: string | null;
  city: string | null;
}

/** What a contact is assigned to (spec 002 §4.3): a site, the billing of a billing site, the support… */
export const ASSIGNMENT_PURPOSES = ['site', 'billing', 'support', 'communications', 'tickets', 'deployments'] as const;
export type AssignmentPurpose = (typeof ASSIGNMENT_PURPOSES)[number];

export interface ContactAssignment {
  id: string;
  contactId: string;
  purpose: AssignmentPurpose;
  siteId: string | null;
  billingSiteId: string | null;
  createdAt: string;
}

/** A new record's fields as the create dialogs send them (the API validates them). */
export type NewRecord = Record<string, unknown>;

/** `Idempotency-Key`: one per dialog opening, so a repeated submit (double click, lost answer) creates one record. */
const once = (key: string) => ({ idempotencyKey: key });

export interface HistoryEntry {
  id: string;
  action: 'create' | 'update' | 'delete' | 'assign' | 'unassign' | 'upload' | string;
  at: string;
  actor: { id: string; displayName: string } | null;
  changes: Record<string, { before: unknown; after: unknown } | unknown>;
}

export const accountsApi = {
  list: (query: AccountQuery, signal?: AbortSignal) => http.get<Page<Account>>('/accounts', { limit: 50, ...query }, signal),
  get: (id: string) => http.get<Account>(`/accounts/${encodeURIComponent(id)}`),
  create: (body: NewRecord, key: string) => http.post<Account>('/accounts', body, once(key)),
  update: (id: string, patch: AccountPatch, version: number) => http.patch<Account>(`/accounts/${encodeURIComponent(id)}`, patch, version),
  history: (id: string) => http.get<{ items: HistoryEntry[] }>(`/accounts/${encodeURIComponent(id)}/history`),
  contacts: (accountId: string) => http.get<Page<Contact>>('/contacts', { accountId, limit: 100 }),
  sites: (accountId: string) => http.get<Page<Site>>('/sites', { accountId, limit: 100 }),
  billingSites: (accountId: string) => http.get<Page<BillingSite>>('/billing-sites', { accountId, limit: 100 }),
  createContact: (body: NewRecord, key: string) => http.post<Contact>('/contacts', body, once(key)),
  createSite: (body: NewRecord, key: string) => http.post<Site>('/sites', body, once(key)),
  createBillingSite: (body: NewRecord, key: string) => http.post<BillingSite>('/billing-sites', body, once(key)),
  assignments: (contactId: string) => http.get<{ items: ContactAssignment[] }>(`/contacts/${encodeURIComponent(contactId)}/assignments`),
  assign: (contactId: string, body: { purpose: AssignmentPurpose; siteId?: string; billingSiteId?: string }) =>
    http.post<ContactAssignment>(`/contacts/${encodeURIComponent(contactId)}/assignments`, body),
  unassign: (contactId: string, assignmentId: string) =>
    request<void>('DELETE', `/contacts/${encodeURIComponent(contactId)}/assignments/${encodeURIComponent(assignmentId)}`),
};
