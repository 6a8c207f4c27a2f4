import { SPEC_EXAMPLES, workbookOf } from '../../../scripts/fixtures/make-events-spreadsheet';
import { readXlsx, WorkbookRefusedError, XLSX_UNZIP_LIMITS } from './read-xlsx';

const OPTIONS = { limits: XLSX_UNZIP_LIMITS, maxSheets: 1000, maxRowsPerSheet: 200 };

describe('readXlsx (a worker thread with a memory cap)', () => {
  let workbook: Buffer;
  beforeAll(async () => {
    const sheets = Array.from({ length: 1000 }, (_, i) => ({ ...SPEC_EXAMPLES[i % 2]!, name: `Sheet ${i}` }));
    workbook = Buffer.from(await workbookOf(sheets).xlsx.writeBuffer());
  });

  it('reads every sheet as plain rows of cells', async () => {
    const read = await readXlsx(workbook, OPTIONS);
    expect(read.kind).toBe('sheets');
    if (read.kind !== 'sheets') return;
    expect(read.sheets).toHaveLength(1000);
    expect(read.sheets[0]!.rows![0]!.cells[0]).toEqual({ col: 1, value: SPEC_EXAMPLES[0]!.title });
  });

  it('answers 413 in French when the reading needs more than the worker may take, and the next reading works', async () => {
    const error = await readXlsx(workbook, OPTIONS, { heapMb: 24, timeoutMs: 120_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbookRefusedError);
    expect(error).toMatchObject({ status: 413, message: 'Le classeur demande trop de mémoire à la lecture (24 Mo au maximum) : divisez-le en plusieurs classeurs.' });
    await expect(readXlsx(workbook, { ...OPTIONS, maxSheets: 10 })).resolves.toEqual({ kind: 'too-many-sheets', count: 1000 });
  });

  it('answers 422 when the reading takes longer than allowed', async () => {
    const error = await readXlsx(workbook, OPTIONS, { heapMb: 256, timeoutMs: 1 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422, message: expect.stringMatching(/^La lecture du classeur a pris trop de temps/) });
  });
});
