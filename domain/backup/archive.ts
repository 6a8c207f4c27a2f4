import type { Readable } from 'node:stream';

/**
 * The framing of a backup part: a sequence of entries, each a header (JSON)
 * followed by data chunks and an end mark. Frame: type (1 byte) · length
 * (4 bytes, big-endian) · payload. Streamed both ways: nothing holds a whole
 * table or file in memory.
 */
export const FRAME = { header: 1, data: 2, end: 3 } as const;
const MAX_FRAME = 16 * 1024 * 1024;

export function frame(type: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt8(type, 0);
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}

export const headerFrame = (header: Record<string, unknown>): Buffer => frame(FRAME.header, Buffer.from(JSON.stringify(header)));

/** Cuts a chunk into data frames of at most 1 MB. */
export function* dataFrames(chunk: Buffer): Generator<Buffer> {
  for (let at = 0; at < chunk.length; at += 1024 * 1024) yield frame(FRAME.data, chunk.subarray(at, at + 1024 * 1024));
}

export type Frame = { type: typeof FRAME.header; header: Record<string, unknown> } | { type: typeof FRAME.data; data: Buffer } | { type: typeof FRAME.end };

/** Reads the frames of a byte stream; a truncated or malformed stream throws. */
export async function* readFrames(source: Readable | AsyncIterable<Buffer>): AsyncGenerator<Frame> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of source as AsyncIterable<Buffer>) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= 5) {
      const type = pending.readUInt8(0);
      const length = pending.readUInt32BE(1);
      if (length > MAX_FRAME) throw new Error(`backup archive: a frame of ${length} bytes (malformed)`);
      if (pending.length < 5 + length) break;
      const payload = pending.subarray(5, 5 + length);
      pending = pending.subarray(5 + length);
      if (type === FRAME.header) yield { type, header: JSON.parse(payload.toString('utf8')) as Record<string, unknown> };
      else if (type === FRAME.data) yield { type, data: Buffer.from(payload) };
      else if (type === FRAME.end) yield { type };
      else throw new Error(`backup archive: unknown frame type ${type}`);
    }
  }
  if (pending.length) throw new Error('backup archive: truncated');
}
