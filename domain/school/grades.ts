import type { RequestContext } from '../core/record-service';
import { renderText, type Locale } from '../i18n/messages';
import { checkGradesImport, type CheckedGrade, type gradesImportBody } from './grades-import';
import { nirHashOf } from './student-nir';
import { requireGradesImport } from './portal-access';
import { portalMessage as m } from './portal.messages';
import type { z } from 'zod';

/** One row of the import's report: what happened to it; a student named by their number only, never by NIR. */
export interface GradeReportRow {
  row: number;
  outcome: 'created' | 'updated' | 'unchanged' | 'rejected';
  reason?: string;
  studentNumber?: number;
  term?: string | null;
  courseCode?: string | null;
}

const keyOf = (studentId: string, term: string, courseCode: string) => `${studentId}|${term}|${courseCode}`;

/**
 * `POST /api/v1/school/grades/import` (issue 18, ADR 0053): GetEtu's grades for teachers and the student office,
 * upserted per student, term and course; every row reported, a bad one rejected with its reason without blocking
 * the others. Students are found by the NIR's keyed hash or by their number; the NIR is never written back.
 * With `dryRun`, every row is checked and reported as it would be, and nothing is written.
 */
export async function importGrades(ctx: RequestContext, body: z.infer<typeof gradesImportBody>, locale: Locale) {
  requireGradesImport(ctx);
  const checked = checkGradesImport(body);
  const tenantId = ctx.principal.tenantId;
  const good = checked.filter((c): c is { ok: true; grade: CheckedGrade } => c.ok).map((c) => c.grade);
  const hashOf = new Map(good.filter((g) => 'nir' in g.student).map((g) => [g, nirHashOf(tenantId, (g.student as { nir: string }).nir)]));
  const numbers = good.flatMap((g) => ('number' in g.student ? [g.student.number] : []));
  const students = good.length ? await ctx.trx('schoolStudents')
    .where((q) => { void q.whereIn('nirHash', [...new Set(hashOf.values())]).orWhereIn('number', [...new Set(numbers)]); })
    .select('id', 'number', 'nirHash') as Array<{ id: string; number: number; nirHash: string }> : [];
  const byHash = new Map(students.map((s) => [s.nirHash, s]));
  const byNumber = new Map(students.map((s) => [s.number, s]));
  const studentOf = (g: CheckedGrade) => ('nir' in g.student ? byHash.get(hashOf.get(g)!) : byNumber.get(g.student.number));

  const found = good.map((g) => ({ g, student: studentOf(g) }));
  const ids = [...new Set(found.flatMap((f) => (f.student ? [f.student.id] : [])))];
  const existing = ids.length ? await ctx.trx('schoolGrades').whereIn('studentId', ids).select('studentId', 'term', 'courseCode', 'courseLabel', 'teacherName', 'grade', 'coefficient', 'externalRef') : [];
  const current = new Map((existing as Array<Record<string, unknown>>).map((e) => [keyOf(e.studentId as string, e.term as string, e.courseCode as string), e]));

  const outcome = new Map<number, GradeReportRow>();
  const seenKeys = new Set<string>();
  for (const { g, student } of found) {
    if (!student) {
      outcome.set(g.row, { row: g.row, outcome: 'rejected', reason: renderText(m('school.grades.unknown-student'), locale), term: g.term, courseCode: g.courseCode });
      continue;
    }
    const key = keyOf(student.id, g.term, g.courseCode);
    if (seenKeys.has(key)) {
      // The same student named once by NIR and once by number: the first row counts.
      outcome.set(g.row, { row: g.row, outcome: 'rejected', reason: renderText(m('school.grades.duplicate', { row: [...outcome.values()].find((o) => o.studentNumber === student.number && o.term === g.term && o.courseCode === g.courseCode)?.row ?? 0 }), locale), studentNumber: student.number, term: g.term, courseCode: g.courseCode });
      continue;
    }
    seenKeys.add(key);
    const before = current.get(key);
    const same = before && before.courseLabel === g.courseLabel && (before.teacherName ?? null) === g.teacherName && Number(before.grade) === g.grade
      && Number(before.coefficient) === g.coefficient && (before.externalRef ?? null) === g.externalRef;
    if (!same && !body.dryRun) {
      await ctx.trx('schoolGrades').insert({
        tenantId, studentId: student.id, term: g.term, courseCode: g.courseCode, courseLabel: g.courseLabel, teacherName: g.teacherName,
        grade: g.grade, coefficient: g.coefficient, externalRef: g.externalRef, createdBy: ctx.principal.userId,
      }).onConflict(['tenant_id', 'student_id', 'term', 'course_code']).merge({
        courseLabel: g.courseLabel, teacherName: g.teacherName, grade: g.grade, coefficient: g.coefficient, externalRef: g.externalRef,
        publishedAt: ctx.trx.fn.now(), version: ctx.trx.raw('school_grades.version + 1'),
      });
    }
    outcome.set(g.row, { row: g.row, outcome: same ? 'unchanged' : before ? 'updated' : 'created', studentNumber: student.number, term: g.term, courseCode: g.courseCode });
  }
  const rows: GradeReportRow[] = checked.map((c) => (c.ok ? outcome.get(c.grade.row)! : { row: c.row, outcome: 'rejected' as const, reason: renderText(c.reason, locale), term: c.term, courseCode: c.courseCode }));
  const count = (o: GradeReportRow['outcome']) => rows.filter((r) => r.outcome === o).length;
  return { dryRun: Boolean(body.dryRun), counts: { created: count('created'), updated: count('updated'), unchanged: count('unchanged'), rejected: count('rejected') }, rows };
}
