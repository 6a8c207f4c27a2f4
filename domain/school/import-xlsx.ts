import { UnzipLimitError, unzipBounded, type UnzipLimits } from '../core/uploads/unzip-bounded';

/**
 * The first sheet of an .xlsx as rows of cell texts, for the registry import (ADR 0050): 100,000 rows read in a
 * few seconds with little memory. The archive is unpacked within the platform's limits (unzip-bounded.ts: a zip
 * bomb is refused), each part decoded as a whole (exceljs's streaming reader decodes its chunks one by one and
 * splits a character across two — « N’DIAYE » read « N��DIAYE » — so it is not used), then the sheet's XML read:
 * shared strings, inline strings, numbers as written. Formulas give their cached result.
 */
export const XLSX_LIMITS: UnzipLimits = { maxUnpackedBytes: 400 * 1024 * 1024, maxEntries: 10_000, maxRatio: 200, ratioFloorBytes: 1024 * 1024 };

export interface SheetCell { text: string; numeric: boolean }
export interface SheetRow { row: number; cells: Map<number, SheetCell> }

export class NotAWorkbookError extends Error {}
export { UnzipLimitError };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: '\'' };

export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return ENTITIES[e]!;
  }).replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The text runs of a string item (`<si>` or `<is>`), phonetic runs left out. */
function runs(xml: string): string {
  let out = '';
  for (const m of xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)) out += m[1] ? decodeXml(m[1]) : '';
  return out;
}

function attr(attrs: string, name: string): string | undefined {
  return new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs)?.[1];
}

/** « B12 » → 2. */
function columnOf(ref: string): number {
  let col = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    col = col * 26 + (code - 64);
  }
  return col;
}

/** Where the workbook's first sheet is (its part name), from workbook.xml and its relationships. */
function firstSheetPart(parts: Map<string, string>): string | undefined {
  const workbook = parts.get('xl/workbook.xml');
  const rels = parts.get('xl/_rels/workbook.xml.rels');
  const sheet = workbook ? /<sheet\b([^>]*)\/?>/.exec(workbook)?.[1] : undefined;
  const id = sheet ? attr(sheet, 'r:id') : undefined;
  if (id && rels) {
    for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
      if (attr(m[1]!, 'Id') !== id) continue;
      const target = attr(m[1]!, 'Target') ?? '';
      return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    }
  }
  return [...parts.keys()].filter((k) => /^xl\/worksheets\/[^/]+\.xml$/.test(k)).sort()[0];
}

/** The first sheet's rows (non-empty cells only), in order; `maxRows` bounds what is read. */
export async function readFirstSheet(buffer: Buffer, maxRows: number): Promise<{ rows: SheetRow[]; tooMany: boolean }> {
  let entries;
  try {
    entries = await unzipBounded(buffer, XLSX_LIMITS);
  } catch (error) {
    if (error instanceof UnzipLimitError) throw error;
    throw new NotAWorkbookError((error as Error).message);
  }
  const wanted = entries.filter((e) => e.name === 'xl/workbook.xml' || e.name === 'xl/_rels/workbook.xml.rels' || e.name === 'xl/sharedStrings.xml' || /^xl\/worksheets\/[^/]+\.xml$/.test(e.name));
  const parts = new Map(wanted.map((e) => [e.name, e.data.toString('utf8')]));
  const sheetPart = firstSheetPart(parts);
  const sheet = sheetPart ? parts.get(sheetPart) : undefined;
  if (!sheet) throw new NotAWorkbookError('no worksheet');
  const shared: string[] = [];
  for (const m of (parts.get('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) shared.push(m[1] ? runs(m[1]) : '');

  const rows: SheetRow[] = [];
  let previous = 0;
  for (const m of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const number = Number(attr(m[1]!, 'r') ?? previous + 1);
    previous = number;
    if (!m[2]) continue;
    const cells = new Map<number, SheetCell>();
    let col = 0;
    for (const c of m[2].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const ref = attr(c[1]!, 'r');
      col = ref ? columnOf(ref) : col + 1;
      const body = c[2];
      if (!body) continue;
      const type = attr(c[1]!, 't');
      let text: string;
      if (type === 'inlineStr') text = runs(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
      else {
        const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
        if (v === undefined) continue;
        text = type === 's' ? shared[Number(v)] ?? '' : decodeXml(v);
      }
      if (text !== '') cells.set(col, { text, numeric: !type || type === 'n' });
    }
    if (!cells.size) continue;
    if (rows.length >= maxRows) return { rows, tooMany: true };
    rows.push({ row: number, cells });
  }
  return { rows, tooMany: false };
}
