import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import request from 'supertest';
import { testContext, loginAs, type TestContext } from '../support/api';
import { seedCaptureDemo } from '../../domain/audits/capture-demo';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * What auditors capture on site (issue 16, ADR 0035) through the API the offline tablet uses: POST
 * idempotent on the client's id (409 for another content), PATCH with If-Match (412 carrying the
 * current row in clear), masked lists and a clear detail, ciphertext in the database, who may (an
 * auditor not on the mission, the administration, a candidate, another organisation: 404), bad input
 * refused in French with nothing written, uploads' type and size checked. Two organisations of its own.
 */
describe('/api/v1/audits/missions/{id}/{inventory|observations|findings|uploads}', () => {
  let t: TestContext;
  let firm: OwnTenant;
  let other: OwnTenant;
  let lead: string;
  let auditor: string;
  let administration: string;
  let candidate: string;
  let otherLead: string;
  let mine: string;
  let notMine: string;
  let siteId: string;
  let elsewhere: string;

  const api = (token: string) => ({
    get: (url: string) => request(t.app).get(url).set('Authorization', `Bearer ${token}`).set('Accept-Language', 'fr'),
    post: (url: string, body: object = {}) => request(t.app).post(url).set('Authorization', `Bearer ${token}`).set('Accept-Language', 'fr').send(body),
    patch: (url: string, body: object, version?: string) => {
      const r = request(t.app).patch(url).set('Authorization', `Bearer ${token}`).set('Accept-Language', 'fr');
      return (version ? r.set('If-Match', version) : r).send(body);
    },
    delete: (url: string) => request(t.app).delete(url).set('Authorization', `Bearer ${token}`),
  });
  const base = (mission: string) => `/api/v1/audits/missions/${mission}`;

  async function mission(tenant: OwnTenant, number: number, auditorIds: string[]): Promise<{ id: string; siteId: string }> {
    const [{ next }] = await t.admin('accounts').where({ tenantId: tenant.tenantId }).select(t.admin.raw('coalesce(max(number), 0) + 1 as next'));
    const [account] = await t.admin('accounts').insert({ tenantId: tenant.tenantId, number: next, name: `Mairie ${number}` }).returning('id');
    const [row] = await t.admin('auditMissions').insert({
      tenantId: tenant.tenantId, number, accountId: account.id, title: `Audit ${number}`, status: 'on_site',
      scopes: ['network', 'servers'], leadId: tenant.userIds['mission-lead'], auditorIds,
    }).returning('id');
    const [site] = await t.admin('sites').insert({ tenantId: tenant.tenantId, accountId: account.id, name: `Hôtel de ville ${number}` }).returning('id');
    await t.admin('auditMissionSites').insert({ tenantId: tenant.tenantId, missionId: row.id, siteId: site.id });
    return { id: row.id as string, siteId: site.id as string };
  }

  const server = () => ({ id: crypto.randomUUID(), siteId, type: 'server', brand: 'Dell', model: 'PowerEdge R720 — Windows Server 2012 R2', serial: 'CZJ4821', networkAddress: '10.0.12.4', owner: 'Jean Dupont', location: 'Local technique' });

  beforeAll(async () => {
    t = testContext();
    [firm, other] = await Promise.all([createOwnTenant(t.admin, 'capture', ['audits']), createOwnTenant(t.admin, 'capture-other', ['audits'])]);
    [lead, auditor, administration, candidate, otherLead] = (await Promise.all([
      loginAs(t.app, 'mission-lead', firm.slug), loginAs(t.app, 'auditor', firm.slug), loginAs(t.app, 'administration', firm.slug),
      loginAs(t.app, 'candidate', firm.slug), loginAs(t.app, 'mission-lead', other.slug),
    ])).map((l) => l.accessToken);
    ({ id: mine, siteId } = await mission(firm, 1, [firm.userIds.auditor!]));
    ({ id: notMine, siteId: elsewhere } = await mission(firm, 2, []));
  });
  afterAll(() => t.close());

  it('POST is idempotent on the client\'s id; the row holds ciphertext; the list masks, the detail opens', async () => {
    const item = server();
    const created = await api(auditor).post(`${base(mine)}/inventory`, item).expect(201);
    expect(created.body).toMatchObject({ id: item.id, version: 1, serial: 'CZJ4821', networkAddress: '10.0.12.4', owner: 'Jean Dupont', masked: false });
    expect(created.headers.etag).toBe('"1"');
    const again = await api(auditor).post(`${base(mine)}/inventory`, item).expect(200);
    expect(again.body).toEqual(created.body);
    const conflict = await api(auditor).post(`${base(mine)}/inventory`, { ...item, serial: 'AUTRE' }).expect(409);
    expect(conflict.body.detail).toMatch(/identifiant/);

    const raw = await t.admin('auditInventoryItems').where({ tenantId: firm.tenantId, id: item.id });
    expect(raw).toHaveLength(1);
    const rawText = JSON.stringify(raw[0]);
    for (const secret of ['CZJ4821', '10.0.12.4', 'Jean Dupont']) expect(rawText).not.toContain(secret);
    expect(raw[0].serialSealed).toMatch(/^[0-9a-f-]{36}:v1\./);
    // The history says a sealed field changed, never its value.
    expect(JSON.stringify(await t.admin('history').where({ recordId: item.id }))).not.toContain('CZJ4821');

    const list = (await api(lead).get(`${base(mine)}/inventory`).expect(200)).body.items;
    expect(list).toEqual([expect.objectContaining({ id: item.id, serial: '••••4821', networkAddress: '10.0.••.••', owner: '••••••', brand: 'Dell', masked: true })]);
    const detail = await api(auditor).get(`${base(mine)}/inventory/${item.id}`).expect(200);
    expect(detail.body).toMatchObject({ serial: 'CZJ4821', networkAddress: '10.0.12.4', owner: 'Jean Dupont' });
    // Once the anonymisation put a pseudonym in place of the ciphertext, the pseudonym is what reads.
    await t.admin('auditInventoryItems').where({ tenantId: firm.tenantId, id: item.id }).update({ ownerSealed: 'Personne 3F2A' });
    expect((await api(auditor).get(`${base(mine)}/inventory/${item.id}`).expect(200)).body.owner).toBe('Personne 3F2A');
  });

  it('PATCH needs If-Match; a stale one answers 412 with the server\'s row; DELETE then 404', async () => {
    const item = server();
    await api(auditor).post(`${base(mine)}/inventory`, item).expect(201);
    const url = `${base(mine)}/inventory/${item.id}`;
    await api(lead).patch(url, { location: 'Baie 2' }).expect(428);
    const changed = await api(lead).patch(url, { location: 'Baie 2', owner: 'Marie Le Bihan' }, '"1"').expect(200);
    expect(changed.body).toMatchObject({ version: 2, location: 'Baie 2', owner: 'Marie Le Bihan' });
    const stale = await api(auditor).patch(url, { location: 'Baie 3' }, '"1"').expect(412);
    expect(stale.headers['content-type']).toMatch(/problem\+json/);
    expect(stale.body.current).toMatchObject({ id: item.id, version: 2, location: 'Baie 2', owner: 'Marie Le Bihan', serial: 'CZJ4821' });
    await api(auditor).delete(url).expect(204);
    await api(auditor).delete(url).expect(404);
  });

  it('findings rated by CVSS 3.1 or the grid; observations sealed', async () => {
    const id = crypto.randomUUID();
    const finding = await api(auditor).post(`${base(mine)}/findings`, {
      id, siteId, title: 'SMBv1 activé sur le serveur de fichiers', description: 'Le serveur SRV-FIC-01 accepte SMBv1.', recommendation: 'Désactiver SMBv1.',
      rating: { method: 'cvss', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
    }).expect(201);
    expect(finding.body).toMatchObject({ severity: 'critical', severityMethod: 'cvss', cvssScore: 9.8, status: 'open', description: 'Le serveur SRV-FIC-01 accepte SMBv1.' });
    const regraded = await api(lead).patch(`${base(mine)}/findings/${id}`, { rating: { method: 'grid', likelihood: 2, impact: 3 } }, '"1"').expect(200);
    expect(regraded.body).toMatchObject({ severity: 'medium', severityMethod: 'grid', likelihood: 2, impact: 3, cvssVector: null, cvssScore: null, version: 2 });
    const listed = (await api(auditor).get(`${base(mine)}/findings`).expect(200)).body.items[0];
    expect(listed).toMatchObject({ title: 'SMBv1 activé sur le serveur de fichiers', description: '••••••', risk: null, severity: 'medium' });

    const obs = crypto.randomUUID();
    await api(auditor).post(`${base(mine)}/observations`, { id: obs, siteId, body: 'Baie réseau ouverte, sans clé.', peopleMet: 'M. Kerhervé, DSI' }).expect(201);
    const raw = await t.admin('auditObservations').where({ tenantId: firm.tenantId, id: obs }).first();
    expect(JSON.stringify(raw)).not.toContain('Kerhervé');
    expect((await api(lead).get(`${base(mine)}/observations/${obs}`).expect(200)).body).toMatchObject({ body: 'Baie réseau ouverte, sans clé.', peopleMet: 'M. Kerhervé, DSI' });
  });

  it('bad input is refused in French, nothing written', async () => {
    const before = await t.admin('auditFindings').where({ tenantId: firm.tenantId }).count({ n: '*' }).first();
    const badVector = await api(auditor).post(`${base(mine)}/findings`, { id: crypto.randomUUID(), title: 'X', rating: { method: 'cvss', vector: 'CVSS:3.1/AV:N/AC:L' } }).expect(400);
    expect(badVector.body.errors).toEqual([expect.objectContaining({ field: 'rating.vector', message: expect.stringMatching(/huit métriques/) })]);
    const badGrid = await api(auditor).post(`${base(mine)}/findings`, { id: crypto.randomUUID(), title: 'X', rating: { method: 'grid', likelihood: 5, impact: 1 } }).expect(400);
    expect(badGrid.body.errors[0].field).toBe('rating.likelihood');
    const badType = await api(auditor).post(`${base(mine)}/inventory`, { ...server(), type: 'grille-pain', extra: 1 }).expect(400);
    expect(badType.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'type']);
    const otherSite = await api(auditor).post(`${base(mine)}/inventory`, { ...server(), siteId: elsewhere }).expect(400);
    expect(otherSite.body.errors[0]).toMatchObject({ field: 'siteId', message: expect.stringMatching(/site de cette mission/) });
    await api(auditor).post(`${base(mine)}/inventory`, { ...server(), id: 'pas-un-uuid' }).expect(400);
    const noLibrary = await api(auditor).post(`${base(mine)}/findings`, { id: crypto.randomUUID(), title: 'X', libraryFindingId: crypto.randomUUID(), rating: { method: 'grid', likelihood: 1, impact: 1 } }).expect(400);
    expect(noLibrary.body.errors[0]).toMatchObject({ field: 'libraryFindingId', message: expect.stringMatching(/bibliothèque/) });
    const noCheck = await api(auditor).post(`${base(mine)}/observations`, { id: crypto.randomUUID(), siteId, checkId: crypto.randomUUID(), body: 'x' }).expect(400);
    expect(noCheck.body.errors[0]).toMatchObject({ field: 'checkId', message: expect.stringMatching(/point de contrôle/) });
    expect(await t.admin('auditFindings').where({ tenantId: firm.tenantId }).count({ n: '*' }).first()).toEqual(before);
    expect((await t.admin('auditInventoryItems').where({ tenantId: firm.tenantId, siteId: elsewhere })).length).toBe(0);
  });

  it('only the mission\'s team: an auditor not on it, the administration, a candidate, another organisation get 404', async () => {
    const item = server();
    await api(auditor).post(`${base(mine)}/inventory`, item).expect(201);
    await api(auditor).get(`${base(notMine)}/inventory`).expect(404);
    await api(auditor).post(`${base(notMine)}/inventory`, { ...server(), siteId: elsewhere }).expect(404);
    await api(lead).get(`${base(notMine)}/inventory`).expect(200);
    for (const token of [administration, candidate, otherLead]) {
      await api(token).get(`${base(mine)}/inventory`).expect(404);
      await api(token).get(`${base(mine)}/inventory/${item.id}`).expect(404);
    }
    await api(otherLead).patch(`${base(mine)}/inventory/${item.id}`, { notes: 'x' }, '"1"').expect(404);
    // The same client id in another organisation is another row, not a conflict.
    const theirs = await mission(other, 1, []);
    await api(otherLead).post(`${base(theirs.id)}/inventory`, { ...item, siteId: theirs.siteId }).expect(201);
  });

  it('uploads: a photo sealed on disk and served back; another type or too large refused', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(64)]);
    const id = crypto.randomUUID();
    const send = (file: Buffer, name: string, fields: Record<string, string>) => {
      const r = request(t.app).post(`${base(mine)}/uploads`).set('Authorization', `Bearer ${auditor}`).set('Accept-Language', 'fr');
      for (const [k, v] of Object.entries(fields)) r.field(k, v);
      return r.attach('file', file, name);
    };
    const created = await send(png, 'baie.png', { id, siteId, caption: 'Baie réseau' }).expect(201);
    expect(created.body).toMatchObject({ id, contentType: 'image/png', sizeBytes: png.length, caption: 'Baie réseau' });
    await send(png, 'baie.png', { id, siteId, caption: 'Baie réseau' }).expect(200);
    await send(png, 'baie.png', { id, siteId, caption: 'Autre légende' }).expect(409);
    const row = await t.admin('auditUploads').where({ tenantId: firm.tenantId, id }).first();
    const document = await t.admin('documents').where({ id: row.documentId }).first();
    const onDisk = fs.readFileSync(path.join(process.env.RELAIS_DATA_DIR!, 'documents', document.storageKey));
    expect(onDisk.includes(png.subarray(8, 40))).toBe(false);
    const back = await request(t.app).get(`${base(mine)}/uploads/${id}`).set('Authorization', `Bearer ${lead}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(back.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(back.body as Buffer, png)).toBe(0);
    await request(t.app).get(`${base(mine)}/uploads/${id}`).set('Authorization', `Bearer ${administration}`).expect(404);

    const script = await send(Buffer.from('<html><script>alert(1)</script></html>'), 'photo.png', { id: crypto.randomUUID(), siteId }).expect(415);
    expect(script.body.detail).toMatch(/ni une image/);
    await send(Buffer.concat([png, Buffer.alloc(15 * 1024 * 1024)]), 'grande.png', { id: crypto.randomUUID(), siteId }).expect(413);
    expect(await t.admin('auditUploads').where({ tenantId: firm.tenantId }).count({ n: '*' }).first()).toEqual({ n: 1 });
  });

  it('the demo part fills missions on site (half) and delivered (all) as their scopes go, sealed, and seeding again writes nothing more', async () => {
    const demo = await createOwnTenant(t.admin, 'capture-demo', ['audits']);
    await seedCaptureDemo(t.admin, demo);
    const onSite = await mission(demo, 1, [demo.userIds.auditor!]);
    const delivered = await mission(demo, 2, []);
    await t.admin('auditMissions').where({ id: delivered.id }).update({ status: 'delivered', deliveredAt: new Date() });
    await seedCaptureDemo(t.admin, demo);
    await seedCaptureDemo(t.admin, demo);
    const count = async (table: string, missionId: string) => Number((await t.admin(table).where({ tenantId: demo.tenantId, missionId }).count({ n: '*' }).first())!.n);
    expect([await count('auditInventoryItems', onSite.id), await count('auditFindings', onSite.id), await count('auditUploads', onSite.id)]).toEqual([4, 2, 1]);
    expect([await count('auditInventoryItems', delivered.id), await count('auditObservations', delivered.id), await count('auditFindings', delivered.id), await count('auditUploads', delivered.id)]).toEqual([8, 2, 4, 2]);
    const token = (await loginAs(t.app, 'mission-lead', demo.slug)).accessToken;
    const findings = (await api(token).get(`${base(delivered.id)}/findings`).expect(200)).body.items as Array<{ title: string; severity: string; cvssScore: number | null }>;
    expect(findings.find((f) => f.title.includes('2012 R2'))).toMatchObject({ severity: 'critical', cvssScore: 9.8 });
    const server = (await api(token).get(`${base(delivered.id)}/inventory`).expect(200)).body.items.find((i: { type: string }) => i.type === 'server');
    expect(server).toMatchObject({ serial: '••••4821', networkAddress: '10.0.••.••' });
    const uploads = (await api(token).get(`${base(delivered.id)}/uploads`).expect(200)).body.items as Array<{ id: string; contentType: string }>;
    const pdf = uploads.find((u) => u.contentType === 'application/pdf')!;
    const file = await request(t.app).get(`${base(delivered.id)}/uploads/${pdf.id}`).set('Authorization', `Bearer ${token}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect((file.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    // Delivered: its capture no longer changes.
    const closed = await api(token).patch(`${base(delivered.id)}/inventory/${String(server.id)}`, { notes: 'x' }, '"1"').expect(422);
    expect(closed.body.detail).toMatch(/^La mission est livrée/);
  });

  it('answers as the OpenAPI document describes them', async () => {
    const doc = (await request(t.app).get('/api/v1/openapi.json').expect(200)).body;
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const schemaOf = (path: string, method: string, status: string) => doc.paths[path][method].responses[status].content['application/json'].schema;
    const check = (schema: object, body: unknown) => {
      const matches = ajv.compile(schema);
      expect({ valid: matches(body), errors: matches.errors ?? null }).toEqual({ valid: true, errors: null });
    };
    for (const kind of ['inventory', 'observations', 'findings', 'uploads']) {
      check(schemaOf(`/api/v1/audits/missions/{missionId}/${kind}`, 'get', '200'), (await api(lead).get(`${base(mine)}/${kind}`).expect(200)).body);
    }
    const finding = (await api(lead).get(`${base(mine)}/findings`).expect(200)).body.items[0];
    check(schemaOf('/api/v1/audits/missions/{missionId}/findings/{itemId}', 'get', '200'), (await api(lead).get(`${base(mine)}/findings/${finding.id}`).expect(200)).body);
  });
});
