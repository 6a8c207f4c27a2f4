import type { RequestHandler } from 'express';
import multer from 'multer';
import { DomainError, ValidationError } from '../../domain/errors';
import { coreMessage } from '../../domain/i18n/core.messages';

export interface SingleFileUpload {
  /** The largest file accepted, in bytes. */
  maxBytes: number;
  /** What is sent: any file, or a workbook (the 413 then says to split it). */
  kind: 'file' | 'workbook';
  /** Other multipart fields accepted beside the file. */
  fields?: number;
}

/**
 * Reads one file from the multipart field `file` into memory. Every way the
 * upload can be wrong is the sender's: a file over the limit answers 413; a
 * second file, an unexpected field, and a body that is not well-formed
 * multipart (no boundary, a malformed part header, a form cut short — errors
 * busboy raises as plain Errors) answer 400 naming the field; nothing is written.
 */
export function singleFileUpload(options: SingleFileUpload): RequestHandler {
  // Browsers send file names as UTF-8 without saying so; busboy's default would read them as latin1.
  const upload = multer({
    storage: multer.memoryStorage(), defParamCharset: 'utf8',
    limits: { fileSize: options.maxBytes, files: 1, fields: options.fields ?? 5 },
  }).single('file');
  return (req, res, next) => {
    upload(req, res, (err: unknown) => {
      if (!err) return next();
      const e = err as { name?: string; code?: string };
      if (e.code === 'LIMIT_FILE_SIZE') {
        return next(new DomainError(coreMessage('upload.too-large', { kind: options.kind, megabytes: Math.round(options.maxBytes / 1024 / 1024) }), 413, 'too-large'));
      }
      const message = coreMessage('upload.invalid', { kind: options.kind, form: e.name === 'MulterError' ? e.code ?? 'multipart' : null });
      next(new ValidationError([{ field: 'file', message }], coreMessage('upload.invalid-detail', { message })));
    });
  };
}
