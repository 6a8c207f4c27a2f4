import { request } from '@/api/client';

/** The register of data breaches (/api/v1/gdpr/breaches, domain/gdpr/breach.schema.ts, ADR 0025). */
export type BreachNature = 'confidentiality' | 'integrity' | 'availability';
export type RiskLevel = 'none' | 'risk' | 'high';
export type BreachStatus = 'declared' | 'assessed' | 'notified' | 'documented' | 'closed';

export interface BreachFacts {
  title: string;
  nature: BreachNature[];
  description: string;
  startedAt: string | null;
  discoveredAt: string;
  dataCategories: string[];
  peopleCategories: string[];
  approxPeople: number | null;
  approxRecords: number | null;
  consequences: string;
  measuresTaken: string;
  measuresProposed: string;
  contactIds: string[];
}

export interface BreachAssessment {
  riskLevel: RiskLevel | null;
  authorityDecision: 'notify' | 'not-required' | null;
  authorityReason: string | null;
  peopleDecision: 'inform' | 'not-required' | null;
  peopleReason: string | null;
}

export interface Breach extends BreachFacts, BreachAssessment {
  id: string;
  number: number;
  notifications: Array<{ phase: 'initial' | 'complement'; notifiedAt: string; reference: string; delayReason: string | null }>;
  communications: Array<{ at: string; channel: string; text: string; recipients: number | null; messageIds: string[] }>;
  escalations: Array<{ hours: number; at: string; notified: number }>;
  status: BreachStatus;
  deadlineAt: string;
  msLeft: number | null;
  version: number;
}

export interface PreparedNotification {
  phase: 'initial' | 'complement';
  late: boolean;
  sections: Array<{ key: string; title: string; lines: Array<{ label: string; value: string }> }>;
  text: string;
}

export const breachesApi = {
  list: () => request<{ items: Breach[] }>('GET', '/gdpr/breaches'),
  get: (id: string) => request<Breach>('GET', `/gdpr/breaches/${id}`),
  declare: (input: Partial<BreachFacts>) => request<Breach>('POST', '/gdpr/breaches', { body: input }),
  update: (id: string, patch: Partial<BreachFacts & BreachAssessment>, version: number) => request<Breach>('PATCH', `/gdpr/breaches/${id}`, { body: patch, ifMatch: version }),
  notify: (id: string, input: { phase: 'initial' | 'complement'; notifiedAt: string; reference: string; delayReason: string | null }) =>
    request<Breach>('POST', `/gdpr/breaches/${id}/notifications`, { body: input }),
  communicate: (id: string, input: { at: string; channel: string; text: string; recipients: number | null }) =>
    request<Breach>('POST', `/gdpr/breaches/${id}/communications`, { body: input }),
  close: (id: string) => request<Breach>('POST', `/gdpr/breaches/${id}/close`),
  notification: (id: string) => request<PreparedNotification>('GET', `/gdpr/breaches/${id}/notification`),
  notificationPdf: (id: string) => request<Blob>('GET', `/gdpr/breaches/${id}/notification?format=pdf`, { responseType: 'blob', accept: 'application/pdf' }),
};

/** « 2 j 5 h » left, or late by so much; null once nothing is awaited. */
export function timeLeftParts(msLeft: number | null): { late: boolean; days: number; hours: number } | null {
  if (msLeft === null) return null;
  const late = msLeft < 0;
  const hoursTotal = Math.floor(Math.abs(msLeft) / 3_600_000);
  return { late, days: Math.floor(hoursTotal / 24), hours: hoursTotal % 24 };
}
