import type { Ticket } from './tickets.api';

export type SlaState =
  | { kind: 'none' | 'met' | 'paused' }
  | { kind: 'left' | 'breached'; minutes: number; atRisk: boolean };

/** Where a ticket stands against its next SLA deadline at `now` (the list's chips, the panel). */
export function slaStateOf(ticket: Pick<Ticket, 'status' | 'slaDueAt' | 'slaPausedSince' | 'slaLevel' | 'responseBreachedAt' | 'resolutionBreachedAt' | 'firstResponseAt'>, now: number): SlaState {
  if (ticket.status === 'resolved' || ticket.status === 'closed') return { kind: 'met' };
  if (ticket.status === 'waiting' || ticket.slaPausedSince) return { kind: 'paused' };
  const recorded = ticket.resolutionBreachedAt ?? (ticket.firstResponseAt ? null : ticket.responseBreachedAt);
  if (!ticket.slaDueAt) return recorded ? { kind: 'breached', minutes: Math.max(0, Math.round((now - Date.parse(recorded)) / 60_000)), atRisk: true } : { kind: 'none' };
  const minutes = Math.round((Date.parse(ticket.slaDueAt) - now) / 60_000);
  if (minutes < 0 || recorded) return { kind: 'breached', minutes: Math.abs(Math.min(minutes, 0)), atRisk: true };
  return { kind: 'left', minutes, atRisk: minutes < 60 || (ticket.slaLevel ?? 0) >= 70 };
}

/** « 45 min », « 3 h 05 », « 2 j 4 h ». */
export function formatDuration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')}`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} j ${hours % 24} h` : `${days} j`;
}
