import ExcelJS from 'exceljs';
import { UnprocessableError, ValidationError } from '../errors';
import { DEFAULT_MAPPING_COLUMNS } from './import-mapping.schema';
import { readStudentWorkbook } from './import-workbook';
import { decodeXml } from './import-xlsx';

const HEADERS = ['Nom Prénom', 'Numéro de sécurité sociale', 'Statut', 'Adresse postale', 'Leur entreprise si alumni', 'Téléphone personnel et professionnel', 'Curscus'];

async function workbook(rows: unknown[][], options: { title?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Étudiants');
  if (options.title) ws.addRow(['Référentiel des étudiants — export du 04/12/2026']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('reading the registry workbook', () => {
  it('reads shared strings, rich text, numbers as written and a phone Excel made a number; the header found below a title', async () => {
    const file = await workbook([
      HEADERS.map((h) => h.toUpperCase()),
      [{ richText: [{ text: 'N’DIAYE ' }, { text: 'Aïssatou' }] }, 185057512345601, 'En fonction', '1 rue <A> & B, 35000, Rennes', '', 612345678, 'BTS SIO'],
      [],
      ['LE GALL Jean-Pierre', '1850575123456 01', 'alumni', '', 'Ouest Conseil', '0612345678 0299871400', ''],
    ], { title: true });
    const rows = await readStudentWorkbook({ buffer: file, originalname: 'r.xlsx' }, DEFAULT_MAPPING_COLUMNS);
    expect(rows).toEqual([
      { row: 3, cells: { name: 'N’DIAYE Aïssatou', nir: '185057512345601', status: 'En fonction', address: '1 rue <A> & B, 35000, Rennes', company: '', phones: '0612345678', cursus: 'BTS SIO' } },
      { row: 5, cells: { name: 'LE GALL Jean-Pierre', nir: '1850575123456 01', status: 'alumni', address: '', company: 'Ouest Conseil', phones: '0612345678 0299871400', cursus: '' } },
    ]);
  });

  it('refuses a layout without the mapped headers, naming them (422)', async () => {
    const file = await workbook([HEADERS.filter((h) => h !== 'Statut'), ['DUPONT Marie', '1', '', '', '', '']]);
    const error = await readStudentWorkbook({ buffer: file, originalname: 'r.xlsx' }, DEFAULT_MAPPING_COLUMNS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableError);
    expect((error as UnprocessableError).message).toBe('Disposition du fichier incorrecte : colonne(s) absente(s) « Statut ». Rien n’a été importé.');
  });

  it('refuses what is not an xlsx (400)', async () => {
    await expect(readStudentWorkbook({ buffer: Buffer.from('Nom;Statut\n'), originalname: 'r.csv' }, DEFAULT_MAPPING_COLUMNS)).rejects.toBeInstanceOf(ValidationError);
    await expect(readStudentWorkbook({ buffer: Buffer.from('PK\x03\x04 broken'), originalname: 'r.xlsx' }, DEFAULT_MAPPING_COLUMNS)).rejects.toBeInstanceOf(ValidationError);
  });

  it('decodes XML entities and Excel\'s escaped characters', () => {
    expect(decodeXml('a &amp; b &lt;c&gt; &#233;&#x20AC; _x000D_')).toBe('a & b <c> é€ \r');
  });
});
