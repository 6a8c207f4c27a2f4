import { parseInput as parseField, toInput as fieldToInput, type RecordField } from '@/shared/record-fields';

/**
 * A student's fields edited in its panel with the shared record editor (the API's `studentUpdate`). The NIR is not
 * among them: it is shown masked, opened on demand (« Afficher »), and set when the student is created or imported.
 * `contact`: read and written only by who holds the contact group (not teachers).
 */
export type StudentFieldKind = 'text' | 'textarea' | 'email' | 'tel' | 'integer' | 'status' | 'cursus';

export type StudentField = RecordField<StudentFieldKind> & { contact?: boolean };

export const STUDENT_FIELDS: readonly StudentField[] = [
  { key: 'lastName', kind: 'text', nullable: false },
  { key: 'firstName', kind: 'text', nullable: false },
  { key: 'status', kind: 'status', nullable: false },
  { key: 'promotion', kind: 'integer', nullable: true },
  { key: 'cursus', kind: 'cursus', nullable: true, wide: true },
  { key: 'email', kind: 'email', nullable: true, wide: true },
  { key: 'address', kind: 'text', nullable: true, wide: true, contact: true },
  { key: 'postalCode', kind: 'text', nullable: true, contact: true },
  { key: 'city', kind: 'text', nullable: true, contact: true },
  { key: 'personalPhone', kind: 'tel', nullable: true, contact: true },
  { key: 'professionalPhone', kind: 'tel', nullable: true, contact: true },
  { key: 'notes', kind: 'textarea', nullable: true, wide: true, contact: true },
];

export function studentFieldOf(key: string): StudentField | undefined {
  return STUDENT_FIELDS.find((f) => f.key === key);
}

export function studentToInput(field: StudentField, value: unknown): string {
  return fieldToInput(field, value, 'UTC');
}

export function parseStudentInput(field: StudentField, text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (field.kind === 'status' || field.kind === 'cursus') return text.trim() === '' ? (field.nullable ? { ok: true, value: null } : { ok: false, error: 'required' }) : { ok: true, value: text.trim() };
  return parseField(field, text, 'UTC');
}
