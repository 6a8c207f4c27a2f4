import { defineStore } from 'pinia';
import { useRecordList } from '@/shared/record-list';
import { ticketsApi, type Ticket } from './tickets.api';

/** A ticket changed here (status, assignment) leaves a list whose quick filters it no longer fits. */
function stillMatches(row: Ticket, filters: Record<string, string>): boolean {
  if (filters.status && !filters.status.split(',').includes(row.status)) return false;
  if (filters.assigneeId === 'null' && row.assigneeId) return false;
  if (filters.open === 'true' && (row.status === 'resolved' || row.status === 'closed')) return false;
  return true;
}

/**
 * The tickets' list (the team's, and the portal's: the API answers a client user its company's):
 * search, quick filters (in the URL), the SLA order (breached first, then least time left) by
 * default; a ticket saved in the panel replaces its row.
 */
export const useTicketsStore = defineStore('psa-tickets', () => useRecordList<Ticket>({
  sortable: ['sla', 'number', 'createdAt', 'updatedAt'],
  defaultSort: { key: 'sla', order: 'asc' },
  stillMatches,
  fetch: (query, signal) => ticketsApi.list(query, signal),
}));

/** The portal's own list of its company's tickets, newest first. */
export const usePortalTicketsStore = defineStore('psa-portal-tickets', () => useRecordList<Ticket>({
  sortable: ['createdAt', 'number'],
  defaultSort: { key: 'createdAt', order: 'desc' },
  stillMatches,
  fetch: (query, signal) => ticketsApi.list(query, signal),
}));
