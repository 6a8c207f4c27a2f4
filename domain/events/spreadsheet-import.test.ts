import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { BAD_SHEETS, SPEC_EXAMPLES, workbookOf } from '../../scripts/fixtures/make-events-spreadsheet';
import { ValidationError } from '../errors';
import { renderText, type Text } from '../i18n/messages';
import { fieldOfKey, normaliseKey } from './legacy-sheet-fields';
import type { ParsedSheet } from './legacy-sheet-parser';
import { checkXlsxUpload, readEventWorkbook, XLSX_MIME } from './legacy-workbook';
import { matchSupport } from './spreadsheet-import';

/** A report's message as an English reader gets it (French is the default: see the French checks). */
const en = (text: Text | undefined) => (text === undefined ? undefined : renderText(text, 'en'));

const FIXTURES = path.resolve(__dirname, '../../test/fixtures/events');
const good = fs.readFileSync(path.join(FIXTURES, 'epic-events-legacy.xlsx'));
const bad = fs.readFileSync(path.join(FIXTURES, 'epic-events-legacy-bad.xlsx'));

async function bufferOf(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function oneSheet(rows: Array<[unknown, unknown, ...unknown[]]>, title: string | null = 'Test event'): Promise<ParsedSheet> {
  const buffer = await bufferOf((wb) => {
    const ws = wb.addWorksheet('Sheet');
    if (title !== null) ws.getCell('A1').value = title;
    rows.forEach((cells, i) => cells.forEach((v, c) => { ws.getCell(i + 2, c + 1).value = v as ExcelJS.CellValue; }));
  });
  const [sheet] = await readEventWorkbook(buffer);
  return sheet!;
}

const BASE: Array<[string, unknown]> = [
  ['Event ID', 5], ['Contract ID', 6], ['Client name', 'Ada Client'], ['Client contact', 'ada@example.org'],
  ['Event date start', '4 Jun 2023 @ 1PM'], ['Event date end', '4 Jun 2023 @ 5PM'],
];

describe('the spec\'s example sheets (test/fixtures/events/epic-events-legacy.xlsx)', () => {
  let sheets: ParsedSheet[];
  beforeAll(async () => { sheets = await readEventWorkbook(good); });

  it('hold the two examples of spec 001 exactly', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(good as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['John Ouick Wedding', 'Lou Bouzin General Assembly']);
    for (const [i, example] of SPEC_EXAMPLES.entries()) {
      const ws = wb.worksheets[i]!;
      expect(ws.getCell('A1').value).toBe(example.title);
      expect(ws.getCell('B1').value).toBeNull();
      example.rows.forEach(([key, value], r) => {
        expect(ws.getCell(r + 2, 1).value).toBe(key);
        expect(ws.getCell(r + 2, 2).value).toBe(value);
      });
      expect(ws.rowCount).toBe(11);
    }
  });

  it('reads John Ouick\'s wedding: numbers, Paris times with the summer offset, contact split', () => {
    const s = sheets[0]!;
    expect(s.errors).toEqual([]);
    expect(s.draft).toEqual({
      eventNumber: 109, contractNumber: 652, supportName: 'Kate Hastroff',
      client: { fullName: 'John Ouick', email: 'john.ouick@gmail.com', phone: '+12345678901', notes: null },
      contact: expect.objectContaining({ personName: null, email: 'john.ouick@gmail.com', phone: '+12345678901' }),
      event: {
        name: 'John Ouick Wedding', startsAt: '2023-06-04T13:00:00+02:00', endsAt: '2023-06-05T02:00:00+02:00',
        location: '53 Rue du Château, 41120 Candé-sur-Beuvron, France', attendees: 75,
        notes: 'Wedding starts at 3PM, by the river. Catering is organized, reception starts at 5PM. Kate needs to organize the DJ for after party.',
      },
    });
    expect(s.rows.map((r) => [r.row, r.field, r.outcome])).toEqual([
      [1, 'name', 'mapped'], [2, 'eventNumber', 'mapped'], [3, 'contractNumber', 'mapped'], [4, 'clientName', 'mapped'],
      [5, 'clientContact', 'mapped'], [6, 'startsAt', 'mapped'], [7, 'endsAt', 'mapped'], [8, 'supportContact', 'mapped'],
      [9, 'location', 'mapped'], [10, 'attendees', 'mapped'], [11, 'notes', 'mapped'],
    ]);
  });

  it('reads Lou Bouzin\'s assembly: the contact person and the invalid phone go to the client\'s notes, with a warning', () => {
    const s = sheets[1]!;
    expect(s.errors).toEqual([]);
    expect(s.draft).toMatchObject({
      eventNumber: 1023, contractNumber: 412, supportName: 'Aliénor Vichum',
      client: {
        fullName: 'Lou Bouzin', email: 'jacky@loubouzin.grd', phone: null,
        notes: 'Personne à contacter : Jacky Blangier\nTéléphone tel qu\'écrit dans le classeur (numéro non valide) : + 666 12345',
      },
      event: { name: 'Lou Bouzin General Assembly', startsAt: '2023-05-05T15:00:00+02:00', endsAt: '2023-05-05T17:00:00+02:00', attendees: 200, location: 'Salle des fêtes de Mufflins' },
    });
    const contact = s.rows.find((r) => r.field === 'clientContact')!;
    expect(contact.outcome).toBe('warning');
    expect(en(contact.message)).toMatch(/"\+ 666 12345" is not a valid phone number/);
  });
});

