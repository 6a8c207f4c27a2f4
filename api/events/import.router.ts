import { Router, type RequestHandler } from 'express';
import multer from 'multer';
import { DomainError, ValidationError } from '../../domain/errors';
import { importEventsSpreadsheet, MAX_IMPORT_BYTES } from '../../domain/events/spreadsheet-import';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { joinProcess } from './imported-events.link';

/**
 * POST / — imports the legacy events spreadsheet (multipart field `file`, an
 * .xlsx up to 5 MB). `?dryRun=true` answers the same report without writing.
 * The answer is the import report, sheet by sheet and row by row.
 */
export function eventsImportRouter(deps: ApiDeps): Router {
  const router = Router();
  // Browsers send file names as UTF-8 without saying so; busboy's default would read them as latin1.
  const upload = multer({ storage: multer.memoryStorage(), defParamCharset: 'utf8', limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5 } });
  const single: RequestHandler = (req, res, next) => {
    upload.single('file')(req, res, (err: unknown) => {
      if (!err) return next();
      const e = err as { name?: string; code?: string; message?: string };
      if (e.code === 'LIMIT_FILE_SIZE') {
        return next(new DomainError(`The spreadsheet is too large (limit ${MAX_IMPORT_BYTES / 1024 / 1024} MB). Split it into several workbooks.`, 413, 'too-large'));
      }
      if (e.name === 'MulterError') {
        return next(new ValidationError([{ field: 'file', message: `the upload is not valid (${e.message}): send one .xlsx file in the multipart field "file"` }]));
      }
      return next(err);
    });
  };

  router.post('/', single, inTenant(deps, async (req, ctx) => {
    const dryRun = req.query.dryRun;
    if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false') {
      throw new ValidationError([{ field: 'dryRun', message: 'must be true or false' }]);
    }
    const report = await importEventsSpreadsheet(ctx, req.file, { filename: req.file?.originalname ?? null, dryRun: dryRun === 'true', ip: req.ip ?? null });
    const { joined, afterCommit } = await joinProcess(deps, ctx, report);
    return { body: { ...report, processesJoined: joined }, afterCommit };
  }));
  return router;
}
