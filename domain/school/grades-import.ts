import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { ValidationError } from '../errors';
import type { Message } from '../i18n/messages';
import { checkNir } from './nir';
import { portalMessage as m } from './portal.messages';

/**
 * The grades GetEtu exports (issue 18, ADR 0053; format in docs/integrations/getetu-grades.md): JSON rows or a
 * semicolon-separated CSV with a header. Each row names its student by NIR or by student number, a term, a course,
 * a grade out of 20, a coefficient and the teacher. Pure: parsing and checking, no database; unit-tested.
 * A row that does not fit is rejected with its reason, never guessed; the NIR is never repeated back.
 */
export const MAX_GRADE_ROWS = 20_000;

const cell = z.union([z.string().max(500), z.number()]).nullish();
/** One row as GetEtu's JSON export writes it. */
export const gradeImportRow = z.object({
  nir: cell, studentNumber: cell, term: cell, courseCode: cell, courseLabel: cell, grade: cell, coefficient: cell, teacher: cell, externalRef: cell,
}).strict();
export type GradeImportRow = z.infer<typeof gradeImportRow>;

export const gradesImportBody = z.object({
  rows: z.array(gradeImportRow).max(MAX_GRADE_ROWS).optional(),
  csv: z.string().max(5_000_000).optional(),
  /** Check every row and answer what would happen, writing nothing (the staff screen's « Vérifier »). */
  dryRun: z.boolean().optional(),
}).strict();

/** A row checked: the student's key (a normalised NIR or a number) and the grade to write. */
export interface CheckedGrade {
  row: number;
  student: { nir: string } | { number: number };
  term: string;
  courseCode: string;
  courseLabel: string;
  teacherName: string | null;
  grade: number;
  coefficient: number;
  externalRef: string | null;
}
export type CheckedRow = { ok: true; grade: CheckedGrade } | { ok: false; row: number; reason: Message; courseCode: string | null; term: string | null };

const text = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : String(v).trim());
const decimal = (v: string): number | null => (/^\d+(?:[.,]\d{1,2})?$/.test(v) ? Number(v.replace(',', '.')) : null);

/** Checks one row (numbered as the person sees it: the file's line, or the JSON row from 1). */
export function checkGradeRow(raw: GradeImportRow, row: number): CheckedRow {
  const term = text(raw.term).toUpperCase();
  const courseCode = text(raw.courseCode).toUpperCase();
  const fail = (reason: Message): CheckedRow => ({ ok: false, row, reason, courseCode: courseCode || null, term: term || null });
  const nirText = text(raw.nir);
  const numberText = text(raw.studentNumber);
  let student: CheckedGrade['student'];
  if (nirText) {
    const nir = checkNir(nirText);
    if (!nir.ok) return fail(m('school.grades.bad-nir'));
    student = { nir: nir.nir };
  } else if (numberText) {
    if (!/^\d{1,9}$/.test(numberText)) return fail(m('school.grades.bad-number'));
    student = { number: Number(numberText) };
  } else return fail(m('school.grades.no-student-key'));
  if (!term || term.length > 20) return fail(m('school.grades.bad-term'));
  const courseLabel = text(raw.courseLabel);
  if (!courseCode || courseCode.length > 40 || !courseLabel || courseLabel.length > 200) return fail(m('school.grades.bad-course'));
  const gradeText = text(raw.grade);
  const grade = decimal(gradeText);
  if (grade === null || grade > 20) return fail(m('school.grades.bad-grade', { value: gradeText.slice(0, 20) }));
  const coefficientText = text(raw.coefficient) || '1';
  const coefficient = decimal(coefficientText);
  if (coefficient === null || coefficient <= 0 || coefficient >= 100) return fail(m('school.grades.bad-coefficient', { value: coefficientText.slice(0, 20) }));
  const teacher = text(raw.teacher).slice(0, 200);
  const externalRef = text(raw.externalRef).slice(0, 100);
  return { ok: true, grade: { row, student, term, courseCode, courseLabel, teacherName: teacher || null, grade, coefficient, externalRef: externalRef || null } };
}

/** The CSV's columns (French headers, any case and accents as GetEtu writes them) and the row field each fills. */
const COLUMNS: Record<string, keyof GradeImportRow> = {
  nir: 'nir', numero_etudiant: 'studentNumber', semestre: 'term', code_cours: 'courseCode', intitule_cours: 'courseLabel',
  note: 'grade', coefficient: 'coefficient', enseignant: 'teacher', reference: 'externalRef',
};
const headerKey = (h: string) => h.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase().replace(/[\s°-]+/g, '_');

/** The rows of a CSV export, numbered by their line in the file (the header is line 1); a wrong layout reads nothing. */
export function gradeRowsFromCsv(csv: string): Array<{ row: number; raw: GradeImportRow }> {
  let records: string[][];
  try {
    const text = csv.replace(/^\uFEFF/, '');
    // Semicolons as French spreadsheets write them (a decimal comma inside a cell); commas only when the header has no semicolon.
    const delimiter = (text.split('\n', 1)[0] ?? '').includes(';') ? ';' : ',';
    records = parse(text, { delimiter, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    throw new ValidationError([{ field: 'csv', message: m('school.grades.csv-unreadable', { reason: (error as Error).message.split(':')[0] ?? 'CSV' }) }]);
  }
  const [header, ...lines] = records;
  if (!header || !lines.length) throw new ValidationError([{ field: 'csv', message: m('school.grades.empty') }]);
  if (lines.length > MAX_GRADE_ROWS) throw new ValidationError([{ field: 'csv', message: m('school.grades.too-many', { max: MAX_GRADE_ROWS }) }]);
  const fields = header.map((h) => COLUMNS[headerKey(h)]);
  for (const needed of ['semestre', 'code_cours', 'intitule_cours', 'note'] as const) {
    if (!fields.includes(COLUMNS[needed]!)) throw new ValidationError([{ field: 'csv', message: m('school.grades.csv-header', { missing: needed }) }]);
  }
  if (!fields.includes('nir') && !fields.includes('studentNumber')) throw new ValidationError([{ field: 'csv', message: m('school.grades.csv-header', { missing: 'nir / numero_etudiant' }) }]);
  return lines.map((cells, i) => {
    const raw: GradeImportRow = {};
    fields.forEach((f, c) => { if (f) raw[f] = cells[c] ?? null; });
    return { row: i + 2, raw };
  });
}

/** The rows of a request body (`rows` or `csv`), checked; the same student, term and course twice: the second is rejected. */
export function checkGradesImport(body: z.infer<typeof gradesImportBody>): CheckedRow[] {
  if ((body.rows ? 1 : 0) + (body.csv !== undefined ? 1 : 0) !== 1) throw new ValidationError([{ field: 'rows', message: m('school.grades.body') }]);
  const rows = body.rows ? body.rows.map((raw, i) => ({ row: i + 1, raw })) : gradeRowsFromCsv(body.csv!);
  if (!rows.length) throw new ValidationError([{ field: 'rows', message: m('school.grades.empty') }]);
  const seen = new Map<string, number>();
  return rows.map(({ row, raw }) => {
    const checked = checkGradeRow(raw, row);
    if (!checked.ok) return checked;
    const g = checked.grade;
    const key = `${'nir' in g.student ? `n:${g.student.nir}` : `#${g.student.number}`}|${g.term}|${g.courseCode}`;
    const first = seen.get(key);
    if (first !== undefined) return { ok: false, row, reason: m('school.grades.duplicate', { row: first }), courseCode: g.courseCode, term: g.term };
    seen.set(key, row);
    return checked;
  });
}
