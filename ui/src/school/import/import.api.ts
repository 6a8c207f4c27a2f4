import { http, request } from '@/api/client';

/** The registry import (api/school/import.router.ts, ADR 0050): upload and dry run, runs, mappings, the drop folder. */
export type Outcome = 'create' | 'update' | 'unchanged' | 'rejected';

export interface ReportValues {
  lastName: string | null;
  firstName: string | null;
  /** Masked: its last four characters only. */
  nir: string | null;
  status: string | null;
  address: string | null;
  postalCode: string | null;
  city: string | null;
  personalPhone: string | null;
  professionalPhone: string | null;
  company: string | null;
  cursus: string | null;
}

export interface ReportRow {
  row: number;
  outcome: Outcome;
  reason?: string;
  reasonCode?: string;
  warnings?: string[];
  changed?: string[];
  values: ReportValues;
}

export interface Counts { total: number; created: number; updated: number; unchanged: number; rejected: number }

export interface ImportReport {
  runId: string;
  dryRun: boolean;
  mapping: { id: string; name: string; version: number };
  counts: Counts;
  rows: ReportRow[];
}

export interface ImportRun extends Counts {
  id: string;
  source: 'upload' | 'schedule' | 'cli';
  fileName: string | null;
  dryRun: boolean;
  status: 'running' | 'done' | 'failed';
  mappingId: string | null;
  mappingVersion: number | null;
  errorCode: string | null;
  runDay: string | null;
  attempts: number;
  startedAt: string;
  finishedAt: string | null;
}

export const MAPPING_FIELDS = ['name', 'nir', 'status', 'address', 'company', 'phones', 'cursus'] as const;
export type MappingField = (typeof MAPPING_FIELDS)[number];
export type MappingColumns = Partial<Record<MappingField, string>> & { name: string; nir: string; status: string };

export interface Mapping {
  id: string;
  name: string;
  version: number;
  columns: MappingColumns;
  createdAt: string;
  createdBy: string | null;
}

export interface ImportSettings {
  dropFolder: string | null;
  ownerUserId: string | null;
  mappingName: string | null;
  enabled: boolean;
  hour: number;
  updatedAt: string | null;
}

export const importApi = {
  upload: (file: File, dryRun: boolean, mappingId?: string) => {
    const body = new FormData();
    body.append('file', file);
    return request<ImportReport>('POST', '/school/students/import', { body, query: { ...(dryRun ? { dryRun: 'true' } : {}), ...(mappingId ? { mappingId } : {}) } });
  },
  runs: () => http.get<{ items: ImportRun[] }>('/school/imports', { limit: 30 }),
  run: (id: string) => http.get<ImportRun & { rows: ReportRow[] }>(`/school/imports/${encodeURIComponent(id)}`),
  mappings: () => http.get<{ items: Mapping[] }>('/school/import-mappings'),
  saveMapping: (name: string, columns: MappingColumns) => http.post<Mapping>('/school/import-mappings', { name, columns }),
  settings: () => http.get<ImportSettings>('/school/import-settings'),
  saveSettings: (body: Omit<ImportSettings, 'updatedAt'>) => request<ImportSettings>('PUT', '/school/import-settings', { body }),
};
