import type { UPLOAD_TYPES } from './capture.schema';

/**
 * The type of an uploaded file read from its first bytes (its signature), never from the name or
 * the type the client claims: only photos (JPEG, PNG, WebP, HEIC) and PDF are accepted (ADR 0035).
 */
export function sniffUploadType(bytes: Buffer): (typeof UPLOAD_TYPES)[number] | null {
  const starts = (signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
  const ascii = (from: number, to: number) => bytes.subarray(from, to).toString('latin1');
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(4, 8) === 'ftyp' && ['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].includes(ascii(8, 12))) return 'image/heic';
  if (ascii(0, 5) === '%PDF-') return 'application/pdf';
  return null;
}
