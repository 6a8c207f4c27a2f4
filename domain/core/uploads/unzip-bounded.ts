import yauzl from 'yauzl';

/**
 * Unpacking an uploaded zip (an .xlsx is one) without trusting what it
 * declares. A zip bomb declares small entries that inflate to gigabytes: the
 * sizes in its headers are only used to refuse early an archive that admits
 * being too big; what is enforced is the count of bytes REALLY produced by
 * the inflater, entry by entry, checked on every chunk as it comes out.
 * yauzl (validateEntrySizes) also fails an entry as soon as it produces more
 * than it declared.
 */
export interface UnzipLimits {
  /** Total bytes the entries may inflate to. */
  maxUnpackedBytes: number;
  maxEntries: number;
  /** An entry past `ratioFloorBytes` may not inflate to more than this many times its compressed size. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export type UnzipLimit = 'unpacked-size' | 'entries' | 'ratio';

/** The archive goes past a limit: nothing more is inflated. */
export class UnzipLimitError extends Error {
  constructor(readonly limit: UnzipLimit, message: string) {
    super(message);
    this.name = 'UnzipLimitError';
  }
}

/** Not a zip yauzl can read (damaged, truncated, encrypted). */
export class UnreadableZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableZipError';
  }
}

export interface UnzippedEntry {
  name: string;
  data: Buffer;
}

function openZip(buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) reject(new UnreadableZipError(err?.message ?? 'not a zip archive'));
      else resolve(zip);
    });
  });
}

/** Inflates every file entry of the archive, within the limits; directories are left out. */
export async function unzipBounded(buffer: Buffer, limits: UnzipLimits): Promise<UnzippedEntry[]> {
  const zip = await openZip(buffer);
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new UnzipLimitError('entries', `the archive holds ${zip.entryCount} entries (at most ${limits.maxEntries})`);
  }
  const entries: UnzippedEntry[] = [];
  let declared = 0;
  let produced = 0;

  const inflate = (entry: yauzl.Entry): Promise<Buffer> => new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(new UnreadableZipError(err?.message ?? 'unreadable entry'));
      const chunks: Buffer[] = [];
      let bytes = 0;
      const stop = (error: Error) => { stream.destroy(); reject(error); };
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        produced += chunk.length;
        if (produced > limits.maxUnpackedBytes) {
          return stop(new UnzipLimitError('unpacked-size', `the archive inflates to more than ${limits.maxUnpackedBytes} bytes`));
        }
        if (bytes > limits.ratioFloorBytes && bytes > limits.maxRatio * Math.max(1, entry.compressedSize)) {
          return stop(new UnzipLimitError('ratio', `"${entry.fileName}" inflates to more than ${limits.maxRatio} times its compressed size`));
        }
        chunks.push(chunk);
      });
      stream.on('error', (error: Error) => {
        // yauzl's validateEntrySizes: the entry holds more than its header says (the signature of a zip bomb).
        if (/too many bytes in the stream/.test(error.message)) reject(new UnzipLimitError('unpacked-size', `"${entry.fileName}" inflates to more than it declares`));
        else reject(error instanceof UnzipLimitError ? error : new UnreadableZipError(error.message));
      });
      stream.on('end', () => resolve(Buffer.concat(chunks, bytes)));
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (err: Error) => reject(new UnreadableZipError(err.message)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        declared += entry.uncompressedSize;
        // Honest but too big: refused before anything is inflated.
        if (declared > limits.maxUnpackedBytes) {
          return reject(new UnzipLimitError('unpacked-size', `the archive declares more than ${limits.maxUnpackedBytes} bytes once unpacked`));
        }
        if (entry.uncompressedSize > limits.ratioFloorBytes && entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)) {
          return reject(new UnzipLimitError('ratio', `"${entry.fileName}" declares more than ${limits.maxRatio} times its compressed size`));
        }
        inflate(entry).then((data) => {
          entries.push({ name: entry.fileName, data });
          zip.readEntry();
        }, reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return entries;
}
