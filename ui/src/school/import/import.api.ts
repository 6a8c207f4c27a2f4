import type { ImportSettingsInput, Mapping, MappingColumns } from '@domain/school/import-mapping.schema';
import type { ImportReportAnswer, ImportRunSummary, ReportRowAnswer, RowOutcome } from '@domain/school/import-report.schema';
import { http, request } from '@/api/client';

/** The registry import (api/school/import.router.ts, ADR 0050): upload and dry run, runs, mappings, the drop folder. */
export type { ImportCounts as Counts, ReportValues } from '@domain/school/import-report.schema';
export type ImportRun = ImportRunSummary;
export type Outcome = RowOutcome;
export type ReportRow = ReportRowAnswer;
export type ImportReport = ImportReportAnswer;

export { IMPORT_FIELDS as MAPPING_FIELDS } from '@domain/school/import-mapping.schema';
export type { ImportField as MappingField, Mapping, MappingColumns } from '@domain/school/import-mapping.schema';
export type ImportSettings = ImportSettingsInput & { updatedAt: string | null };

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
