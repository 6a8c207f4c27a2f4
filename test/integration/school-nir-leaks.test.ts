import crypto from 'node:crypto';
import JSZip from 'jszip';
import pino from 'pino';
import request from 'supertest';
import { accessLogger, logger } from '../../config/logger';
import { randomNir } from '../../domain/school/student-samples';
import { studentWorkbookBuffer, type SheetRow } from '../fixtures/school/student-workbook';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The NIR is never written where it does not belong (issue 18, ADR 0049): a student office works the registry —
 * creates students, is refused a duplicate and a wrong key, imports a workbook (dry run, then for real, with a row
 * whose NIR is wrong), looks a student up by NIR, searches by name and by NIR — and a data protection officer
 * exports the registry to a third party. Meanwhile every line both of the API's loggers write is kept, at
 * `debug`. None of it — log lines, answers of the roles without the right, search results, the archive sent to
 * the third party — holds a NIR in clear, and the archive holds neither its sealed form nor its hash.
 * (The daily import's and the Alumnet sync's Temporal histories are grepped by their own suites.)
 */
function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** Every line a pino logger writes from now on, kept instead of written; `restore` puts things back. */
function keepLines(target: pino.Logger, lines: string[]): () => void {
  const stream = (target as unknown as Record<symbol, { write(chunk: string): boolean }>)[pino.symbols.streamSym]!;
  const write = stream.write;
  const level = target.level;
  stream.write = (chunk: string) => { lines.push(String(chunk)); return true; };
  target.level = 'debug';
  return () => { stream.write = write; target.level = level; };
}

