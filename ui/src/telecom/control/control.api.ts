import { http } from '@/api/client';

/** The billing control (spec 002 §7, ADR 0045) — /api/v1/telecom/anomalies, supplier-invoices, control-runs, control-reports. */
export const ANOMALY_KINDS = ['terminated-still-billed', 'purchase-price-gap'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];
export const ANOMALY_STATUSES = ['open', 'fixing', 'resolved', 'dismissed'] as const;
export type AnomalyStatus = (typeof ANOMALY_STATUSES)[number];
export const FIX_ACTIONS = ['terminate-billing', 'dispute', 'update-catalogue'] as const;
export type FixAction = (typeof FIX_ACTIONS)[number];

/** Which fixes suit which kind (the server refuses the others). */
export const FIXES_FOR: Readonly<Record<AnomalyKind, readonly FixAction[]>> = {
  'terminated-still-billed': ['terminate-billing', 'dispute'],
  'purchase-price-gap': ['update-catalogue', 'dispute'],
};

export const STATUS_COLORS: Readonly<Record<AnomalyStatus, string>> = {
  open: 'red-darken-3', fixing: 'deep-orange-darken-4', resolved: 'green-darken-3', dismissed: 'grey-darken-2',
};

export interface Anomaly {
  id: string;
  kind: AnomalyKind;
  lineId: string;
  lineNumber: string | null;
  accountId: string;
  accountName: string | null;
  operatorKey: string;
  source: 'billing-system' | 'operator-invoice';
  productCode: string | null;
  /** Left out without « voir marge ». */
  billedCents?: number;
  expectedCents?: number | null;
  monthlyLossCents: number;
  lossToDateCents: number;
  since: string;
  firstPeriod: string;
  lastSeenPeriod: string;
  status: AnomalyStatus;
  fixAction: FixAction | null;
  fixDeploymentId: string | null;
  recoveredCents: number;
  resolvedAt: string | null;
  resolutionNote: string | null;
  version: number;
}

export interface SupplierInvoice { id: string; operatorKey: string; period: string; reference: string; source: string; fileName: string | null; rowCount: number; totalCents: number; createdAt: string }
export interface ControlRun { id: string; period: string; trigger: string; status: string; found: number; opened: number; resolved: number; createdAt: string }
export interface ControlReport {
  period: string;
  lastRunAt: string | null;
  invoices: Array<{ id: string; operatorKey: string; reference: string; source: string; rowCount: number; totalCents: number }>;
  byKind: Array<{ kind: AnomalyKind; found: number; open: number; fixing: number; resolved: number; dismissed: number; monthlyLossCents: number }>;
  openMonthlyLossCents: number;
  resolvedInPeriod: number;
  recoveredCents: number;
  monthlySavingsCents: number;
}

const enc = encodeURIComponent;

export const controlApi = {
  anomalies: (query: { kind?: string | null; status?: string | null; accountId?: string | null; cursor?: string | null; limit?: number }) =>
    http.get<{ items: Anomaly[]; nextCursor: string | null }>('/telecom/anomalies', Object.fromEntries(Object.entries({ limit: 50, ...query }).filter(([, v]) => v !== null && v !== undefined && v !== ''))),
  anomaly: (id: string) => http.get<Anomaly>(`/telecom/anomalies/${enc(id)}`),
  fix: (id: string, action: FixAction, note?: string) => http.post<Anomaly>(`/telecom/anomalies/${enc(id)}/fix`, { action, ...(note ? { note } : {}) }),
  decide: (a: Anomaly, body: { status: 'resolved' | 'dismissed' | 'open'; recoveredCents?: number; note?: string }) =>
    http.post<Anomaly>(`/telecom/anomalies/${enc(a.id)}/decision`, body, { ifMatch: a.version }),
  report: (period: string) => http.get<ControlReport>(`/telecom/control-reports/${enc(period)}`),
  run: (period: string) => http.post<ControlRun>('/telecom/control-runs', { period }),
  invoices: () => http.get<{ items: SupplierInvoice[] }>('/telecom/supplier-invoices'),
  importCsv: (body: { operatorKey: string; period: string; reference: string; fileName?: string; csv: string }) => http.post<SupplierInvoice>('/telecom/supplier-invoices', body),
  fetchFromOperator: (operatorKey: string, period: string) => http.post<SupplierInvoice>('/telecom/supplier-invoices/fetch', { operatorKey, period }),
};

/** This month, `YYYY-MM` (the browser's clock). */
export function thisMonth(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}
