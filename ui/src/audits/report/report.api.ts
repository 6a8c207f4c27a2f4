import { http, request } from '@/api/client';

/** The mission's report — /api/v1/audits/missions/{id}/report… (shapes: domain/audits/report/report.schema.ts). */
export const REPORT_STATUSES = ['draft', 'in_review', 'changes_requested', 'approved', 'delivered'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export type SerialDisplay = 'hidden' | 'last4' | 'full';

export interface ReportSection {
  id: string;
  key: string;
  position: number;
  title: string;
  body: string;
  origin: 'human' | 'assistant';
  assistantDraft: boolean;
  version: number;
}
export interface ReportComment {
  id: string;
  versionNumber: number;
  sectionKey: string;
  authorId: string | null;
  authorName: string | null;
  body: string;
  resolved: boolean;
  createdAt: string;
}
export interface ReportTemplate {
  coverTitle: string;
  footer: string | null;
  serialDisplay: SerialDisplay;
  organisationName: string;
  primaryColor: string;
  secondaryColor: string;
  logoText: string;
}
export interface Report {
  id: string;
  missionId: string;
  status: ReportStatus;
  currentVersion: number;
  version: number;
  template: ReportTemplate;
  submittedBy: string | null;
  submittedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  sections: ReportSection[];
  comments: ReportComment[];
  can: { edit: boolean; submit: boolean; review: boolean };
}
export interface ReportVersion {
  number: number;
  submittedBy: string | null;
  submittedByName: string | null;
  submittedAt: string;
  decision: 'approved' | 'changes_requested' | null;
  decidedBy: string | null;
  decidedAt: string | null;
  comments: ReportComment[];
}
export interface SectionInput {
  key: string;
  title: string;
  body: string;
  origin?: 'human' | 'assistant';
}

const enc = encodeURIComponent;
const base = (missionId: string) => `/audits/missions/${enc(missionId)}/report`;

export const reportApi = {
  get: (missionId: string) => http.get<Report>(base(missionId)),
  save: (missionId: string, sections: SectionInput[], version: number) => request<Report>('PUT', base(missionId), { body: { sections }, ifMatch: version }),
  submit: (missionId: string) => http.post<Report>(`${base(missionId)}/submit`, {}),
  review: (missionId: string, decision: 'approve' | 'request-changes', comments: Array<{ sectionKey: string; body: string }>) =>
    http.post<Report>(`${base(missionId)}/review`, { decision, comments }),
  versions: (missionId: string) => http.get<{ items: ReportVersion[] }>(`${base(missionId)}/versions`),
  pdf: (missionId: string, version?: number) => request<Blob>('GET', `${base(missionId)}/pdf`, { query: { version }, responseType: 'blob', accept: 'application/pdf' }),
  template: () => http.get<ReportTemplate>('/audits/report-template'),
  saveTemplate: (template: { coverTitle: string; footer: string | null; serialDisplay: SerialDisplay }) => request<ReportTemplate>('PUT', '/audits/report-template', { body: template }),
};
