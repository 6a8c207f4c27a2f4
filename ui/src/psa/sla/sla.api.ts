import type { Page } from '@/api/accounts.api';
import { http, request } from '@/api/client';
import type { Holiday, WeeklyHours } from './sla-settings';

export type { Holiday, WeeklyHours };

/** SLA policies and the business calendars they count in — /api/v1/psa/sla-policies, /api/v1/psa/business-calendars. */
export type TicketPriority = 'low' | 'normal' | 'high' | 'critical';
export interface SlaTarget {
  responseMinutes: number;
  resolutionMinutes: number;
}
export type SlaTargets = Record<TicketPriority, SlaTarget>;

export interface SlaPolicy {
  id: string;
  version: number;
  name: string;
  calendarId: string | null;
  calendarName: string | null;
  targets: SlaTargets;
  escalationPercents: number[];
  isDefault: boolean;
}

export interface BusinessCalendar {
  id: string;
  version: number;
  name: string;
  timeZone: string;
  weeklyHours: WeeklyHours;
  isDefault: boolean;
  holidays: Holiday[];
}
export type CalendarChange = Partial<Pick<BusinessCalendar, 'name' | 'timeZone' | 'weeklyHours' | 'holidays'>>;

const POLICIES = '/psa/sla-policies';
const CALENDARS = '/psa/business-calendars';
const enc = encodeURIComponent;

export const slaApi = {
  list: (query: { limit?: number; cursor?: string | null; sort?: string; q?: string; filters?: Record<string, string | null | undefined> }, signal?: AbortSignal) => {
    const { filters, ...rest } = query;
    return http.get<Page<SlaPolicy>>(POLICIES, { limit: 50, ...rest, ...filters }, signal);
  },
  get: (id: string) => http.get<SlaPolicy>(`${POLICIES}/${enc(id)}`),
  update: (id: string, patch: Partial<Pick<SlaPolicy, 'name' | 'targets'>>, version: number) => http.patch<SlaPolicy>(`${POLICIES}/${enc(id)}`, patch, version),
  calendars: () => http.get<{ items: BusinessCalendar[] }>(CALENDARS),
  changeCalendar: (id: string, change: CalendarChange) => request<BusinessCalendar>('PUT', `${CALENDARS}/${enc(id)}`, { body: change }),
};
