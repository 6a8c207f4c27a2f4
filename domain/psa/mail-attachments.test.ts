import type { Attachment } from 'mailparser';
import { refusedAttachmentsNote, sortMailAttachments } from './mail-attachments';

const file = (filename: string | undefined, contentType: string, bytes: number, disposition = 'attachment') =>
  ({ filename, contentType, contentDisposition: disposition, content: Buffer.alloc(bytes, 1), size: bytes }) as unknown as Attachment;

describe('sortMailAttachments: what an inbound mail\'s ticket keeps', () => {
  it('keeps accepted types whose name ends as their type, refuses the others, and ignores nameless inline parts (signature logos)', () => {
    const { kept, refused } = sortMailAttachments([
      file('devis.PDF', 'application/pdf', 10), file('photo.jpeg', 'image/jpeg; name=photo.jpeg', 10), file(undefined, 'image/png', 10, 'inline'),
      file('page.html', 'text/html', 10), file('script.js', 'text/plain', 10), file(undefined, 'application/pdf', 10),
    ]);
    expect(kept.map((k) => [k.filename, k.contentType])).toEqual([['devis.PDF', 'application/pdf'], ['photo.jpeg', 'image/jpeg']]);
    expect(refused).toEqual([
      { filename: 'page.html', reason: 'type de fichier non accepté (text/html, .html)' },
      { filename: 'script.js', reason: 'type de fichier non accepté (text/plain, .js)' },
      { filename: 'sans nom', reason: 'type de fichier non accepté (application/pdf)' },
    ]);
  });

  it('refuses past the count and the per-mail total, keeping the earlier files', () => {
    const limits = { fileBytes: 100, mailBytes: 250, count: 3 };
    const { kept, refused } = sortMailAttachments([
      file('a.txt', 'text/plain', 100), file('b.txt', 'text/plain', 100), file('c.txt', 'text/plain', 100), file('d.txt', 'text/plain', 40),
      file('e.txt', 'text/plain', 101), file('f.txt', 'text/plain', 1),
    ], limits);
    expect(kept.map((k) => k.filename)).toEqual(['a.txt', 'b.txt', 'd.txt']);
    expect(refused.map((r) => r.filename)).toEqual(['c.txt', 'e.txt', 'f.txt']);
    expect(refused[0]!.reason).toMatch(/de pièces jointes au plus par courriel/);
    expect(refused[1]!.reason).toMatch(/^fichier trop volumineux/);
    expect(refused[2]!.reason).toBe('3 pièces jointes au plus par courriel');
  });

  it('writes the refused files as French lines for the ticket\'s text, nothing when none', () => {
    expect(refusedAttachmentsNote([])).toBe('');
    expect(refusedAttachmentsNote([{ filename: 'x.exe', reason: 'type de fichier non accepté (application/x-msdownload, .exe)' }]))
      .toBe('\n\nPièces jointes non conservées :\n- x.exe : type de fichier non accepté (application/x-msdownload, .exe)');
  });
});
