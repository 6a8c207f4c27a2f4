import zlib from 'node:zlib';
import JSZip from 'jszip';

/**
 * Crafted archives for the upload guards' tests, written byte by byte so that
 * their headers can say what the test wants, true or not.
 */
export interface ZipEntrySpec {
  name: string;
  /** Raw deflate data (method 8); without it, `stored` is written as is (method 0). */
  deflated?: Buffer;
  stored?: Buffer;
  /** What the headers declare the entry unpacks to. */
  declaredSize: number;
  crc?: number;
}

const MiB = 1024 * 1024;

/** A raw deflate stream that inflates to `mib` MiB of zeros: one fully flushed block repeated, then an empty final block. Fast to build. */
export function deflatedZeros(mib: number): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(MiB), { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array.from({ length: mib }, () => block), Buffer.from([0x03, 0x00])]);
}

/** A zip archive whose local headers and central directory declare each entry's `declaredSize`. */
export function writeZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = entry.deflated ?? entry.stored ?? Buffer.alloc(0);
    const method = entry.deflated ? 8 : 0;
    const crc = entry.crc ?? 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(entry.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(entry.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The entries of a real workbook, each deflated honestly. */
export async function honestEntries(xlsx: Buffer): Promise<ZipEntrySpec[]> {
  const zip = await JSZip.loadAsync(xlsx);
  const out: ZipEntrySpec[] = [];
  for (const file of Object.values(zip.files)) {
    if (file.dir) continue;
    const data = await file.async('nodebuffer');
    out.push({ name: file.name, deflated: zlib.deflateRawSync(data), declaredSize: data.length, crc: zlib.crc32(data) });
  }
  return out;
}

/**
 * A real workbook whose first sheet is replaced by `mib` MiB of zeros, its
 * headers declaring `declaredSize` bytes for it (2 KB: the lie of a zip bomb;
 * the true size: an honest but huge workbook).
 */
export async function workbookWithHugeSheet(xlsx: Buffer, mib: number, declaredSize: number): Promise<Buffer> {
  const entries = await honestEntries(xlsx);
  const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml');
  if (!sheet) throw new Error('the workbook has no xl/worksheets/sheet1.xml');
  Object.assign(sheet, { deflated: deflatedZeros(mib), declaredSize, crc: 0 });
  return writeZip(entries);
}