describe('sheets that must be rejected (test/fixtures/events/epic-events-legacy-bad.xlsx)', () => {
  let sheets: ParsedSheet[];
  beforeAll(async () => { sheets = await readEventWorkbook(bad); });

  it('rejects every sheet, each for its reason, and writes nothing for any', () => {
    expect(sheets.map((s) => s.sheet)).toEqual(BAD_SHEETS.map((s) => s.name));
    for (const s of sheets) {
      expect(s.draft).toBeNull();
      expect(s.errors.length).toBeGreaterThan(0);
    }
    const reasons = Object.fromEntries(sheets.map((s) => [s.sheet, s.errors.map(en)]));
    expect(reasons['Missing Event ID']).toEqual(['"Event ID" is missing: add a row with "Event ID" in column A and its value in column B.']);
    expect(reasons['Unparseable date']).toEqual([expect.stringMatching(/^Row 6 \(Event date start\): "sometime in June" is not a date and time/)]);
    expect(reasons['End before start']).toEqual(['Row 7 (Event date end): must be after the start (the event starts 5 Jun 2023, 14:00)']);
    const endBeforeStart = sheets.find((s) => s.sheet === 'End before start')!.errors[0]!;
    expect(renderText(endBeforeStart, 'fr')).toBe('Ligne 7 (Event date end) : doit être après le début (l\'événement commence le 5 juin 2023, 14:00)');
    expect(reasons['Attendees lots']).toEqual(['Row 10 (Attendees): "lots" is not a number of attendees (a whole number, 0 or more)']);
    expect(reasons['Unknown keys']).toEqual(['Event ID', 'Contract ID', 'Client name', 'Event date start', 'Event date end'].map((k) => expect.stringContaining(`"${k}" is missing`)));
    expect(reasons.Empty).toEqual([expect.stringMatching(/^The sheet is empty/)]);
  });

  it('marks the faulty row as an error and reports unknown keys row by row', () => {
    const date = sheets.find((s) => s.sheet === 'Unparseable date')!;
    expect(date.rows.find((r) => r.row === 6)).toMatchObject({ key: 'Event date start', field: 'startsAt', value: 'sometime in June', outcome: 'error' });
    const unknown = sheets.find((s) => s.sheet === 'Unknown keys')!;
    expect(unknown.rows.filter((r) => r.outcome === 'warning').map((r) => [r.row, r.key])).toEqual([
      [2, 'Reference'], [3, 'Customer ref'], [4, 'Who'], [5, 'When'], [6, 'Finish'], [7, 'Budget'],
    ]);
  });
});

