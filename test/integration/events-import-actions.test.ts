import request from 'supertest';
import { withTenant } from '../../db/tenant-scope';
import { buildAbility } from '../../domain/identity/ability';
import { loadPrincipal } from '../../domain/identity/principal';
import { importEventsSpreadsheet, type ImportReport } from '../../domain/events/spreadsheet-import';
import { renderDeep } from '../../domain/i18n/messages';
import { workbookOf, type LegacySheet } from '../../scripts/fixtures/make-events-spreadsheet';
import { loginAs, tenantId, testContext, userId, type TestContext } from '../support/api';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const URL = '/api/v1/events/events/import';

const xlsxOf = async (sheets: LegacySheet[]): Promise<Buffer> => Buffer.from(await workbookOf(sheets).xlsx.writeBuffer());
const sheetOf = (name: string, event: number, contract: number, client: string): LegacySheet => ({
  name, title: `${name} party`,
  rows: [['Event ID', event], ['Contract ID', contract], ['Client name', client], ['Event date start', '4 Jun 2023 @ 1PM'], ['Event date end', '4 Jun 2023 @ 3PM']],
});

/** The import writes through the domain's actions: their history, their rules, the importer's rights. */
describe('import of the legacy events spreadsheet through the domain\'s actions', () => {
  let t: TestContext;
  let management: string;
  let epic: string;

  beforeAll(async () => {
    t = testContext();
    management = (await loginAs(t.app, 'management', 'epic-events')).accessToken;
    epic = await tenantId(t.admin, 'epic-events');
  });
  afterAll(() => t.close());

  it('shows in each imported record\'s history the file and sheet it came from, by the importing user', async () => {
    const bytes = await xlsxOf([sheetOf('Origine', 77_101, 77_201, 'Origin Client Import')]);
    const res = await request(t.app).post(URL).set('Authorization', `Bearer ${management}`).attach('file', bytes, { filename: 'origine.xlsx', contentType: XLSX });
    expect(res.status).toBe(200);
    const { created } = (res.body as ImportReport).sheets[0]!;
    const origin = { before: null, after: 'classeur des événements origine.xlsx, feuille « Origine »' };
    const historyOf = async (path: string) => {
      const answer = await request(t.app).get(`/api/v1/events/${path}/history`).set('Authorization', `Bearer ${management}`);
      expect(answer.status).toBe(200);
      return answer.body.items as Array<{ action: string; actor: { displayName: string } | null; changes: Record<string, unknown> }>;
    };
    const manager = await t.admin('users').where({ id: await userId(t.admin, 'management', 'epic-events') }).first('displayName');

    const contract = await historyOf(`contracts/${created.contract!.id}`);
    expect(contract.map((h) => h.action)).toEqual(['sign', 'create']);
    expect(contract.every((h) => h.actor?.displayName === manager.displayName)).toBe(true);
    expect(contract.map((h) => h.changes.importedFrom)).toEqual([origin, origin]);
    expect(contract[1]!.changes.number).toEqual({ before: null, after: 77_201 });
    const event = await historyOf(`events/${created.event!.id}`);
    expect(event).toEqual([expect.objectContaining({ action: 'create', changes: expect.objectContaining({ importedFrom: origin, number: { before: null, after: 77_101 } }) })]);
    expect((await historyOf(`clients/${created.client!.id}`))[0]!.changes.importedFrom).toEqual(origin);
  });

  it('rejects a sheet whose event the event action refuses (no event under an unsigned contract), with its rule, writing nothing', async () => {
    const [client] = await t.admin('event_clients').insert({ tenantId: epic, number: 770_001, fullName: 'Unsigned Contract Client' }).returning('id');
    await t.admin('event_contracts').insert({ tenantId: epic, number: 77_202, clientId: client.id, totalAmountCents: 100, amountDueCents: 100, signed: false });
    const bytes = await xlsxOf([sheetOf('Non signé', 77_102, 77_202, 'Unsigned Contract Client')]);
    const res = await request(t.app).post(URL).set('Authorization', `Bearer ${management}`).attach('file', bytes, { filename: 'non-signe.xlsx', contentType: XLSX });
    expect(res.status).toBe(200);
    const sheet = (res.body as ImportReport).sheets[0]!;
    expect(sheet.status).toBe('rejected');
    // The same words as the API's 422 on POST /events/events for that contract.
    expect(sheet.rows.find((r) => r.key === 'Contract ID')).toMatchObject({
      outcome: 'error', message: 'contrat n° 77202 : ce contrat n\'est pas encore signé : un événement ne peut être créé que pour un contrat signé ; faites-le signer dans Relais, puis importez à nouveau',
    });
    expect(await t.admin('event_events').where({ tenantId: epic, number: 77_102 }).select('id')).toEqual([]);
  });

  it('checks the records\' own rights with the importer\'s ability: an import right on their own clients only rejects, in French, a sheet for someone else\'s client', async () => {
    await t.admin('event_clients').insert({ tenantId: epic, number: 770_002, fullName: 'Nobody\'s Client Import' });
    const sales = await userId(t.admin, 'sales', 'epic-events');
    const bytes = await xlsxOf([sheetOf('Le mien', 77_103, 77_203, 'My Own Client Import'), sheetOf('Pas le mien', 77_104, 77_204, 'Nobody\'s Client Import')]);
    const report = await withTenant({ tenantId: epic, userId: sales }, async (trx) => {
      const principal = (await loadPrincipal(trx, epic, sales))!;
      principal.grants.push({ permission: 'events.import.create', scope: 'own' });
      return importEventsSpreadsheet({ trx, principal, ability: buildAbility(principal), requestId: 'own-import' }, { buffer: bytes, originalname: 'commercial.xlsx' });
    }, t.knex);

    // The report as the API answers it (French, the default).
    const [mine, other] = (renderDeep(report, 'fr') as ImportReport).sheets;
    // The client action's rule for a salesperson: the client is theirs.
    expect(mine).toMatchObject({ status: 'created', messages: expect.arrayContaining([expect.stringMatching(/^Client n° \d+ « My Own Client Import » créé, commercial /)]) });
    expect(await t.admin('event_clients').where({ tenantId: epic, fullName: 'My Own Client Import' }).first('salesContactId')).toEqual({ salesContactId: sales });
    expect(other!.status).toBe('rejected');
    expect(other!.rows.find((r) => r.key === 'Contract ID')).toMatchObject({
      outcome: 'error', message: 'vos droits ne permettent pas de créer le contrat n° 77204 (permission events.contract.create sur cet enregistrement) : rien n\'est importé de cette feuille',
    });
    expect(await t.admin('event_contracts').where({ tenantId: epic, number: 77_204 }).select('id')).toEqual([]);
  });
});
