import type { Page } from '@/api/accounts.api';
import { http } from '@/api/client';

/** Time entries, their review and the timer (spec 003 §2.3.2) — /api/v1/psa/time-entries, /api/v1/psa/timer. */

export const TIME_KINDS = ['billable', 'non-billable', 'included', 'outside'] as const;
export type TimeKind = (typeof TIME_KINDS)[number];
export type TimeStatus = 'draft' | 'submitted' | 'approved' | 'changes-requested';

export interface TimeEntry {
  id: string;
  version: number;
  ticketId: string;
  ticketNumber: number;
  ticketTitle: string;
  accountName: string;
  userId: string;
  userName: string;
  startedAt: string;
  minutes: number;
  kind: TimeKind;
  status: TimeStatus;
  description: string | null;
  hourlyRateCents: number;
  priceCents: number;
  /** Internal cost and margin: answered only to who holds the field group `psa.time-entry.cost` (a manager, the admin). */
  costCents?: number;
  marginCents?: number;
  coveredMinutes: number;
  billedMinutes: number;
  reviewComment: string | null;
  reviewedByName: string | null;
}

export interface RunningTimer {
  ticketId: string;
  ticketNumber: number;
  ticketTitle: string;
  accountName: string;
  startedAt: string;
  note: string | null;
  elapsedSeconds: number;
}

const BASE = '/psa/time-entries';
const enc = encodeURIComponent;

export const timeApi = {
  list: (filters: Record<string, string>, cursor?: string | null) => http.get<Page<TimeEntry>>(BASE, { limit: 200, ...filters, ...(cursor ? { cursor } : {}) }),
  /** « Saisir du temps »: a draft entry on a ticket (the same body the timer's stop writes). */
  create: (body: { ticketId: string; minutes: number; kind: string; startedAt: string; description?: string }, idempotencyKey: string) => http.post<TimeEntry>(BASE, body, { idempotencyKey }),
  submit: (id: string) => http.post<TimeEntry>(`${BASE}/${enc(id)}/submit`, {}),
  approve: (id: string, idempotencyKey: string) => http.post<TimeEntry>(`${BASE}/${enc(id)}/approve`, {}, { idempotencyKey }),
  requestChanges: (id: string, comment: string, idempotencyKey: string) => http.post<TimeEntry>(`${BASE}/${enc(id)}/request-changes`, { comment }, { idempotencyKey }),
  timer: () => http.get<{ timer: RunningTimer | null; now: string }>('/psa/timer'),
  start: (ticketId: string) => http.post<{ timer: RunningTimer; now: string }>('/psa/timer/start', { ticketId }),
  stop: (idempotencyKey: string) => http.post<{ entry: TimeEntry; elapsedSeconds: number; capped: boolean }>('/psa/timer/stop', {}, { idempotencyKey }),
};

/** The Monday (yyyy-mm-dd, local) of the week of an instant. */
export function mondayOf(iso: string): string {
  const day = new Date(iso);
  const shift = (day.getDay() + 6) % 7;
  const monday = new Date(day.getFullYear(), day.getMonth(), day.getDate() - shift);
  return `${monday.getFullYear()}-${String(monday.getMonth() + 1).padStart(2, '0')}-${String(monday.getDate()).padStart(2, '0')}`;
}

/** « 1:02:05 »: a running timer's elapsed time. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