describe('parseEventSheet', () => {
  it('matches keys whatever their case, spacing or language', async () => {
    const s = await oneSheet([
      ['ID événement', 7], ['  contract   id : ', '#8'], ['Nom du client', 'Société Générale des Fêtes'], ['Contact du client', 'Paul <paul@sgf.fr>'],
      ['Date de début', '4 juin 2023 @ 13h'], ['DATE DE FIN', '4 juin 2023 @ 18h'], ['Contact support', 'kate hastroff'],
      ['Lieu', 'Blois'], ['Nombre de participants', '1 200'], ['Remarques', 'RAS'],
    ]);
    expect(s.errors).toEqual([]);
    expect(s.draft).toMatchObject({
      eventNumber: 7, contractNumber: 8, supportName: 'kate hastroff',
      client: { fullName: 'Société Générale des Fêtes', email: 'paul@sgf.fr', notes: 'Personne à contacter : Paul' },
      event: { startsAt: '2023-06-04T13:00:00+02:00', endsAt: '2023-06-04T18:00:00+02:00', location: 'Blois', attendees: 1200, notes: 'RAS' },
    });
    expect(normaliseKey("Date de début de l'événement:")).toBe('datedebutevenement');
    expect(fieldOfKey('event_date_start')).toBe('startsAt');
    expect(fieldOfKey('N° événement')).toBe('eventNumber');
  });

  it('keeps unknown keys, values without a key and cells beyond column B in the event\'s notes, with a warning each', async () => {
    const s = await oneSheet([...BASE, ['Notes', 'Main notes'], ['Catering', 'Chez Paul'], [null, 'orphan value'], ['Location', 'Blois', 'parking lot C'], ['Dress code', null]]);
    expect(s.errors).toEqual([]);
    expect(s.draft!.event.notes).toBe('Main notes\nChamp importé Catering : Chez Paul\nChamp importé (ligne 10) : orphan value\nChamp importé Location (C11) : parking lot C');
    expect(s.rows.filter((r) => r.outcome === 'warning').map((r) => [r.row, r.key, en(r.message)])).toEqual([
      [9, 'Catering', "not a key of the event sheet: its value is kept in the event's notes"],
      [10, '', "a value without a key in column A: kept in the event's notes"],
      [11, 'Location (C11)', "beyond column B: kept in the event's notes"],
      [12, 'Dress code', 'not a key of the event sheet, and empty: nothing to keep'],
    ]);
  });

  it('names the event after the client when A1 is empty, and reads a sheet that starts with its keys', async () => {
    const empty = await oneSheet(BASE, null);
    expect(empty.draft!.event.name).toBe('Ada Client event');
    expect(empty.messages.map(en)).toContain('A1 has no title: the event is named "Ada Client event".');
    const buffer = await bufferOf((wb) => {
      const ws = wb.addWorksheet('No title');
      BASE.forEach(([k, v], i) => { ws.getCell(i + 1, 1).value = k; ws.getCell(i + 1, 2).value = v as ExcelJS.CellValue; });
    });
    const [noTitle] = await readEventWorkbook(buffer);
    expect(noTitle!.errors).toEqual([]);
    expect(noTitle!.draft).toMatchObject({ eventNumber: 5, event: { name: 'Ada Client event' } });
  });

  it('reads Excel date cells, hyperlinked emails, rich text and formulas', async () => {
    const buffer = await bufferOf((wb) => {
      const ws = wb.addWorksheet('Cells');
      ws.getCell('A1').value = { richText: [{ text: 'Gala ', font: { bold: true } }, { text: 'de printemps' }] };
      const rows: Array<[string, ExcelJS.CellValue]> = [
        ['Event ID', { formula: '100+11', result: 111 }], ['Contract ID', 12], ['Client name', 'Ada Client'],
        ['Client contact', { text: 'ada@example.org', hyperlink: 'mailto:ada@example.org' }],
        ['Event date start', new Date(Date.UTC(2024, 2, 30, 20, 0))], ['Event date end', new Date(Date.UTC(2024, 2, 31, 4, 0))],
      ];
      rows.forEach(([k, v], i) => { ws.getCell(i + 2, 1).value = k; ws.getCell(i + 2, 2).value = v; });
      ws.getCell('B6').numFmt = 'dd/mm/yyyy hh:mm';
      ws.getCell('B7').numFmt = 'dd/mm/yyyy hh:mm';
    });
    const [s] = await readEventWorkbook(buffer);
    expect(s!.errors).toEqual([]);
    // The night of the spring change: 20:00 winter time to 04:00 summer time.
    expect(s!.draft).toMatchObject({
      eventNumber: 111, client: { email: 'ada@example.org' },
      event: { name: 'Gala de printemps', startsAt: '2024-03-30T20:00:00+01:00', endsAt: '2024-03-31T04:00:00+02:00' },
    });
  });

  it('rejects with each reason: bad numbers, a repeated key, an empty required value, negative attendees', async () => {
    const s = await oneSheet([
      ['Event ID', 'abc'], ['Contract ID', 3.5], ['Client name', null], ['Client contact', 'x@example.org'],
      ['Event date start', '4 Jun 2023 @ 1PM'], ['Event date end', '4 Jun 2023 @ 5PM'], ['Attendees', -1], ['Event date end', '5 Jun 2023 @ 5PM'],
    ]);
    expect(s.draft).toBeNull();
    expect(s.errors.map(en)).toEqual([
      'Row 9 (Event date end): "Event date end" appears twice (rows 7 and 9): keep one',
      'Row 2 (Event ID): "abc" is not an event number (a whole number such as 109)',
      'Row 3 (Contract ID): "3.5" is not a contract number (a whole number such as 652)',
      'Row 4 (Client name): is empty, and it is required',
      'Row 8 (Attendees): "-1" is not a number of attendees (a whole number, 0 or more)',
    ]);
  });

  it('accepts zero attendees and leaves empty optional values out', async () => {
    const s = await oneSheet([...BASE, ['Attendees', 0], ['Location', null], ['Support contact', '']]);
    expect(s.draft).toMatchObject({ supportName: null, event: { attendees: 0, location: null } });
    const support = s.rows.find((r) => r.key === 'Support contact')!;
    expect(support.outcome).toBe('warning');
    expect(en(support.message)).toMatch(/no support contact/);
    expect(renderText(support.message!, 'fr')).toMatch(/aucun contact support/);
  });

  it('refuses a sheet far longer than an event sheet, and ignores rows that only carry formatting', async () => {
    const long = await oneSheet(Array.from({ length: 250 }, (_, i) => [`Key ${i}`, i] as [string, number]));
    expect(long.errors.map(en)).toEqual([expect.stringMatching(/^The sheet has 251 rows/)]);
    const buffer = await bufferOf((wb) => {
      const ws = wb.addWorksheet('Styled');
      ws.getCell('A1').value = 'Styled';
      BASE.forEach(([k, v], i) => { ws.getCell(i + 2, 1).value = k; ws.getCell(i + 2, 2).value = v as ExcelJS.CellValue; });
      ws.getCell('A500').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' } };
    });
    const [styled] = await readEventWorkbook(buffer);
    expect(styled!.errors).toEqual([]);
  });

  it('applies the API\'s own limits (zod schemas), naming the row', async () => {
    const s = await oneSheet([...BASE, ['Location', 'x'.repeat(501)]]);
    expect(s.errors.map(en)).toEqual(['Row 8 (Location): must be at most 500 characters']);
  });
});

