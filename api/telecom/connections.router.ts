import { Router } from 'express';
import { env, publicUrl } from '../../config/env';
import { defaultSecretBox } from '../../domain/core/secret-box';
import { ValidationError } from '../../domain/errors';
import { connectionKey, connectionKind } from '../../domain/telecom/connection.schema';
import { listConnections, putConnection } from '../../domain/telecom/connections';
import { integrationsMessage } from '../../domain/telecom/integrations.messages';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { etagOf, expectedVersion } from '../http/if-match';

/**
 * The tenant's connections to its operators and billing systems (ADR 0042), under /api/v1/telecom:
 * `GET /connections` (« voir API »: telecom.connection.read) lists them with the adapters installed;
 * `PUT /connections/{kind}/{key}` (telecom.connection.update) creates or replaces one — credentials and the
 * webhook secret are sealed at rest and never answered, only which credential fields are set.
 */
export function connectionsRouter(deps: ApiDeps): Router {
  const router = Router();
  const base = () => (deps.publicUrl ?? publicUrl(env())).replace(/\/$/, '');

  router.get('/connections', inTenant(deps, async (_req, ctx) => ({ body: await listConnections(ctx, defaultSecretBox(), base()) })));

  router.put('/connections/:kind/:key', inTenant(deps, async (req, ctx) => {
    const kind = connectionKind.safeParse(req.params.kind);
    if (!kind.success) throw new ValidationError([{ field: 'kind', message: integrationsMessage('telecom.connections.bad-kind') }]);
    const key = connectionKey.safeParse(req.params.key);
    if (!key.success) throw new ValidationError([{ field: 'key', message: integrationsMessage('telecom.connections.bad-key') }]);
    const saved = await putConnection(ctx, defaultSecretBox(), kind.data, key.data, req.body, expectedVersion(req, false), base());
    return { body: saved, headers: { ETag: etagOf(saved.version) } };
  }));
  return router;
}
