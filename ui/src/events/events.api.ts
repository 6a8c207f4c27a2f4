import type { HistoryEntry, Page } from '@/api/accounts.api';
import { http } from '@/api/client';

/** Epic Events (spec 001): clients, contracts with their payments, events, collaborators (/api/v1/events). */

export interface EventClient {
  id: string;
  number: number;
  fullName: string;
  email: string | null;
  phone: string | null;
  companyName: string | null;
  /** 'YYYY-MM-DD' */
  firstContactOn: string | null;
  lastContactAt: string | null;
  salesContactId: string | null;
  salesContactName: string | null;
  notes: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface EventContract {
  id: string;
  number: number;
  clientId: string;
  clientName: string;
  salesContactId: string | null;
  salesContactName: string | null;
  totalAmountCents: number;
  amountDueCents: number;
  currency: string;
  signed: boolean;
  signedAt: string | null;
  notes: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type EventStatus = 'planned' | 'closed';

export interface EventRecord {
  id: string;
  number: number;
  name: string;
  contractId: string;
  contractNumber: number;
  clientId: string;
  clientName: string;
  clientEmail: string | null;
  clientPhone: string | null;
  startsAt: string;
  endsAt: string;
  supportContactId: string | null;
  supportContactName: string | null;
  location: string | null;
  attendees: number | null;
  notes: string | null;
  status: EventStatus;
  closedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const PAYMENT_METHODS = ['transfer', 'card', 'cheque', 'cash', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface Payment {
  id: string;
  contractId: string;
  amountCents: number;
  paidOn: string;
  method: PaymentMethod;
  reference: string | null;
  createdBy: string | null;
  createdAt: string;
}

export const COLLABORATOR_ROLES = ['sales', 'support', 'management'] as const;
export type CollaboratorRole = (typeof COLLABORATOR_ROLES)[number];

export interface Collaborator {
  id: string;
  displayName: string;
  email: string;
  roles: string[];
}

export interface ClientCreate {
  fullName: string;
  email?: string | null;
  phone?: string | null;
  companyName?: string | null;
  firstContactOn?: string;
  notes?: string | null;
}

export interface ContractCreate {
  clientId: string;
  totalAmountCents: number;
  amountDueCents?: number;
  notes?: string | null;
}

export interface EventCreate {
  name: string;
  contractId: string;
  startsAt: string;
  endsAt: string;
  supportContactId?: string | null;
  location?: string | null;
  attendees?: number | null;
  notes?: string | null;
}

export interface PaymentCreate {
  amountCents: number;
  paidOn: string;
  method: PaymentMethod;
  reference?: string | null;
}

/** One line of an imported sheet (domain/events/spreadsheet-import.ts). */
export interface ImportRow {
  row: number;
  key: string;
  field?: string;
  value: string;
  outcome: 'mapped' | 'warning' | 'error';
  message?: string;
}

export interface ImportCreatedRef {
  /** Absent on a dry run. */
  id?: string;
  number: number;
  name?: string;
}

export interface ImportSheetReport {
  sheet: string;
  title: string | null;
  status: 'created' | 'skipped' | 'rejected';
  eventId?: string;
  eventNumber?: number;
  rows: ImportRow[];
  created: { client?: ImportCreatedRef; contract?: ImportCreatedRef; event?: ImportCreatedRef };
  messages: string[];
}

export interface ImportReport {
  filename: string | null;
  dryRun: boolean;
  sheets: ImportSheetReport[];
  totals: { sheets: number; created: number; skipped: number; rejected: number; clientsCreated: number; contractsCreated: number; warnings: number; errors: number };
  processesJoined: number;
}

/** The three record kinds, as their path under /events. */
export type EventsKind = 'clients' | 'contracts' | 'events';

export interface EventsRecordOf {
  clients: EventClient;
  contracts: EventContract;
  events: EventRecord;
}

/** List query: `filters` are sent as they are (`signed=false`, `salesContactId=me`…). */
export interface EventsListQuery {
  limit?: number;
  cursor?: string | null;
  sort?: string;
  q?: string;
  filters?: Record<string, string | null | undefined>;
}

const enc = encodeURIComponent;

function listOf<K extends EventsKind>(kind: K) {
  return (query: EventsListQuery, signal?: AbortSignal) => {
    const { filters, ...rest } = query;
    return http.get<Page<EventsRecordOf[K]>>(`/events/${kind}`, { limit: 50, ...rest, ...filters }, signal);
  };
}

function recordApi<K extends EventsKind>(kind: K) {
  return {
    list: listOf(kind),
    get: (id: string) => http.get<EventsRecordOf[K]>(`/events/${kind}/${enc(id)}`),
    update: (id: string, patch: Record<string, unknown>, version: number) => http.patch<EventsRecordOf[K]>(`/events/${kind}/${enc(id)}`, patch, version),
    history: (id: string) => http.get<{ items: HistoryEntry[] }>(`/events/${kind}/${enc(id)}/history`),
  };
}

export const eventsApi = {
  clients: { ...recordApi('clients'), create: (body: ClientCreate) => http.post<EventClient>('/events/clients', body) },
  contracts: {
    ...recordApi('contracts'),
    create: (body: ContractCreate) => http.post<EventContract>('/events/contracts', body),
    sign: (id: string) => http.post<EventContract>(`/events/contracts/${enc(id)}/sign`, undefined),
    payments: (id: string) => http.get<{ items: Payment[] }>(`/events/contracts/${enc(id)}/payments`),
    addPayment: (id: string, body: PaymentCreate) => http.post<{ payment: Payment; contract: EventContract }>(`/events/contracts/${enc(id)}/payments`, body),
  },
  events: {
    ...recordApi('events'),
    create: (body: EventCreate) => http.post<EventRecord>('/events/events', body),
    close: (id: string, notes: string | null) => http.post<EventRecord>(`/events/events/${enc(id)}/close`, notes ? { notes } : {}),
    /** Imports the legacy spreadsheet (.xlsx, multipart field `file`); `dryRun` answers the report without writing. */
    importSpreadsheet: (file: File, dryRun: boolean) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return http.post<ImportReport>('/events/events/import', form, { query: { dryRun: String(dryRun) } });
    },
  },
  collaborators: (role: CollaboratorRole) => http.get<{ items: Collaborator[] }>('/events/collaborators', { role }),
};

export type { HistoryEntry, Page };

/** The calls every record kind answers, typed by kind (list stores and the editor are generic). */
export interface EventsRecordApi<K extends EventsKind> {
  list(query: EventsListQuery, signal?: AbortSignal): Promise<Page<EventsRecordOf[K]>>;
  get(id: string): Promise<EventsRecordOf[K]>;
  update(id: string, patch: Record<string, unknown>, version: number): Promise<EventsRecordOf[K]>;
  history(id: string): Promise<{ items: HistoryEntry[] }>;
}

export function recordsApi<K extends EventsKind>(kind: K): EventsRecordApi<K> {
  return eventsApi[kind] as unknown as EventsRecordApi<K>;
}