describe('the uploaded file (checkXlsxUpload, readEventWorkbook)', () => {
  const expectBad = (file: Parameters<typeof checkXlsxUpload>[0], message: RegExp) => {
    let error: unknown;
    try { checkXlsxUpload(file); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems[0]!.field).toBe('file');
    expect(en((error as ValidationError).problems[0]!.message)).toMatch(message);
    expect(en((error as ValidationError).detail)).toMatch(/Expected an Excel workbook \(\.xlsx\)/);
    expect((error as ValidationError).message).toMatch(/Attendu : un classeur Excel \(\.xlsx\)/);
  };

  it('accepts the fixture', () => {
    expect(() => checkXlsxUpload({ buffer: good, originalname: 'epic-events-legacy.xlsx', mimetype: XLSX_MIME })).not.toThrow();
    expect(() => checkXlsxUpload({ buffer: good, originalname: 'export', mimetype: XLSX_MIME })).not.toThrow();
  });

  it('says what is expected for anything else', () => {
    expectBad(undefined, /is required/);
    expectBad({ buffer: Buffer.from('Event ID;109\n'), originalname: 'events.csv', mimetype: 'text/csv' }, /a CSV file is not an \.xlsx workbook/);
    expectBad({ buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), originalname: 'events.xls', mimetype: 'application/vnd.ms-excel' }, /Excel 97-2003/);
    expectBad({ buffer: good, originalname: 'events.zip', mimetype: 'application/zip' }, /is not an \.xlsx workbook/);
  });

  it('refuses a damaged archive, and a zip that holds no workbook, saying what is expected', async () => {
    const damaged = await readEventWorkbook(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]), 'x.xlsx').catch((e: unknown) => e);
    expect(damaged).toBeInstanceOf(ValidationError);
    expect(en((damaged as ValidationError).problems[0]!.message)).toBe('"x.xlsx" is damaged: it is not a readable .xlsx workbook');
    const zip = new JSZip();
    zip.file('hello.txt', 'not a workbook');
    const notWorkbook = await readEventWorkbook(await zip.generateAsync({ type: 'nodebuffer' }), 'hello.xlsx').catch((e: unknown) => e);
    expect(notWorkbook).toBeInstanceOf(ValidationError);
    expect(en((notWorkbook as ValidationError).detail)).toMatch(/the workbook has no sheet\. Expected an Excel workbook \(\.xlsx\)/);
  });
});

