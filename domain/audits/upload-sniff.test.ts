import { sniffUploadType } from './upload-sniff';

describe('an upload\'s type is read from its bytes', () => {
  test('photos and PDF', () => {
    expect(sniffUploadType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(sniffUploadType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffUploadType(Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniffUploadType(Buffer.from('\u0000\u0000\u0000\u0018ftypheic\u0000\u0000', 'latin1'))).toBe('image/heic');
    expect(sniffUploadType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
  });
  test('anything else, whatever its name, is refused', () => {
    expect(sniffUploadType(Buffer.from('<html><script>alert(1)</script>'))).toBeNull();
    expect(sniffUploadType(Buffer.from('MZ\u0090\u0000', 'latin1'))).toBeNull();
    expect(sniffUploadType(Buffer.alloc(0))).toBeNull();
  });
});
