import type { Student, StudentCreate, StudentStatus, StudentUpdate } from '@domain/school/student.schema';
import type { Page } from '@/api/accounts.api';
import { http } from '@/api/client';
import type { HistoryItem } from '@/shared/history-render';

/** The registry's students (spec 004) — /api/v1/school/students: list (filters status, promotion, cursus, companyId, nir), read, create, change. */
export type { Student, StudentStatus };

/** The statuses in the order the list's chips show them (« Prospect / En fonction / Alumni »). */
export const STUDENT_STATUSES = ['prospect', 'enrolled', 'alumni'] as const satisfies readonly StudentStatus[];

/** The school's programmes, offered as the list's filter and the form's choices (another typed one is kept). */
export const CURSUS = ['Programme Grande École', 'Bachelor Business', 'MSc Marketing digital', 'MSc Finance', 'MSc Supply Chain', 'BTS NDRC'];

/** The promotions offered as filters: from the oldest alumni the registry keeps to the coming prospects. */
export function promotionYears(now = new Date()): number[] {
  const year = now.getFullYear();
  return Array.from({ length: year + 3 - 2019 }, (_, i) => year + 2 - i);
}

const enc = encodeURIComponent;
const BASE = '/school/students';

export const studentsApi = {
  list: (query: { limit?: number; cursor?: string | null; sort?: string; q?: string; filters?: Record<string, string | null | undefined> }, signal?: AbortSignal) => {
    const { filters, ...rest } = query;
    return http.get<Page<Student>>(BASE, { limit: 50, ...rest, ...filters }, signal);
  },
  /** A detail read, the NIR masked. */
  get: (id: string) => http.get<Student>(`${BASE}/${enc(id)}`),
  /** « Afficher »: the same read with the NIR opened (the student office, `school.nir`; written to the audit log). */
  revealNir: (id: string) => http.get<Student>(`${BASE}/${enc(id)}`, { reveal: 'nir' }),
  create: (body: Partial<Record<keyof StudentCreate, unknown>>, idempotencyKey: string) => http.post<Student>(BASE, body, { idempotencyKey }),
  /** The student's timeline, newest first (the NIR's changes masked, fields the reader may not see left out). */
  history: (id: string) => http.get<{ items: HistoryItem[] }>(`${BASE}/${enc(id)}/history`),
  update: (id: string, patch: Partial<Record<keyof StudentUpdate, unknown>>, version: number) => http.patch<Student>(`${BASE}/${enc(id)}`, patch, version),
};
