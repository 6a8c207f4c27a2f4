import { Router } from 'express';
import { z } from 'zod';
import { uuid } from '../../domain/core/fields';
import { declareTransfer, exportTransfer, listTransfers, previewTransfer, readTransfer, reidentify, transferChoices } from '../../domain/gdpr/transfers';
import { previewQuery, reidentifyInput, transferInput } from '../../domain/gdpr/transfers.schema';
import { inTenant, type Reply } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { etagOf } from '../http/if-match';
import { requestLocale } from '../http/locale';
import { validate } from '../http/validate';

const idPath = z.object({ id: uuid });

/**
 * `/api/v1/gdpr/transfers…` (issue 15, docs/adr/0030-transfers.md): the transfers to third parties the data
 * protection officer declares, what they may choose from, a preview of a few treated rows, the export (a zip
 * recorded with its checksum) and the audited re-identification of a pseudonym.
 */
export function transfersRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/transfers', inTenant(deps, async (req, ctx) => ({ body: { items: await listTransfers(ctx, requestLocale(req)) } })));
  router.get('/transfers/choices', inTenant(deps, async (req, ctx) => ({ body: await transferChoices(ctx, requestLocale(req)) })));
  router.post('/transfers', inTenant(deps, async (req, ctx) => {
    const created = await declareTransfer(ctx, validate(transferInput, req.body), requestLocale(req));
    return { status: 201, body: created, headers: { ETag: etagOf(created.version), Location: `${req.baseUrl}/transfers/${created.id}` } };
  }));
  router.get('/transfers/:id', inTenant(deps, async (req, ctx) => {
    const found = await readTransfer(ctx, validate(idPath, req.params, 'path').id, requestLocale(req));
    return { body: found, headers: { ETag: etagOf(found.version) } };
  }));
  router.get('/transfers/:id/preview', inTenant(deps, async (req, ctx) => {
    const { id } = validate(idPath, req.params, 'path');
    return { body: await previewTransfer(ctx, id, validate(previewQuery, req.query, 'query').rows, requestLocale(req)), headers: { 'Cache-Control': 'no-store' } };
  }));
  router.post('/transfers/:id/exports', inTenant(deps, async (req, ctx): Promise<Reply> => {
    const { id } = validate(idPath, req.params, 'path');
    const { archive, exportId } = await exportTransfer(ctx, id, requestLocale(req), new Date());
    return {
      status: 201, raw: archive,
      headers: {
        'Content-Type': 'application/zip', 'Cache-Control': 'no-store', 'X-Relais-Export-Id': exportId,
        'Content-Disposition': `attachment; filename="transfert-${id.slice(0, 8)}-${exportId.slice(0, 8)}.zip"`,
      },
    };
  }));
  router.post('/transfers/:id/reidentify', inTenant(deps, async (req, ctx) => {
    const { id } = validate(idPath, req.params, 'path');
    return { body: await reidentify(ctx, id, validate(reidentifyInput, req.body).pseudonym, requestLocale(req)) };
  }));
  return router;
}
