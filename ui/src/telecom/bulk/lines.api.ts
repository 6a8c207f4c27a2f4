import { http } from '@/api/client';
import type { Page } from '@/api/accounts.api';

/** A line as `GET /telecom/lines` answers it (purchase price only for who may see margins). */
export interface TelecomLine {
  id: string;
  version: number;
  number: string;
  userName: string | null;
  accountId: string;
  accountName?: string;
  fleetId: string;
  fleetName?: string;
  planId: string | null;
  planName?: string | null;
  status: 'pending' | 'active' | 'suspended' | 'terminated';
  salePriceCents: number;
  purchasePriceCents?: number | null;
  /** An order placed at the operator and not confirmed yet (`suspend-line`…), or null. */
  pendingOrderKind?: string | null;
}

export interface CatalogueChoice {
  id: string;
  name: string;
  code: string;
  unitPriceCents: number;
}

/** The lines list (filters `status`, `fleetId`, `accountId`, `planId`; cursor paging) and the catalogue's plans and options. */
export const linesApi = {
  list: (query: { limit?: number; cursor?: string | null; sort?: string; q?: string; filters?: Record<string, string | null | undefined> }, signal?: AbortSignal) => {
    const { filters, ...rest } = query;
    return http.get<Page<TelecomLine>>('/telecom/lines', { limit: 50, ...rest, ...filters }, signal);
  },
  offers: (kind: 'plan' | 'option') => http.get<Page<CatalogueChoice>>('/catalogue-items', { kind, active: 'true', limit: 200, sort: 'name' }),
};
