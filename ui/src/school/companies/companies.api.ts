import { http, request } from '@/api/client';
import { companyRegistryApi, type CompanySearchFilters, type CompanySuggestion } from '@/api/company-registry.api';

/** The school's companies area (spec 004, ADR 0052) — /api/v1/school/companies, introductions, students/sms; the search is the core's registry lookup. */
export type { CompanySearchFilters, CompanySuggestion };

export interface SchoolCompany {
  id: string; name: string; siren: string | null; siret: string | null; nafCode: string | null; externalRef: string | null;
  addressLine1: string | null; postalCode: string | null; city: string | null; email: string | null; phone: string | null;
  contacts: Array<{ id: string; firstName: string | null; lastName: string; jobTitle: string | null; email: string | null; phone: string | null; mobile: string | null }>;
  students: Array<{ id: string; firstName: string; lastName: string; status: string; promotion: number | null }>;
  openIntroductions: number;
}

export const INTRODUCTION_PURPOSES = ['internship', 'apprenticeship', 'job', 'training'] as const;
export const INTRODUCTION_STATUSES = ['proposed', 'sent', 'accepted', 'declined', 'closed'] as const;
export type IntroductionStatus = (typeof INTRODUCTION_STATUSES)[number];

export interface Introduction {
  id: string; studentId: string; studentName: string | null; accountId: string; accountName: string;
  contactId: string | null; contactName: string | null; purpose: (typeof INTRODUCTION_PURPOSES)[number]; status: IntroductionStatus;
  channel: 'sms' | 'mail' | 'none'; note: string | null; messageId: string | null; messageStatus: string | null;
  createdByName: string | null; createdAt: string; statusChangedAt: string | null; version: number;
}

export interface CompanyImportReport {
  dryRun: boolean;
  counts: { create: number; update: number; unchanged: number; rejected: number };
  rows: Array<{ row: number; outcome: 'create' | 'update' | 'unchanged' | 'rejected'; reason?: string; values: { externalRef: string; name: string; city: string | null } }>;
}

/** The SMS templates the school ships (domain/school/companies-templates.ts) and the variables each asks for. */
export const SMS_TEMPLATES = [
  { key: 'school.exam-room-change', variables: { exam: ['name', 'date', 'room'] }, marketing: false },
  { key: 'school.enrolment-reminder', variables: { enrolment: ['deadline'] }, marketing: false },
  { key: 'school.internship-offer', variables: { offer: ['title', 'company'] }, marketing: true },
] as const;

/** A student as the pickers show them (GET /api/v1/school/students, the registry's list). */
export interface StudentChoice { id: string; firstName: string; lastName: string; promotion: number | null }

/** The promotions offered: from the oldest alumni the demo keeps to the coming prospects. */
export function promotionChoices(now = new Date()): number[] {
  const year = now.getFullYear();
  return Array.from({ length: year + 3 - 2019 }, (_, i) => year + 2 - i);
}

export interface SmsStarted { id: string; total: number; selected: number; withoutPhone: number }

const enc = encodeURIComponent;

export const companiesApi = {
  search: (q: string, filters: CompanySearchFilters) => companyRegistryApi.find(q, filters),
  list: (q?: string) => http.get<{ items: SchoolCompany[] }>('/school/companies', { limit: 100, ...(q ? { q } : {}) }),
  save: (siren: string, contact: { email?: string; phone?: string }) =>
    http.post<{ created: boolean; account: { id: string; name: string } }>('/school/companies', { siren, ...(contact.email ? { email: contact.email } : {}), ...(contact.phone ? { phone: contact.phone } : {}) }),
  importFile: (file: File, dryRun: boolean) => {
    const body = new FormData();
    body.append('file', file);
    return request<CompanyImportReport>('POST', '/school/companies/import', { body, query: dryRun ? { dryRun: 'true' } : {} });
  },
  students: (q: string) => http.get<{ items: StudentChoice[] }>('/school/students', { q, limit: 20 }),
  introductions: (query: { studentId?: string; accountId?: string }) => http.get<{ items: Introduction[] }>('/school/introductions', query),
  introduce: (body: { studentId: string; accountId: string; contactId?: string | null; purpose: string; channel: string; note?: string }) =>
    http.post<Introduction>('/school/introductions', body),
  move: (i: Introduction, status: IntroductionStatus) => http.patch<Introduction>(`/school/introductions/${enc(i.id)}`, { status }, i.version),
  sms: (body: { templateKey: string; studentIds?: string[]; filter?: { promotion?: number }; variables?: Record<string, unknown> }) => http.post<SmsStarted>('/school/students/sms', body),
};
