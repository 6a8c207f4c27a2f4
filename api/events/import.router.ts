import { Router } from 'express';
import { ValidationError } from '../../domain/errors';
import { MAX_IMPORT_BYTES } from '../../domain/events/legacy-workbook';
import { importEventsSpreadsheet } from '../../domain/events/spreadsheet-import';
import { coreMessage } from '../../domain/i18n/core.messages';
import { renderDeep } from '../../domain/i18n/messages';
import { inTenant } from '../http/authenticated';
import { requestLocale } from '../http/locale';
import type { ApiDeps } from '../http/deps';
import { singleFileUpload } from '../http/upload';
import { joinProcess } from './imported-events.link';

/**
 * POST / — imports the legacy events spreadsheet (multipart field `file`, an
 * .xlsx up to 5 MB). `?dryRun=true` answers the same report without writing.
 * The answer is the import report, sheet by sheet and row by row, in the reader's language.
 */
export function eventsImportRouter(deps: ApiDeps): Router {
  const router = Router();
  const single = singleFileUpload({
    maxBytes: MAX_IMPORT_BYTES, kind: 'workbook',
  });

  router.post('/', single, inTenant(deps, async (req, ctx) => {
    const dryRun = req.query.dryRun;
    if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false') {
      throw new ValidationError([{ field: 'dryRun', message: coreMessage('field.boolean-text') }]);
    }
    const report = await importEventsSpreadsheet(ctx, req.file, { filename: req.file?.originalname ?? null, dryRun: dryRun === 'true', ip: req.ip ?? null });
    const { joined, afterCommit } = await joinProcess(deps, ctx, report);
    // The report's messages, written in the reader's language (each row's `message` with its `code` and `params`).
    return { body: renderDeep({ ...report, processesJoined: joined }, requestLocale(req)), afterCommit };
  }));
  return router;
}
