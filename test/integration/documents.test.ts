import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { loginAs, tenantId, testContext, userId, type TestContext } from '../support/api';

describe('documents on accounts', () => {
  let t: TestContext;
  let accountId: string;
  beforeAll(async () => {
    t = testContext();
    const tenant = await tenantId(t.admin, 'epic-events');
    const [row] = await t.admin('accounts').insert({
      tenantId: tenant, number: 7_000_000 + Math.floor(Math.random() * 1_000_000), name: 'Documents SARL', ownerId: await userId(t.admin, 'sales', 'epic-events'),
    }).returning('id');
    accountId = row.id;
  });
  afterAll(() => t.close());

  it('stores an uploaded file on disk, lists it, serves the same bytes back and puts it on the account timeline', async () => {
    const { accessToken } = await loginAs(t.app, 'sales', 'epic-events');
    const bytes = Buffer.from('%PDF-1.4 contrat signé\n');
    const upload = await request(t.app).post(`/api/v1/accounts/${accountId}/documents`).set('Authorization', `Bearer ${accessToken}`)
      .attach('file', bytes, { filename: 'contrat été.pdf', contentType: 'application/pdf' });
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ filename: 'contrat été.pdf', mimeType: 'application/pdf', sizeBytes: bytes.length });
    const stored = await t.admin('documents').where({ id: upload.body.id }).first('storageKey');
    expect(fs.readFileSync(path.join(process.env.RELAIS_DATA_DIR!, 'documents', stored.storageKey))).toEqual(bytes);

    const list = await request(t.app).get(`/api/v1/accounts/${accountId}/documents`).set('Authorization', `Bearer ${accessToken}`);
    expect(list.body.items.map((d: { id: string }) => d.id)).toEqual([upload.body.id]);
    const download = await request(t.app).get(`/api/v1/documents/${upload.body.id}/content`).set('Authorization', `Bearer ${accessToken}`)
      .buffer(true).parse((res, cb) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => cb(null, Buffer.concat(chunks))); });
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('contrat été.pdf')}`);
    expect(Buffer.compare(download.body as Buffer, bytes)).toBe(0);
    const history = await request(t.app).get(`/api/v1/accounts/${accountId}/history`).set('Authorization', `Bearer ${accessToken}`);
    expect(history.body.items[0]).toMatchObject({ action: 'upload', changes: { document: { after: 'contrat été.pdf' } } });
  });

  it('refuses an upload from a read-only role and hides documents from another tenant', async () => {
    const support = await loginAs(t.app, 'support', 'epic-events');
    const refused = await request(t.app).post(`/api/v1/accounts/${accountId}/documents`).set('Authorization', `Bearer ${support.accessToken}`)
      .attach('file', Buffer.from('x'), { filename: 'x.txt', contentType: 'text/plain' });
    expect(refused.status).toBe(403);
    const doc = await t.admin('documents').where({ accountId }).first('id');
    const stranger = await loginAs(t.app, 'admin', 'msp');
    expect((await request(t.app).get(`/api/v1/documents/${doc.id}/content`).set('Authorization', `Bearer ${stranger.accessToken}`)).status).toBe(404);
    expect((await request(t.app).get(`/api/v1/accounts/${accountId}/documents`).set('Authorization', `Bearer ${stranger.accessToken}`)).status).toBe(404);
    const missing = await request(t.app).post(`/api/v1/accounts/${accountId}/documents`).set('Authorization', `Bearer ${(await loginAs(t.app, 'sales', 'epic-events')).accessToken}`).send({});
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('file');
  });
});
