import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { deflatedZeros, honestEntries, workbookWithHugeSheet, writeZip } from '../../../test/support/zip-bomb';
import { unzipBounded, UnreadableZipError, UnzipLimitError, type UnzipLimits } from './unzip-bounded';

const GOOD = fs.readFileSync(path.resolve(__dirname, '../../../test/fixtures/events/epic-events-legacy.xlsx'));
const LIMITS: UnzipLimits = { maxUnpackedBytes: 100 * 1024 * 1024, maxEntries: 50, maxRatio: 200, ratioFloorBytes: 1024 * 1024 };

async function refusal(buffer: Buffer, limits = LIMITS): Promise<UnzipLimitError> {
  const error = await unzipBounded(buffer, limits).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(UnzipLimitError);
  return error as UnzipLimitError;
}

describe('unzipBounded', () => {
  it('unpacks a real workbook, entry by entry, to the bytes each declares', async () => {
    const entries = await unzipBounded(GOOD, LIMITS);
    const expected = await honestEntries(GOOD);
    expect(entries.map((e) => [e.name, e.data.length])).toEqual(expected.map((e) => [e.name, e.declaredSize]));
  });

  it('stops a sheet that declares 2 KB and really inflates to 4.5 GB as soon as it passes what it declares', async () => {
    const bomb = await workbookWithHugeSheet(GOOD, 4578, 2048);
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024);
    expect((await refusal(bomb)).limit).toBe('unpacked-size');
  });

  it('refuses an honest archive that declares more than the limit, before inflating it', async () => {
    const honest = writeZip([{ name: 'big.xml', deflated: deflatedZeros(150), declaredSize: 150 * 1024 * 1024 }]);
    const error = await refusal(honest, { ...LIMITS, maxRatio: 100_000 });
    expect(error.limit).toBe('unpacked-size');
    expect(error.message).toMatch(/declares more than/);
  });

  it('refuses an entry compressed far more than a spreadsheet ever is', async () => {
    const zeros = writeZip([{ name: 'zeros.xml', deflated: deflatedZeros(20), declaredSize: 20 * 1024 * 1024 }]);
    expect((await refusal(zeros)).limit).toBe('ratio');
    // Small entries may be as repetitive as they like.
    const small = zlib.deflateRawSync(Buffer.alloc(512 * 1024));
    await expect(unzipBounded(writeZip([{ name: 'small.xml', deflated: small, declaredSize: 512 * 1024 }]), LIMITS)).resolves.toHaveLength(1);
  });

  it('refuses an archive of too many entries', async () => {
    const many = writeZip(Array.from({ length: 51 }, (_, i) => ({ name: `e${i}`, stored: Buffer.from('x'), declaredSize: 1, crc: zlib.crc32('x') })));
    expect((await refusal(many)).limit).toBe('entries');
  });

  it('says a damaged archive is unreadable', async () => {
    await expect(unzipBounded(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]), LIMITS)).rejects.toBeInstanceOf(UnreadableZipError);
  });
});
