import { Router, type Request } from 'express';
import { z } from 'zod';
import { breachNotification } from '../../domain/gdpr/breach-organisation';
import { renderNotificationPdf } from '../../domain/gdpr/breach-notification-pdf';
import { signalBreach, startBreachResponse } from '../../domain/gdpr/breach-process';
import {
  breachCommunicationInput, breachDeclareInput, breachListQuery, breachNotificationInput, breachUpdateInput,
} from '../../domain/gdpr/breach.schema';
import {
  closeBreach, declareBreach, listBreaches, readBreach, recordCommunication, recordNotification, updateBreach, type BreachSignal,
} from '../../domain/gdpr/breaches';
import type { RequestContext } from '../../domain/core/record-service';
import { inTenant, type Reply } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { etagOf, expectedVersion } from '../http/if-match';
import { validate } from '../http/validate';

const idPath = z.object({ id: z.string().uuid('field.uuid') });
const notificationQuery = z.object({ format: z.enum(['json', 'pdf']).optional() }).strict();

/** What the breach's process hears once the change committed (its failure is logged; the change is saved). */
function signalAfterCommit(deps: ApiDeps, ctx: RequestContext, breachId: string, signal: BreachSignal | null): (() => Promise<void>) | undefined {
  if (!signal) return undefined;
  const tenantId = ctx.principal.tenantId;
  return async () => { await signalBreach(deps.knex, deps.temporal, tenantId, breachId, signal); };
}

function wantsPdf(req: Request, format: 'json' | 'pdf' | undefined): boolean {
  if (format) return format === 'pdf';
  return req.accepts(['application/json', 'application/pdf']) === 'application/pdf';
}

/**
 * `/api/v1/gdpr/breaches` (issue 15, ADR 0025): the register of personal data breaches — declared (its
 * process `gdpr.breach-response` started once committed), assessed, notified to the CNIL (initial, then
 * complements), the people's communications, closed; and the notification prepared for the CNIL's form.
 */
export function breachesRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/', inTenant(deps, async (req, ctx) => ({ body: { items: await listBreaches(ctx, validate(breachListQuery, req.query, 'query'), new Date()) } })));
  router.post('/', inTenant(deps, async (req, ctx) => {
    const breach = await declareBreach(ctx, validate(breachDeclareInput, req.body), new Date());
    const tenantId = ctx.principal.tenantId;
    return {
      status: 201, body: breach, headers: { ETag: etagOf(breach.version), Location: `/api/v1/gdpr/breaches/${breach.id}` },
      afterCommit: async () => { await startBreachResponse(deps.knex, await deps.temporal(), deps.taskQueue, tenantId, breach.id); },
    };
  }));
  router.get('/:id', inTenant(deps, async (req, ctx) => {
    const breach = await readBreach(ctx, validate(idPath, req.params, 'path').id, new Date());
    return { body: breach, headers: { ETag: etagOf(breach.version) } };
  }));
  router.patch('/:id', inTenant(deps, async (req, ctx) => {
    const { id } = validate(idPath, req.params, 'path');
    const { breach, signal } = await updateBreach(ctx, id, validate(breachUpdateInput, req.body), expectedVersion(req, true), new Date());
    return { body: breach, headers: { ETag: etagOf(breach.version) }, afterCommit: signalAfterCommit(deps, ctx, id, signal) };
  }));
  router.post('/:id/notifications', inTenant(deps, async (req, ctx) => {
    const { id } = validate(idPath, req.params, 'path');
    const { breach, signal } = await recordNotification(ctx, id, validate(breachNotificationInput, req.body), new Date());
    return { status: 201, body: breach, headers: { ETag: etagOf(breach.version) }, afterCommit: signalAfterCommit(deps, ctx, id, signal) };
  }));
  router.post('/:id/communications', inTenant(deps, async (req, ctx) => {
    const breach = await recordCommunication(ctx, validate(idPath, req.params, 'path').id, validate(breachCommunicationInput, req.body), new Date());
    return { status: 201, body: breach, headers: { ETag: etagOf(breach.version) } };
  }));
  router.post('/:id/close', inTenant(deps, async (req, ctx) => {
    const breach = await closeBreach(ctx, validate(idPath, req.params, 'path').id, new Date());
    return { body: breach, headers: { ETag: etagOf(breach.version) } };
  }));
  router.get('/:id/notification', inTenant(deps, async (req, ctx): Promise<Reply> => {
    const { id } = validate(idPath, req.params, 'path');
    const { format } = validate(notificationQuery, req.query, 'query');
    const { notification, organisation } = await breachNotification(ctx, id, new Date());
    if (!wantsPdf(req, format)) return { body: notification, headers: { 'Cache-Control': 'no-store' } };
    return {
      raw: await renderNotificationPdf(notification, organisation),
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="notification-violation-${notification.number}.pdf"`,
        'Cache-Control': 'no-store',
      },
    };
  }));
  return router;
}
