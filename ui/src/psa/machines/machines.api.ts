import type { Page } from '@/api/accounts.api';
import { http } from '@/api/client';

/** Machines (the RMM's place) and the mail intake's triage — /api/v1/psa/machines, /api/v1/psa/inbound-mails. */
export interface Machine {
  id: string;
  version: number;
  accountId: string;
  accountName: string;
  hostname: string;
  siteId: string | null;
  siteName: string | null;
  osName: string | null;
  cpuModel: string | null;
  ramTotalMb: number | null;
  agentVersion: string | null;
  lastHeartbeatAt: string | null;
  openTickets: number;
}

export interface InboundMail {
  id: string;
  receivedAt: string;
  status: 'received' | 'ticket' | 'comment' | 'unknown-sender' | 'discarded' | 'failed';
  senderEmail: string | null;
  senderName: string | null;
  subject: string | null;
  excerpt: string | null;
  sizeBytes: number;
  ticketId: string | null;
  ticketNumber: number | null;
}

export const machinesApi = {
  listForAccount: (accountId: string) => http.get<Page<Machine>>('/psa/machines', { accountId, limit: 100 }),
  create: (body: { accountId: string; hostname: string; osName?: string }) => http.post<Machine>('/psa/machines', body),
};

export const inboundMailsApi = {
  list: () => http.get<{ items: InboundMail[] }>('/psa/inbound-mails'),
  address: () => http.get<{ address: string }>('/psa/inbound-mails/address'),
  assign: (id: string, accountId: string) => http.post<{ mail: InboundMail; ticket: { id: string; number: number } }>(`/psa/inbound-mails/${id}/assign`, { accountId }),
  discard: (id: string) => http.post<InboundMail>(`/psa/inbound-mails/${id}/discard`, {}),
};
