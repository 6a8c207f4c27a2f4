import path from 'node:path';
import { Router } from 'express';
import { localDiskStorage } from '../../integrations/storage/local-disk.storage';
import { env } from '../../config/env';
import { assignInboundMail, discardInboundMail, intakeAddress, listInboundMails, inboundMailAssign } from '../../domain/psa/mail-intake-triage';
import { ticketAfterCommit } from '../../domain/psa/ticket-actions';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { idempotent } from '../http/idempotency';
import { validate } from '../http/validate';

/**
 * `/api/v1/psa/inbound-mails`: the mail the intake could not file (unknown sender, failed), for the
 * team to sort — file on a client (opens its ticket) or discard (domain/psa/mail-intake-triage.ts).
 */
export function inboundMailsRouter(deps: ApiDeps): Router {
  const router = Router();
  // The documents' own storage: a mail filed on a client keeps its attachments on the ticket it opens.
  const storage = localDiskStorage(path.resolve(deps.dataDir, 'documents'));
  router.get('/', inTenant(deps, async (req, ctx) => ({
    body: { items: await listInboundMails(ctx, typeof req.query.status === 'string' ? req.query.status : undefined) },
  })));
  router.get('/address', inTenant(deps, async (_req, ctx) => ({ body: { address: await intakeAddress(ctx, env().RELAIS_MAIL_DOMAIN) } })));
  router.post('/:id/assign', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const { mail, outcome } = await assignInboundMail(ctx, String(req.params.id), validate(inboundMailAssign, req.body), storage);
    return { body: { mail, ticket: outcome.ticket }, afterCommit: () => ticketAfterCommit(deps, ctx.principal.tenantId, outcome) };
  })));
  router.post('/:id/discard', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => ({ body: await discardInboundMail(ctx, String(req.params.id)) }))));
  return router;
}
