import fs from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { nextNumber } from '../../domain/core/tenant-counter';
import { DEMO_PASSWORD, demoEmail } from '../../db/seeds/demo-tenants';
import { maskNir } from '../../domain/school/nir';
import { randomNir } from '../../domain/school/student-samples';
import { nirFor, SPEC_HEADERS, studentWorkbookBuffer, trickyStudentRows, type SheetRow } from '../fixtures/school/student-workbook';
import { loginAs, tenantId, testContext, type TestContext } from '../support/api';
import { cliUser, listen } from '../support/cli';

const URL = '/api/v1/school/students/import';

interface Row { row: number; outcome: string; reason?: string; reasonCode?: string; warnings?: string[]; changed?: string[]; values: Record<string, string | null> }
interface Report { runId: string; counts: Record<string, number>; rows: Row[] }

describe('school registry import (issue 18, spec 004 « Tableau des transformations »)', () => {
  let t: TestContext;
  let app: Express;
  let office: string;
  let student: string;
  let school: string;
  // This run's own students: NIRs no other run or the demo has.
  const base = 5_000_000 + Math.floor(Math.random() * 1_000_000) * 10;
  const tricky = trickyStudentRows(base);
  const rows = tricky.map((r) => r.row);

  const upload = (token: string, bytes: Buffer, query = '', filename = 'referentiel.xlsx') =>
    request(app).post(`${URL}${query}`).set('Authorization', `Bearer ${token}`).set('Accept-Language', 'fr').attach('file', bytes, { filename });
  const count = async () => Number((await t.admin('school_students').where({ tenant_id: school }).count('* as n'))[0]!.n);

  beforeAll(async () => {
    t = testContext();
    app = t.app;
    office = (await loginAs(app, 'school-office', 'acme-school')).accessToken;
    student = (await loginAs(app, 'student', 'acme-school')).accessToken;
    school = await tenantId(t.admin, 'acme-school');
    if (!(await t.admin('accounts').where({ tenant_id: school, name: 'Ouest Conseil' }).first('id'))) {
      // Numbered by the organisation's counter, as the API numbers them: suites creating accounts here meanwhile get the next ones.
      await t.admin.transaction(async (trx) => trx('accounts').insert({ tenant_id: school, number: await nextNumber(trx, school, 'account'), name: 'Ouest Conseil' }));
    }
  });
  afterAll(() => t.close());

  it('dry run: the diff of every row, each rejection with its reason, the NIR masked, nothing written', async () => {
    const before = await count();
    const res = await upload(office, await studentWorkbookBuffer(rows), '?dryRun=true');
    expect(res.status).toBe(200);
    const report = res.body as Report;
    expect(report.rows).toHaveLength(rows.length);
    tricky.forEach((tr, i) => {
      const row = report.rows[i]!;
      expect({ note: tr.note, outcome: row.outcome, code: row.reasonCode }).toEqual({ note: tr.note, outcome: tr.expect, code: tr.reason });
      if (row.outcome === 'rejected') expect(row.reason).toMatch(/\p{L}/u);
    });
    expect(report.rows[0]!.values).toMatchObject({ lastName: 'LE GALL', firstName: 'Jean-Pierre', personalPhone: '+33612345678', professionalPhone: '+33298765432', nir: maskNir(nirFor(base + 1)) });
    expect(report.rows[1]!.values).toMatchObject({ address: 'Résidence Les Pins, bât. B, 4 allée des Tilleuls', postalCode: '35000', city: 'Rennes', status: 'prospect' });
    expect(report.rows[3]!.values).toMatchObject({ professionalPhone: null, status: 'alumni' });
    expect(report.counts).toMatchObject({ total: 10, created: 4, rejected: 6 });
    // No NIR in clear anywhere in the answer.
    for (const r of rows) expect(JSON.stringify(res.body)).not.toContain(r[1]);
    expect(await count()).toBe(before);
  });

  it('applies, then the same file again changes nothing; history and report kept with masked NIRs', async () => {
    const file = await studentWorkbookBuffer(rows);
    const before = await count();
    const first = (await upload(office, file)).body as Report;
    expect(first.counts).toMatchObject({ created: 4, rejected: 6 });
    expect(await count()).toBe(before + 4);
    const stored = await t.admin('school_students').where({ tenant_id: school, last_name: 'KERBRAT', first_name: 'Yann' }).orderBy('created_at', 'desc').first();
    expect(stored).toMatchObject({ status: 'alumni', city: 'Saint-Malo', postalCode: '35400', personalPhone: '+33622334455', cursus: 'Master MIAGE' });
    expect(stored.companyId).toBeTruthy();
    expect(stored.nirSealed).not.toContain(nirFor(base + 3));

    const again = (await upload(office, file)).body as Report;
    expect(again.rows.filter((r) => r.outcome !== 'rejected').map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(await count()).toBe(before + 4);
    // The import numbers by the organisation's counter: a student created next through the API takes a new number.
    const imported = await t.admin('school_students').where({ tenant_id: school }).max('number as n').first();
    const created = await request(app).post('/api/v1/school/students').set('Authorization', `Bearer ${office}`)
      .send({ lastName: 'APRES-IMPORT', firstName: 'Nina', nir: randomNir(), status: 'prospect', cursus: 'BTS NDRC', promotion: 2028 });
    expect(created.status).toBe(201);
    expect(created.body.number).toBeGreaterThan(Number(imported!.n));

    const history = await request(app).get('/api/v1/school/imports').set('Authorization', `Bearer ${office}`);
    expect(history.status).toBe(200);
    expect(history.body.items[0]).toMatchObject({ id: again.runId, source: 'upload', status: 'done', unchanged: 4, rejected: 6, dryRun: false });
    const run = await request(app).get(`/api/v1/school/imports/${first.runId}`).set('Authorization', `Bearer ${office}`);
    expect(run.status).toBe(200);
    expect(run.body.rows).toHaveLength(10);
    expect(run.body.rows[4].reasonCode).toBe('school.import.nir-key');
    for (const r of rows) expect(JSON.stringify(run.body)).not.toContain(r[1]);
  });

  it('upserts on the NIR: only the changed fields move; the mapping\'s version is recorded', async () => {
    const changed: SheetRow[] = [[...rows[0]!] as SheetRow];
    changed[0]![3] = '14 rue de Siam, 29200, Brest';
    const res = await upload(office, await studentWorkbookBuffer(changed));
    expect(res.body.rows[0]).toMatchObject({ outcome: 'update', changed: ['address'] });
    expect(res.body.mapping).toMatchObject({ name: 'Référentiel ACME', version: 1 });
    const stored = await t.admin('school_students').where({ tenant_id: school, last_name: 'LE GALL', address: '14 rue de Siam' }).first();
    expect(stored).toMatchObject({ firstName: 'Jean-Pierre', city: 'Brest', version: 2 });
  });

  it('a wrong layout is refused with the missing headers named, nothing written; not an xlsx is a 400', async () => {
    const before = await count();
    const headers = SPEC_HEADERS.filter((h) => h !== 'Statut' && h !== 'Curscus');
    const res = await upload(office, await studentWorkbookBuffer(rows.map((r) => [r[0], r[1], r[3], r[4], r[5]] as unknown as SheetRow), headers));
    expect(res.status).toBe(422);
    expect(res.body.detail).toContain('« Statut »');
    expect(res.body.detail).toContain('« Curscus »');
    expect(await count()).toBe(before);
    const csv = await upload(office, Buffer.from('Nom Prénom;Statut\nDUPONT Marie;prospect\n'), '', 'etudiants.csv');
    expect(csv.status).toBe(400);
    expect(csv.body.detail).toContain('n’est pas un classeur Excel');
  });

  it('a student may not import (403), nor read the history', async () => {
    expect((await upload(student, await studentWorkbookBuffer(rows), '?dryRun=true')).status).toBe(403);
    expect((await request(app).get('/api/v1/school/imports').set('Authorization', `Bearer ${student}`)).status).toBe(403);
  });

  it('mappings: the default ships; saving adds a version; a run may name one', async () => {
    const list = await request(app).get('/api/v1/school/import-mappings').set('Authorization', `Bearer ${office}`);
    expect(list.body.items.find((m: { name: string }) => m.name === 'Référentiel ACME')).toMatchObject({ version: 1, columns: { name: 'Nom Prénom', cursus: 'Curscus' } });
    const name = `Test ${base}`;
    const columns = { name: 'Étudiant', nir: 'NIR', status: 'Statut' };
    const v1 = await request(app).post('/api/v1/school/import-mappings').set('Authorization', `Bearer ${office}`).send({ name, columns });
    const v2 = await request(app).post('/api/v1/school/import-mappings').set('Authorization', `Bearer ${office}`).send({ name, columns });
    expect([v1.status, v1.body.version, v2.body.version]).toEqual([201, 1, 2]);
    const res = await upload(office, await studentWorkbookBuffer([[rows[0]![0], rows[0]![1], rows[0]![2]] as unknown as SheetRow], ['Étudiant', 'NIR', 'Statut']), `?dryRun=true&mappingId=${v2.body.id}`);
    expect(res.status).toBe(200);
    expect(res.body.mapping).toMatchObject({ name, version: 2 });
    // The mapping does not read the address: the stored one stays.
    expect(res.body.rows[0]).toMatchObject({ outcome: 'unchanged' });
  });

  it('the CLI: `relais school import <file> --dry-run` prints the counts and the rejected rows, exits 2', async () => {
    const api = await listen(app);
    try {
      const root = path.join(process.env.RELAIS_DATA_DIR!, `school-import-cli-${process.pid}`);
      const user = cliUser(root, 'office');
      const file = path.join(root, 'referentiel.xlsx');
      fs.writeFileSync(file, await studentWorkbookBuffer(rows));
      const login = await user.run(['login', '--url', api.url, '--email', demoEmail('school-office', 'acme-school'), '--password-stdin'], { input: `${DEMO_PASSWORD}\n` });
      expect(login.code).toBe(0);
      const run = await user.run(['school', 'import', file, '--dry-run', '--mapping', 'Référentiel ACME'], { env: { RELAIS_LANG: 'fr' } });
      expect(run.stdout).toContain('Essai à blanc');
      expect(run.stdout).toMatch(/10 ligne\(s\) : 0 nouvelle\(s\), 1 modifiée\(s\), 3 inchangée\(s\), 6 refusée\(s\)/);
      expect(run.stdout).toContain('La clé du numéro de sécurité sociale ne correspond pas');
      for (const r of rows) expect(run.stdout).not.toContain(r[1]);
      expect(run.code).toBe(2);
      const history = await request(app).get('/api/v1/school/imports').set('Authorization', `Bearer ${office}`);
      expect(history.body.items[0]).toMatchObject({ source: 'cli', dryRun: true });
    } finally {
      await api.close();
    }
  });
});