describe('the NIR never leaks', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  const tokens: Record<string, string> = {};
  const lines: string[] = [];
  const restores: Array<() => void> = [];
  const surname = `Quéméner${crypto.randomBytes(3).toString('hex').replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!)}`;
  const created = randomNir();
  const imported = [randomNir(), randomNir()];
  const wrongKey = (() => { const n = randomNir(); return `${n.slice(0, 13)}${String((Number(n.slice(13)) % 97) + 1).padStart(2, '0')}`; })();
  const all = [created, ...imported, wrongKey];
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const expectNoNir = (where: string, text: string) => {
    for (const nir of all) if (text.includes(nir)) throw new Error(`${where} holds the NIR ${nir.slice(0, 3)}…`);
  };

  beforeAll(async () => {
    t = testContext();
    tenant = await createOwnTenant(t.admin, 'nir-leaks', ['school']);
    for (const role of ['direction', 'school-office', 'teacher', 'dpo']) tokens[role] = (await loginAs(t.app, role, tenant.slug)).accessToken;
    restores.push(keepLines(logger, lines), keepLines(accessLogger, lines));
  });
  afterAll(async () => {
    for (const restore of restores) restore();
    await t.close();
  });

  it('keeps every NIR out of the answers, the search, the logs and the third party\'s archive', async () => {
    const office = (method: 'get' | 'post', url: string) => request(t.app)[method](url).set(as('school-office'));
    const student = await office('post', '/api/v1/school/students').send({ lastName: surname, firstName: 'Gwenaëlle', nir: created, status: 'enrolled', promotion: 2026, cursus: 'Bachelor Business' });
    expect(student.status).toBe(201);
    const duplicate = await office('post', '/api/v1/school/students').send({ lastName: `${surname}bis`, firstName: 'Yann', nir: created });
    expect(duplicate.status).toBe(409);
    const refused = await office('post', '/api/v1/school/students').send({ lastName: `${surname}ter`, firstName: 'Yann', nir: wrongKey });
    expect(refused.status).toBe(400);
    expectNoNir('a refusal', JSON.stringify([duplicate.body, refused.body]));

    const rows: SheetRow[] = [
      [`${surname.toUpperCase()} Jean-Pierre`, imported[0]!, 'en fonction', '4, rue de Siam, 29200, Brest', '', '0612345678 0298765432', 'BTS NDRC'],
      [`${surname.toUpperCase()} Maëlys`, imported[1]!, 'prospect', '8 quai Duguay-Trouin, 35400, Saint-Malo', '', '0687654321', 'MSc Finance'],
      [`${surname.toUpperCase()} Erwan`, wrongKey, 'prospect', '1 place du Martray, 22000, Saint-Brieuc', '', '0611223344', 'MSc Finance'],
    ];
    const file = await studentWorkbookBuffer(rows);
    for (const dryRun of [true, false]) {
      const report = await office('post', `/api/v1/school/students/import${dryRun ? '?dryRun=true' : ''}`).attach('file', file, 'registre.xlsx');
      expect(report.status).toBe(200);
      expect(report.body.rows.map((r: { outcome: string }) => r.outcome)).toEqual(['create', 'create', 'rejected']);
      expectNoNir(`the import's report${dryRun ? ' (dry run)' : ''}`, JSON.stringify(report.body));
    }

    // Found by its NIR (the access log keeps the path, never the query string).
    const byNir = await office('get', `/api/v1/school/students?nir=${imported[0]}`).expect(200);
    expect(byNir.body.items).toHaveLength(1);
    for (const who of ['direction', 'teacher']) {
      const list = await request(t.app).get(`/api/v1/school/students?q=${encodeURIComponent(surname)}`).set(as(who)).expect(200);
      expect(list.body.items.length).toBeGreaterThanOrEqual(3);
      expectNoNir(`the list as ${who}`, JSON.stringify(list.body));
      const detail = await request(t.app).get(`/api/v1/school/students/${student.body.id}`).set(as(who)).expect(200);
      expectNoNir(`a student read by ${who}`, JSON.stringify(detail.body));
    }
    const byName = await office('get', `/api/v1/search?q=${encodeURIComponent(surname)}`).expect(200);
    expect(JSON.stringify(byName.body)).toContain(surname);
    expectNoNir('the global search by name', JSON.stringify(byName.body));
    const searchNir = await office('get', `/api/v1/search?q=${imported[1]}`).expect(200);
    expect(JSON.stringify(searchNir.body)).not.toContain(surname);

    // The registry sent to a third party: what the declaration leaves, never the NIR in any form.
    const stored = await t.admin('schoolStudents').where({ tenantId: tenant.tenantId }).select('nirSealed', 'nirHash');
    const declare = (columns: string[], sensitive: object[] = []) => request(t.app).post('/api/v1/gdpr/transfers').set(as('dpo')).send({
      recipient: { name: 'Réseau des écoles de Bretagne', country: 'FR', zone: 'eu-eea' }, purpose: 'Statistiques régionales des promotions',
      activity: 'school.registry', mode: 'pseudonymise', tables: [{ table: 'school_students', columns }], sensitive,
    });
    // The sealed NIR and its hash are never sent, whatever the officer asks.
    expect((await declare(['last_name', 'nir_sealed'])).status).toBe(422);
    expect((await declare(['last_name', 'nir_hash'])).status).toBe(422);
    // Its last digits only when the officer allows them with a reason, and then as the declaration masks them.
    expect((await declare(['last_name', 'nir_last_digits'])).status).toBe(422);
    const transfer = await declare(['last_name', 'first_name', 'nir_last_digits', 'city', 'cursus', 'promotion', 'status'],
      [{ table: 'school_students', column: 'nir_last_digits', reason: 'Dédoublonner les étudiants inscrits dans deux écoles du réseau' }]);
    expect([transfer.status, transfer.body.detail]).toEqual([201, undefined]);
    const archive = await request(t.app).post(`/api/v1/gdpr/transfers/${transfer.body.id}/exports`).set(as('dpo')).buffer(true).parse(binary).expect(201);
    const zip = await JSZip.loadAsync(archive.body as Buffer);
    const files = await Promise.all(Object.values(zip.files).filter((f) => !f.dir).map((f) => f.async('string')));
    const content = files.join('\n');
    expect(content).toContain('school_students');
    expectNoNir('the transfer archive', content);
    for (const row of stored) {
      expect(content).not.toContain(row.nirSealed);
      expect(content).not.toContain(row.nirHash);
    }

    // What the loggers wrote meanwhile: the requests were logged, no NIR was.
    expect(lines.join('').length).toBeGreaterThan(0);
    expect(lines.some((l) => l.includes('/api/v1/school/students'))).toBe(true);
    expectNoNir('a log line', lines.join(''));
  });
});
