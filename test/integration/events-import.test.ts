import fs from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { withTenant } from '../../db/tenant-scope';
import type { ImportReport, SheetReport } from '../../domain/events/spreadsheet-import';
import { workbookOf, type LegacySheet } from '../../scripts/fixtures/make-events-spreadsheet';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { engineWorker } from '../support/engine';
import { loginAs, TASK_QUEUE, tenantId, testContext, userId, type TestContext } from '../support/api';

const FIXTURES = path.resolve(__dirname, '../fixtures/events');
const GOOD = fs.readFileSync(path.join(FIXTURES, 'epic-events-legacy.xlsx'));
const BAD = fs.readFileSync(path.join(FIXTURES, 'epic-events-legacy-bad.xlsx'));
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const URL = '/api/v1/events/events/import';

async function xlsxOf(sheets: LegacySheet[]): Promise<Buffer> {
  return Buffer.from(await workbookOf(sheets).xlsx.writeBuffer());
}

describe('import of the legacy events spreadsheet (spec 001)', () => {
  let t: TestContext;
  let app: Express;
  let management: string;
  let epic: string;
  let kate: string;

  const upload = (token: string, bytes: Buffer, filename = 'epic-events-legacy.xlsx', contentType = XLSX) =>
    request(app).post(URL).set('Authorization', `Bearer ${token}`).attach('file', bytes, { filename, contentType });
  const sheet = (report: ImportReport, name: string): SheetReport => report.sheets.find((s) => s.sheet === name)!;

  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    t = testContext();
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    running = worker.run();
    management = (await loginAs(t.app, 'management', 'epic-events')).accessToken;
    app = t.app;
    epic = await tenantId(t.admin, 'epic-events');
    kate = await userId(t.admin, 'support', 'epic-events');
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await connection.close();
    await t.close();
  });

  it('creates the spec\'s two events with their contracts and clients, and reports every row', async () => {
    const res = await upload(management, GOOD);
    expect(res.status).toBe(200);
    const report = res.body as ImportReport;
    if (process.env.SHOW_IMPORT_REPORT) fs.writeFileSync(process.env.SHOW_IMPORT_REPORT, JSON.stringify(report, null, 2));
    expect(report.totals).toMatchObject({ sheets: 2, created: 2, skipped: 0, rejected: 0, clientsCreated: 2, contractsCreated: 2 });

    const wedding = sheet(report, 'John Ouick Wedding');
    expect(wedding).toMatchObject({ status: 'created', eventNumber: 109, title: 'John Ouick Wedding' });
    expect(wedding.rows).toHaveLength(11);
    expect(wedding.rows.every((r) => r.outcome === 'mapped')).toBe(true);
    expect(wedding.rows.find((r) => r.field === 'supportContact')).toMatchObject({ message: 'reconnu : Kate Hastroff', code: 'import.support-matched' });
    expect(wedding.messages).toEqual(expect.arrayContaining([expect.stringMatching(/^Client n° \d+ « John Ouick » créé, sans commercial : désignez-en un\.$/)]));

    const event = await t.admin('event_events').where({ tenantId: epic, number: 109 }).first();
    expect(event).toMatchObject({
      id: wedding.eventId, name: 'John Ouick Wedding', supportContactId: kate, attendees: 75,
      location: '53 Rue du Château, 41120 Candé-sur-Beuvron, France', closedAt: null,
      notes: 'Wedding starts at 3PM, by the river. Catering is organized, reception starts at 5PM. Kate needs to organize the DJ for after party.',
    });
    expect(new Date(event.startsAt).toISOString()).toBe(new Date('2023-06-04T13:00:00+02:00').toISOString());
    expect(new Date(event.endsAt).toISOString()).toBe(new Date('2023-06-05T02:00:00+02:00').toISOString());
    const contract = await t.admin('event_contracts').where({ id: event.contractId }).first();
    expect(contract).toMatchObject({ number: 652, signed: true, notes: 'Importé du classeur : montants à compléter' });
    expect(Number(contract.totalAmountCents)).toBe(0);
    expect(Number(contract.amountDueCents)).toBe(0);
    expect(contract.signedAt).not.toBeNull();
    const client = await t.admin('event_clients').where({ id: contract.clientId }).first();
    expect(client).toMatchObject({ fullName: 'John Ouick', email: 'john.ouick@gmail.com', phone: '+12345678901', salesContactId: null });

    // The events API shows the imported event like any other.
    const shown = await request(app).get(`/api/v1/events/events/${wedding.eventId}`).set('Authorization', `Bearer ${management}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      number: 109, contractNumber: 652, clientName: 'John Ouick', clientEmail: 'john.ouick@gmail.com', clientPhone: '+12345678901',
      supportContactName: 'Kate Hastroff', attendees: 75, status: 'planned',
    });
    expect(Date.parse(shown.body.startsAt)).toBe(Date.parse('2023-06-04T13:00:00+02:00'));

    const assembly = sheet(report, 'Lou Bouzin General Assembly');
    expect(assembly).toMatchObject({ status: 'created', eventNumber: 1023 });
    const support = assembly.rows.find((r) => r.field === 'supportContact')!;
    expect(support).toMatchObject({ outcome: 'warning', message: expect.stringMatching(/aucun collaborateur support actif ne s'appelle « Aliénor Vichum » : l'événement est créé sans support/) });
    const event2 = await t.admin('event_events').where({ tenantId: epic, number: 1023 }).first();
    expect(event2).toMatchObject({ supportContactId: null, attendees: 200, name: 'Lou Bouzin General Assembly' });
    expect(new Date(event2.startsAt).toISOString()).toBe('2023-05-05T13:00:00.000Z');
    const client2 = await t.admin('event_clients as c').join('event_contracts as k', 'k.clientId', 'c.id').where('k.id', event2.contractId).first('c.*', 'k.number as contractNumber');
    expect(client2).toMatchObject({ contractNumber: 412, fullName: 'Lou Bouzin', email: 'jacky@loubouzin.grd', phone: null });
    expect(client2.notes).toContain('Personne à contacter : Jacky Blangier');
    expect(client2.notes).toContain('Téléphone tel qu\'écrit dans le classeur (numéro non valide) : + 666 12345');

    // The next numbers given out come after the imported ones.
    const counters = await t.admin('tenantCounters').where({ tenantId: epic }).whereIn('name', ['event', 'event-contract']).select('name', 'value');
    const counter = Object.fromEntries(counters.map((c) => [c.name, Number(c.value)]));
    expect(counter.event).toBeGreaterThanOrEqual(1023);
    expect(counter['event-contract']).toBeGreaterThanOrEqual(652);

    // Every record is written through the domain's actions, each entry with the request id; the import is in the audit log.
    const history = await t.admin('history').whereIn('recordId', [event.id, event.contractId, contract.clientId]).orderBy('id').select('recordType', 'action', 'requestId', 'actorUserId');
    expect(history.map((h) => `${h.recordType} ${h.action}`)).toEqual(['event-client create', 'event-contract create', 'event-contract sign', 'event create', 'event update']);
    expect(history.every((h) => h.requestId && h.actorUserId === history[0]!.actorUserId)).toBe(true);
    const auditRow = await t.admin('auditLog').where({ tenantId: epic, action: 'events.import' }).orderBy('id', 'desc').first();
    expect(auditRow.details).toMatchObject({ filename: 'epic-events-legacy.xlsx', dryRun: false, totals: { created: 2 } });
  });

  it('skips, the second time, the events it already created (idempotent)', async () => {
    // Other test files add events to epic-events meanwhile: count the sheet's own numbers.
    const before = await t.admin('event_events').where({ tenantId: epic }).whereIn('number', [109, 1023]).count<{ count: string }[]>('* as count');
    const res = await upload(management, GOOD);
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ created: 0, skipped: 2, rejected: 0, clientsCreated: 0, contractsCreated: 0 });
    expect(sheet(res.body, 'John Ouick Wedding').messages).toEqual(expect.arrayContaining([expect.stringMatching(/L'événement n° 109 existe déjà/)]));
    const after = await t.admin('event_events').where({ tenantId: epic }).whereIn('number', [109, 1023]).count<{ count: string }[]>('* as count');
    expect(after[0]!.count).toBe(before[0]!.count);
    expect(Number(after[0]!.count)).toBe(2);
    expect(await t.admin('event_clients').where({ tenantId: epic, fullName: 'John Ouick' }).select('id')).toHaveLength(1);
    // The same report for a reader who prefers English.
    const english = await upload(management, GOOD).set('Accept-Language', 'en');
    expect(sheet(english.body, 'John Ouick Wedding').messages).toEqual(expect.arrayContaining([expect.stringMatching(/^Event #109 already exists \(imported before/)]));
  });

  it('rejects the bad file sheet by sheet, with reasons, and writes nothing for them', async () => {
    const res = await upload(management, BAD, 'epic-events-legacy-bad.xlsx');
    expect(res.status).toBe(200);
    const report = res.body as ImportReport;
    expect(report.totals).toMatchObject({ sheets: 6, created: 0, skipped: 0, rejected: 6 });
    expect(report.sheets.map((s) => [s.sheet, s.status])).toEqual([
      ['Missing Event ID', 'rejected'], ['Unparseable date', 'rejected'], ['End before start', 'rejected'],
      ['Attendees lots', 'rejected'], ['Unknown keys', 'rejected'], ['Empty', 'rejected'],
    ]);
    expect(sheet(report, 'Missing Event ID').messages).toContain('« Event ID » manque : ajoutez une ligne avec « Event ID » en colonne A et sa valeur en colonne B.');
    expect(sheet(report, 'Unparseable date').rows.find((r) => r.row === 6)).toMatchObject({ outcome: 'error', value: 'sometime in June' });
    expect(sheet(report, 'End before start').messages.join('\n')).toMatch(/Ligne 7 \(Event date end\) : doit être après le début \(l'événement commence le 5 juin 2023, 14:00\)/);
    expect(sheet(report, 'Attendees lots').messages.join('\n')).toMatch(/« lots » n'est pas un nombre de participants/);
    expect(sheet(report, 'Unknown keys').rows.filter((r) => r.outcome === 'warning')).toHaveLength(6);
    expect(sheet(report, 'Empty').messages[0]).toMatch(/La feuille est vide/);
    expect(report.sheets.every((s) => Object.keys(s.created).length === 0 && !s.eventId)).toBe(true);

    expect(await t.admin('event_events').where({ tenantId: epic }).whereBetween('number', [9001, 9006]).select('id')).toEqual([]);
    expect(await t.admin('event_contracts').where({ tenantId: epic }).whereBetween('number', [9101, 9106]).select('id')).toEqual([]);
    expect(await t.admin('event_clients').where({ tenantId: epic }).whereLike('fullName', 'Rejected Client%').select('id')).toEqual([]);
  });

  it('imports the good sheets of a mixed file and rejects the others, each in its own savepoint', async () => {
    // Contract 8801 exists, signed, for another client; contract 8802 exists, not signed.
    const other = await t.admin('event_clients').insert({ tenantId: epic, number: 880_001, fullName: 'Someone Else' }).returning('id');
    await t.admin('event_contracts').insert([
      { tenantId: epic, number: 8801, clientId: other[0].id, totalAmountCents: 100, amountDueCents: 100, signed: true, signedAt: new Date() },
      { tenantId: epic, number: 8802, clientId: other[0].id, totalAmountCents: 100, amountDueCents: 100, signed: false },
    ]);
    const base = (n: number, contract: number, client: string): LegacySheet => ({
      name: `Sheet ${n}`, title: null,
      rows: [['Event ID', n], ['Contract ID', contract], ['Client name', client], ['Client contact', 'someone@else.example'],
        ['Date de début', '4 juin 2023 @ 13h'], ['Date de fin', '4 juin 2023 @ 18h'], ['Support contact', 'KATE HASTROFF'], ['Budget', '12 000 €']],
    });
    const bytes = await xlsxOf([
      base(8001, 8801, 'Somebody Else Entirely'), // contract of another client
      base(8002, 8802, 'Someone Else'), // contract not signed
      base(8003, 8801, 'Someone Else'), // existing signed contract of this client: imported
      { ...base(8004, 8803, 'Mixed New Client'), rows: [...base(8004, 8803, 'Mixed New Client').rows, ['Attendees', 'lots']] },
    ]);
    const res = await upload(management, bytes, 'mixed.xlsx');
    expect(res.status).toBe(200);
    const report = res.body as ImportReport;
    expect(report.sheets.map((s) => s.status)).toEqual(['rejected', 'rejected', 'created', 'rejected']);
    expect(report.sheets[0]!.messages.join('\n')).toMatch(/le contrat n° 8801 appartient au client n° 880001 « Someone Else », pas à « Somebody Else Entirely »/);
    // The event's own rule (resources.ts), as the API answers it: no event under an unsigned contract.
    expect(report.sheets[1]!.messages.join('\n')).toMatch(/Ligne 3 \(Contract ID\) : contrat n° 8802 : ce contrat n'est pas encore signé : un événement ne peut être créé que pour un contrat signé/);
    const created = report.sheets[2]!;
    expect(created.created).toEqual({ event: expect.objectContaining({ number: 8003, name: 'Someone Else event' }) });
    expect(created.rows.find((r) => r.key === 'Budget')).toMatchObject({ outcome: 'warning' });
    const event = await t.admin('event_events').where({ tenantId: epic, number: 8003 }).first();
    expect(event).toMatchObject({ supportContactId: kate, notes: 'Champ importé Budget : 12 000 €' });
    expect(await t.admin('event_events').where({ tenantId: epic }).whereIn('number', [8001, 8002, 8004]).select('id')).toEqual([]);
    expect(await t.admin('event_clients').where({ tenantId: epic, fullName: 'Mixed New Client' }).select('id')).toEqual([]);
  });

  it('writes nothing on a dry run, and says what an import would do', async () => {
    const bytes = await xlsxOf([{ name: 'Dry', title: 'Dry run party', rows: [['Event ID', 8101], ['Contract ID', 8901], ['Client name', 'Dry Client'], ['Event date start', '4 Jun 2023 @ 1PM'], ['Event date end', '4 Jun 2023 @ 3PM']] }]);
    const res = await request(app).post(`${URL}?dryRun=true`).set('Authorization', `Bearer ${management}`).attach('file', bytes, { filename: 'dry.xlsx', contentType: XLSX });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, totals: { created: 1 } });
    expect(res.body.sheets[0].messages).toContain('Essai à blanc : rien n\'a été écrit.');
    expect(res.body.sheets[0].created).toEqual({ client: { number: expect.any(Number), name: 'Dry Client' }, contract: { number: 8901 }, event: { number: 8101, name: 'Dry run party' } });
    expect(await t.admin('event_events').where({ tenantId: epic, number: 8101 }).select('id')).toEqual([]);
    expect(await t.admin('event_clients').where({ tenantId: epic, fullName: 'Dry Client' }).select('id')).toEqual([]);
  });

  it('answers 400 saying what is expected for a file that is not an .xlsx workbook, and 413 past 5 MB', async () => {
    const csv = await upload(management, Buffer.from('Event ID;109\n'), 'events.csv', 'text/csv');
    expect(csv.status).toBe(400);
    expect(csv.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(csv.body.detail).toMatch(/Attendu : un classeur Excel \(\.xlsx\)/);
    expect(csv.body.errors).toEqual([{ field: 'file', message: 'un fichier CSV n\'est pas un classeur .xlsx', code: 'import.bad-file', params: expect.objectContaining({ reason: 'csv' }) }]);
    const xls = await upload(management, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'events.xls', 'application/vnd.ms-excel');
    expect(xls.status).toBe(400);
    expect(xls.body.errors[0].message).toMatch(/enregistrez-le en « Classeur Excel \(\.xlsx\) »/);
    const none = await request(app).post(URL).set('Authorization', `Bearer ${management}`).send({});
    expect(none.status).toBe(400);
    expect(none.body.errors[0]).toMatchObject({ field: 'file' });
    const big = await upload(management, Buffer.alloc(5 * 1024 * 1024 + 1, 1), 'big.xlsx');
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ code: 'upload.too-large', detail: 'Le classeur est trop volumineux (5 Mo au plus). Divisez-le en plusieurs classeurs.' });
  });

  it('is for management only: sales and support get 403, and another organisation sees nothing', async () => {
    for (const role of ['sales', 'support']) {
      const { accessToken } = await loginAs(t.app, role, 'epic-events');
      const res = await upload(accessToken, GOOD);
      expect(res.status).toBe(403);
      expect(res.body.detail).toMatch(/réservé au département gestion : il demande la permission events\.import\.create/);
    }
    const stranger = await loginAs(t.app, 'admin', 'msp');
    expect((await upload(stranger.accessToken, GOOD)).status).toBe(403);
    const rows = await withTenant({ tenantId: stranger.tenantId, userId: stranger.userId }, async (trx) => ({
      events: await trx('event_events').whereIn('number', [109, 1023]).select('id'),
      contracts: await trx('event_contracts').whereIn('number', [652, 412]).select('id'),
      clients: await trx('event_clients').whereIn('fullName', ['John Ouick', 'Lou Bouzin']).select('id'),
    }), t.knex);
    expect(rows).toEqual({ events: [], contracts: [], clients: [] });
  });

  it('puts an imported event still to come into the lead-to-event process, waiting for a support contact', async () => {
    const bytes = await xlsxOf([{
      name: 'Futur', title: 'Séminaire à venir', rows: [
        ['Event ID', 8201], ['Contract ID', 8951], ['Client name', 'Future Client Import'], ['Client contact', 'future.client@example.fr'],
        ['Event date start', '4 Jun 2031 @ 1PM'], ['Event date end', '4 Jun 2031 @ 6PM'], ['Location', 'Blois'], ['Attendees', 40],
      ],
    }]);
    const res = await upload(management, bytes, 'futur.xlsx');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ processesJoined: 1, totals: { created: 1 } });
    const client = await t.admin('event_clients').where({ tenantId: epic, fullName: 'Future Client Import' }).first('id');
    // The contract and the event exist already: the process skips to "assign a support contact".
    let task: { status: string } | undefined;
    for (let i = 0; i < 300 && !task; i++) {
      task = await t.admin('tasks').where({ tenantId: epic, businessKey: client.id, elementId: 'AssignSupport', status: 'open' }).first();
      if (!task) await new Promise((r) => setTimeout(r, 100));
    }
    expect(task).toBeDefined();
    const done = await t.admin('tasks').where({ tenantId: epic, businessKey: client.id }).whereNot({ elementId: 'AssignSupport' }).pluck('status');
    expect(done.every((s: string) => s === 'cancelled')).toBe(true);
    // The spec's own examples are past events: records only, no process.
    expect(await t.admin('process_instances').where({ tenantId: epic }).whereIn('businessKey', t.admin('event_clients').where({ fullName: 'Lou Bouzin' }).select(t.admin.raw('id::text'))).first('id')).toBeUndefined();
  });
});
