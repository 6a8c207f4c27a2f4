import type { Page } from '@/api/accounts.api';
import { http } from '@/api/client';

/** MSP contracts and hour banks (spec 003 §2.2) — /api/v1/psa/contracts: list, read, create, change, the ledger, packs. */

export const CONTRACT_TYPES = ['hour-bank', 'subscription', 'time-and-material'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];
export const CONTRACT_STATUSES = ['draft', 'active', 'ended'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
/** The packs an hour bank sells most (10 h, 20 h, 50 h), in minutes. */
export const PACK_SIZES = [600, 1200, 3000] as const;

export type AlertThreshold = { percent: number } | { minutes: number };

export interface Contract {
  id: string;
  number: number;
  accountId: string;
  accountName: string;
  name: string;
  type: ContractType;
  status: ContractStatus;
  startDate: string;
  endDate: string | null;
  hourlyRateCents: number;
  packMinutes: number | null;
  packPriceCents: number | null;
  remainingMinutes: number;
  purchasedMinutes: number;
  alertThresholds: AlertThreshold[];
  subscriptionId: string | null;
  accountManagerId: string | null;
  accountManagerName: string | null;
  clientContactId: string | null;
  notes: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface HourMovement {
  id: string;
  kind: 'purchase' | 'consumption' | 'reversal' | 'adjustment';
  minutes: number;
  balanceMinutes: number;
  timeEntryId: string | null;
  ticketId: string | null;
  ticketNumber: number | null;
  ticketTitle: string | null;
  invoiceId: string | null;
  invoiceNumber: string | null;
  reason: string | null;
  createdByName: string | null;
  createdAt: string;
}

export interface ContractHours {
  contractId: string;
  remainingMinutes: number;
  purchasedMinutes: number;
  packMinutes: number | null;
  alertThresholds: AlertThreshold[];
  items: HourMovement[];
}

export interface ContractCreate {
  accountId: string;
  name: string;
  type: ContractType;
  startDate: string;
  hourlyRateCents?: number;
  packMinutes?: number | null;
  packPriceCents?: number | null;
  alertThresholds?: AlertThreshold[];
  subscription?: { basis: 'machine' | 'user' | 'site' | 'flat'; quantity: number; description: string; unitPriceCents: number };
}

const enc = encodeURIComponent;
const BASE = '/psa/contracts';

export const contractsApi = {
  list: (query: { limit?: number; cursor?: string | null; sort?: string; q?: string; filters?: Record<string, string | null | undefined> }, signal?: AbortSignal) => {
    const { filters, ...rest } = query;
    return http.get<Page<Contract>>(BASE, { limit: 50, ...rest, ...filters }, signal);
  },
  get: (id: string) => http.get<Contract>(`${BASE}/${enc(id)}`),
  create: (body: ContractCreate, idempotencyKey: string) => http.post<Contract>(BASE, body, { idempotencyKey }),
  update: (id: string, patch: Partial<Contract>, version: number) => http.patch<Contract>(`${BASE}/${enc(id)}`, patch, version),
  hours: (id: string) => http.get<ContractHours>(`${BASE}/${enc(id)}/hours`),
  buyPack: (id: string, body: { minutes?: number; issue?: boolean }, idempotencyKey: string) =>
    http.post<{ contract: Contract; invoice: { id: string; number: string | null; status: string } }>(`${BASE}/${enc(id)}/packs`, body, { idempotencyKey }),
};

/** The minutes of a threshold's level for a pack (20 % of 10 h = 120). */
export function thresholdMinutes(threshold: AlertThreshold, packMinutes: number): number {
  return 'percent' in threshold ? Math.floor((packMinutes * threshold.percent) / 100) : threshold.minutes;
}

/** How thresholds are typed and shown: « 20 %, 10 %, 2 h » (percent of the pack, or hours / minutes left). */
export function thresholdsText(thresholds: readonly AlertThreshold[]): string {
  return thresholds.map((th) => ('percent' in th ? `${th.percent} %` : formatMinutes(th.minutes))).join(', ');
}

/** « 20 %, 10 %, 2 h, 1 h 30, 45 min » → thresholds; null when a part is not one. */
export function parseThresholds(text: string): AlertThreshold[] | null {
  const parts = text.split(/[,;]/).map((p) => p.trim().toLowerCase()).filter(Boolean);
  const out: AlertThreshold[] = [];
  for (const part of parts) {
    const percent = /^(\d{1,2})\s*%$/.exec(part);
    const hours = /^(\d{1,4})\s*h(?:\s*(\d{1,2}))?$/.exec(part);
    const minutes = /^(\d{1,5})\s*min$/.exec(part);
    if (percent) out.push({ percent: Number(percent[1]) });
    else if (hours) out.push({ minutes: Number(hours[1]) * 60 + Number(hours[2] ?? 0) });
    else if (minutes) out.push({ minutes: Number(minutes[1]) });
    else return null;
  }
  return out;
}

/** « 1 h 30 », « 10 h », « 45 min ». */
export function formatMinutes(total: number): string {
  const sign = total < 0 ? '−' : '';
  const abs = Math.abs(total);
  const hours = Math.floor(abs / 60);
  const rest = abs % 60;
  if (hours === 0 && rest > 0) return `${sign}${rest} min`;
  return `${sign}${hours} h${rest ? ` ${String(rest).padStart(2, '0')}` : ''}`;
}
