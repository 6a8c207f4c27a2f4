import { ValidationError } from '../errors';
import { renderText } from '../i18n/messages';
import { checkGradesImport, type CheckedRow } from './grades-import';

const reasons = (rows: CheckedRow[]) => rows.map((r) => (r.ok ? 'ok' : `${r.row}: ${renderText(r.reason, 'fr')}`));

describe('grades from GetEtu', () => {
  it('reads a semicolon CSV with French headers, by NIR or student number, grades with a comma', () => {
    const rows = checkGradesImport({
      csv: '\uFEFFNIR;Numéro étudiant;Semestre;Code cours;Intitulé cours;Note;Coefficient;Enseignant\n'
        + '2 95 05 35 238 456 73;;2026-s1;fin101;Finance d’entreprise;14,5;3;Prof. Roux\n'
        + ';1042;2026-S1;MKT102;Marketing;12;;\n',
    });
    expect(rows).toEqual([
      { ok: true, grade: { row: 2, student: { nir: '295053523845673' }, term: '2026-S1', courseCode: 'FIN101', courseLabel: 'Finance d’entreprise', teacherName: 'Prof. Roux', grade: 14.5, coefficient: 3, externalRef: null } },
      { ok: true, grade: { row: 3, student: { number: 1042 }, term: '2026-S1', courseCode: 'MKT102', courseLabel: 'Marketing', teacherName: null, grade: 12, coefficient: 1, externalRef: null } },
    ]);
  });

  it('rejects each bad row with its reason, never repeating the NIR, and keeps the good ones', () => {
    const rows = checkGradesImport({
      rows: [
        { nir: '295053523845627', term: '2026-S1', courseCode: 'FIN101', courseLabel: 'Finance', grade: 12 },
        { studentNumber: '1042', term: '2026-S1', courseCode: 'FIN101', courseLabel: 'Finance', grade: 'vingt' },
        { studentNumber: '1042', term: '2026-S1', courseCode: 'FIN101', courseLabel: 'Finance', grade: 21 },
        { term: '2026-S1', courseCode: 'FIN101', courseLabel: 'Finance', grade: 12 },
        { studentNumber: '1042', term: '2026-S1', courseCode: 'FIN101', courseLabel: 'Finance', grade: '8.25', coefficient: 0 },
        { studentNumber: '1042', term: '2026-S1', courseCode: 'FIN101', courseLabel: 'Finance', grade: 15 },
        { studentNumber: '1042', term: '2026-s1', courseCode: 'fin101', courseLabel: 'Finance', grade: 16 },
      ],
    });
    expect(reasons(rows)).toEqual([
      '1: le numéro de sécurité sociale n’est pas valide',
      '2: « vingt » n’est pas une note sur 20, comme 14,5',
      '3: « 21 » n’est pas une note sur 20, comme 14,5',
      '4: ni numéro de sécurité sociale ni numéro d’étudiant',
      '5: « 0 » n’est pas un coefficient positif, comme 2',
      'ok',
      '7: même étudiant, semestre et cours que la ligne 6',
    ]);
    expect(JSON.stringify(rows)).not.toContain('295053523845627');
  });

  it('refuses a file whose layout is wrong, or an empty body, as a whole', () => {
    expect(() => checkGradesImport({ csv: 'nom;note\nLeroy;12\n' })).toThrow(ValidationError);
    expect(() => checkGradesImport({ rows: [] })).toThrow(ValidationError);
    expect(() => checkGradesImport({ rows: [{ grade: 1 }], csv: 'x' })).toThrow(ValidationError);
    try {
      checkGradesImport({ csv: 'nir;code_cours;intitule_cours;note\n1;A;B;12\n' });
    } catch (error) {
      expect(renderText((error as ValidationError).problems[0]!.message, 'fr')).toContain('« semestre »');
    }
  });
});
