import type { HistoryEntry, Page } from '@/api/accounts.api';
import { http, request } from '@/api/client';

/** Tickets (spec 003 §2.3.1) — /api/v1/psa/tickets: list, read, open, change, status, comments, timeline. */

export const TICKET_STATUSES = ['open', 'in-progress', 'waiting', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'critical'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** The moves the API accepts from each status (domain/psa/ticket-status.ts). */
export const TICKET_TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  open: ['in-progress', 'waiting', 'resolved', 'closed'],
  'in-progress': ['open', 'waiting', 'resolved', 'closed'],
  waiting: ['open', 'in-progress', 'resolved', 'closed'],
  resolved: ['open', 'in-progress', 'closed'],
  closed: [],
};

export interface Ticket {
  id: string;
  number: number;
  accountId: string;
  accountName: string;
  title: string;
  description: string | null;
  status: TicketStatus;
  priority: TicketPriority;
  source: 'manual' | 'email' | 'portal' | 'rmm';
  contactId: string | null;
  contactName: string | null;
  contractId: string | null;
  contractName: string | null;
  machineId: string | null;
  machineHostname: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  teamId: string | null;
  teamName: string | null;
  queueId: string | null;
  queueName: string | null;
  slaPolicyId: string | null;
  requesterEmail: string | null;
  responseDueAt: string | null;
  resolutionDueAt: string | null;
  slaDueAt: string | null;
  firstResponseAt: string | null;
  slaPausedSince: string | null;
  responseBreachedAt: string | null;
  resolutionBreachedAt: string | null;
  slaLevel: number | null;
  resolvedAt: string | null;
  closedAt: string | null;
  approvedMinutes: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface TicketComment {
  id: string;
  ticketId: string;
  authorId: string | null;
  authorName: string | null;
  authorEmail: string | null;
  visibility: 'public' | 'internal';
  source: 'web' | 'portal' | 'email';
  body: string;
  createdAt: string;
}

export interface TicketTime {
  id: string;
  startedAt: string;
  minutes: number;
  kind: string;
  status: string;
  description: string | null;
  userName: string | null;
}

/** A file kept from an inbound mail (a document of the client); `commentId` null for the mail that opened the ticket. */
export interface TicketAttachment {
  id: string;
  commentId: string | null;
  filename: string;
  mimeType: string;
  sizeBytes: number;
  createdAt: string;
  url: string;
}

export type TimelineItem =
  | { kind: 'comment'; at: string; comment: TicketComment }
  | { kind: 'attachment'; at: string; attachment: TicketAttachment }
  | { kind: 'change'; at: string; change: HistoryEntry }
  | { kind: 'time'; at: string; time: TicketTime };

export interface TicketCreate {
  accountId: string;
  title: string;
  priority: TicketPriority;
  description?: string | null;
  contractId?: string | null;
  assigneeId?: string | null;
}

export interface Choice {
  id: string;
  name: string;
}

const enc = encodeURIComponent;
const BASE = '/psa/tickets';

export const ticketsApi = {
  list: (query: { limit?: number; cursor?: string | null; sort?: string; q?: string; filters?: Record<string, string | null | undefined> }, signal?: AbortSignal) => {
    const { filters, ...rest } = query;
    return http.get<Page<Ticket>>(BASE, { limit: 50, ...rest, ...filters }, signal);
  },
  get: (id: string) => http.get<Ticket>(`${BASE}/${enc(id)}`),
  create: (body: TicketCreate, idempotencyKey: string) => http.post<Ticket>(BASE, body, { idempotencyKey }),
  update: (id: string, patch: Partial<Ticket>, version: number) => http.patch<Ticket>(`${BASE}/${enc(id)}`, patch, version),
  setStatus: (id: string, status: TicketStatus, idempotencyKey: string, note?: string) =>
    http.post<Ticket>(`${BASE}/${enc(id)}/status`, note ? { status, note } : { status }, { idempotencyKey }),
  comments: (id: string) => http.get<{ items: TicketComment[] }>(`${BASE}/${enc(id)}/comments`),
  addComment: (id: string, body: string, visibility: 'public' | 'internal', idempotencyKey: string) =>
    http.post<{ comment: TicketComment; ticket: Ticket }>(`${BASE}/${enc(id)}/comments`, { body, visibility }, { idempotencyKey }),
  timeline: (id: string) => http.get<{ items: TimelineItem[] }>(`${BASE}/${enc(id)}/timeline`),
  /** An attachment's bytes (its url is the document's, under /api/v1). */
  attachment: (a: TicketAttachment) => request<Blob>('GET', a.url.replace(/^\/api\/v1/, ''), { responseType: 'blob', accept: '*/*' }),
  queues: () => http.get<{ items: Choice[] }>(`${BASE}/queues`),
  assignees: () => http.get<{ items: Array<{ id: string; displayName: string }> }>(`${BASE}/assignees`),
  teams: () => http.get<{ items: Choice[] }>('/planning/teams').catch(() => ({ items: [] as Choice[] })),
};
