import type { z } from 'zod';
import type { gradesImportReport } from '@domain/school/portal.schema';
import { request } from '@/api/client';

/** The student portal's API (/api/v1/school/portal/…, issue 18, ADR 0053) and the office's correction requests and grades import. */
export type CorrectableField = 'lastName' | 'firstName' | 'nir' | 'status' | 'promotion' | 'cursus' | 'address' | 'postalCode' | 'city' | 'personalPhone' | 'email';
export const SCHOOL_OWNED: readonly CorrectableField[] = ['lastName', 'firstName', 'nir', 'status', 'promotion', 'cursus'];
export const CONTACT_FIELDS: readonly CorrectableField[] = ['address', 'postalCode', 'city', 'personalPhone', 'email'];

export interface PortalProfile {
  number: number; lastName: string; firstName: string; nir: string; status: 'prospect' | 'enrolled' | 'alumni';
  promotion: number | null; cursus: string | null; address: string | null; postalCode: string | null; city: string | null;
  email: string | null; personalPhone: string | null; professionalPhone: string | null;
  employer: { name: string; city: string | null } | null;
}
export interface Course { courseCode: string; courseLabel: string; teacherName: string | null; grade: number; coefficient: number; publishedAt: string }
export interface Term { term: string; average: number | null; courses: Course[] }
export interface CorrectionRequest {
  id: string; field: CorrectableField; currentValue: string | null; requestedValue: string; reason: string;
  status: 'pending' | 'accepted' | 'refused'; answer: string | null; createdAt: string; decidedAt: string | null; decidedByName: string | null; version: number;
}
export interface StaffCorrectionRequest extends CorrectionRequest { student: { id: string; number: number; lastName: string; firstName: string } }
export interface ListedAlumnus { id: string; lastName: string; firstName: string; promotion: number | null; cursus: string | null; jobTitle: string | null; employer: string | null; workCity: string | null }
export interface PortalCompany { id: string; name: string; city: string | null; postalCode: string | null; sector: string | null; website: string | null }

/** What the grades import answers (`dryRun`: nothing written, each row says what importing would do). */
export type GradesImportReport = z.infer<typeof gradesImportReport>;

export const portalApi = {
  me: () => request<PortalProfile>('GET', '/school/portal/me'),
  grades: () => request<{ terms: Term[] }>('GET', '/school/portal/grades'),
  myRequests: () => request<{ items: CorrectionRequest[] }>('GET', '/school/portal/correction-requests'),
  fileRequest: (body: { field: CorrectableField; requestedValue: string; reason: string }) => request<CorrectionRequest>('POST', '/school/portal/correction-requests', { body }),
  alumni: (params: { q?: string; promotion?: number }) => request<{ items: ListedAlumnus[] }>('GET', '/school/portal/alumni', { query: params }),
  companies: (params: { q?: string }) => request<{ items: PortalCompany[] }>('GET', '/school/portal/companies', { query: params }),
  officeRequests: (status: 'pending' | 'decided') => request<{ items: StaffCorrectionRequest[] }>('GET', '/school/correction-requests', { query: { status } }),
  importGrades: (csv: string, dryRun: boolean) => request<GradesImportReport>('POST', '/school/grades/import', { body: { csv, dryRun } }),
  decide: (id: string, body: { decision: 'accept' | 'refuse'; answer?: string }) => request<CorrectionRequest>('POST', `/school/correction-requests/${id}/decision`, { body }),
};
