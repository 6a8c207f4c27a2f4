import { http, request } from '@/api/client';

/** The alumni search and the Alumnet connection (api/school/alumni.router.ts, ADR 0051): the API key is write-only. */
export interface Career {
  employerName: string;
  accountId: string | null;
  accountName: string | null;
  jobTitle: string | null;
  city: string | null;
  startedOn: string | null;
  source: 'alumnet' | 'school';
  updatedAt: string;
}

export interface Alumnus {
  studentId: string;
  number: number;
  lastName: string;
  firstName: string;
  promotion: number | null;
  cursus: string | null;
  career: Career | null;
  alumnetMemberId: string | null;
}

export interface AlumniFilters {
  q?: string;
  promotion?: number;
  company?: string;
  accountId?: string;
  city?: string;
  cursus?: string;
  cursor?: string;
  limit?: number;
}

export interface SyncRun {
  id: string;
  trigger: 'schedule' | 'manual' | 'demo';
  provider: string;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  pulled: number;
  pushed: number;
  conflicts: number;
  errors: number;
  errorCode: string | null;
  error: { fr: string; en: string } | null;
}

export interface AlumnetConnection {
  configured: boolean;
  adapter: 'sandbox' | 'alumnet';
  baseUrl: string | null;
  apiKeySet: boolean;
  enabled: boolean;
  settings: { outage?: boolean };
  lastPulledUntil: string | null;
  lastTestedAt: string | null;
  lastTestOk: boolean | null;
  version: number;
  runs: SyncRun[];
}

export interface ConnectionPut {
  adapter: 'sandbox' | 'alumnet';
  baseUrl: string | null;
  apiKey?: string;
  enabled: boolean;
  settings?: { outage?: boolean };
}

export interface ConnectionTest {
  ok: boolean;
  organisation: string | null;
  error: { code: string; fr: string; en: string } | null;
}

export interface CareerCreate {
  employerName: string;
  jobTitle?: string | null;
  city?: string | null;
  startedOn?: string | null;
}

type StudentCareers = { studentId: string; alumnetMemberId: string | null; careers: Array<Career & { endedOn: string | null }> };

export const alumniApi = {
  search: (filters: AlumniFilters) => http.get<{ items: Alumnus[]; nextCursor: string | null }>('/school/alumni', filters as Record<string, string | number>),
  careers: (studentId: string) => http.get<StudentCareers>(`/school/alumni/students/${encodeURIComponent(studentId)}/careers`),
  recordCareer: (studentId: string, body: CareerCreate) => http.post<StudentCareers>(`/school/alumni/students/${encodeURIComponent(studentId)}/careers`, body),
  connection: () => http.get<AlumnetConnection>('/school/alumnet/connection'),
  saveConnection: (body: ConnectionPut, version?: number) => request<AlumnetConnection>('PUT', '/school/alumnet/connection', version ? { body, ifMatch: version } : { body }),
  test: () => http.post<ConnectionTest>('/school/alumnet/connection/test', {}),
  sync: () => http.post<{ workflowId: string }>('/school/alumnet/sync', {}),
};
