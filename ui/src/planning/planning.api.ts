import type { HistoryEntry, Page } from '@/api/accounts.api';
import { http, request } from '@/api/client';

/**
 * The planning context's API (/api/v1/planning, domain/planning): agenda entries (records with
 * If-Match and history), teams, people, capacity, records to plan and the iCalendar feed address.
 */
export type EntryKind = 'intervention' | 'absence' | 'appointment';
export type InterventionMode = 'remote' | 'on-site';
export type AbsenceReason = 'holiday' | 'sick' | 'training' | 'other';
export type EntryStatus = 'planned' | 'done' | 'cancelled';

export interface PlanningEntry {
  id: string;
  version: number;
  userId: string;
  userName: string | null;
  kind: EntryKind;
  mode: InterventionMode | null;
  absenceReason: AbsenceReason | null;
  status: EntryStatus;
  title: string;
  notes: string | null;
  startsAt: string;
  endsAt: string;
  allDay: boolean;
  recordType: string | null;
  recordId: string | null;
  accountId: string | null;
  accountName: string | null;
  siteId: string | null;
  siteName: string | null;
}

export type EntryInput = Partial<Pick<PlanningEntry, 'userId' | 'kind' | 'mode' | 'absenceReason' | 'status' | 'title' | 'notes' | 'startsAt' | 'endsAt' | 'allDay' | 'recordType' | 'recordId' | 'accountId' | 'siteId'>>;

export interface PlanningTeam {
  id: string;
  version: number;
  name: string;
  color: string | null;
  memberIds: string[];
}

export interface AgendaPerson {
  id: string;
  name: string;
  teamIds: string[];
}

export interface PersonWeek {
  week: string;
  availableHours: number;
  plannedHours: number;
  loadPercent: number | null;
}

export interface Capacity {
  teamId: string;
  teamName: string;
  people: Array<{ userId: string; name: string; weeks: PersonWeek[] }>;
  totals: PersonWeek[];
}

export interface PlannableItem {
  recordType: string;
  recordId: string;
  title: string;
  subtitle: string | null;
  accountId: string | null;
  accountName: string | null;
  siteId: string | null;
  priority: string | null;
  suggestedMinutes: number;
  source: { fr: string; en: string };
}

const ENTRIES = '/planning/entries';

/** Every entry between two instants (pages of 200 followed to the end), for a person or a team. */
async function entriesBetween(from: string, to: string, filter: { userId?: string; teamId?: string }): Promise<PlanningEntry[]> {
  const out: PlanningEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await http.get<Page<PlanningEntry>>(ENTRIES, { from, to, limit: 200, ...filter, cursor });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

export const planningApi = {
  entriesBetween,
  createEntry: (input: EntryInput, idempotencyKey: string) => http.post<PlanningEntry>(ENTRIES, input, { idempotencyKey }),
  updateEntry: (id: string, patch: EntryInput, version: number) => http.patch<PlanningEntry>(`${ENTRIES}/${id}`, patch, version),
  deleteEntry: (id: string, version: number) => request<void>('DELETE', `${ENTRIES}/${id}`, { ifMatch: version }),
  entryHistory: (id: string) => http.get<{ items: HistoryEntry[] }>(`${ENTRIES}/${id}/history`),
  people: () => http.get<{ items: AgendaPerson[] }>('/planning/people'),
  teams: () => http.get<Page<PlanningTeam>>('/planning/teams', { limit: 200 }),
  createTeam: (name: string, idempotencyKey: string) => http.post<PlanningTeam>('/planning/teams', { name }, { idempotencyKey }),
  renameTeam: (id: string, name: string, version: number) => http.patch<PlanningTeam>(`/planning/teams/${id}`, { name }, version),
  deleteTeam: (id: string, version: number) => request<void>('DELETE', `/planning/teams/${id}`, { ifMatch: version }),
  setMembers: (id: string, userIds: string[]) => request<PlanningTeam>('PUT', `/planning/teams/${id}/members`, { body: { userIds } }),
  capacity: (teamId: string, from: string, to: string) => http.get<Capacity>('/planning/capacity', { teamId, from, to }),
  toPlan: (teamId: string | null) => http.get<{ items: PlannableItem[] }>('/planning/to-plan', { teamId }),
  icalFeed: () => http.get<{ active: boolean; since: string | null }>('/planning/ical-feed'),
  renewIcalFeed: (idempotencyKey: string) => http.post<{ token: string; path: string }>('/planning/ical-feed', undefined, { idempotencyKey }),
};
