import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { workbookOf } from '../../scripts/fixtures/make-events-spreadsheet';
import { deflatedZeros, workbookWithHugeSheet, writeZip } from '../support/zip-bomb';
import { loginAs, tenantId, testContext, type TestContext } from '../support/api';

const GOOD = fs.readFileSync(path.resolve(__dirname, '../fixtures/events/epic-events-legacy.xlsx'));
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const URL = '/api/v1/events/events/import';

describe('import of a crafted workbook (zip bomb): refused, the API stays up', () => {
  let t: TestContext;
  let management: string;
  let epic: string;

  const upload = (bytes: Buffer, filename = 'bomb.xlsx') =>
    request(t.app).post(URL).set('Authorization', `Bearer ${management}`).attach('file', bytes, { filename, contentType: XLSX });

  beforeAll(async () => {
    t = testContext();
    management = (await loginAs(t.app, 'management', 'epic-events')).accessToken;
    epic = await tenantId(t.admin, 'epic-events');
  });
  afterAll(() => t.close());

  const countEvents = async () => Number((await t.admin('event_events').where({ tenantId: epic }).count<{ count: string }[]>('id as count'))[0]!.count);

  it('answers 413 in French for a 4.7 MB workbook whose sheet declares 2 KB and inflates to 4.8 GB, writes nothing, and imports the next workbook normally', async () => {
    const before = await countEvents();
    const bomb = await workbookWithHugeSheet(GOOD, 4578, 2048);
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024);

    const res = await upload(bomb);
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toBe('Le classeur est trop volumineux une fois décompressé (100 Mo au maximum).');
    expect(await countEvents()).toBe(before);

    expect((await request(t.app).get('/api/v1/health')).status).toBe(200);
    const normal = Buffer.from(await workbookOf([{
      name: 'After', title: 'After the bomb', rows: [['Event ID', 9301], ['Contract ID', 9302], ['Client name', 'Calm Client'], ['Event date start', '4 Jun 2023 @ 1PM'], ['Event date end', '4 Jun 2023 @ 3PM']],
    }]).xlsx.writeBuffer());
    const next = await upload(normal, 'after.xlsx');
    expect(next.status).toBe(200);
    expect(next.body.totals).toMatchObject({ created: 1, rejected: 0 });
  });

  it('answers 413 for an honest workbook that declares more than 100 MB once unpacked', async () => {
    const res = await upload(await workbookWithHugeSheet(GOOD, 120, 120 * 1024 * 1024));
    expect(res.status).toBe(413);
    expect(res.body.detail).toMatch(/^Le classeur est trop volumineux une fois décompressé/);
  });

  it('answers 422 for a workbook compressed far more than a spreadsheet is', async () => {
    const res = await upload(await workbookWithHugeSheet(GOOD, 30, 30 * 1024 * 1024));
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/^Le classeur est anormalement compressé/);
  });

  it('answers 400 for an archive that is not a workbook at all', async () => {
    const res = await upload(writeZip([{ name: 'zeros.bin', deflated: deflatedZeros(1), declaredSize: 1024 * 1024 }]));
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'file' });
  });
});
