import type { Page } from '@/api/accounts.api';
import { http } from '@/api/client';

/** The pre-billing queue (spec 003 §6.3) — /api/v1/psa/pre-billing. */

export interface PrebillingItem {
  id: string;
  version: number;
  ticketId: string;
  ticketNumber: number;
  ticketTitle: string;
  accountId: string;
  accountName: string;
  status: 'pending' | 'invoiced' | 'excluded';
  minutes: number;
  amountCents: number;
  invoiceId: string | null;
  invoiceNumber: string | null;
  excludedReason: string | null;
  createdAt: string;
}

export interface PrebillingReport {
  items: Array<{ id: string; outcome: 'invoiced' | 'refused'; invoiceId: string | null; invoiceNumber: string | null; reason: string | null }>;
  invoices: Array<{ id: string; accountId: string; number: string | null; status: string; totalExcludingTaxCents: number; issueProblem: string | null }>;
}

const BASE = '/psa/pre-billing';

export const prebillingApi = {
  list: (status = 'pending') => http.get<Page<PrebillingItem>>(BASE, { limit: 200, status, sort: 'createdAt' }),
  invoice: (ids: string[], issue: boolean, idempotencyKey: string) => http.post<PrebillingReport>(`${BASE}/invoice`, { ids, issue }, { idempotencyKey }),
  exclude: (item: PrebillingItem, reason: string) => http.patch<PrebillingItem>(`${BASE}/${encodeURIComponent(item.id)}`, { status: 'excluded', excludedReason: reason }, item.version),
};