describe('matchSupport', () => {
  const users = [{ id: 'u1', displayName: 'Kate Hastroff' }, { id: 'u2', displayName: 'Aliénor Vichum' }, { id: 'u3', displayName: 'Sam Twin' }, { id: 'u4', displayName: 'Sam  Twin' }];
  it('ignores case, accents and spacing, and never picks among namesakes', () => {
    expect(matchSupport(users, 'kate hastroff')).toEqual({ kind: 'one', user: users[0] });
    expect(matchSupport(users, 'ALIENOR VICHUM')).toEqual({ kind: 'one', user: users[1] });
    expect(matchSupport(users, 'Sam Twin')).toEqual({ kind: 'several', count: 2 });
    expect(matchSupport(users, 'Nobody')).toEqual({ kind: 'none' });
    expect(matchSupport(users, null)).toEqual({ kind: 'none' });
  });
});

// The fixture generator is what wrote the committed files: regenerating gives the same sheets.
describe('make-events-spreadsheet', () => {
  it('builds the same sheets as the committed bad fixture', async () => {
    const rebuilt = await readEventWorkbook(Buffer.from(await workbookOf(BAD_SHEETS).xlsx.writeBuffer()));
    const committed = await readEventWorkbook(bad);
    expect(rebuilt.map((s) => [s.sheet, s.errors])).toEqual(committed.map((s) => [s.sheet, s.errors]));
  });
});
