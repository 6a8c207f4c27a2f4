import { request } from '@/api/client';

/** The gdpr context's API (/api/v1/gdpr, domain/gdpr): the register of processing activities. */
export type LegalBasis = 'contract' | 'legal-obligation' | 'consent' | 'legitimate-interest' | 'public-task' | 'vital-interest';

export interface RegisterEntryInput {
  name: string;
  purpose: string;
  legalBasis: LegalBasis;
  dataSubjects: string[];
  recipients: string[];
  retention: { duration: string; from: string; legalReference: string | null };
  securityMeasures: string[];
  transfersOutsideEu: string | null;
}

export interface RegisterEntry extends RegisterEntryInput {
  key: string;
  module: string;
  legalBasisLabel: string;
  dataCategories: Array<{ key: string; label: string; sensitive: boolean }>;
  columns: Array<{ table: string; column: string; category: string; categoryLabel: string; sensitive: boolean; operator: string }>;
  edited: boolean;
  version: number;
  updatedAt: string | null;
}

export interface Register {
  organisation: { name: string; slug: string };
  activities: RegisterEntry[];
}

export const gdprApi = {
  register: () => request<Register>('GET', '/gdpr/register'),
  updateEntry: (key: string, input: RegisterEntryInput, version: number) =>
    request<RegisterEntry>('PUT', `/gdpr/register/${encodeURIComponent(key)}`, { body: input, ifMatch: version }),
  registerPdf: () => request<Blob>('GET', '/gdpr/register.pdf', { responseType: 'blob', accept: 'application/pdf' }),
};
