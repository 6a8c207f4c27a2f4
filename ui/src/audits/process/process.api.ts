import { http } from '@/api/client';

/** The mission's process and its anonymisation — /api/v1/audits/… (shapes: domain/audits/anonymisation.schema.ts). */
export interface AnonymisationStanding {
  status: string;
  deliveredAt: string | null;
  anonymiseOn: string | null;
  anonymisedAt: string | null;
  postponedUntil: string | null;
  postponeReason: string | null;
  postponedAt: string | null;
  postponedByName: string | null;
  canPostpone: boolean;
  process: { id: string; status: string; openTasks: Array<{ id: string; name: string | null }> } | null;
}
export interface MissionStatistic {
  month: string;
  scopes: string[];
  sector: string | null;
  town: string | null;
  department: string | null;
  sites: number;
  daysOnSite: number;
  findingsBySeverity: Record<string, number>;
  checksByAnswer: Record<string, number>;
  inventoryItems: number;
}

export const processApi = {
  standing: (missionId: string) => http.get<AnonymisationStanding>(`/audits/missions/${missionId}/anonymisation`),
  start: (missionId: string) => http.post<{ id: string }>(`/audits/missions/${missionId}/start`, {}),
  postpone: (missionId: string, body: { until?: string; days?: number; reason: string }) => http.post<{ anonymiseOn: string }>(`/audits/missions/${missionId}/anonymisation/postpone`, body),
  statistics: () => http.get<{ items: MissionStatistic[]; total: number }>('/audits/statistics'),
};
