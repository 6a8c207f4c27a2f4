import type { Page } from '@/api/accounts.api';
import { http, request } from '@/api/client';

/** Audit missions (spec 000, issue 16) — /api/v1/audits/missions: list, read, status, sites; the dashboard. */

export const MISSION_STATUSES = ['new', 'planned', 'on_site', 'drafting', 'review', 'delivered', 'anonymised'] as const;
export type MissionStatus = (typeof MISSION_STATUSES)[number];
export const MISSION_SCOPES = ['network', 'servers', 'applications', 'workstations', 'physical_access', 'awareness', 'documentation', 'access_rights'] as const;

/** The moves the server allows (domain/audits/mission-status.ts), to offer only those. */
export const MISSION_TRANSITIONS: Readonly<Record<MissionStatus, readonly MissionStatus[]>> = {
  new: ['planned'], planned: ['new', 'on_site'], on_site: ['planned', 'drafting'], drafting: ['review'], review: ['drafting', 'delivered'], delivered: ['anonymised'], anonymised: [],
};

/** Each status's chip colour, from the first steps (neutral) to delivered (success). */
export const STATUS_COLORS: Readonly<Record<MissionStatus, string>> = {
  new: 'grey-darken-1', planned: 'blue-darken-2', on_site: 'deep-orange-darken-4', drafting: 'purple-darken-1', review: 'brown-darken-1', delivered: 'green-darken-3', anonymised: 'blue-grey-darken-2',
};

export interface Mission {
  id: string;
  number: number;
  accountId: string;
  accountName: string;
  title: string;
  status: MissionStatus;
  scopes: string[];
  startsOn: string | null;
  endsOn: string | null;
  leadId: string | null;
  leadName: string | null;
  auditorIds: string[];
  auditorNames: string[];
  quoteId: string | null;
  quoteNumber: string | null;
  summary: string | null;
  deliveredAt: string | null;
  anonymisedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface MissionSite {
  id: string;
  siteId: string;
  siteName: string;
  city: string | null;
  onSiteFrom: string | null;
  onSiteTo: string | null;
  notes: string | null;
}

export interface MissionInvoice { id: string; number: string | null; status: string; amountDueCents: number; totalCents?: number }

/** An auditor's agenda entry over the mission's days on site. */
export interface AvailabilityConflict { userId: string; userName: string; siteName: string; entry: { id: string; kind: string; title: string; absenceReason: string | null; startsAt: string; endsAt: string } }

export interface MissionsDashboard {
  byStatus: Record<MissionStatus, number>;
  upcoming: Array<{ id: string; number: number; title: string; accountName: string; siteName: string; onSiteFrom: string; onSiteTo: string | null; status: MissionStatus }>;
  awaitingReview: Array<{ id: string; number: number; title: string; accountName: string; submittedAt: string | null }> | null;
  unpaidInvoices: { count: number; amountDueCents: number; items: Array<{ id: string; number: string | null; accountName: string; amountDueCents: number; dueDate: string | null; overdue: boolean }> } | null;
  dueForAnonymisation: Array<{ id: string; number: number; title: string; accountName: string; deliveredAt: string; dueOn: string; overdue: boolean }>;
}

const enc = encodeURIComponent;
const BASE = '/audits/missions';

export const missionsApi = {
  list: (query: { limit?: number; cursor?: string | null; sort?: string; q?: string; filters?: Record<string, string | null | undefined> }, signal?: AbortSignal) => {
    const { filters, ...rest } = query;
    return http.get<Page<Mission>>(BASE, { limit: 50, ...rest, ...filters }, signal);
  },
  get: (id: string) => http.get<Mission>(`${BASE}/${enc(id)}`),
  create: (body: { accountId: string; title: string; scopes: string[]; startsOn: string | null; endsOn: string | null; leadId: string | null }, idempotencyKey: string) =>
    http.post<Mission>(BASE, body, { idempotencyKey }),
  update: (id: string, patch: { title: string; scopes: string[]; startsOn: string | null; endsOn: string | null; leadId: string | null; auditorIds: string[] }, version: number) =>
    http.patch<Mission>(`${BASE}/${enc(id)}`, patch, version),
  sites: (id: string) => http.get<{ items: MissionSite[] }>(`${BASE}/${enc(id)}/sites`),
  setSite: (id: string, siteId: string, days: { onSiteFrom: string | null; onSiteTo: string | null }) => request<MissionSite>('PUT', `${BASE}/${enc(id)}/sites/${enc(siteId)}`, { body: days }),
  removeSite: (id: string, siteId: string) => request<void>('DELETE', `${BASE}/${enc(id)}/sites/${enc(siteId)}`),
  changeStatus: (id: string, status: MissionStatus, reason?: string) => http.post<Mission>(`${BASE}/${enc(id)}/status`, { status, ...(reason ? { reason } : {}) }),
  invoices: (quoteId: string) => http.get<Page<MissionInvoice>>('/billing/invoices', { quoteId, limit: 20 }),
  availability: (id: string) => http.get<{ items: AvailabilityConflict[] }>(`${BASE}/${enc(id)}/availability`),
  plan: (id: string) => http.post<{ created: number; mission: Mission }>(`${BASE}/${enc(id)}/plan`, {}),
  dashboard: () => http.get<MissionsDashboard>('/audits/dashboard'),
};
