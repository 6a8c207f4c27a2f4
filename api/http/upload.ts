import type { RequestHandler } from 'express';
import multer from 'multer';
import { DomainError, ValidationError } from '../../domain/errors';

export interface SingleFileUpload {
  /** The largest file accepted, in bytes. */
  maxBytes: number;
  /** The 413 detail for a larger file (French, says what to do). */
  tooLarge: string;
  /** What to send, for the 400 detail: "un fichier .xlsx". */
  expected: string;
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
      if (e.code === 'LIMIT_FILE_SIZE') return next(new DomainError(options.tooLarge, 413, 'too-large'));
      const why = e.name === 'MulterError' ? `le formulaire envoyé n'est pas celui attendu (${e.code ?? 'multipart'})` : 'le corps multipart est mal formé';
      const message = `${why} : envoyez ${options.expected} dans le champ multipart « file »`;
      next(new ValidationError([{ field: 'file', message }], `Envoi de fichier invalide : ${message}.`));
    });
  };
}
