import { http, request } from '@/api/client';

/**
 * The control catalogue, a mission's checklist and the finding library — /api/v1/audits/catalogue,
 * /audits/missions/{id}/checks, /audits/findings-library (shapes: domain/audits/catalogue.schema.ts).
 */
export const AUDIT_SCOPES = ['network', 'servers', 'applications', 'workstations', 'physical_access', 'awareness', 'documentation', 'access_rights'] as const;
export type AuditScope = (typeof AUDIT_SCOPES)[number];
export const CHECK_ANSWERS = ['compliant', 'non_compliant', 'not_applicable', 'not_checked'] as const;
export type CheckAnswer = (typeof CHECK_ANSWERS)[number];
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface CheckPoint {
  id: string;
  code: string;
  scope: AuditScope;
  catalogueVersion: number;
  title: string;
  guidance: string;
  references: string[];
  expectedEvidence: string;
  appliesTo: string[];
  position: number;
  retiredAt: string | null;
  replacedBy: string | null;
  version: number;
}
export type CheckPointText = Pick<CheckPoint, 'scope' | 'title' | 'guidance' | 'references' | 'expectedEvidence' | 'appliesTo' | 'position'>;

export interface MissionCheck {
  id: string;
  missionId: string;
  checkPointId: string;
  siteId: string | null;
  code: string;
  scope: AuditScope;
  catalogueVersion: number;
  title: string;
  guidance: string;
  references: string[];
  expectedEvidence: string;
  answer: CheckAnswer;
  observation: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  version: number;
}
export type ChecklistProgress = Record<CheckAnswer, number> & { total: number; done: number };

export interface LibraryFinding {
  id: string;
  title: string;
  description: string;
  risk: string;
  recommendation: string;
  references: string[];
  defaultSeverity: Severity;
  scopes: AuditScope[];
  tags: string[];
  usageCount: number;
  lastUsedAt: string | null;
  version: number;
}
export type LibraryFindingText = Pick<LibraryFinding, 'title' | 'description' | 'risk' | 'recommendation' | 'references' | 'defaultSeverity' | 'scopes' | 'tags'>;

const enc = encodeURIComponent;

export const catalogueApi = {
  list: (query: { scope?: AuditScope; q?: string }) => http.get<{ items: CheckPoint[] }>('/audits/catalogue', { ...query }),
  create: (point: CheckPointText & { code: string }) => http.post<CheckPoint>('/audits/catalogue', point),
  update: (id: string, patch: Partial<CheckPointText>, version: number) => http.patch<CheckPoint>(`/audits/catalogue/${enc(id)}`, patch, version),
  retire: (id: string, version: number) => request<CheckPoint>('POST', `/audits/catalogue/${enc(id)}/retire`, { ifMatch: version }),
};

export const checksApi = {
  list: (missionId: string) => http.get<{ items: MissionCheck[]; progress: ChecklistProgress }>(`/audits/missions/${enc(missionId)}/checks`),
  select: (missionId: string, body: { scopes: AuditScope[] } | { checkPointIds: string[] }) =>
    http.post<{ added: number; skipped: number; items: MissionCheck[] }>(`/audits/missions/${enc(missionId)}/checks`, body),
  answer: (missionId: string, checkId: string, patch: { answer?: CheckAnswer; observation?: string | null }, version: number) =>
    http.patch<MissionCheck>(`/audits/missions/${enc(missionId)}/checks/${enc(checkId)}`, patch, version),
};

export const libraryApi = {
  list: (query: { q?: string; scope?: AuditScope }) => http.get<{ items: LibraryFinding[] }>('/audits/findings-library', { ...query }),
  create: (finding: LibraryFindingText) => http.post<LibraryFinding>('/audits/findings-library', finding),
  update: (id: string, patch: Partial<LibraryFindingText>, version: number) => http.patch<LibraryFinding>(`/audits/findings-library/${enc(id)}`, patch, version),
  remove: (id: string, version: number) => request<void>('DELETE', `/audits/findings-library/${enc(id)}`, { ifMatch: version }),
};
